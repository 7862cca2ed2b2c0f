import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { connect, type Store } from '@hall/event-store';
import { createTestDatabase, startTcpProxy, type TcpProxy, type TestDatabase } from '@hall/testing';
import { createHall, createTestApp, type HallFixture, type TestApp } from '../testing/test-app.ts';
import { organisationEvents } from '@hall/testing';

// The service reaches PostgreSQL only through a proxy that can reset every
// connection (a restart, a failover); the test itself reads the database directly.
let direct: TestDatabase;
let proxy: TcpProxy;
let proxied: Store;
let t: TestApp;
let hall: HallFixture;
const poolErrors: Error[] = [];

const rating = (id: string) => ({
  id,
  type: 'RatingSubmitted',
  occurredAt: '2026-11-20T10:00:00+08:00',
  data: { ratingId: id, level: 4, channel: 'kiosk', windowId: 'w1' },
});

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 300; i += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function storedCount(ids: string[]): Promise<Map<string, number>> {
  const rows = await direct.db
    .selectFrom('events')
    .select(['event_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('event_id', 'in', ids)
    .groupBy('event_id')
    .execute();
  return new Map(rows.map((r) => [r.event_id, Number(r.n)]));
}

beforeAll(async () => {
  direct = await createTestDatabase();
  const target = new URL(direct.url);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  proxied = await connect({ databaseUrl: proxy.urlFor(direct.url), dataDir: '', poolSize: 4, onPoolError: (e) => poolErrors.push(e) });
  t = await createTestApp({ database: { ...direct, db: proxied.db, store: proxied, drop: async () => {} } });
  hall = await createHall(t);
  await hall.post(organisationEvents());
});
afterAll(async () => {
  await t?.close();
  await proxied?.close();
  await proxy?.close();
  await direct?.drop();
});

describe('PostgreSQL going away behind the service', () => {
  it('survives connections reset while checked out, answers 503 while the database is away, and recovers without a restart', async () => {
    const acknowledged = await hall.supervisor.post(`/v1/halls/${hall.hallId}/events`, { events: [rating('r-before')] });
    expect(acknowledged.statusCode).toBe(200);

    // A connection checked out in an open transaction, between two queries, when the server goes away:
    // pg-pool does not listen for its errors then, so an unhandled 'error' event would end the process.
    let cutNow!: () => void;
    const cutDone = new Promise<void>((resolve) => {
      cutNow = resolve;
    });
    const inFlight = proxied.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      cutNow();
      await new Promise((r) => setTimeout(r, 50));
      await until(async () => (proxy.openConnections() === 0 ? true : undefined), 'the proxy to drop its connections');
      await sql`select 2`.execute(trx);
    });
    await cutDone;
    proxy.cut();
    await expect(inFlight).rejects.toThrow();
    expect(poolErrors.length).toBeGreaterThan(0);

    // While it is away: appends and readiness answer 503 with a problem body and Retry-After.
    const refused = await hall.supervisor.post(`/v1/halls/${hall.hallId}/events`, { events: [rating('r-during'), rating('r-during-2')] });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.data).toMatchObject({ status: 503, code: 'NOT_READY' });
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(JSON.parse(ready.body)).toMatchObject({ status: 503 });
    expect(ready.headers['retry-after']).toMatch(/^\d+$/);

    // Back again: the same process is ready, and the client's retry with the same ids is stored once.
    proxy.restore();
    await until(async () => ((await t.app.inject({ method: 'GET', url: '/health/ready' })).statusCode === 200 ? true : undefined), 'ready again');
    const retried = await hall.supervisor.post(`/v1/halls/${hall.hallId}/events`, { events: [rating('r-during'), rating('r-during-2')] });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.data.results.map((r: { status: string }) => r.status)).toEqual(['appended', 'appended']);
    const again = await hall.supervisor.post(`/v1/halls/${hall.hallId}/events`, { events: [rating('r-before'), rating('r-during')] });
    expect(again.data.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'duplicate']);

    const counts = await storedCount(['r-before', 'r-during', 'r-during-2']);
    expect(Object.fromEntries(counts)).toEqual({ 'r-before': 1, 'r-during': 1, 'r-during-2': 1 });
    // Positions stay gap-free through the outage.
    const positions = await direct.db.selectFrom('events').select('position').where('hall_id', '=', hall.hallId).orderBy('position').execute();
    expect(positions.map((p) => Number(p.position))).toEqual(positions.map((_, i) => i + 1));
  });

  it('a batch whose connection is reset in flight is stored whole or not at all, and its retry stores it once', async () => {
    const batch = Array.from({ length: 200 }, (_, i) => rating(`r-cut-${i}`));
    const posting = hall.supervisor.post(`/v1/halls/${hall.hallId}/events`, { events: batch });
    // Cut at once, wherever the append is: before, inside or after its transaction.
    proxy.cut();
    const first = await posting;
    expect([200, 503]).toContain(first.statusCode);
    proxy.restore();
    await until(async () => ((await t.app.inject({ method: 'GET', url: '/health/ready' })).statusCode === 200 ? true : undefined), 'ready again');
    const counts = await storedCount(batch.map((e) => e.id));
    expect([0, batch.length]).toContain(counts.size);
    const retried = await hall.supervisor.post(`/v1/halls/${hall.hallId}/events`, { events: batch });
    expect(retried.statusCode, retried.body).toBe(200);
    const after = await storedCount(batch.map((e) => e.id));
    expect(after.size).toBe(batch.length);
    expect([...after.values()].every((n) => n === 1)).toBe(true);
    const verify = await hall.supervisor.get(`/v1/halls/${hall.hallId}/audit/verify`);
    expect(verify.statusCode, verify.body).toBe(200);
    expect(verify.data.ok).toBe(true);
  });
});
