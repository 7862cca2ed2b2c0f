import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, readEvents } from '@hall/event-store';
import { badRatingCaseId, buildHallModel, foldBadRatingCases, scoreMonth } from '@hall/scoring';
import { caseView, listBadRatingCases } from './bad-rating-cases.ts';
import { organisationEvents } from '@hall/testing';
import { toAssessmentEvent } from './hall-state.ts';
import { HallStates } from './hall-states.ts';
import { scoreDocument } from './reads.ts';
import { viewDb } from './view-tables.ts';
import { assessmentHarness, type AssessmentHarness } from './testing/given-hall.test-helper.ts';

let t: AssessmentHarness;
beforeAll(async () => {
  t = await assessmentHarness({ now: '2026-11-26T04:00:00Z' });
  // The test moves the live views itself, batch by batch.
  t.halls.backgroundCatchUp = false;
});
afterAll(() => t.close());

const windows = ['w1', 'w2', 'w3', 'p1'];
const staffOf: Record<string, string> = { w1: 's1', w2: 's2', w3: 's3', p1: 's4' };
const codes = ['HYG_NOT_CLEAN', 'CON_BADGE_UNIFORM', 'CON_QUARREL', 'ARC_DISORDER', 'FEE_CASH_AT_WINDOW', 'INT_CORRUPTION'];

/** One random fact of October or November, with everything it needs to be scored. */
const fact = fc
  .record({
    kind: fc.constantFrom('finding', 'late', 'ticket', 'ticket', 'commendation', 'complaint', 'step'),
    window: fc.constantFrom(...windows),
    code: fc.constantFrom(...codes),
    day: fc.integer({ min: 1, max: 25 }),
    month: fc.constantFrom('10', '11'),
    minutes: fc.integer({ min: 1, max: 90 }),
    level: fc.integer({ min: 1, max: 5 }),
    count: fc.integer({ min: 1, max: 3 }),
  })
  .map((f) => f);

type TestEvent = { id: string; type: string; occurredAt: string; data: Record<string, unknown> };

function eventsOf(f: { kind: string; window: string; code: string; day: number; month: string; minutes: number; level: number; count: number }, i: number): TestEvent[] {
  const at = `2026-${f.month}-${String(f.day).padStart(2, '0')}T10:${String(i % 60).padStart(2, '0')}:00+08:00`;
  const staffId = staffOf[f.window]!;
  const id = `e${i}`;
  switch (f.kind) {
    case 'finding':
      return [{ id, type: 'InspectionRecorded', occurredAt: at, data: { inspectionId: id, inspectorId: 'i', findings: [{ ruleCode: f.code, windowId: f.window, staffId, count: f.count }] } }];
    case 'late':
      return [{ id, type: 'AttendanceMarked', occurredAt: at, data: { staffId, windowId: f.window, date: at.slice(0, 10), mark: 'late', minutes: f.minutes } }];
    case 'commendation':
      return [{ id, type: 'CommendationRecorded', occurredAt: at, data: { commendationId: id, kind: 'pennant', windowId: f.window, staffId } }];
    case 'complaint':
      return [{ id, type: 'ComplaintVerified', occurredAt: at, data: { complaintId: id, valid: true, windowId: f.window, staffId, mediaExposure: f.level === 1 } }];
    case 'step': {
      // A step of the case the previous fact's rating opened (if it was a counted 差评; else the fold ignores it).
      const data = { badRatingCaseId: badRatingCaseId(`e${i - 1}`) };
      const steps: TestEvent[] = [
        { id, type: 'BadRatingContactMade', occurredAt: at, data: { ...data, outcome: 'reached' } },
        { id, type: 'BadRatingRectificationCompleted', occurredAt: at, data: { ...data, measures: 'm', feedback: 'f' } },
        { id, type: 'BadRatingFollowUpRated', occurredAt: at, data: { ...data, windowId: f.window, level: 4, channel: 'sms' } },
        { id, type: 'BadRatingCaseClosed', occurredAt: at, data: { ...data, resolution: 'rectified' } },
        { id, type: 'BadRatingRectificationPlanned', occurredAt: at, data: { ...data, plan: 'p' } },
      ];
      return [steps[f.level - 1]!];
    }
    default:
      return [
        { id: `${id}-i`, type: 'TicketIssued', occurredAt: at, data: { ticketId: id, number: `A${i}`, serviceItemId: 'item1' } },
        { id: `${id}-c`, type: 'ServiceCompleted', occurredAt: at, data: { ticketId: id, windowId: f.window, staffId, outcome: 'completed' } },
        { id: `${id}-r`, type: 'RatingSubmitted', occurredAt: at, data: { ratingId: id, level: f.level, channel: 'web', windowId: f.window, ticketId: id } },
      ];
  }
}

async function views(hallId: string) {
  const rows = await viewDb(t.database.db)
    .selectFrom('score_views')
    .select(['period', 'subject_type', 'subject_id', 'document'])
    .where('hall_id', '=', hallId)
    .orderBy('period')
    .orderBy('subject_type')
    .orderBy('subject_id')
    .execute();
  const months = await viewDb(t.database.db).selectFrom('month_views').select(['period', 'rankings', 'ratings']).where('hall_id', '=', hallId).orderBy('period').execute();
  const cases = await viewDb(t.database.db).selectFrom('bad_rating_cases').select(['case_id', 'period', 'window_id', 'opened_at', 'document']).where('hall_id', '=', hallId).orderBy('case_id').execute();
  return canonicalJson({ rows, months, cases });
}

describe('replay = live', () => {
  it('views built live from random batches equal a rebuild from the history, byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fact, { minLength: 5, maxLength: 40 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 10 }), fc.boolean(), async (facts, sizes, reverse) => {
        const hallId = await t.givenHall({ assessmentStartsOn: '2026-10-01' });
        await t.post(hallId, organisationEvents('2026-10-01T08:00:00+08:00'));
        const all = facts.flatMap((f, i) => eventsOf(f, i));
        const ordered = reverse ? [...all].reverse() : all;
        for (let at = 0, k = 0; at < ordered.length; k += 1) {
          const size = sizes[k % sizes.length]!;
          await t.post(hallId, ordered.slice(at, at + size));
          await t.halls.caughtUp(hallId); // the live projection, batch by batch
          at += size;
        }
        const live = await views(hallId);
        // The views are exactly the pure scorer's result over the stored history.
        const stored = await readEvents(t.database.db, hallId, { after: 0, limit: 100_000 });
        const history = stored.map(toAssessmentEvent);
        for (const period of ['2026-10', '2026-11']) {
          const pure = scoreMonth(history, period, { stage: 'open', version: null });
          for (const doc of [...pure.windows, ...pure.staff]) {
            // Read as the API reads it: the caught-up state, then the view.
            const read = await scoreDocument(t.halls, (await t.halls.caughtUp(hallId)).hall.hallId, period, doc.subject);
            expect(read).toEqual(JSON.parse(JSON.stringify(doc)));
          }
        }
        // The case table is the pure fold of the stored history's cases, read as the API reads it.
        const now = t.now();
        const pureFold = foldBadRatingCases(buildHallModel(history));
        const pureCases = pureFold.map((c) => caseView(c, now.getTime()));
        expect((await listBadRatingCases(t.halls, hallId, {}, now)).value.cases).toEqual(pureCases);
        // Rebuild: drop the views and checkpoint, let a fresh service re-project from position 0.
        const vdb = viewDb(t.database.db);
        await vdb.deleteFrom('score_views').where('hall_id', '=', hallId).execute();
        await vdb.deleteFrom('month_views').where('hall_id', '=', hallId).execute();
        await vdb.deleteFrom('bad_rating_cases').where('hall_id', '=', hallId).execute();
        await vdb.deleteFrom('projection_checkpoints').where('hall_id', '=', hallId).execute();
        const fresh = new HallStates(t.database.db, t.now);
        await fresh.caughtUp(hallId);
        expect(await views(hallId)).toBe(live);
      }),
      { numRuns: 6 },
    );
  });
});
