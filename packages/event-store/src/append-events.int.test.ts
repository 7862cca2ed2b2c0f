import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { storeBackends } from '@hall/testing';
import type { TestStore } from '@hall/testing';
import { appendEvents, appendEventsInTransaction } from './append/append-events.ts';
import { connect } from './connect.ts';
import { verifyChain } from './verify-chain.ts';
import type { AppendOutcome } from './append/append-types.ts';
import { getHall } from './halls.ts';
import { contentHashOf, contentHashOfText, splitPersonalData } from './content-fingerprint.ts';
import { readEvents } from './read-events.ts';
import { event, givenHall, input, now, organisation, ticketCalled, uniqueId } from './test-events.ts';

function assertOk(outcome: AppendOutcome): asserts outcome is Extract<AppendOutcome, { ok: true }> {
  if (!outcome.ok) throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
}

describe.each(storeBackends)('appending events on $backend', ({ backend, create }) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await create();
  });
  afterAll(() => t?.drop());

  describe('when a hall appends its first events', () => {
    it('gives them positions 1, 2, 3 … and records who sent them and when', async () => {
      const hallId = await givenHall(t.db, { withOrganisation: false });
      const batch = [...organisation(), ticketCalled()];
      const outcome = await appendEvents(t.db, input(hallId, batch, 'supervisor'));
      assertOk(outcome);
      expect(outcome.results).toEqual(batch.map((e, i) => ({ id: e.id, status: 'appended', position: i + 1 })));

      const stored = await readEvents(t.db, hallId, { after: 0, limit: 100 });
      expect(stored.map((e) => e.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(stored[6]).toMatchObject({
        id: batch[6].id,
        type: 'TicketCalled',
        occurredAt: '2026-09-01T09:00:00+08:00',
        recordedAt: now.toISOString(),
        clientId: 'supervisor',
        schemaVersion: 1,
        data: batch[6].data,
        personalRef: null,
      });
      expect(stored).toEqual(outcome.appended);
      expect(stored[0].prevHash).toBe('0'.repeat(64));
      expect(stored[1].prevHash).toBe(stored[0].hash);
      const hall = await getHall(t.db, hallId);
      expect(hall).toMatchObject({ headPosition: 7, headHash: stored[6].hash });
    });

    it('stores every text byte for byte, whatever an array literal or JSON would escape in it (decision 1802)', async () => {
      const hallId = await givenHall(t.db);
      const texts = ['plain', 'quote " inside', 'back\\slash', 'both \\" and \\\\', 'NULL', 'null', '{a,b}', '', ' spaced ', 'line\nbreak\ttab', '\u0001', '汉字 🎫', 'lone \ud800'];
      // A contact is stored as text, not JSON: a lone surrogate cannot be UTF-8 (the API refuses it, 1102).
      const contactOf = (batch: string[]) => batch.filter((x) => !x.includes('\ud800')).join('|');
      // Twice: once where a batch's texts need the driver's escaping, once where JSON's form is the literal.
      for (const batch of [texts, texts.filter((x) => !/[\\\n\t\u0001\ud800]/.test(x))]) {
        const events = batch.map((text) => event('TicketIssued', { ticketId: uniqueId('t'), number: text, serviceItemId: 'si1' }, { occurredAt: '2026-09-01T09:00:00+08:00' }));
        const rating = event('RatingSubmitted', { ratingId: uniqueId('r'), level: 5, channel: 'kiosk', windowId: 'w1', contact: contactOf(batch) });
        const outcome = await appendEvents(t.db, input(hallId, [...events, rating]));
        assertOk(outcome);
        const stored = await readEvents(t.db, hallId, { after: outcome.results[0].position - 1, limit: 100 });
        expect(stored.slice(0, events.length).map((e) => e.data.number)).toEqual(batch);
        const contact = await t.db.selectFrom('personal_data').select('contact').where('hall_id', '=', hallId).where('event_id', '=', rating.id).executeTakeFirstOrThrow();
        expect(contact.contact).toBe(contactOf(batch));
      }
      expect(await verifyChain(t.db, hallId)).toMatchObject({ ok: true });
    });

    it('stores no fingerprint but the fields that give it, and a retry compares against it (decision 1881)', async () => {
      const hallId = await givenHall(t.db);
      const ticket = (number: string, occurredAt: string) => event('TicketIssued', { ticketId: uniqueId('t'), number, serviceItemId: 'si1' }, { occurredAt });
      const events = [
        ticket('A1', '2026-09-01T01:00:00Z'),
        ticket('A2', '2026-09-01T09:00:00+08:00'),
        ticket('A3', '2026-09-01T01:00:00.120Z'),
        ticket('quote " back\\slash 汉字 🎫 \u0001 lone \ud800', '2026-09-01t01:00:00z'),
        event('RatingSubmitted', { ratingId: uniqueId('r'), level: 1, channel: 'kiosk', windowId: 'w1', contact: '138 0000 0000' }, { occurredAt: '2026-09-01T09:00:00.5+08:00' }),
      ];
      // Through both writes: the pipelined one (the head is known after the first append) and the locked one.
      for (const [k, batch] of [events.slice(0, 2), events.slice(2)].entries()) {
        if (k === 1) await appendEventsInTransaction(t.db, input(hallId, [ticket('A0', '2026-09-01T01:00:00Z')]));
        assertOk(await appendEvents(t.db, input(hallId, batch)));
      }
      // Appends store no fingerprint (decision 1881): the row's own fields give it, as contentHashOf does from the event.
      const rows = await t.db.selectFrom('events').select(['event_id', 'content_hash', 'type', 'occurred_at_text', sql<string>`data::text`.as('data_text'), 'personal_ref']).where('hall_id', '=', hallId).execute();
      const stored = new Map(rows.map((r) => [r.event_id, r]));
      for (const e of events) {
        const row = stored.get(e.id)!;
        expect(row.content_hash).toBeNull();
        const { data } = splitPersonalData(e.type, e.data);
        const fromRow = contentHashOfText({ type: row.type, occurredAt: row.occurred_at_text, dataText: row.data_text, personalRef: row.personal_ref });
        expect(fromRow, e.id).toBe(contentHashOf({ type: e.type, occurredAt: e.occurredAt, data, personalRef: row.personal_ref }));
      }
      expect(stored.get(events[4]!.id)!.personal_ref).not.toBeNull();
      // A retry of the same content is a duplicate; other content under one of these ids is refused.
      const retry = await appendEvents(t.db, input(hallId, events));
      assertOk(retry);
      expect(retry.results.every((r) => r.status === 'duplicate')).toBe(true);
      const changed = await appendEvents(t.db, input(hallId, [{ ...events[1]!, data: { ...events[1]!.data, number: 'B2' } }]));
      expect(changed).toMatchObject({ ok: false, code: 'EVENT_ID_CONFLICT' });
    });

    it('writes the view the batch names in the same transaction, and nothing of it for a batch it stores without one', async () => {
      const hallId = await givenHall(t.db);
      assertOk(await appendEvents(t.db, { ...input(hallId, [event('DepartmentRegistered', { departmentId: 'd2', name: 'Tax' })]), view: undefined }));
      const names = async () =>
        (await t.db.selectFrom('departments').select('department_id').where('hall_id', '=', hallId).orderBy('department_id').execute()).map((r) => r.department_id);
      expect(await names()).toEqual(['d1']);
      assertOk(await appendEvents(t.db, input(hallId, [event('DepartmentRegistered', { departmentId: 'd3', name: 'Land' })])));
      expect(await names()).toEqual(['d1', 'd3']);
    });

    it('refuses a hall that does not exist', async () => {
      const outcome = await appendEvents(t.db, input('no-such-hall', [ticketCalled()]));
      expect(outcome).toMatchObject({ ok: false, code: 'HALL_NOT_FOUND' });
    });
  });

  describe('when many clients append to one hall at once', () => {
    it('hands out gap-free positions, and a reader paging by position never skips one', async () => {
      const hallId = await givenHall(t.db);
      const batches = Array.from({ length: 20 }, (_, i) =>
        Array.from({ length: 5 }, () => ticketCalled(i % 2 ? 'w1' : 'w2', i % 3 ? 's1' : 's2')),
      );
      let done = false;
      const seen: number[] = [];
      const reader = (async () => {
        let cursor = 6;
        while (!done || cursor < 106) {
          const page = await readEvents(t.db, hallId, { after: cursor, limit: 7 });
          // Whatever a page shows must continue the cursor without a hole.
          expect(page.map((e) => e.position)).toEqual(page.map((_, i) => cursor + i + 1));
          seen.push(...page.map((e) => e.position));
          if (page.length > 0) cursor = page[page.length - 1].position;
          else await new Promise((resolve) => setTimeout(resolve, 1));
        }
      })();
      const outcomes = await Promise.all(batches.map((b, i) => appendEvents(t.db, input(hallId, b, `queue-${i}`))));
      done = true;
      await reader;

      const positions = outcomes.flatMap((o) => (o.ok ? o.results.map((r) => r.position) : []));
      expect(positions.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 7));
      for (const o of outcomes) {
        assertOk(o);
        // A batch is contiguous: nobody else's event lands inside it.
        expect(o.results.map((r) => r.position)).toEqual(o.results.map((_, i) => o.results[0].position + i));
      }
      expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => i + 7));
      const all = await readEvents(t.db, hallId, { after: 0, limit: 1000 });
      expect(all.map((e) => e.position)).toEqual(Array.from({ length: 106 }, (_, i) => i + 1));
    });
  });

  describe('when another writer moves the head between two appends of this process', () => {
    it('notices, and continues the chain from the real head', async () => {
      const hallId = await givenHall(t.db);
      assertOk(await appendEvents(t.db, input(hallId, [ticketCalled()])));
      // A writer in another transaction (the scheduler, another process) appends in between.
      const other = await t.db.transaction().execute((trx) => appendEventsInTransaction(trx, input(hallId, [ticketCalled()], 'other')));
      assertOk(other);
      const next = await appendEvents(t.db, input(hallId, [ticketCalled()]));
      assertOk(next);
      expect(next.results[0].position).toBe(9);
      expect(next.appended[0].prevHash).toBe(other.appended[0].hash);
      expect(await verifyChain(t.db, hallId)).toMatchObject({ ok: true, headPosition: 9 });
    });

    it('settles pipelined groups in order when one in the middle falls back (decision 1802)', async () => {
      const hallId = await givenHall(t.db);
      // Stored by another writer: the pipelined plan does not know this id, so its statement hits the unique key.
      const taken = ticketCalled();
      assertOk(await t.db.transaction().execute((trx) => appendEventsInTransaction(trx, input(hallId, [taken], 'other'))));
      assertOk(await appendEvents(t.db, input(hallId, [ticketCalled()])));
      // 60 events each: every batch is a group of its own, so the later ones are planned on heads still in flight.
      const sixty = () => Array.from({ length: 60 }, () => ticketCalled());
      const conflicting = [...sixty().slice(1), { ...taken, data: { ...taken.data, staffId: 's2' } }];
      const retried = [...sixty().slice(1), taken];
      const batches = [sixty(), conflicting, sixty(), retried, sixty()];
      const outcomes = await Promise.all(batches.map((b, i) => appendEvents(t.db, input(hallId, b, `p-${i}`))));
      expect(outcomes.map((o) => (o.ok ? 'ok' : o.code))).toEqual(['ok', 'EVENT_ID_CONFLICT', 'ok', 'ok', 'ok']);
      const ok = outcomes.filter((o) => o.ok);
      const positions = ok.flatMap((o) => o.results.filter((r) => r.status === 'appended').map((r) => r.position));
      // In arrival order, gap-free after the 6 organisation events and the two above.
      expect(positions).toEqual(Array.from({ length: 239 }, (_, i) => i + 9));
      assertOk(outcomes[3]);
      expect(outcomes[3].results[59]).toEqual({ id: taken.id, status: 'duplicate', position: 7 });
      expect(await verifyChain(t.db, hallId)).toMatchObject({ ok: true, headPosition: 247 });
    });

    it.runIf(backend === 'postgres')('keeps positions gap-free and the chain whole with two processes appending at once', async () => {
      const hallId = await givenHall(t.db);
      const url = (t as unknown as { url: string }).url;
      const second = await connect({ databaseUrl: url, dataDir: '' });
      try {
        const batches = Array.from({ length: 40 }, () => [ticketCalled(), ticketCalled()]);
        const outcomes = await Promise.all(batches.map((b, i) => appendEvents(i % 2 ? second.db : t.db, input(hallId, b, `c-${i}`))));
        const positions = outcomes.flatMap((o) => (o.ok ? o.results.map((r) => r.position) : []));
        expect(positions.sort((a, b) => a - b)).toEqual(Array.from({ length: 80 }, (_, i) => i + 7));
        expect(await verifyChain(t.db, hallId)).toMatchObject({ ok: true, headPosition: 86 });
      } finally {
        await second.close();
      }
    });
  });

  describe('when a client retries', () => {
    it('reports a duplicate with the original position and stores nothing again', async () => {
      const hallId = await givenHall(t.db);
      const first = ticketCalled();
      assertOk(await appendEvents(t.db, input(hallId, [first])));
      // The same instant written in another offset is the same content.
      const retry = { ...first, occurredAt: '2026-09-01T01:00:00.000Z', data: { staffId: 's1', ticketId: first.data.ticketId, windowId: 'w1' } };
      const next = ticketCalled();
      const outcome = await appendEvents(t.db, input(hallId, [retry, next]));
      assertOk(outcome);
      expect(outcome.results).toEqual([
        { id: first.id, status: 'duplicate', position: 7 },
        { id: next.id, status: 'appended', position: 8 },
      ]);
      expect(outcome.appended.map((e) => e.id)).toEqual([next.id]);
      const stored = await readEvents(t.db, hallId, { after: 6, limit: 10 });
      expect(stored.map((e) => [e.position, e.id, e.occurredAt])).toEqual([
        [7, first.id, first.occurredAt],
        [8, next.id, next.occurredAt],
      ]);
    });

    it('refuses the same id with other content, naming the field', async () => {
      const hallId = await givenHall(t.db);
      const first = ticketCalled();
      assertOk(await appendEvents(t.db, input(hallId, [first])));
      const outcomes = await Promise.all([
        appendEvents(t.db, input(hallId, [ticketCalled(), { ...first, data: { ...first.data, staffId: 's2' } }])),
        appendEvents(t.db, input(hallId, [{ ...first, occurredAt: '2026-09-01T09:00:01+08:00' }])),
        appendEvents(t.db, input(hallId, [{ ...first, type: 'ServiceStarted' }])),
      ]);
      for (const outcome of outcomes) {
        expect(outcome).toMatchObject({ ok: false, code: 'EVENT_ID_CONFLICT' });
      }
      expect(outcomes[0]).toMatchObject({ errors: [{ path: '/events/1/id' }] });
      expect((await getHall(t.db, hallId))?.headPosition).toBe(7);
    });

    it('treats a repeat inside one batch like a retry: same content is a duplicate, other content a conflict', async () => {
      const hallId = await givenHall(t.db);
      const a = ticketCalled();
      const b = ticketCalled();
      const outcome = await appendEvents(t.db, input(hallId, [a, b, { ...a }]));
      assertOk(outcome);
      expect(outcome.results.map((r) => [r.status, r.position])).toEqual([
        ['appended', 7],
        ['appended', 8],
        ['duplicate', 7],
      ]);
      const c = ticketCalled();
      const conflict = await appendEvents(t.db, input(hallId, [c, ticketCalled(), { ...c, data: { ...c.data, windowId: 'w2' } }]));
      expect(conflict).toEqual({
        ok: false,
        code: 'EVENT_ID_CONFLICT',
        errors: [{ path: '/events/2/id', message: expect.stringContaining('/events/0') }],
      });
      expect((await getHall(t.db, hallId))?.headPosition).toBe(8);
    });
  });

  describe('when events name organisation entities', () => {
    it('refuses unknown windows, staff, departments and service items, naming every bad path', async () => {
      const hallId = await givenHall(t.db);
      const outcome = await appendEvents(
        t.db,
        input(hallId, [
          ticketCalled('w1', 's1'),
          ticketCalled('w9', 's9'),
          event('InspectionRecorded', {
            inspectionId: 'i1',
            inspectorId: 'insp-1',
            findings: [{ ruleCode: 'CON_BADGE', windowId: 'w1' }, { ruleCode: 'CON_BADGE', windowId: 'w8', staffId: 's1' }],
          }),
          event('ScoreAdjusted', {
            adjustmentId: 'a1',
            subject: { type: 'staff', id: 'ghost' },
            period: '2026-09',
            category: 'service',
            points: 1,
            reason: 'x',
          }),
          event('TicketIssued', { ticketId: 't-new', number: 'A001', serviceItemId: 'si-unknown' }),
          event('TicketTransferred', { ticketId: 't-any', fromWindowId: 'w1', toWindowId: 'w7' }),
          event('StaffRegistered', { staffId: 's3', name: 'Zhao', departmentId: 'd-unknown' }),
        ]),
      );
      expect(outcome).toMatchObject({ ok: false, code: 'UNKNOWN_REFERENCE' });
      if (outcome.ok) return;
      expect(outcome.errors.map((e) => e.path)).toEqual([
        '/events/1/data/windowId',
        '/events/1/data/staffId',
        '/events/2/data/findings/1/windowId',
        '/events/3/data/subject/id',
        '/events/4/data/serviceItemId',
        '/events/5/data/toWindowId',
        '/events/6/data/departmentId',
      ]);
      expect(outcome.errors[0].message).toBe('unknown window "w9"');
    });

    it('accepts entities registered earlier in the same batch, not later ones', async () => {
      const hallId = await givenHall(t.db, { withOrganisation: false });
      const rating = event('RatingSubmitted', { ratingId: 'r1', level: 5, channel: 'kiosk', windowId: 'w1' });
      const later = await appendEvents(t.db, input(hallId, [rating, ...organisation()]));
      expect(later).toMatchObject({ ok: false, code: 'UNKNOWN_REFERENCE', errors: [{ path: '/events/0/data/windowId' }] });
      const earlier = await appendEvents(t.db, input(hallId, [...organisation(), rating]));
      assertOk(earlier);
      expect(earlier.results.at(-1)).toMatchObject({ status: 'appended', position: 7 });
    });
  });

  describe('when one event of a batch is bad', () => {
    it('stores none of the batch, organisation changes included', async () => {
      const hallId = await givenHall(t.db);
      const batch = [
        event('DepartmentRegistered', { departmentId: 'd2', name: 'Tax' }),
        ...Array.from({ length: 8 }, () => ticketCalled()),
        ticketCalled('w-unknown'),
      ];
      const outcome = await appendEvents(t.db, input(hallId, batch));
      expect(outcome).toMatchObject({ ok: false, code: 'UNKNOWN_REFERENCE', errors: [{ path: '/events/9/data/windowId' }] });
      expect(await readEvents(t.db, hallId, { after: 6, limit: 100 })).toEqual([]);
      expect((await getHall(t.db, hallId))?.headPosition).toBe(6);
      const d2 = await t.db.selectFrom('departments').selectAll().where('hall_id', '=', hallId).where('department_id', '=', 'd2').executeTakeFirst();
      expect(d2).toBeUndefined();
    });

    it('keeps halls apart: the same event id in two halls is two events', async () => {
      const hallA = await givenHall(t.db);
      const hallB = await givenHall(t.db);
      const shared = { ...ticketCalled(), id: uniqueId('shared') };
      assertOk(await appendEvents(t.db, input(hallA, [shared])));
      const inB = await appendEvents(t.db, input(hallB, [{ ...shared, data: { ...shared.data, staffId: 's2' } }]));
      assertOk(inB);
      expect(inB.results[0]).toMatchObject({ status: 'appended', position: 7 });
    });
  });
});
