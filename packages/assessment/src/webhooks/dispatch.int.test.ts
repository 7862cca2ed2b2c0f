import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationEvents } from '@hall/testing';
import { dueEvents, foldBadRatingCases } from '@hall/scoring';
import { assessmentHarness, type AssessmentHarness } from '../testing/given-hall.test-helper.ts';
import { appendServiceEvents } from '../append-service-events.ts';
import { HallStates } from '../hall-states.ts';
import { deliveryId, dispatchHall } from './dispatch.ts';
import { listDeliveries } from './deliveries.ts';
import { putWebhook } from './webhooks.ts';
import { webhookDb } from './webhook-tables.ts';

let t: AssessmentHarness;

beforeAll(async () => {
  t = await assessmentHarness({ now: '2026-12-20T04:00:00Z' });
});
afterAll(() => t.close());

/** A ticket served at w1 on 25 November at `hour` and rated `level`. */
function ratedTicket(id: string, level: number, hour: number) {
  const at = (minute: string) => `2026-11-25T${String(hour).padStart(2, '0')}:${minute}:00+08:00`;
  const serve = { ticketId: id, windowId: 'w1', staffId: 's1' };
  return [
    { id: `${id}-issued`, type: 'TicketIssued', occurredAt: at('00'), data: { ticketId: id, number: id, serviceItemId: 'item1' } },
    { id: `${id}-called`, type: 'TicketCalled', occurredAt: at('01'), data: serve },
    { id: `${id}-started`, type: 'ServiceStarted', occurredAt: at('02'), data: serve },
    { id: `${id}-completed`, type: 'ServiceCompleted', occurredAt: at('10'), data: { ...serve, outcome: 'completed' } },
    { id: `${id}-rated`, type: 'RatingSubmitted', occurredAt: at('50'), data: { ratingId: `r-${id}`, level, channel: 'kiosk', windowId: 'w1', staffId: 's1', ticketId: id } },
  ];
}

const all = ['case_opened', 'case_due_soon', 'case_overdue'] as const;

async function log(hallId: string, webhookId: string) {
  const result = await listDeliveries(t.database.db, hallId, webhookId, { limit: 100 });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('the webhook dispatcher', () => {
  it('two dispatchers at once insert each delivery once; a second run inserts nothing', async () => {
    const hallId = await t.givenHall();
    await t.post(hallId, organisationEvents());
    await putWebhook(t.database.db, hallId, 'a', { url: 'https://example.org/a', events: [...all] }, t.now());
    await putWebhook(t.database.db, hallId, 'b', { url: 'https://example.org/b', events: ['case_opened'] }, t.now());
    await t.post(hallId, [...ratedTicket('x', 1, 9), ...ratedTicket('y', 2, 11), ...ratedTicket('z', 4, 13)]);
    const other = new HallStates(t.database.db, t.now);
    const reports = await Promise.all([dispatchHall(t.halls, hallId), dispatchHall(other, hallId), dispatchHall(t.halls, hallId)]);
    const inserted = reports.flatMap((r) => r.inserted);
    expect(inserted).toHaveLength(4); // two cases opened, to two webhooks
    expect(new Set(inserted).size).toBe(4);
    expect((await dispatchHall(other, hallId)).inserted).toEqual([]);
    expect((await log(hallId, 'b')).map((d) => d.eventId).sort()).toEqual(['x-rated', 'y-rated']);
  });

  it('a webhook hears only what is appended after it was registered, and no mark of a step already done', async () => {
    const hallId = await t.givenHall();
    await t.post(hallId, organisationEvents());
    await t.post(hallId, ratedTicket('early', 1, 9));
    await putWebhook(t.database.db, hallId, 'late', { url: 'https://example.org/late', events: [...all] }, t.now());
    await t.post(hallId, ratedTicket('later', 1, 11));
    // The case of 'later' is rectified before the scheduler (down for weeks) catches up its marks.
    const state = await t.halls.caughtUp(hallId);
    const laterCase = foldBadRatingCases(state.model).find((c) => c.ratingEventId === 'later-rated')!;
    await t.post(hallId, [
      {
        id: 'later-fixed',
        type: 'BadRatingRectificationCompleted',
        occurredAt: '2026-12-15T10:00:00+08:00',
        data: { badRatingCaseId: laterCase.caseId, measures: 'Retrained', feedback: 'Told the citizen by phone' },
      },
    ]);
    const caughtUp = await t.halls.caughtUp(hallId);
    const marks = dueEvents(caughtUp.model, foldBadRatingCases(caughtUp.model), t.now().getTime()).filter((e) => e.type !== 'RatingDefaulted');
    await appendServiceEvents(t.halls, hallId, marks);
    await dispatchHall(t.halls, hallId);
    const deliveries = await log(hallId, 'late');
    // 'early' opened before the webhook existed, but its marks came after: it is due soon and overdue.
    expect(deliveries.map((d) => [d.eventId.startsWith('brc-') ? 'mark' : d.eventId, d.type]).sort()).toEqual([
      ['later-rated', 'case_opened'],
      ['mark', 'case_due_soon'],
      ['mark', 'case_overdue'],
    ]);
    expect(marks.filter((m) => m.data.badRatingCaseId === laterCase.caseId)).toHaveLength(1); // the warning fell before the fix; not sent
  });

  it('a 差评 counted only once its ticket’s completion arrives later opens its case then, once (decision 1834)', async () => {
    const hallId = await t.givenHall();
    await t.post(hallId, organisationEvents());
    await putWebhook(t.database.db, hallId, 'all', { url: 'https://example.org/all', events: [...all] }, t.now());
    await putWebhook(t.database.db, hallId, 'opened', { url: 'https://example.org/opened', events: ['case_opened'] }, t.now());
    const [issued, called, started, completed, rated] = ratedTicket('slow', 1, 9);
    // 实名: the citizen left a contact, so the announced case has a call-back step.
    await t.post(hallId, [issued!, called!, started!, { ...rated!, data: { ...rated!.data, contact: '13800000000' } }]);
    // Unverified (no completed ticket): no case yet, and the cursor passes the rating.
    expect((await dispatchHall(t.halls, hallId)).inserted).toEqual([]);
    await putWebhook(t.database.db, hallId, 'after', { url: 'https://example.org/after', events: [...all] }, t.now());
    await t.post(hallId, [completed!]);
    const other = new HallStates(t.database.db, t.now);
    const reports = await Promise.all([dispatchHall(t.halls, hallId), dispatchHall(other, hallId), dispatchHall(t.halls, hallId)]);
    expect(reports.flatMap((r) => r.inserted).sort()).toEqual([deliveryId('all', 'slow-rated'), deliveryId('opened', 'slow-rated')].sort());
    // Later pages with more completions find it announced.
    await t.post(hallId, ratedTicket('fine', 5, 11));
    expect((await dispatchHall(other, hallId)).inserted).toEqual([]);
    const opened = await log(hallId, 'opened');
    expect(opened.map((d) => [d.eventId, d.type])).toEqual([['slow-rated', 'case_opened']]);
    const { payload } = await webhookDb(t.database.db).selectFrom('webhook_deliveries').select('payload').where('hall_id', '=', hallId).where('delivery_id', '=', deliveryId('opened', 'slow-rated')).executeTakeFirstOrThrow();
    expect(JSON.parse(payload)).toMatchObject({ type: 'case_opened', eventId: 'slow-rated', case: { ratingEventId: 'slow-rated', named: true, contactDueAt: expect.any(String) } });
    // A webhook registered after the 差评 was submitted does not hear it, as for any other rating.
    expect(await log(hallId, 'after')).toEqual([]);
  });
});
