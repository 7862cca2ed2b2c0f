import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHall, createTestApp, type HallFixture, type TestApp } from '../testing/test-app.ts';
import { organisationEvents } from '@hall/testing';
import { advanceDuePeriods } from '@hall/assessment';
import { ADMIN_TOKEN } from '../testing/test-app.ts';
import { publishedDocumentRows, publishedReads, versionDocuments } from '../testing/published-documents.test-helper.ts';

let t: TestApp;
let hall: HallFixture;

const at = (iso: string) => iso;
const finding = (id: string, occurredAt: string, ruleCode: string, windowId = 'w1', staffId: string | null = 's1', count = 1) => ({
  id,
  type: 'InspectionRecorded',
  occurredAt,
  data: { inspectionId: id, inspectorId: 'insp', findings: [{ ruleCode, windowId, ...(staffId ? { staffId } : {}), count }] },
});
const attendance = (id: string, date: string, mark: string, minutes?: number) => ({
  id,
  type: 'AttendanceMarked',
  occurredAt: `${date}T09:00:00+08:00`,
  data: { staffId: 's1', windowId: 'w1', date, mark, ...(minutes === undefined ? {} : { minutes }) },
});

async function doc(period: string, type: 'windows' | 'staff', id: string, query = '') {
  const res = await hall.supervisor.get(`/v1/halls/${hall.hallId}/periods/${period}/${type}/${id}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.data;
}

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-26T04:00:00Z' });
  hall = await createHall(t, { assessmentStartsOn: '2026-09-01', autoAdvance: false });
  await hall.post(organisationEvents());
  await hall.post([
    finding('sep-hyg', at('2026-09-10T10:00:00+08:00'), 'HYG_NOT_CLEAN', 'w1', 's1', 3),
    attendance('sep-late', '2026-09-11', 'late', 10),
    attendance('sep-late-long', '2026-09-12', 'late', 45),
    finding('sep-w2', at('2026-09-10T10:00:00+08:00'), 'CON_BADGE_UNIFORM', 'w2', null),
  ]);
});
afterAll(() => t.close());

describe('an open month', () => {
  it('answers the provisional score with every point explained', async () => {
    const w1 = await doc('2026-09', 'windows', 'w1');
    expect(w1.stage).toBe('open');
    expect(w1.version).toBeNull();
    // 100 − 3 (3 unclean desks) − 1 (late 10 min) − 2.5 (late 45 min = half-day absence) − 3 (fewer than 2 cases) = 90.5
    expect(w1.total).toBe(90.5);
    const codes = w1.lineItems.map((li: { ruleCode: string }) => li.ruleCode).sort();
    expect(codes).toEqual(['ATT_ABSENCE', 'ATT_LATE_EARLY', 'CASE_LOW_VOLUME', 'HYG_NOT_CLEAN']);
    const sum = w1.categories.reduce((s: number, c: { score: number }) => s + c.score, 0) + w1.bonus.counted;
    expect(sum).toBeCloseTo(w1.total, 10);
    const s1 = await doc('2026-09', 'staff', 's1');
    // staff: −3 −1 −2.5 (no period-metric rules for staff) = 93.5
    expect(s1.total).toBe(93.5);
  });

  it('404 for months before the assessment or not yet begun, 422 for a malformed period', async () => {
    expect((await hall.supervisor.get(`/v1/halls/${hall.hallId}/periods/2026-08/windows/w1`)).statusCode).toBe(404);
    expect((await hall.supervisor.get(`/v1/halls/${hall.hallId}/periods/2027-01/windows/w1`)).statusCode).toBe(404);
    expect((await hall.supervisor.get(`/v1/halls/${hall.hallId}/periods/2026-13/windows/w1`)).statusCode).toBe(422);
    expect((await hall.supervisor.get(`/v1/halls/${hall.hallId}/periods/2026-09/windows/nope`)).statusCode).toBe(404);
  });

  it('lets a window head read only its own window and staff', async () => {
    const head = await hall.client('window_head', { windowId: 'w1' });
    expect((await head.get(`/v1/halls/${hall.hallId}/periods/2026-09/windows/w1`)).statusCode).toBe(200);
    expect((await head.get(`/v1/halls/${hall.hallId}/periods/2026-09/staff/s1`)).statusCode).toBe(200);
    expect((await head.get(`/v1/halls/${hall.hallId}/periods/2026-09/windows/w2`)).statusCode).toBe(403);
  });
});

describe('moving a month', () => {
  it('refuses a month that has not ended, with 409', async () => {
    const res = await hall.supervisor.post(`/v1/halls/${hall.hallId}/periods/2026-11/transitions`, { to: 'collecting' });
    expect(res.statusCode).toBe(409);
    expect(res.data.code).toBe('PERIOD_NOT_ENDED');
  });

  it('passes through and publishes the stages between, once', async () => {
    const res = await hall.supervisor.post(`/v1/halls/${hall.hallId}/periods/2026-09/transitions`, { to: 'final' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data.stage).toBe('final');
    expect(res.data.versions.map((v: { version: number; kind: string }) => [v.version, v.kind])).toEqual([
      [1, 'preliminary'],
      [2, 'final'],
    ]);
    const again = await hall.supervisor.post(`/v1/halls/${hall.hallId}/periods/2026-09/transitions`, { to: 'final' });
    expect(again.statusCode).toBe(200);
    expect(again.data.versions).toHaveLength(2);
    const back = await hall.supervisor.post(`/v1/halls/${hall.hallId}/periods/2026-09/transitions`, { to: 'collecting' });
    expect(back.statusCode).toBe(409);
    expect(back.data.code).toBe('TRANSITION_OUT_OF_ORDER');
    const w1 = await doc('2026-09', 'windows', 'w1');
    expect(w1).toMatchObject({ stage: 'final', version: 2, total: 90.5 });
    const v1 = await doc('2026-09', 'windows', 'w1', '?version=1');
    expect(v1).toMatchObject({ stage: 'preliminary', version: 1 });
  });

  it('publishes rankings per kind with honours', async () => {
    const res = await hall.supervisor.get(`/v1/halls/${hall.hallId}/periods/2026-09/rankings`);
    expect(res.statusCode).toBe(200);
    // w2: 100 − 1 − 3 = 96; w3: 97; w1: 90.5. N = 3: red flag max(1, round(0.45)) = 1, in all round(0.9) = 1.
    expect(res.data.approval).toEqual([
      { windowId: 'w3', rank: 1, total: 97, honour: 'red_flag', veto: false },
      { windowId: 'w2', rank: 2, total: 96, honour: null, veto: false },
      { windowId: 'w1', rank: 3, total: 90.5, honour: null, veto: false },
    ]);
    expect(res.data.public_service).toEqual([{ windowId: 'p1', rank: 1, total: 97, honour: 'red_flag', veto: false }]);
  });

  it('lists a late event without changing the final month, until a restatement takes it in', async () => {
    await hall.post([finding('sep-late-finding', at('2026-09-20T10:00:00+08:00'), 'CON_QUARREL', 'w2', 's2', 3)]);
    const period = await hall.supervisor.get(`/v1/halls/${hall.hallId}/periods/2026-09`);
    expect(period.data.lateEvents).toBe(1);
    const late = await hall.supervisor.get(`/v1/halls/${hall.hallId}/periods/2026-09/late-events`);
    expect(late.data.events.map((e: { id: string }) => e.id)).toEqual(['sep-late-finding']);
    expect((await doc('2026-09', 'windows', 'w2')).total).toBe(96);

    const restated = await hall.supervisor.post(`/v1/halls/${hall.hallId}/periods/2026-09/restatements`, { reason: 'late inspection report' });
    expect(restated.statusCode, restated.body).toBe(201);
    expect(restated.data.version).toBe(3);
    expect(restated.data.diff).toMatchObject({ fromVersion: 2, toVersion: 3 });
    const w2 = restated.data.diff.subjects.find((s: { subject: { type: string; id: string } }) => s.subject.type === 'window' && s.subject.id === 'w2');
    // 96 − 3 × 3 (three quarrels) = 87: w2 falls from 2nd to 3rd, below w1's 90.5.
    expect(w2).toMatchObject({ totalBefore: 96, totalAfter: 87, rankBefore: 2, rankAfter: 3 });
    expect(w2.lineItemsAdded.map((li: { ruleCode: string }) => li.ruleCode)).toEqual(['CON_QUARREL']);
    const w1 = restated.data.diff.subjects.find((s: { subject: { id: string } }) => s.subject.id === 'w1');
    expect(w1).toMatchObject({ totalBefore: 90.5, totalAfter: 90.5, rankBefore: 3, rankAfter: 2, lineItemsAdded: [] });
    expect(restated.data.diff.subjects.find((s: { subject: { id: string } }) => s.subject.id === 'w3')).toBeUndefined();
    const after = await hall.supervisor.get(`/v1/halls/${hall.hallId}/periods/2026-09`);
    expect(after.data).toMatchObject({ stage: 'final', lateEvents: 0 });
    expect(after.data.versions.at(-1)).toMatchObject({ version: 3, kind: 'restated' });
  });

  it('reads each published version, restated one included, as the document period_versions holds', async () => {
    const versions = await versionDocuments(t.database.db, hall.hallId);
    expect(new Set(versions.map((d) => d.version))).toEqual(new Set([1, 2, 3]));
    // One row per subject, the very document and place of the version's array (decision 1811).
    expect(await publishedDocumentRows(t.database.db, hall.hallId)).toEqual(versions);
    for (const read of await publishedReads(t.app, t.database.db, hall.hallId, ADMIN_TOKEN)) {
      expect(read.status, read.path).toBe(200);
      expect(read.body, read.path).toBe(read.expected);
    }
    // The latest version answers a read without ?version, a list in the version's order.
    const latest = versions.filter((d) => d.period === '2026-09' && d.version === 3 && d.type === 'window');
    const read = await hall.supervisor.get(`/v1/halls/${hall.hallId}/periods/2026-09/windows/w2`);
    expect(read.body).toBe(latest.find((d) => d.id === 'w2')!.text);
    // A published month answers at the hall's head, read with its version (decision 1811).
    const head = await sql<{ head: string }>`select head_position as head from halls where hall_id = ${hall.hallId}`.execute(t.database.db);
    expect(read.headers['as-of-position']).toBe(String(head.rows[0]!.head));
    const list = await hall.supervisor.get(`/v1/halls/${hall.hallId}/periods/2026-09/windows`);
    expect(list.statusCode, list.body).toBe(200);
    const fields = (d: { subject: { id: string }; total: number; veto: boolean; stage: string; version: number | null }) => ({ windowId: d.subject.id, total: d.total, veto: d.veto, stage: d.stage, version: d.version });
    expect(list.data.windows.map((w: { windowId: string; total: number; veto: boolean; stage: string; version: number | null }) => ({ windowId: w.windowId, total: w.total, veto: w.veto, stage: w.stage, version: w.version }))).toEqual(
      latest.map((d) => fields(JSON.parse(d.text))),
    );
  });

  it("back-fills the same rows with migration 0015's statement", async () => {
    const versions = await versionDocuments(t.database.db, hall.hallId);
    const migration = await readFile(new URL('../../../../migrations/0015_published_documents.sql', import.meta.url), 'utf8');
    const backfill = migration.slice(migration.indexOf('INSERT INTO published_documents'));
    // This test's own database: emptied and back-filled as an upgraded installation would be.
    await sql`delete from published_documents`.execute(t.database.db);
    await sql.raw(backfill).execute(t.database.db);
    expect(await publishedDocumentRows(t.database.db, hall.hallId)).toEqual(versions);
  });

  it('replays every published version from the history alone', async () => {
    for (const version of [1, 2, 3]) {
      const res = await hall.supervisor.get(`/v1/halls/${hall.hallId}/audit/replay?period=2026-09&version=${version}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.data.differences).toEqual([]);
      expect(res.data.matches).toBe(true);
    }
  });
});

describe('appeals during the objection window', () => {
  it('voids exactly the upheld line item and recomputes', async () => {
    await hall.post([finding('oct-hyg', at('2026-10-10T10:00:00+08:00'), 'HYG_NOT_CLEAN', 'w1', 's1', 2), finding('oct-idle', at('2026-10-11T10:00:00+08:00'), 'CON_IDLE_AT_POST')]);
    const head = await hall.client('window_head', { windowId: 'w1' });
    const before = await doc('2026-10', 'windows', 'w1');
    const item = before.lineItems.find((li: { ruleCode: string }) => li.ruleCode === 'HYG_NOT_CLEAN');
    const unknown = await hall.supervisor.post(`/v1/halls/${hall.hallId}/appeals`, { lineItemId: 'li-nope', reason: 'x' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.data.errors).toEqual([{ path: '/lineItemId', message: '明细不存在' }]);
    // Not in the objection window yet: 409 for a window head.
    const early = await head.post(`/v1/halls/${hall.hallId}/appeals`, { lineItemId: item.id, reason: 'the desk was clean' });
    expect(early.statusCode).toBe(409);

    expect((await hall.supervisor.post(`/v1/halls/${hall.hallId}/periods/2026-10/transitions`, { to: 'preliminary' })).statusCode).toBe(200);
    const filed = await head.post(`/v1/halls/${hall.hallId}/appeals`, { lineItemId: item.id, reason: 'the desk was clean' });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.data.status).toBe('pending');
    const decided = await hall.supervisor.post(`/v1/halls/${hall.hallId}/appeals/${filed.data.appealId}/decision`, { upheld: true, reason: 'photo shows a clean desk' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.data.status).toBe('upheld');
    const twice = await hall.supervisor.post(`/v1/halls/${hall.hallId}/appeals/${filed.data.appealId}/decision`, { upheld: false, reason: 'changed my mind' });
    expect(twice.statusCode).toBe(409);

    // The preliminary stays as published (version 1 names one content, 0004); the appeal shows in the final.
    const preliminary = await doc('2026-10', 'windows', 'w1');
    expect(preliminary).toMatchObject({ stage: 'preliminary', version: 1, total: before.total });
    expect(preliminary).toEqual(await doc('2026-10', 'windows', 'w1', '?version=1'));

    expect((await hall.supervisor.post(`/v1/halls/${hall.hallId}/periods/2026-10/transitions`, { to: 'final' })).statusCode).toBe(200);
    const final = await doc('2026-10', 'windows', 'w1');
    expect(final).toMatchObject({ stage: 'final', version: 2, total: before.total + 2 });
    expect(final.lineItems.find((li: { id: string }) => li.id === item.id).status).toBe('voided');
    const others = final.lineItems.filter((li: { id: string }) => li.id !== item.id);
    expect(others.every((li: { status: string }) => li.status === 'counted')).toBe(true);
  });
});

describe('rule catalogue versions', () => {
  it('scores each event by the version in force at its occurredAt, and never changes a final month', async () => {
    const current = await hall.supervisor.get(`/v1/halls/${hall.hallId}/rules`);
    expect(current.data.version).toBe(1);
    const rules = current.data.rules.map((r: { code: string; computation: { kind: string; points: number } }) =>
      r.code === 'HYG_NOT_CLEAN' ? { ...r, computation: { kind: 'per_occurrence', points: -2 } } : r,
    );
    const intoFinal = await hall.supervisor.post(`/v1/halls/${hall.hallId}/rules/versions`, { effectiveFrom: '2026-10-15', rules });
    expect(intoFinal.statusCode).toBe(409);
    const published = await hall.supervisor.post(`/v1/halls/${hall.hallId}/rules/versions`, { effectiveFrom: '2026-11-15', rules });
    expect(published.statusCode, published.body).toBe(201);
    expect(published.data.version).toBe(2);
    await hall.post([
      finding('nov-before', at('2026-11-10T10:00:00+08:00'), 'HYG_NOT_CLEAN', 'w3', 's3'),
      finding('nov-after', at('2026-11-20T10:00:00+08:00'), 'HYG_NOT_CLEAN', 'w3', 's3'),
    ]);
    const w3 = await doc('2026-11', 'windows', 'w3');
    const items = w3.lineItems
      .filter((li: { ruleCode: string }) => li.ruleCode === 'HYG_NOT_CLEAN')
      .map((li: { eventIds: string[]; points: number; ruleVersion: number }) => [li.eventIds[0], li.points, li.ruleVersion])
      .sort();
    expect(items).toEqual([
      ['nov-after', -2, 2],
      ['nov-before', -1, 1],
    ]);
    expect((await hall.supervisor.get(`/v1/halls/${hall.hallId}/rules/versions/1`)).data.version).toBe(1);
    expect((await hall.supervisor.get(`/v1/halls/${hall.hallId}/rules/versions/9`)).statusCode).toBe(404);
  });
});

describe('the schedule', () => {
  it('gives a hall taken on after months ended its collecting week for them, then catches up in order; a second run changes nothing', async () => {
    // Created 26 November (Shanghai) with August to October long ended.
    const auto = await createHall(t, { assessmentStartsOn: '2026-08-01', autoAdvance: true });
    await auto.post(organisationEvents('2026-08-01T08:00:00+08:00'));
    expect((await advanceDuePeriods(t.assessment, t.signer, auto.hallId, t.now())).moved).toEqual([
      { period: '2026-08', to: 'collecting' },
      { period: '2026-09', to: 'collecting' },
      { period: '2026-10', to: 'collecting' },
    ]);
    // 2 December: still inside the week that started on 26 November; November has ended.
    expect((await advanceDuePeriods(t.assessment, t.signer, auto.hallId, new Date('2026-12-02T12:00:00+08:00'))).moved).toEqual([
      { period: '2026-11', to: 'collecting' },
    ]);
    // 6 December, after downtime: the week (to 3 December) and the objection days (to 6 December) are over.
    const report = await advanceDuePeriods(t.assessment, t.signer, auto.hallId, new Date('2026-12-06T00:00:00+08:00'));
    expect(report.moved).toEqual([
      { period: '2026-08', to: 'final' },
      { period: '2026-09', to: 'final' },
      { period: '2026-10', to: 'final' },
    ]);
    const again = await advanceDuePeriods(t.assessment, t.signer, auto.hallId, new Date('2026-12-06T00:00:00+08:00'));
    expect(again.moved).toEqual([]);
    const oct = await auto.supervisor.get(`/v1/halls/${auto.hallId}/periods/2026-10`);
    expect(oct.data.versions).toHaveLength(2);
  });

  it('moves a month only as far as its schedule says', async () => {
    const auto = await createHall(t, { assessmentStartsOn: '2026-11-01', autoAdvance: true });
    // 2 December 2026 in Shanghai: November ended, still collecting (7 days).
    const report = await advanceDuePeriods(t.assessment, t.signer, auto.hallId, new Date('2026-12-02T00:00:00Z'));
    expect(report.moved).toEqual([{ period: '2026-11', to: 'collecting' }]);
    // 8 December 00:00 local = preliminary; 11 December = final.
    expect((await advanceDuePeriods(t.assessment, t.signer, auto.hallId, new Date('2026-12-07T16:00:00Z'))).moved).toEqual([{ period: '2026-11', to: 'preliminary' }]);
    expect((await advanceDuePeriods(t.assessment, t.signer, auto.hallId, new Date('2026-12-10T16:00:00Z'))).moved).toEqual([{ period: '2026-11', to: 'final' }]);
  });

  it('leaves halls that do not auto-advance to their supervisors', async () => {
    expect((await advanceDuePeriods(t.assessment, t.signer, hall.hallId, new Date('2027-03-01T00:00:00Z'))).moved).toEqual([]);
  });
});

describe('events that reach back into the months of a leave', () => {
  const leave = (id: string, staffId: string, windowId: string, from: string, to: string, occurredAt: string) => ({
    id,
    type: 'LeaveApproved',
    occurredAt,
    data: { leaveId: id, staffId, windowId, leaveType: 'personal', from, to },
  });
  const leaveItems = async (h: HallFixture, period: string, windowId: string) => {
    const res = await h.supervisor.get(`/v1/halls/${h.hallId}/periods/${period}/windows/${windowId}`);
    return res.data.lineItems.filter((li: { ruleCode: string; status: string }) => li.ruleCode === 'ATT_PERSONAL_LEAVE_NO_SUB' && li.status === 'counted');
  };

  it('re-scores an open month when a later substitute or rejection removes its leave deduction', async () => {
    const h = await createHall(t, { assessmentStartsOn: '2026-10-01', autoAdvance: false });
    await h.post(organisationEvents('2026-10-01T08:00:00+08:00'));
    // w1 and w3 have one staff member each: any personal leave needs a substitute (−2 per working day).
    await h.post([leave('lv-a', 's1', 'w1', '2026-10-12', '2026-10-12', '2026-10-01T09:00:00+08:00'), leave('lv-b', 's3', 'w3', '2026-10-13', '2026-10-13', '2026-10-01T09:00:00+08:00')]);
    expect(await leaveItems(h, '2026-10', 'w1')).toHaveLength(1);
    expect(await leaveItems(h, '2026-10', 'w3')).toHaveLength(1);
    // Dated in November, both change October (docs/domain.md §4.2).
    await h.post([
      { id: 'sub-a', type: 'SubstituteAssigned', occurredAt: '2026-11-02T09:00:00+08:00', data: { leaveId: 'lv-a', substituteStaffId: 's2' } },
      { id: 'rej-b', type: 'LeaveRejected', occurredAt: '2026-11-03T09:00:00+08:00', data: { leaveId: 'lv-b', staffId: 's3', reason: 'not approved after all' } },
    ]);
    expect(await leaveItems(h, '2026-10', 'w1')).toEqual([]);
    expect(await leaveItems(h, '2026-10', 'w3')).toEqual([]);
  });

  it('lists as late for a final month the leave events and voids that change it, whatever their own date', async () => {
    const h = await createHall(t, { assessmentStartsOn: '2026-10-01', autoAdvance: false });
    await h.post(organisationEvents('2026-10-01T08:00:00+08:00'));
    await h.post([
      leave('lv-c', 's1', 'w1', '2026-10-12', '2026-10-12', '2026-10-01T09:00:00+08:00'),
      finding('oct-f', '2026-10-20T10:00:00+08:00', 'HYG_NOT_CLEAN'),
    ]);
    expect((await h.supervisor.post(`/v1/halls/${h.hallId}/periods/2026-10/transitions`, { to: 'final' })).statusCode).toBe(200);
    await h.post([
      { id: 'sub-c', type: 'SubstituteAssigned', occurredAt: '2026-11-02T09:00:00+08:00', data: { leaveId: 'lv-c', substituteStaffId: 's2' } },
      leave('lv-d', 's3', 'w3', '2026-10-14', '2026-10-14', '2026-11-04T09:00:00+08:00'),
      { id: 'void-f', type: 'EventVoided', occurredAt: '2026-11-05T09:00:00+08:00', data: { voidedEventId: 'oct-f', reason: 'entered twice' } },
    ]);
    const october = await h.supervisor.get(`/v1/halls/${h.hallId}/periods/2026-10`);
    expect(october.data.lateEvents).toBe(3);
    const late = await h.supervisor.get(`/v1/halls/${h.hallId}/periods/2026-10/late-events`);
    expect(late.data.events.map((e: { id: string }) => e.id)).toEqual(['sub-c', 'lv-d', 'void-f']);
    // November's own list does not hold them: none changes November.
    expect((await h.supervisor.get(`/v1/halls/${h.hallId}/periods/2026-11`)).data.lateEvents).toBe(0);
  });
});

describe('a completion dated after the rating it verifies', () => {
  it('re-scores the rating\'s open month', async () => {
    const h = await createHall(t, { assessmentStartsOn: '2026-09-01', autoAdvance: false });
    await h.post(organisationEvents());
    // Rated at 23:59 on 30 September by the kiosk; the queue system dates the completion a minute into October.
    await h.post([
      { id: 'cx-issued', type: 'TicketIssued', occurredAt: '2026-09-30T23:40:00+08:00', data: { ticketId: 'cx', number: 'A1', serviceItemId: 'item1' } },
      { id: 'cx-rated', type: 'RatingSubmitted', occurredAt: '2026-09-30T23:59:00+08:00', data: { ratingId: 'rx', level: 1, channel: 'kiosk', windowId: 'w1', staffId: 's1', ticketId: 'cx' } },
    ]);
    const bad = async () => {
      const res = await h.supervisor.get(`/v1/halls/${h.hallId}/periods/2026-09/windows/w1`);
      return res.data.lineItems.filter((li: { ruleCode: string }) => li.ruleCode === 'RATE_BAD_RATING').length;
    };
    expect(await bad()).toBe(0); // unverified: no completion yet
    await h.post([{ id: 'cx-done', type: 'ServiceCompleted', occurredAt: '2026-10-01T00:01:00+08:00', data: { ticketId: 'cx', windowId: 'w1', staffId: 's1', outcome: 'completed' } }]);
    expect(await bad()).toBe(1);
  });
});

describe('quarter and year documents', () => {
  it('answer for spans the hall assesses, 404 for spans wholly before its start or not begun', async () => {
    const q4 = await hall.supervisor.get(`/v1/halls/${hall.hallId}/quarters/2026-Q4/staff`);
    expect(q4.statusCode, q4.body).toBe(200);
    expect(q4.data).toMatchObject({ quarter: '2026-Q4', provisional: true });
    const year = await hall.supervisor.get(`/v1/halls/${hall.hallId}/years/2026`);
    expect(year.statusCode, year.body).toBe(200);
    expect(year.data).toMatchObject({ year: '2026', provisional: true });
    for (const path of ['quarters/2027-Q1/staff', 'quarters/2026-Q2/staff', 'years/2027', 'years/2025']) {
      const res = await hall.supervisor.get(`/v1/halls/${hall.hallId}/${path}`);
      expect(res.statusCode, path).toBe(404);
      expect(res.data).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    }
  });
});
