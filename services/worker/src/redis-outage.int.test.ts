import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationEvents, startTcpProxy, testRedisUrl, type TcpProxy } from '@hall/testing';
import { createHall, createTestApp, type TestApp } from '../../api/src/testing/test-app.ts';
import { periodJobs, startBullmqScheduler, type Scheduler } from '@hall/scheduler';

// The scheduler reaches Redis only through a proxy that can reset every
// connection and refuse new ones; the test watches the queue directly.
let t: TestApp;
let proxy: TcpProxy;
let scheduler: Scheduler | undefined;
let watcher: Queue;
const queueName = `test-outage-${randomUUID()}`;

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 600; i += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-26T04:00:00Z' });
  const target = new URL(testRedisUrl());
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
  watcher = new Queue(queueName, { connection: { url: testRedisUrl() } });
});
afterAll(async () => {
  proxy?.restore(); // a failed test may leave it cut; closing the worker needs Redis
  await scheduler?.close();
  await watcher.obliterate({ force: true });
  await watcher.close();
  await proxy.close();
  await t.close();
});

describe('Redis going away behind the scheduler', () => {
  it('ingest and reads go on; the schedule resumes when Redis returns and runs what fell due once', async () => {
    // November is the hall's first month, so nothing is due yet.
    const hall = await createHall(t, { assessmentStartsOn: '2026-11-01', autoAdvance: true });
    await hall.post(organisationEvents('2026-11-01T08:00:00+08:00'));
    const log = pino({ level: 'silent' });
    scheduler = await startBullmqScheduler({ redisUrl: proxy.urlFor(testRedisUrl()), jobs: periodJobs(t.assessment, t.signer), everyMs: 200, log, queueName, clock: t.now });
    await until(async () => ((await watcher.getCompletedCount()) > 0 ? true : undefined), 'a scan to run with Redis up');
    expect((await scheduler.readiness()).ok).toBe(true);

    proxy.cut();
    // While Redis is away November ends and its stages fall due.
    t.setNow('2027-01-06T00:00:00+08:00');
    const appended = await hall.supervisor.post(`/v1/halls/${hall.hallId}/events`, {
      events: [{ id: 'r-outage', type: 'RatingSubmitted', occurredAt: '2026-11-20T10:00:00+08:00', data: { ratingId: 'r-outage', level: 5, channel: 'kiosk', windowId: 'w1' } }],
    });
    expect(appended.statusCode, appended.body).toBe(200);
    const read = await hall.supervisor.get(`/v1/halls/${hall.hallId}/periods/2026-11/windows/w1`);
    expect(read.statusCode, read.body).toBe(200);
    expect((await scheduler.readiness()).ok).toBe(false);
    // A job already running at the cut needs only PostgreSQL and may finish the catch-up itself;
    // with or without it, every stage must be moved exactly once (checked below).

    proxy.restore();
    const november = await until(async () => {
      const res = await hall.supervisor.get(`/v1/halls/${hall.hallId}/periods/2026-11`);
      return res.data.stage === 'final' ? res.data : undefined;
    }, 'November to be final after Redis returned');
    expect(november.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect((await scheduler.readiness()).ok).toBe(true);
    // Further scans after the catch-up move nothing again.
    const scansBefore = await watcher.getCompletedCount();
    await until(async () => ((await watcher.getCompletedCount()) >= scansBefore + 3 ? true : undefined), 'three more scans');
    const history = await hall.supervisor.get(`/v1/halls/${hall.hallId}/events?after=0&limit=1000`);
    const moves = history.data.events.filter((e: { type: string }) => e.type === 'PeriodAdvanced').map((e: { id: string }) => e.id);
    expect(new Set(moves).size).toBe(moves.length);
    expect(moves.filter((id: string) => id.includes(':2026-11:'))).toEqual([
      `period:${hall.hallId}:2026-11:collecting`,
      `period:${hall.hallId}:2026-11:preliminary`,
      `period:${hall.hallId}:2026-11:final`,
    ]);
  });
});
