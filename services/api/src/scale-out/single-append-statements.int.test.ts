import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, organisationEvents, type TestDatabase } from '@hall/testing';
import { createHall, createTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * What one single-event POST costs the database (issue 18, decision 1841):
 * once this process knows the hall's head, a client's event goes in ONE
 * statement (`append_if_head`: lock, insert, head, contacts) and nothing else
 * while the request is open — the token, the hall, its catalogues and the
 * in-memory checks cost no round trip, and the void / case / leave lookups run
 * only for events that need them. The projection's batch comes afterwards, off
 * the request. A new lookup or a second statement on this path fails here.
 */
/**
 * Every statement any pg client of this process sends, BEGIN and COMMIT and
 * the store's raw compiled queries included (a Kysely plugin sees neither).
 */
class CapturedSql {
  readonly statements: string[] = [];
  #original = pg.Client.prototype.query;
  install(): void {
    const statements = this.statements;
    const original = this.#original;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const first = args[0] as string | { text?: string } | undefined;
      const text = typeof first === 'string' ? first : first?.text;
      if (text !== undefined) statements.push(text.trim());
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof pg.Client.prototype.query;
  }
  uninstall(): void {
    pg.Client.prototype.query = this.#original;
  }
}

let database: TestDatabase;
let t: TestApp;
const captured = new CapturedSql();

beforeAll(async () => {
  database = await createTestDatabase();
  captured.install();
  t = await createTestApp({ database, now: '2026-11-26T04:00:00Z' });
});
afterAll(async () => {
  captured.uninstall();
  await t?.close();
  await database?.drop();
});

const ticket = (id: string) => ({
  events: [{ id, type: 'TicketIssued', occurredAt: '2026-11-26T03:00:00Z', data: { ticketId: id, number: 'A1', serviceItemId: 'item1' } }],
});

describe('one single-event POST', () => {
  it('sends one statement while the request is open, once the head is known', async () => {
    const hall = await createHall(t, { assessmentStartsOn: '2026-09-01' });
    await hall.post(organisationEvents('2026-09-01T08:00:00+08:00'));
    const queue = await hall.client('queue');
    const url = `/v1/halls/${hall.hallId}/events`;
    // The first appends learn the head and cache the token; the projection settles.
    for (const id of ['t-1', 't-2']) expect((await queue.post(url, ticket(id))).statusCode).toBe(200);
    await t.assessment.caughtUp(hall.hallId);
    // No batch timer left from those appends: what is captured below is the request's own.
    t.assessment.runner.stop();

    captured.statements.length = 0;
    const res = await queue.post(url, ticket('t-3'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results).toEqual([{ id: 't-3', status: 'appended', position: expect.any(Number) }]);
    expect(captured.statements).toHaveLength(1);
    expect(captured.statements[0]).toMatch(/^\/\*prepared:append_if_head\*\//);

    // A retry with the same id is a duplicate: the fast statement finds the id stored and the locked path answers.
    captured.statements.length = 0;
    const again = await queue.post(url, ticket('t-3'));
    expect(again.json().results[0].status).toBe('duplicate');
    expect(captured.statements.length).toBeGreaterThan(1);
  });
});
