import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseView, hallBadRatingCases, PROJECTION, toAssessmentEvent } from '@hall/assessment';
import { readEvents } from '@hall/event-store';
import { badRatingCaseId, buildHallModel, foldBadRatingCases } from '@hall/scoring';
import { organisationEvents } from '@hall/testing';
import { createHall, createTestApp, type HallFixture, type TestApp } from '../testing/test-app.ts';

/*
 * Cases of a month that became final (decision 1431): they leave the hall's
 * bounded state but keep their rows, so they are still listed with their
 * timelines, a late step for one is accepted and folded into its row exactly
 * as a fold of the whole history would, and the case reads never project.
 */
let t: TestApp;
let hall: HallFixture;
const url = () => `/v1/halls/${hall.hallId}/bad-rating-cases`;
const sep = (day: string, time: string) => `2026-09-${day}T${time}+08:00`;

function badRating(ratingId: string, windowId: string, staffId: string, at: string, contact?: string) {
  const ticketId = `t-${ratingId}`;
  return [
    { id: `${ticketId}-i`, type: 'TicketIssued', occurredAt: at, data: { ticketId, number: ticketId, serviceItemId: 'item1' } },
    { id: `${ticketId}-d`, type: 'ServiceCompleted', occurredAt: at, data: { ticketId, windowId, staffId, outcome: 'completed' } },
    { id: ratingId, type: 'RatingSubmitted', occurredAt: at, data: { ratingId, level: 1, channel: 'qr', windowId, staffId, ticketId, ...(contact ? { contact } : {}) } },
  ];
}

const step = (id: string, type: string, at: string, ratingId: string, data: Record<string, unknown> = {}) => ({ id, type, occurredAt: at, data: { badRatingCaseId: badRatingCaseId(ratingId), ...data } });

/** The pure fold of every case over the whole stored history (实名: the ratings stored with a contact). */
async function wholeFold() {
  const stored = await readEvents(t.database.db, hall.hallId, { after: 0, limit: 100_000 });
  const namedRatings = new Set(stored.filter((e) => e.type === 'RatingSubmitted' && e.personalRef !== null).map((e) => e.id));
  return foldBadRatingCases(buildHallModel(stored.map(toAssessmentEvent)), { namedRatings });
}

async function checkpoint(): Promise<number> {
  const { rows } = await sql<{ position: string }>`
    select position from projection_checkpoints where hall_id = ${hall.hallId} and projection = ${PROJECTION.name} and active`.execute(t.database.db);
  return Number(rows[0]?.position ?? 0);
}

beforeAll(async () => {
  t = await createTestApp({ now: '2026-09-30T04:00:00Z' });
  hall = await createHall(t, { assessmentStartsOn: '2026-09-01' });
  await hall.post(organisationEvents('2026-09-01T08:00:00+08:00'));
  await hall.post([...badRating('r-closed', 'w1', 's1', sep('02', '10:00:00'), '13800000001'), ...badRating('r-lapsed', 'w2', 's2', sep('03', '10:00:00')), ...badRating('r-bare', 'w3', 's3', sep('05', '10:00:00'))]);
  await hall.post([
    step('closed-contact', 'BadRatingContactMade', sep('02', '15:00:00'), 'r-closed', { outcome: 'reached' }),
    step('closed-done', 'BadRatingRectificationCompleted', sep('03', '10:00:00'), 'r-closed', { measures: '已培训', feedback: '已告知群众' }),
    step('closed-close', 'BadRatingCaseClosed', sep('04', '10:00:00'), 'r-closed', { resolution: 'rectified' }),
  ]);
  t.setNow('2026-12-01T04:00:00Z');
  for (const period of ['2026-09', '2026-10']) {
    const moved = await hall.supervisor.post(`/v1/halls/${hall.hallId}/periods/${period}/transitions`, { to: 'final' });
    expect(moved.statusCode, moved.body).toBe(200);
  }
});
afterAll(() => t.close());

describe('cases of a final month', () => {
  it('have left the bounded state but are still listed with their timelines', async () => {
    const state = await t.assessment.caughtUp(hall.hallId);
    expect(state.fromMonth).toBe('2026-11');
    expect(hallBadRatingCases(state)).toEqual([]);
    const list = await hall.supervisor.get(url());
    expect(list.statusCode).toBe(200);
    expect(list.data.cases.map((c: { ratingId: string; status: string; period: string }) => [c.ratingId, c.status, c.period])).toEqual([
      ['r-closed', 'closed', '2026-09'],
      ['r-lapsed', 'overdue', '2026-09'],
      ['r-bare', 'overdue', '2026-09'],
    ]);
    const closed = await hall.supervisor.get(`${url()}/${badRatingCaseId('r-closed')}`);
    expect(closed.data.timeline.map((e: { eventId: string; kind: string; outcome?: string }) => [e.eventId, e.kind, e.outcome ?? null])).toEqual([
      ['r-closed', 'RatingSubmitted', null],
      ['closed-contact', 'BadRatingContactMade', 'reached'],
      ['closed-done', 'BadRatingRectificationCompleted', null],
      ['closed-close', 'BadRatingCaseClosed', 'rectified'],
    ]);
    expect((await hall.supervisor.get(`/v1/halls/${hall.hallId}/windows/w2/bad-rating-cases?period=2026-09`)).data.cases).toHaveLength(1);
  });

  it('accept a late step, folded into the stored case as the whole history folds it', async () => {
    const section = await hall.client('section', { section: 'coordination' });
    await hall.post(
      [
        step('lapsed-done', 'BadRatingRectificationCompleted', '2026-12-01T10:00:00+08:00', 'r-lapsed', { measures: '调整排班', feedback: '已告知群众' }),
        step('lapsed-close', 'BadRatingCaseClosed', '2026-12-01T11:00:00+08:00', 'r-lapsed', { resolution: 'rectified' }),
        step('lapsed-close-again', 'BadRatingCaseClosed', '2026-12-01T11:30:00+08:00', 'r-lapsed', { resolution: 'not_required' }),
      ],
      section,
    );
    const read = await hall.supervisor.get(`${url()}/${badRatingCaseId('r-lapsed')}`);
    expect(read.statusCode).toBe(200);
    expect(read.data).toMatchObject({ status: 'closed', closed: { eventId: 'lapsed-close', resolution: 'rectified' } });
    expect(read.data.rectification).toMatchObject({ doneEventId: 'lapsed-done', overdue: true });
    expect(read.data.timeline.map((e: { eventId: string; ignored: boolean }) => [e.eventId, e.ignored])).toEqual([
      ['r-lapsed', false],
      ['lapsed-done', false],
      ['lapsed-close', false],
      ['lapsed-close-again', true],
    ]);
    // The pure fold over the whole stored history says the same.
    const whole = (await wholeFold()).find((c) => c.ratingId === 'r-lapsed')!;
    const { asOf: _asOf, timeline, ...view } = read.data;
    expect(view).toEqual(caseView(whole, t.now().getTime()));
    expect(timeline.map((e: { eventId: string; kind: string; occurredAt: string }) => [e.eventId, e.kind, e.occurredAt])).toEqual(whole.timeline.map((e) => [e.eventId, e.type, e.at]));
  });

  it('follow a late void of their 差评 or of one of their steps, as the whole history folds it', async () => {
    await hall.post([
      { id: 'void-close', type: 'EventVoided', occurredAt: '2026-12-01T11:40:00+08:00', data: { voidedEventId: 'lapsed-close', reason: '误录' } },
      { id: 'void-rating', type: 'EventVoided', occurredAt: '2026-12-01T11:45:00+08:00', data: { voidedEventId: 'r-closed', reason: '误评' } },
      { id: 'void-bare', type: 'EventVoided', occurredAt: '2026-12-01T11:46:00+08:00', data: { voidedEventId: 'r-bare', reason: '误评' } },
    ]);
    const whole = await wholeFold();
    for (const ratingId of ['r-lapsed', 'r-closed']) {
      const read = (await hall.supervisor.get(`${url()}/${badRatingCaseId(ratingId)}`)).data;
      const pure = whole.find((c) => c.ratingId === ratingId)!;
      const { asOf: _asOf, timeline, ...view } = read;
      expect(view, ratingId).toEqual(caseView(pure, t.now().getTime()));
      expect(timeline.map((e: { eventId: string; kind: string; ignored: boolean }) => [e.eventId, e.kind, e.ignored])).toEqual(pure.timeline.map((e) => [e.eventId, e.type, e.ignored === true]));
    }
    const lapsed = (await hall.supervisor.get(`${url()}/${badRatingCaseId('r-lapsed')}`)).data;
    expect(lapsed.closed).toMatchObject({ eventId: 'lapsed-close-again', resolution: 'not_required' });
    // A voided 差评 with no steps opens no case: gone from the list, as from the whole fold.
    expect(whole.map((c) => c.ratingId)).toEqual(['r-closed', 'r-lapsed']);
    expect((await hall.supervisor.get(`${url()}?period=2026-09`)).data.cases.map((c: { ratingId: string }) => c.ratingId)).toEqual(['r-closed', 'r-lapsed']);
    const closed = (await hall.supervisor.get(`${url()}/${badRatingCaseId('r-closed')}`)).data;
    expect(closed).toMatchObject({ status: 'void', voided: { eventId: 'void-rating', by: 'event_voided' } });
  });

  it('follow an upheld appeal of their 差评’s deduction (恶意差评), as the whole history folds it', async () => {
    const w2 = await hall.supervisor.get(`/v1/halls/${hall.hallId}/periods/2026-09/windows/w2`);
    const item = w2.data.lineItems.find((l: { ruleCode: string; eventIds: string[] }) => l.ruleCode === 'RATE_BAD_RATING' && l.eventIds.includes('r-lapsed'));
    expect(item).toBeDefined();
    const appeal = await hall.supervisor.post(`/v1/halls/${hall.hallId}/appeals`, { lineItemId: item.id, reason: '恶意差评，有录音为证' });
    expect(appeal.statusCode, appeal.body).toBe(201);
    const decided = await hall.supervisor.post(`/v1/halls/${hall.hallId}/appeals/${appeal.data.appealId}/decision`, { upheld: true, reason: '核实为恶意差评' });
    expect(decided.statusCode, decided.body).toBe(200);
    const read = (await hall.supervisor.get(`${url()}/${badRatingCaseId('r-lapsed')}`)).data;
    expect(read).toMatchObject({ status: 'void', voided: { by: 'appeal' } });
    const pure = (await wholeFold()).find((c) => c.ratingId === 'r-lapsed')!;
    expect(pure.voided).toMatchObject({ by: 'appeal' });
    const { asOf: _asOf, timeline, ...view } = read;
    expect(view).toEqual(caseView(pure, t.now().getTime()));
    expect(timeline.map((e: { eventId: string; kind: string; ignored: boolean }) => [e.eventId, e.kind, e.ignored])).toEqual(pure.timeline.map((e) => [e.eventId, e.type, e.ignored === true]));
    expect(timeline.at(-1)).toMatchObject({ kind: 'AppealDecided', outcome: 'upheld' });
  });

  it('take a step posted right after its 差评 (read-your-writes)', async () => {
    await hall.post(badRating('r-dec', 'w1', 's1', '2026-12-01T09:00:00+08:00', '13800000003'));
    const res = await hall.supervisor.post(`/v1/halls/${hall.hallId}/events`, {
      events: [step('dec-contact', 'BadRatingContactMade', '2026-12-01T11:00:00+08:00', 'r-dec', { outcome: 'reached' })],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data.results.map((r: { status: string }) => r.status)).toEqual(['appended']);
  });
});

describe('case reads', () => {
  it('never project: they answer the table with the position it reflects, and the checkpoint stays', async () => {
    await t.assessment.caughtUp(hall.hallId);
    t.assessment.backgroundCatchUp = false;
    // Batches kicked by the earlier appends must not run under this test either.
    t.assessment.stop();
    t.assessment.readWaitMs = 100;
    try {
      await hall.post(badRating('r-unprojected', 'w3', 's3', '2026-12-01T10:00:00+08:00'));
      const before = await checkpoint();
      const reads = [url(), `${url()}/${badRatingCaseId('r-dec')}`, `/v1/halls/${hall.hallId}/windows/w3/bad-rating-cases`];
      for (const read of reads) {
        const res = await hall.supervisor.get(read);
        expect(res.statusCode, read).toBe(200);
        expect(res.headers['as-of-position'], read).toBe(String(before));
        expect(await checkpoint(), `${read} moved the checkpoint`).toBe(before);
      }
      // The 差评 the projection has not reached is not listed yet.
      expect((await hall.supervisor.get(`/v1/halls/${hall.hallId}/windows/w3/bad-rating-cases`)).data.cases).toEqual([]);
    } finally {
      t.assessment.backgroundCatchUp = true;
      t.assessment.readWaitMs = 60_000;
    }
  });
});
