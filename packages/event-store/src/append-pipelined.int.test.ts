import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@hall/testing';
import { appendEvents, appendEventsInTransaction } from './append/append-events.ts';
import type { HallHead } from './append/append-types.ts';
import { lockHall } from './append/hall-append-lock.ts';
import { planGroup } from './append/plan-group.ts';
import { prepareBatch } from './append/prepare-batch.ts';
import { readHall } from './append/read-hall.ts';
import { writeEventsIfHead } from './append/write-events.ts';
import type { Database } from './database.ts';
import { getHall } from './halls.ts';
import { readEvents } from './read-events.ts';
import { emptyReferenceIds } from './unknown-references.ts';
import { verifyChain } from './verify-chain.ts';
import { givenHall, input, ticketCalled, type TestEvent } from './test-events.ts';

/**
 * The pipelined statement (decisions 1802, 1821) against a group still in
 * flight, held open here in a transaction of its own. PostgreSQL only: the
 * point is two connections at once.
 */
describe('a pipelined append statement on PostgreSQL', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());

  /** The head, salt and known entities the events name, as a process that just committed would know them. */
  async function headOf(hallId: string, events: TestEvent[]): Promise<HallHead> {
    const refIds = emptyReferenceIds();
    for (const e of prepareBatch(input(hallId, events))) for (const ref of e.refs) refIds[ref.kind].add(ref.id);
    const hall = await t.db.transaction().execute((trx) => readHall(trx, hallId, [], refIds));
    if (!hall) throw new Error('no hall');
    return hall;
  }

  function planOn(hallId: string, head: HallHead, events: TestEvent[]) {
    const batch = input(hallId, events);
    return planGroup(hallId, [batch], [prepareBatch(batch)], { ...head, known: new Set(head.known) }, new Map());
  }

  /** Resolves once `count` statements of this database wait on a lock (no timing: it polls the server's own view). */
  async function waiting(db: Kysely<Database>, count: number): Promise<void> {
    for (;;) {
      const { rows } = await sql<{ n: string }>`
        select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
      if (Number(rows[0].n) >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Like {@link waiting}, but fails at once if `statement` settles first (it did not wait at all). */
  async function waitingFor(statement: Promise<unknown>, count: number): Promise<void> {
    const settledFirst = statement.then((r) => {
      throw new Error(`the statement settled (${r}) instead of waiting`);
    });
    settledFirst.catch(() => undefined);
    await Promise.race([waiting(t.db, count), settledFirst]);
  }

  const tickets = (n: number) => Array.from({ length: n }, () => ticketCalled());

  /** A new hall, its head, and a first group of three events planned on that head (nothing sent yet). */
  async function firstGroupPlanned() {
    const hallId = await givenHall(t.db);
    const first = tickets(3);
    const head0 = await headOf(hallId, first);
    return { hallId, head0, a: planOn(hallId, head0, first) };
  }

  it('waits for the group before it to commit and then stores its own events after them', async () => {
    const { hallId, head0, a } = await firstGroupPlanned();
    const b = planOn(hallId, a.head, tickets(4));

    const inFlight = await t.db.startTransaction().execute();
    expect(await writeEventsIfHead(inFlight, hallId, a.appended, head0)).toBe('committed');
    // Sent while the first group has not committed: before decision 1821 its head check failed at once.
    const second = writeEventsIfHead(t.db, hallId, b.appended, a.head);
    await waitingFor(second, 1);
    await inFlight.commit().execute();

    expect(await second).toBe('committed');
    const stored = await readEvents(t.db, hallId, { after: 0, limit: 100 });
    expect(stored.map((e) => e.position)).toEqual(Array.from({ length: head0.headPosition + 7 }, (_, i) => i + 1));
    expect(await verifyChain(t.db, hallId)).toMatchObject({ ok: true, headPosition: head0.headPosition + 7 });
  });

  it('stores nothing when the group before it rolls back: no gap, the head stays', async () => {
    const { hallId, head0, a } = await firstGroupPlanned();
    const b = planOn(hallId, a.head, tickets(4));

    const inFlight = await t.db.startTransaction().execute();
    expect(await writeEventsIfHead(inFlight, hallId, a.appended, head0)).toBe('committed');
    const second = writeEventsIfHead(t.db, hallId, b.appended, a.head);
    await waitingFor(second, 1);
    await inFlight.rollback().execute();

    // The head is still the one before the group that rolled back: 'behind', and its caller falls back (1897).
    expect(await second).toBe('behind');
    expect(await readEvents(t.db, hallId, { after: head0.headPosition, limit: 100 })).toEqual([]);
    expect(await getHall(t.db, hallId)).toMatchObject({ headPosition: head0.headPosition, headHash: head0.headHash });
  });

  it('finds the head behind when it runs before the group it was planned after, and commits once that group has (1897)', async () => {
    const { hallId, head0, a } = await firstGroupPlanned();
    const b = planOn(hallId, a.head, tickets(4));

    // Two statements on two connections start in either order: here the later group's runs first. The earlier
    // group holds no head lock yet, so nothing makes it wait: it finds the head behind and stores nothing.
    expect(await writeEventsIfHead(t.db, hallId, b.appended, a.head)).toBe('behind');
    expect(await readEvents(t.db, hallId, { after: head0.headPosition, limit: 100 })).toEqual([]);
    expect(await getHall(t.db, hallId)).toMatchObject({ headPosition: head0.headPosition, headHash: head0.headHash });

    expect(await writeEventsIfHead(t.db, hallId, a.appended, head0)).toBe('committed');
    // The same statement, sent again once the earlier group has committed.
    expect(await writeEventsIfHead(t.db, hallId, b.appended, a.head)).toBe('committed');
    expect(await verifyChain(t.db, hallId)).toMatchObject({ ok: true, headPosition: head0.headPosition + 7 });
  });

  it('finds the head moved (not behind) when another writer took the position it was planned on', async () => {
    const { hallId, head0, a } = await firstGroupPlanned();
    // Another writer appends as many events first: the head reaches the position `a` would leave, with other hashes.
    expect(await appendEventsInTransaction(t.db, input(hallId, tickets(3), 'other'))).toMatchObject({ ok: true });
    await expect(writeEventsIfHead(t.db, hallId, a.appended, head0)).rejects.toMatchObject({ code: '23505' });
    // Planned after `a`: its positions are free, but the head at that position is not the one it was planned on.
    const b = planOn(hallId, a.head, tickets(1));
    expect(await writeEventsIfHead(t.db, hallId, b.appended, a.head)).toBe('moved');
    expect(await verifyChain(t.db, hallId)).toMatchObject({ ok: true, headPosition: head0.headPosition + 3 });
  });

  it('lets a locked writer (a period move) in after the statements in flight and before later ones, without a deadlock', async () => {
    const { hallId, head0, a } = await firstGroupPlanned();
    const b = planOn(hallId, a.head, tickets(4));
    const c = planOn(hallId, b.head, tickets(2));

    const inFlight = await t.db.startTransaction().execute();
    expect(await writeEventsIfHead(inFlight, hallId, a.appended, head0)).toBe('committed');
    const second = writeEventsIfHead(t.db, hallId, b.appended, a.head);
    await waitingFor(second, 1);
    // A period move: the hall's lock, then an append in the same transaction (the scheduler's shape).
    const locked = t.db.transaction().execute(async (trx) => {
      await lockHall(trx, hallId);
      return appendEventsInTransaction(trx, input(hallId, [ticketCalled()], 'scheduler'));
    });
    await waiting(t.db, 2);
    // Planned on the head the second group will leave; it queues behind the locked writer, which moves the head first.
    const third = writeEventsIfHead(t.db, hallId, c.appended, b.head);
    third.catch(() => undefined);
    await waiting(t.db, 3);
    await inFlight.commit().execute();

    expect(await second).toBe('committed');
    const moved = await locked;
    expect(moved).toMatchObject({ ok: true, results: [{ status: 'appended', position: b.head.headPosition + 1 }] });
    // Its positions are taken by the locked writer's event: nothing of it is stored (the caller falls back).
    await expect(third).rejects.toMatchObject({ code: '23505' });
    expect(await verifyChain(t.db, hallId)).toMatchObject({ ok: true, headPosition: b.head.headPosition + 1 });
  });

  it('sends a full group that arrives while another is in flight at once, not after that one settled (decision 1871)', async () => {
    const hallId = await givenHall(t.db);
    // This process commits once, so it knows the head and pipelines what follows.
    expect(await appendEvents(t.db, input(hallId, tickets(1)))).toMatchObject({ ok: true });
    // Hold the hall row: the next statement inserts and then waits for it.
    const holder = await t.db.startTransaction().execute();
    await sql`select 1 from halls where hall_id = ${hallId} for update`.execute(holder);
    const first = appendEvents(t.db, input(hallId, tickets(3)));
    await waiting(t.db, 1);
    // A batch of a full group (100 events) arriving now is planned on the head in flight and sent: two statements wait.
    const second = appendEvents(t.db, input(hallId, tickets(100)));
    await waiting(t.db, 2);
    await holder.commit().execute();
    expect(await first).toMatchObject({ ok: true });
    expect(await second).toMatchObject({ ok: true });
    expect(await verifyChain(t.db, hallId)).toMatchObject({ ok: true });
    const stored = await readEvents(t.db, hallId, { after: 0, limit: 1000 });
    expect(stored.map((e) => e.position)).toEqual(stored.map((_, i) => i + 1));
  });
});
