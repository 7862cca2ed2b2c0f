import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '@hall/event-store';
import { organisationEvents } from '@hall/testing';
import { generateSigner } from './audit/signer.ts';
import { HallStates } from './hall-states.ts';
import { lateEvents } from './late-events.ts';
import { advancePeriod, restatePeriod } from './publish.ts';
import { monthRankings, scoreDocument, subjectList } from './reads.ts';
import { rebuildViews } from './rebuild-views.ts';
import { viewDb } from './view-tables.ts';
import { assessmentHarness, type AssessmentHarness } from './testing/given-hall.test-helper.ts';

// Two halls with the same window and staff ids: a row, cached document or
// checkpoint of one must never show in the other's reads.
let t: AssessmentHarness;
const { signer } = generateSigner();
beforeAll(async () => {
  t = await assessmentHarness({ now: '2026-11-26T04:00:00Z' });
});
afterAll(() => t.close());

const finding = (id: string, windowId: string, count: number, month = '11') => ({
  id,
  type: 'InspectionRecorded',
  occurredAt: `2026-${month}-12T10:00:00+08:00`,
  data: { inspectionId: id, inspectorId: 'i', findings: [{ ruleCode: 'HYG_NOT_CLEAN', windowId, count }] },
});

async function rows(hallId: string) {
  const vdb = viewDb(t.database.db);
  const scores = await vdb.selectFrom('score_views').select(['period', 'subject_type', 'subject_id', 'document']).where('hall_id', '=', hallId).orderBy('period').orderBy('subject_type').orderBy('subject_id').execute();
  const months = await vdb.selectFrom('month_views').select(['period', 'stage', 'rankings', 'ratings']).where('hall_id', '=', hallId).orderBy('period').execute();
  const late = (await sql`select period, position, event_id from late_events where hall_id = ${hallId} order by period, position`.execute(t.database.db)).rows;
  return canonicalJson({ scores, months, late });
}

describe('two halls projected by the same runners', () => {
  it('never see each other’s rows through interleaved appends and restatements', async () => {
    const a = await t.givenHall({ assessmentStartsOn: '2026-10-01' });
    const b = await t.givenHall({ assessmentStartsOn: '2026-10-01' });
    // A second process's runner shares the work with the harness's.
    const other = new HallStates(t.database.db, t.now);
    await t.post(a, organisationEvents('2026-10-01T08:00:00+08:00'));
    await t.post(b, organisationEvents('2026-10-01T08:00:00+08:00'));
    // Hall a: one deduction a month on w1; hall b: three on w2.
    for (let i = 0; i < 4; i += 1) {
      await t.post(a, [finding(`a${i}`, 'w1', 1, i % 2 === 0 ? '10' : '11')]);
      await other.caughtUp(b);
      await t.post(b, [finding(`b${i}`, 'w2', 3, i % 2 === 0 ? '10' : '11')]);
      await t.halls.caughtUp(a);
      if (i === 1) {
        expect((await advancePeriod(t.halls, signer, a, '2026-10', 'final', 'supervisor')).ok).toBe(true);
        expect((await advancePeriod(other, signer, b, '2026-10', 'final', 'supervisor')).ok).toBe(true);
      }
    }
    // Late events into the final October of both, then a restatement of b only.
    await t.post(a, [finding('a-late', 'w1', 1, '10')]);
    await t.post(b, [finding('b-late', 'w2', 3, '10')]);
    expect((await restatePeriod(other, signer, b, '2026-10', 'late finding')).ok).toBe(true);
    await Promise.all([t.halls.caughtUp(a), other.caughtUp(b), t.halls.caughtUp(b), other.caughtUp(a)]);

    const hyg = async (hallId: string, period: string, windowId: string) =>
      (await scoreDocument(t.halls, hallId, period, { type: 'window', id: windowId })).lineItems.filter((li: { ruleCode: string }) => li.ruleCode === 'HYG_NOT_CLEAN').length;
    expect(await hyg(a, '2026-11', 'w1')).toBe(2);
    expect(await hyg(a, '2026-11', 'w2')).toBe(0);
    expect(await hyg(b, '2026-11', 'w1')).toBe(0);
    expect(await hyg(b, '2026-11', 'w2')).toBe(2);
    // October: a's final version predates its late events; b's restatement took them in.
    expect(await hyg(a, '2026-10', 'w1')).toBe(1);
    expect(await hyg(b, '2026-10', 'w2')).toBe(3);
    expect(await hyg(b, '2026-10', 'w1')).toBe(0);
    expect((await subjectList(t.halls, a, '2026-10', 'window')).version).toBe(2); // preliminary, then final
    expect((await subjectList(t.halls, b, '2026-10', 'window')).version).toBe(3); // and the restatement
    const rankA = await monthRankings(t.halls, a, '2026-11');
    const rankB = await monthRankings(t.halls, b, '2026-11');
    expect(rankA.approval.map((r) => r.windowId)).not.toEqual(rankB.approval.map((r) => r.windowId));
    // Late events (a2 and b2 are dated in October too, posted once it was final): a's October has its own; b's restatement took its own in.
    const lateIds = async (hallId: string, states: HallStates) => (await lateEvents(states, await states.caughtUp(hallId), '2026-10')).map((e) => e.id);
    expect(await lateIds(a, t.halls)).toEqual(['a2', 'a-late']);
    expect(await lateIds(a, other)).toEqual(['a2', 'a-late']);
    expect(await lateIds(b, t.halls)).toEqual([]);
    expect(await lateIds(b, other)).toEqual([]);

    // Each hall's rows are what a rebuild of its own history writes.
    const live = { a: await rows(a), b: await rows(b) };
    await rebuildViews(t.database.db, t.now, [a, b]);
    expect({ a: await rows(a), b: await rows(b) }).toEqual(live);
  });
});
