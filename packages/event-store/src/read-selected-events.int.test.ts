import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeBackends } from '@hall/testing';
import type { TestStore } from '@hall/testing';
import { appendEvents } from './append/append-events.ts';
import { readEvents } from './read-events.ts';
import { sql } from 'kysely';
import { BY_TYPES_FOR_TEST, readEventsAt, readEventsByDataKey, readEventsOfTypes } from './read-selected-events.ts';
import { event, givenHall, input, ticketCalled } from './test-events.ts';

describe.each(storeBackends)('events read by position on $backend', ({ create }) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await create();
  });
  afterAll(() => t?.drop());

  it('answers the events at the positions asked, in position order, whatever the chunk size, and only of its hall', async () => {
    const hallId = await givenHall(t.db); // positions 1–6
    const other = await givenHall(t.db);
    const appended = await appendEvents(t.db, input(hallId, Array.from({ length: 14 }, () => ticketCalled())));
    if (!appended.ok) throw new Error(JSON.stringify(appended));
    const all = await readEvents(t.db, hallId, { after: 0, limit: 100 });
    expect(all.map((e) => e.position)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));

    const asked = [17, 2, 3, 4, 9, 3, 10, 11, 12, 20, 1, 99];
    const expected = [1, 2, 3, 4, 9, 10, 11, 12, 17, 20];
    for (const chunk of [1, 2, 3, 5000]) {
      const read = await readEventsAt(t.db, hallId, asked, chunk);
      expect(read.map((e) => e.position)).toEqual(expected);
      expect(read).toEqual(all.filter((e) => expected.includes(e.position)));
    }
    expect((await readEventsAt(t.db, other, asked)).map((e) => e.position)).toEqual([1, 2, 3, 4]);
    expect(await readEventsAt(t.db, hallId, [])).toEqual([]);
  });
});

describe.each(storeBackends)('events read by type on $backend (decision 1851)', ({ backend, create }) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await create();
  });
  afterAll(() => t?.drop());

  it('answers the events of the types asked, in position order, and refuses a type its index does not hold', async () => {
    const hallId = await givenHall(t.db); // positions 1–6
    const approval = event('LeaveApproved', { leaveId: 'l1', windowId: 'w1', staffId: 's1' });
    const moved = event('PeriodAdvanced', { period: '2026-08' });
    const appended = await appendEvents(t.db, input(hallId, [ticketCalled(), approval, ticketCalled(), moved, ticketCalled()]));
    if (!appended.ok) throw new Error(JSON.stringify(appended));
    const read = await readEventsOfTypes(t.db, hallId, ['PeriodAdvanced', 'LeaveApproved']);
    expect(read.map((e) => [e.position, e.id])).toEqual([
      [8, approval.id],
      [10, moved.id],
    ]);
    expect((await readEventsByDataKey(t.db, hallId, 'LeaveApproved', 'leaveId', ['l1'])).map((e) => e.id)).toEqual([approval.id]);
    await expect(readEventsOfTypes(t.db, hallId, ['TicketCalled'])).rejects.toThrow(/events_hall_type_read/);
    await expect(readEventsByDataKey(t.db, hallId, 'TicketCalled', 'ticketId', ['x'])).rejects.toThrow(/events_hall_type_read/);
  });

  it.runIf(backend === 'postgres')('keeps the type index to the types read by type, and its reads use it in a generic plan', async () => {
    const { rows: indexes } = await sql<{ indexname: string }>`select indexname from pg_indexes where tablename = 'events' order by indexname`.execute(t.db);
    expect(indexes.map((r) => r.indexname)).toEqual(['events_hall_type_read', 'events_hall_id_event_id_key', 'events_pkey'].sort());
    // A hall of 20,000 tickets and one appeal, in a transaction rolled back: on a near-empty table any plan is cheap.
    const plan = await t.db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into events (hall_id, position, event_id, type, occurred_at, occurred_at_text, recorded_at, client_id, schema_version, data, content_hash, hash, prev_hash)
          select 'h', g, 'e' || g, case when g = 7 then 'AppealFiled' else 'TicketIssued' end, now(), '', now(), 'c', 1, '{}', '', '', ''
          from generate_series(1, 20000) g`.execute(trx);
        await sql`analyze events`.execute(trx);
        await sql`set local plan_cache_mode = force_generic_plan`.execute(trx);
        await sql.raw(`prepare by_types(text, text[], bigint) as ${BY_TYPES_FOR_TEST}`).execute(trx);
        const { rows } = await sql<{ 'QUERY PLAN': string }>`explain execute by_types('h', '{AppealFiled}', 0)`.execute(trx);
        await sql`deallocate by_types`.execute(trx);
        throw new Rollback(rows.map((r) => r['QUERY PLAN']).join('\n'));
      })
      .catch((e: unknown) => {
        if (e instanceof Rollback) return e.message;
        throw e;
      });
    expect(plan).toContain('events_hall_type_read');
  });
});

class Rollback extends Error {}
