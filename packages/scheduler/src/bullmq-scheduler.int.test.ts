import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRedisUrl } from '@hall/testing';
import { readEvents } from '@hall/event-store';
import { generateSigner, HallStates, periodDocument } from '@hall/assessment';
import { assessmentHarness, type AssessmentHarness } from '@hall/assessment/testing';
import { organisationEvents } from '@hall/testing';
import { periodJobs } from './period-jobs.ts';
import type { Scheduler } from './scheduler.ts';
import { startBullmqScheduler } from './bullmq-scheduler.ts';

let t: AssessmentHarness;
/** A second service instance: its own in-memory states over the same database. */
let second: HallStates;
const { signer } = generateSigner();
const schedulers: Scheduler[] = [];
const queueName = `test-${randomUUID()}`;

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 300; i += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

beforeAll(async () => {
  t = await assessmentHarness({ now: '2026-11-26T04:00:00Z' });
  second = new HallStates(t.database.db, t.now);
});
afterAll(async () => {
  for (const s of schedulers) await s.close();
  // Leave nothing of this test's queue (its job scheduler included) in Redis.
  const queue = new Queue(queueName, { connection: { url: testRedisUrl() } });
  await queue.obliterate({ force: true });
  await queue.close();
  await t.close();
});

describe('the BullMQ schedule', () => {
  it('two workers on one queue publish each version once, catching up every due month in order', async () => {
    const hallId = await t.givenHall({ assessmentStartsOn: '2026-09-01', autoAdvance: true });
    await t.post(hallId, organisationEvents());
    // Ten days on: the collecting week the hall got for September and October (0009) and the objection days are over.
    t.setNow('2026-12-06T00:00:00+08:00');
    const log = pino({ level: 'silent' });
    const redisUrl = testRedisUrl();
    // Two service instances (each with its own in-memory state) share the queue and the database.
    for (const halls of [t.halls, second]) {
      schedulers.push(await startBullmqScheduler({ redisUrl, jobs: periodJobs(halls, signer), everyMs: 200, log, queueName, clock: t.now }));
    }
    const october = await waitFor(async () => {
      const doc = await periodDocument(t.halls, await t.halls.caughtUp(hallId), '2026-10');
      return doc.stage === 'final' ? doc : undefined;
    }, 'October to be final');
    expect(october.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const september = await periodDocument(t.halls, await t.halls.caughtUp(hallId), '2026-09');
    expect(september.stage).toBe('final');
    expect(september.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    // Let a few more scans run: nothing more is published.
    await new Promise((r) => setTimeout(r, 1000));
    const history = await readEvents(t.database.db, hallId, { after: 0, limit: 1000 });
    const moves = history.filter((e: { type: string }) => e.type === 'PeriodAdvanced').map((e: { id: string }) => e.id);
    expect(new Set(moves).size).toBe(moves.length);
    expect(moves).toHaveLength(7); // September and October: collecting, preliminary, final; November: collecting
    // September moved before October.
    expect(moves.indexOf(`period:${hallId}:2026-09:final`)).toBeLessThan(moves.indexOf(`period:${hallId}:2026-10:collecting`));
  });
});
