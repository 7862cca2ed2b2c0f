import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeBackends } from '@hall/testing';
import type { TestStore } from '@hall/testing';
import { appendEvents } from './append/append-events.ts';
import { getHall } from './halls.ts';
import { canonicalJson } from './hash-chain.ts';
import { eraseContact, getContact } from './personal-data.ts';
import { readEvents } from './read-events.ts';
import { event, givenHall, input, ticketCalled } from './test-events.ts';
import { verifyChain } from './verify-chain.ts';

describe.each(storeBackends)('the hash chain and personal data on $backend', ({ create }) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await create();
  });
  afterAll(() => t?.drop());

  async function hallWithHistory(): Promise<string> {
    const hallId = await givenHall(t.db);
    for (let i = 0; i < 3; i += 1) {
      const outcome = await appendEvents(t.db, input(hallId, Array.from({ length: 4 }, () => ticketCalled())));
      if (!outcome.ok) throw new Error('append failed');
    }
    return hallId; // positions 1–18
  }

  describe('when nothing was touched', () => {
    it('verifies every event up to the head', async () => {
      const hallId = await hallWithHistory();
      const hall = await getHall(t.db, hallId);
      expect(await verifyChain(t.db, hallId)).toEqual({
        ok: true,
        eventsChecked: 18,
        headPosition: 18,
        headHash: hall?.headHash,
      });
    });

    it('stores each event\'s data as the canonical text the hash covers', async () => {
      const hallId = await hallWithHistory();
      const { rows } = await sql<{ text: string; hash: string; position: string }>`
        select data::text as text, position from events where hall_id = ${hallId} order by position`.execute(t.db);
      const events = await readEvents(t.db, hallId, { after: 0, limit: 100 });
      expect(rows.map((r) => r.text)).toEqual(events.map((e) => canonicalJson(e.data)));
    });

    it('verifies rows whose data is the same content in another text form (rows written before 0307, as jsonb)', async () => {
      const hallId = await hallWithHistory();
      await sql`update events set data = (data::jsonb)::text::json where hall_id = ${hallId}`.execute(t.db);
      const { rows } = await sql<{ text: string }>`select data::text as text from events where hall_id = ${hallId} and position = 11`.execute(t.db);
      expect(rows[0]!.text).toContain('": "'); // jsonb's form, not the canonical one
      expect(await verifyChain(t.db, hallId)).toMatchObject({ ok: true, eventsChecked: 18 });
      await sql`update events set data = jsonb_set(data::jsonb, '{staffId}', '"s2"')::json where hall_id = ${hallId} and position = 11`.execute(t.db);
      expect(await verifyChain(t.db, hallId)).toMatchObject({ ok: false, firstBrokenPosition: 11, eventsChecked: 10 });
    });

    it('verifies events whose ids and data hold quotes, backslashes, tabs, newlines and Chinese', async () => {
      const hallId = await givenHall(t.db);
      const awkward = 'Li "Tiger" \\ 王\t五\n\r\u0001 \\N';
      const outcome = await appendEvents(t.db, input(hallId, [
        event('StaffRegistered', { staffId: 's9', name: awkward, departmentId: 'd1' }, { id: 'ev-"q"\\1\t' }),
        ticketCalled(),
      ], 'client "\\x"'));
      expect(outcome.ok).toBe(true);
      const stored = await readEvents(t.db, hallId, { after: 6, limit: 10 });
      expect(stored[0]).toMatchObject({ id: 'ev-"q"\\1\t', clientId: 'client "\\x"', data: { name: awkward } });
      expect(await verifyChain(t.db, hallId)).toMatchObject({ ok: true, eventsChecked: 8 });
      await sql`update events set data = jsonb_set(data::jsonb, '{name}', '"Li"')::json where hall_id = ${hallId} and position = 7`.execute(t.db);
      expect(await verifyChain(t.db, hallId)).toMatchObject({ ok: false, firstBrokenPosition: 7 });
    });

    it('verifies an empty history', async () => {
      const hallId = await givenHall(t.db, { withOrganisation: false });
      expect(await verifyChain(t.db, hallId)).toEqual({ ok: true, eventsChecked: 0, headPosition: 0, headHash: '0'.repeat(64) });
    });
  });

  describe('when the history was tampered with behind the store', () => {
    it('reports an edited event at its position', async () => {
      const hallId = await hallWithHistory();
      await sql`update events set data = jsonb_set(data::jsonb, '{staffId}', '"s2"')::json where hall_id = ${hallId} and position = 11`.execute(t.db);
      expect(await verifyChain(t.db, hallId)).toMatchObject({ ok: false, firstBrokenPosition: 11, eventsChecked: 10 });
    });

    it('reports an edited recordedAt', async () => {
      const hallId = await hallWithHistory();
      await sql`update events set recorded_at = recorded_at + interval '1 second' where hall_id = ${hallId} and position = 3`.execute(t.db);
      expect(await verifyChain(t.db, hallId)).toMatchObject({ ok: false, firstBrokenPosition: 3 });
    });

    it('reports a deleted event at the position that went missing', async () => {
      const hallId = await hallWithHistory();
      await sql`delete from events where hall_id = ${hallId} and position = 9`.execute(t.db);
      expect(await verifyChain(t.db, hallId)).toMatchObject({ ok: false, firstBrokenPosition: 9 });
    });

    it('reports a deleted last event', async () => {
      const hallId = await hallWithHistory();
      await sql`delete from events where hall_id = ${hallId} and position = 18`.execute(t.db);
      expect(await verifyChain(t.db, hallId)).toMatchObject({ ok: false, firstBrokenPosition: 18, eventsChecked: 17 });
    });

    it('gives its connection back every time a walk stops at a break (more walks than the pool has connections)', async () => {
      const hallId = await givenHall(t.db);
      // Long enough that the walk stops while most of the history is still to come.
      for (let i = 0; i < 4; i += 1) {
        const outcome = await appendEvents(t.db, input(hallId, Array.from({ length: 500 }, () => ticketCalled())));
        if (!outcome.ok) throw new Error('append failed');
      }
      await sql`delete from events where hall_id = ${hallId} and position = 3`.execute(t.db);
      const walks = await Promise.all(Array.from({ length: 12 }, () => verifyChain(t.db, hallId)));
      for (const walk of walks) expect(walk).toMatchObject({ ok: false, firstBrokenPosition: 3 });
      for (let i = 0; i < 12; i += 1) expect(await verifyChain(t.db, hallId)).toMatchObject({ ok: false, firstBrokenPosition: 3 });
    });

    it('reports a re-chained rewrite that does not reach the recorded head', async () => {
      const hallId = await hallWithHistory();
      await sql`update events set hash = repeat('a', 64) where hall_id = ${hallId} and position = 18`.execute(t.db);
      expect(await verifyChain(t.db, hallId)).toMatchObject({ ok: false, firstBrokenPosition: 18 });
    });
  });

  describe('when an event carries a citizen contact', () => {
    const rating = (contact: string, ratingId: string) =>
      event('RatingSubmitted', { ratingId, level: 2, channel: 'qr', windowId: 'w1', staffId: 's1', contact });

    it('keeps the contact apart from the history, erasable without breaking the chain', async () => {
      const hallId = await givenHall(t.db);
      const r1 = rating('13800000000', 'r1');
      const r2 = rating('13800000000', 'r2');
      const r3 = rating('13900000000', 'r3');
      const complaint = event('ComplaintReceived', { complaintId: 'c1', channel: 'hotline', windowId: 'w1', summary: 'rude', contact: 'Ms Chen' });
      const outcome = await appendEvents(t.db, input(hallId, [r1, r2, r3, complaint]));
      expect(outcome.ok).toBe(true);

      const stored = await readEvents(t.db, hallId, { after: 6, limit: 10 });
      for (const e of stored) expect(e.data).not.toHaveProperty('contact');
      expect(stored[0].data).toEqual({ ratingId: 'r1', level: 2, channel: 'qr', windowId: 'w1', staffId: 's1' });
      expect(stored[0].personalRef).toMatch(/^[0-9a-f]{64}$/);
      expect(stored[1].personalRef).toBe(stored[0].personalRef); // same citizen, same ref
      expect(stored[2].personalRef).not.toBe(stored[0].personalRef);
      const raw = await sql<{ text: string }>`select data::text as text from events where hall_id = ${hallId}`.execute(t.db);
      expect(raw.rows.map((r) => r.text).join()).not.toMatch(/13800000000|Ms Chen/);

      expect(await getContact(t.db, hallId, r1.id)).toBe('13800000000');
      expect(await getContact(t.db, hallId, complaint.id)).toBe('Ms Chen');
      expect(await eraseContact(t.db, hallId, r1.id)).toBe(true);
      expect(await eraseContact(t.db, hallId, r1.id)).toBe(false);
      expect(await getContact(t.db, hallId, r1.id)).toBeUndefined();
      expect(await getContact(t.db, hallId, r2.id)).toBe('13800000000');
      expect(await verifyChain(t.db, hallId)).toMatchObject({ ok: true, eventsChecked: 10 });

      // A retry after erasure is still recognised, and another contact is still a conflict.
      const retry = await appendEvents(t.db, input(hallId, [r1]));
      expect(retry).toMatchObject({ ok: true, results: [{ status: 'duplicate', position: 7 }] });
      expect(await getContact(t.db, hallId, r1.id)).toBeUndefined();
      const changed = await appendEvents(t.db, input(hallId, [{ ...r2, data: { ...r2.data, contact: '13700000000' } }]));
      expect(changed).toMatchObject({ ok: false, code: 'EVENT_ID_CONFLICT' });
    });
  });
});
