import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badRatingCaseId, scoreMonth } from '@hall/scoring';
import { readEvents } from '@hall/event-store';
import { organisationEvents } from '@hall/testing';
import { sql } from 'kysely';
import { appendDueBadRatingEvents, badRatingLoopStart, HallStates, hallBadRatingCases, rebuildViews, storedCase, toAssessmentEvent } from '@hall/assessment';
import { createHall, createTestApp, type ApiClient, type HallFixture, type TestApp } from '../testing/test-app.ts';

/*
 * A November of 差评 (Shanghai, no holidays set; 2 November 2026 is a Monday):
 * w1's handled on time and followed by two 追评, w2's called back and
 * rectified late, w3's (anonymous) never handled, p1's voided.
 */
let t: TestApp;
let hall: HallFixture;
let head: ApiClient;
const local = (day: string, time: string) => `2026-11-${day}T${time}+08:00`;
const caseOf = (ratingId: string) => badRatingCaseId(ratingId);

function ratedTicket(ratingId: string, windowId: string, staffId: string, day: string, o: { level?: number; contact?: string } = {}) {
  const ticketId = `t-${ratingId}`;
  const ev = (suffix: string, type: string, time: string, data: Record<string, unknown>) => ({ id: `${ticketId}-${suffix}`, type, occurredAt: local(day, time), data });
  return [
    ev('i', 'TicketIssued', '09:00:00', { ticketId, number: ticketId, serviceItemId: 'item1' }),
    ev('c', 'TicketCalled', '09:01:00', { ticketId, windowId, staffId }),
    ev('s', 'ServiceStarted', '09:02:00', { ticketId, windowId, staffId }),
    ev('d', 'ServiceCompleted', '09:10:00', { ticketId, windowId, staffId, outcome: 'completed' }),
    ...(o.level === undefined
      ? []
      : [{ id: ratingId, type: 'RatingSubmitted', occurredAt: local(day, '10:00:00'), data: { ratingId, level: o.level, channel: 'qr', windowId, staffId, ticketId, ...(o.contact ? { contact: o.contact } : {}) } }]),
  ];
}

const caseEvent = (id: string, type: string, at: string, ratingId: string, data: Record<string, unknown> = {}) => ({
  id,
  type,
  occurredAt: at,
  data: { badRatingCaseId: caseOf(ratingId), ...data },
});

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-01T00:00:00Z' });
  hall = await createHall(t, { assessmentStartsOn: '2026-11-01' });
  await hall.post(organisationEvents('2026-11-01T08:00:00+08:00'));
  head = await hall.client('window_head', { windowId: 'w1' });
  // The loop was switched on before the month began (else the scheduler fixes its start at its first run).
  await badRatingLoopStart(t.database.db, hall.hallId, new Date('2026-11-01T00:00:00Z'));
  // Everything below happened by 1 December; the clock stands there.
  t.setNow('2026-12-01T04:00:00Z');
  await hall.post([
    ...ratedTicket('r-ontime', 'w1', 's1', '02', { level: 1, contact: '13800000001' }),
    ...ratedTicket('r-late', 'w2', 's2', '03', { level: 2, contact: '13800000002' }),
    ...ratedTicket('r-never', 'w3', 's3', '04', { level: 1 }),
    ...ratedTicket('r-void', 'p1', 's4', '05', { level: 2, contact: '13800000004' }),
    ...ratedTicket('r-appeal', 'p1', 's4', '09', { level: 1 }),
    ...ratedTicket('r-good', 'w1', 's1', '06', { level: 5 }),
    ...ratedTicket('unrated', 'w1', 's1', '10'),
  ]);
});
afterAll(() => t.close());

describe('bad-rating case events on append', () => {
  it('refuses a case id no counted 差评 opened, naming the field', async () => {
    const res = await hall.supervisor.post(`/v1/halls/${hall.hallId}/events`, {
      events: [caseEvent('x1', 'BadRatingContactMade', local('02', '12:00:00'), 'r-good', { outcome: 'reached' })],
    });
    expect(res.statusCode).toBe(422);
    expect(res.data.errors.map((e: { path: string }) => e.path)).toEqual(['/events/0/data/badRatingCaseId']);
  });

  it('lets a window head handle its own window’s cases only', async () => {
    const other = await head.post(`/v1/halls/${hall.hallId}/events`, {
      events: [caseEvent('x2', 'BadRatingContactMade', local('03', '12:00:00'), 'r-late', { outcome: 'reached' })],
    });
    expect(other.statusCode).toBe(403);
  });

  it('refuses a 追评 naming another window than the case’s, and reasons the catalogue does not list', async () => {
    const res = await hall.supervisor.post(`/v1/halls/${hall.hallId}/events`, {
      events: [
        caseEvent('x3', 'BadRatingFollowUpRated', local('06', '12:00:00'), 'r-ontime', { windowId: 'w2', level: 4, channel: 'sms' }),
        { id: 'x4', type: 'RatingSubmitted', occurredAt: local('06', '12:00:00'), data: { ratingId: 'x4', level: 1, channel: 'qr', windowId: 'w1', reasons: ['rude_guard'] } },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.data.errors.map((e: { path: string }) => e.path)).toEqual(['/events/0/data/windowId', '/events/1/data/reasons/0']);
  });

  it('keeps the scheduler’s marks and default ratings to the service', async () => {
    const res = await hall.supervisor.post(`/v1/halls/${hall.hallId}/events`, {
      events: [{ id: 'x5', type: 'BadRatingCaseWarned', occurredAt: local('03', '12:00:00'), data: { badRatingCaseId: caseOf('r-late'), step: 'contact', dueAt: '2026-11-04T16:00:00Z', ratingEventId: 'r-late', windowId: 'w2' } }],
    });
    expect(res.statusCode).toBe(422);
  });

  it('takes the window’s handling of its cases', async () => {
    await hall.post(
      [
        caseEvent('ontime-contact', 'BadRatingContactMade', local('02', '15:00:00'), 'r-ontime', { outcome: 'reached', citizenSatisfied: false }),
        caseEvent('ontime-plan', 'BadRatingRectificationPlanned', local('03', '10:00:00'), 'r-ontime', { plan: '加强业务培训' }),
        caseEvent('ontime-done', 'BadRatingRectificationCompleted', local('05', '10:00:00'), 'r-ontime', { measures: '已培训', feedback: '已告知群众' }),
      ],
      head,
    );
    const kiosk = await hall.client('kiosk', { windowId: 'w1' });
    await hall.post(
      [
        caseEvent('ontime-follow', 'BadRatingFollowUpRated', local('06', '10:00:00'), 'r-ontime', { windowId: 'w1', level: 4, channel: 'kiosk' }),
        caseEvent('ontime-follow2', 'BadRatingFollowUpRated', local('07', '10:00:00'), 'r-ontime', { windowId: 'w1', level: 5, channel: 'kiosk' }),
      ],
      kiosk,
    );
    const section = await hall.client('section', { section: 'coordination' });
    await hall.post(
      [
        caseEvent('ontime-close', 'BadRatingCaseClosed', local('08', '10:00:00'), 'r-ontime', { resolution: 'rectified' }),
        caseEvent('late-unreached', 'BadRatingContactMade', local('04', '18:00:00'), 'r-late', { outcome: 'unreachable' }),
        caseEvent('late-contact', 'BadRatingContactMade', local('05', '09:00:00'), 'r-late', { outcome: 'reached' }),
        caseEvent('late-done', 'BadRatingRectificationCompleted', local('26', '10:00:00'), 'r-late', { measures: '调整排班', feedback: '已告知群众' }),
        caseEvent('late-close', 'BadRatingCaseClosed', local('26', '11:00:00'), 'r-late', { resolution: 'rectified' }),
        caseEvent('void-unreached', 'BadRatingContactMade', local('05', '14:00:00'), 'r-void', { outcome: 'unreachable' }),
      ],
      section,
    );
    await hall.post([{ id: 'void-it', type: 'EventVoided', occurredAt: local('06', '09:00:00'), data: { voidedEventId: 'r-void', reason: '误评' } }]);
  });

  it('voids the case of a 差评 whose deduction an appeal upheld (恶意差评)', async () => {
    const p1 = await hall.supervisor.get(`/v1/halls/${hall.hallId}/periods/2026-11/windows/p1`);
    const item = p1.data.lineItems.find((l: { ruleCode: string; eventIds: string[] }) => l.ruleCode === 'RATE_BAD_RATING' && l.eventIds.includes('r-appeal'));
    const appeal = await hall.supervisor.post(`/v1/halls/${hall.hallId}/appeals`, { lineItemId: item.id, reason: '恶意差评，有录音为证' });
    expect(appeal.statusCode).toBe(201);
    const decided = await hall.supervisor.post(`/v1/halls/${hall.hallId}/appeals/${appeal.data.appealId}/decision`, { upheld: true, reason: '核实为恶意差评' });
    expect(decided.statusCode).toBe(200);
    const c = await hall.supervisor.get(`/v1/halls/${hall.hallId}/bad-rating-cases/${caseOf('r-appeal')}`);
    expect(c.data).toMatchObject({ status: 'void', voided: { by: 'appeal' } });
    expect(c.data.timeline.map((e: { kind: string; outcome?: string; clientId: string }) => [e.kind, e.outcome ?? null, e.clientId])).toEqual([
      ['RatingSubmitted', null, expect.any(String)],
      ['AppealDecided', 'upheld', 'system'],
    ]);
  });
});

describe('the scheduler’s run on 1 December', () => {
  it('appends each missed warning and overdue mark, and the default rating, once', async () => {
    const first = await appendDueBadRatingEvents(t.assessment, hall.hallId, t.now());
    // w2: the call-back's warning and deadline passed, and the rectification's; w3: the rectification's. p1 is void.
    // Default ratings: the unrated ticket, and p1's, whose only rating was voided.
    expect(first).toMatchObject({ warnings: 3, overdue: 3, defaults: 2 });
    const second = await appendDueBadRatingEvents(t.assessment, hall.hallId, t.now());
    expect(second).toMatchObject({ warnings: 0, overdue: 0, defaults: 0 });
  });
});

describe('reading the cases', () => {
  const url = () => `/v1/halls/${hall.hallId}/bad-rating-cases`;

  it('lists every case with its status and deadlines', async () => {
    const res = await hall.supervisor.get(`${url()}?period=2026-11`);
    expect(res.statusCode).toBe(200);
    const byRating = Object.fromEntries(res.data.cases.map((c: { ratingId: string }) => [c.ratingId, c]));
    expect(Object.keys(byRating)).toEqual(['r-ontime', 'r-late', 'r-never', 'r-void', 'r-appeal']);
    expect(byRating['r-ontime']).toMatchObject({
      status: 'closed',
      named: true,
      contact: { dueAt: '2026-11-03T16:00:00.000Z', warned: false, overdue: false, doneEventId: 'ontime-contact' },
      rectification: { dueAt: '2026-11-23T16:00:00.000Z', warned: false, overdue: false, doneEventId: 'ontime-done' },
      followUp: { eventId: 'ontime-follow', level: 4 },
      closed: { eventId: 'ontime-close', resolution: 'rectified' },
    });
    expect(byRating['r-late']).toMatchObject({
      status: 'closed',
      contact: { dueAt: '2026-11-04T16:00:00.000Z', warned: true, overdue: true, doneEventId: 'late-contact' },
      rectification: { dueAt: '2026-11-24T16:00:00.000Z', warned: true, overdue: true, doneEventId: 'late-done' },
    });
    expect(byRating['r-late'].contact.overdueEventId).toBeTruthy();
    expect(byRating['r-never']).toMatchObject({ status: 'overdue', named: false, contact: null, rectification: { overdue: true, doneAt: null } });
    expect(byRating['r-void']).toMatchObject({ status: 'void', voided: { eventId: 'void-it', by: 'event_voided' }, contact: { warned: false, overdue: false } });
    const overdue = await hall.supervisor.get(`${url()}?status=overdue`);
    expect(overdue.data.cases.map((c: { ratingId: string }) => c.ratingId)).toEqual(['r-never']);
    const w2 = await hall.supervisor.get(`/v1/halls/${hall.hallId}/windows/w2/bad-rating-cases`);
    expect(w2.data.cases.map((c: { ratingId: string }) => c.ratingId)).toEqual(['r-late']);
  });

  it('shows an untouched case open, then due soon at 80 % of its working time, then overdue', async () => {
    // w3's 差评 on Wednesday 4 November: 15 working days to the end of the 25th, warned at 21:12 on the 20th.
    const statusAt = async (when: string) => {
      t.setNow(when);
      return (await hall.supervisor.get(`${url()}/${caseOf('r-never')}`)).data.status;
    };
    expect(await statusAt('2026-11-20T21:00:00+08:00')).toBe('open');
    expect(await statusAt('2026-11-20T21:13:00+08:00')).toBe('due_soon');
    expect(await statusAt('2026-11-26T00:00:00+08:00')).toBe('overdue');
    t.setNow('2026-12-01T04:00:00Z');
  });

  it('gives one case with its timeline in order, the second 追评 ignored', async () => {
    const res = await hall.supervisor.get(`${url()}/${caseOf('r-ontime')}`);
    expect(res.statusCode).toBe(200);
    expect(res.data.timeline.map((e: { eventId: string; kind: string; outcome?: string; ignored: boolean }) => [e.eventId, e.kind, e.outcome ?? null, e.ignored])).toEqual([
      ['r-ontime', 'RatingSubmitted', null, false],
      ['ontime-contact', 'BadRatingContactMade', 'reached', false],
      ['ontime-plan', 'BadRatingRectificationPlanned', null, false],
      ['ontime-done', 'BadRatingRectificationCompleted', null, false],
      ['ontime-follow', 'BadRatingFollowUpRated', null, false],
      ['ontime-follow2', 'BadRatingFollowUpRated', null, true],
      ['ontime-close', 'BadRatingCaseClosed', 'rectified', false],
    ]);
    const late = await hall.supervisor.get(`${url()}/${caseOf('r-late')}`);
    const kinds = late.data.timeline.map((e: { kind: string; clientId: string }) => `${e.kind}:${e.clientId === 'system' ? 'system' : 'client'}`);
    expect(kinds.filter((k: string) => k.endsWith(':system'))).toEqual([
      'BadRatingCaseWarned:system',
      'BadRatingCaseOverdue:system',
      'BadRatingCaseWarned:system',
      'BadRatingCaseOverdue:system',
    ]);
    expect((await hall.supervisor.get(`${url()}/brc-nothing`)).statusCode).toBe(404);
  });

  it('shows a window head its own window’s cases only', async () => {
    const mine = await head.get(url());
    expect(mine.data.cases.map((c: { windowId: string }) => c.windowId)).toEqual(['w1']);
    expect((await head.get(`${url()}?windowId=w2`)).statusCode).toBe(403);
    expect((await head.get(`/v1/halls/${hall.hallId}/windows/w2/bad-rating-cases`)).statusCode).toBe(403);
    expect((await head.get(`${url()}/${caseOf('r-late')}`)).statusCode).toBe(403);
    expect((await head.get(`${url()}/${caseOf('r-ontime')}`)).statusCode).toBe(200);
  });
});

describe('overdue deductions', () => {
  it('score nothing in the default catalogue, and each overdue mark once a version switches them on', async () => {
    const scoreOf = async (windowId: string) => {
      const res = await hall.supervisor.get(`/v1/halls/${hall.hallId}/periods/2026-11/windows/${windowId}`);
      expect(res.statusCode).toBe(200);
      return (res.data.lineItems as Array<{ ruleCode: string; points: number }>).filter((l) => l.ruleCode.startsWith('RATE_') && l.ruleCode.endsWith('_OVERDUE')).map((l) => [l.ruleCode, l.points]);
    };
    expect(await scoreOf('w2')).toEqual([]);
    const current = await hall.supervisor.get(`/v1/halls/${hall.hallId}/rules`);
    const rules = current.data.rules.map((r: { code: string; enabled?: boolean }) => (r.code.endsWith('_OVERDUE') && r.code.startsWith('RATE_') ? { ...r, enabled: true } : r));
    const published = await hall.supervisor.post(`/v1/halls/${hall.hallId}/rules/versions`, { effectiveFrom: '2026-11-01', rules });
    expect(published.statusCode).toBe(201);
    expect(await scoreOf('w1')).toEqual([]);
    expect((await scoreOf('w2')).sort()).toEqual([
      ['RATE_CONTACT_OVERDUE', -1],
      ['RATE_RECTIFICATION_OVERDUE', -2],
    ]);
    expect(await scoreOf('w3')).toEqual([['RATE_RECTIFICATION_OVERDUE', -2]]);
    expect(await scoreOf('p1')).toEqual([]);
  });
});

describe('replay = live', () => {
  it('the case table written live equals a fresh fold of the stored history, and a rebuild rewrites it the same', async () => {
    await t.assessment.caughtUp(hall.hallId);
    const rows = async () =>
      (await sql<{ case_id: string; document: unknown }>`
        select case_id, document from bad_rating_cases where hall_id = ${hall.hallId} order by case_id`.execute(t.database.db)).rows;
    const live = await rows();
    const fresh = new HallStates(t.database.db, t.now);
    const replayed = await fresh.caughtUp(hall.hallId);
    const folded = hallBadRatingCases(replayed).map((c) => ({ case_id: c.caseId, document: JSON.parse(JSON.stringify(storedCase(replayed, c))) }));
    expect(live.length).toBeGreaterThan(3);
    expect(live).toEqual(folded.sort((x, y) => (x.case_id < y.case_id ? -1 : 1)));
    await rebuildViews(t.database.db, t.now, [hall.hallId]);
    expect(await rows()).toEqual(live);
  });

  it('the live scores with the overdue deductions equal the pure scorer over the stored history', async () => {
    const stored = await readEvents(t.database.db, hall.hallId, { after: 0, limit: 10_000 });
    // 实名 ratings are the ones stored with a contact reference: the scorer's only trace of personal data.
    const namedRatings = new Set(stored.filter((e) => e.type === 'RatingSubmitted' && e.personalRef !== null).map((e) => e.id));
    const pure = scoreMonth(stored.map(toAssessmentEvent), '2026-11', { stage: 'open', version: null, namedRatings });
    for (const doc of pure.windows) {
      const read = await hall.supervisor.get(`/v1/halls/${hall.hallId}/periods/2026-11/windows/${doc.subject.id}`);
      expect(read.data).toEqual(JSON.parse(JSON.stringify(doc)));
    }
  });
});
