import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AssessmentEvent } from '@hall/contracts';
import { buildHallModel } from './hall-model.ts';
import { carryOver } from './carry-over.ts';
import { scoreMonthFromModel } from '../score/score-month.ts';
import { badRatingCaseId } from '../bad-ratings/derived-ids.ts';
import { attendance, caseAccepted, caseCompleted, event, finding, leave, rating, smallHall, ticket } from '../test-support/builders.ts';

const CODES = ['CON_QUARREL', 'HYG_NOT_CLEAN', 'FEE_EXTRA_ITEMS', 'CASE_RUNAROUND'];
const MONTHS = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10'] as const;
const windows = fc.constantFrom('w1', 'w2');
const staffOf = { w1: ['s1', 's2'], w2: ['s3'] } as const;
const START = Date.parse('2026-05-25T00:00:00Z');
const END = Date.parse('2026-10-25T00:00:00Z');
const DAY = 86_400_000;
/** An instant from late May to late October 2026 (second resolution): five months and their edges. */
const instant = fc.integer({ min: START / 1000, max: END / 1000 }).map((s) => new Date(s * 1000).toISOString());
const date = fc.integer({ min: 0, max: 150 }).map((d) => new Date(START + d * DAY).toISOString().slice(0, 10));
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** One fact of a random kind; ids derive from `n`. Ratings come within the catalogue's 7-day horizon of their completion. */
const fact = (n: number): fc.Arbitrary<AssessmentEvent[]> =>
  fc.oneof(
    fc.tuple(fc.constantFrom(...CODES), instant, windows).map(([code, t, w]) => [finding(code, t, { windowId: w, staffId: staffOf[w][0] }, `f${n}`)]),
    fc.tuple(instant, fc.integer({ min: 0, max: 90 })).map(([t, minutes]) => [{ ...attendance('late', t, { minutes }), id: `a${n}` }]),
    // A ticket, rated (or not) within days of its completion, at a kiosk or by QR code.
    fc
      .tuple(instant, windows, fc.integer({ min: 1, max: 5 }), fc.option(fc.integer({ min: 0, max: 6 * 86_400 })), fc.constantFrom('kiosk', 'qr') as fc.Arbitrary<'kiosk'>)
      .map(([t, w, level, delay, channel]) => [
        ...ticket(`t${n}`, t, { windowId: w, staffId: staffOf[w][0] }),
        ...(delay === null ? [] : [rating(`r${n}`, plus(t, 400_000 + delay * 1000), { level, ticketId: `t${n}`, windowId: w, channel, staffId: staffOf[w][0] })]),
      ]),
    // Two kiosk ratings a second apart at one window: the second is suspicious, whichever month the first is in.
    fc.tuple(instant, windows).map(([t, w]) => [
      ...ticket(`ta${n}`, t, { windowId: w, staffId: staffOf[w][0] }),
      ...ticket(`tb${n}`, t, { windowId: w, staffId: staffOf[w][0] }),
      rating(`ra${n}`, plus(t, 400_000), { level: 5, ticketId: `ta${n}`, windowId: w }),
      rating(`rb${n}`, plus(t, 401_000), { level: 1, ticketId: `tb${n}`, windowId: w }),
    ]),
    // A bad rating whose case is closed (or not) some days later.
    fc.tuple(instant, fc.option(fc.integer({ min: 1, max: 40 }))).map(([t, closeAfter]) => [
      ...ticket(`tc${n}`, t),
      rating(`rc${n}`, plus(t, 400_000), { level: 1, ticketId: `tc${n}`, staffId: 's1' }),
      ...(closeAfter === null
        ? []
        : [event('BadRatingCaseClosed', plus(t, closeAfter * DAY), { badRatingCaseId: badRatingCaseId(`rc${n}`), resolution: 'rectified' as const }, `close${n}`)]),
    ]),
    fc.tuple(instant, fc.integer({ min: 0, max: 25 }), windows).map(([t, days, w]) => [
      caseAccepted(`c${n}`, t, { windowId: w, staffId: staffOf[w][0] }),
      caseCompleted(`c${n}`, plus(t, days * DAY)),
      ...(days % 3 === 0 ? [rating(`rcase${n}`, plus(t, days * DAY + 3_600_000), { level: 2, caseId: `c${n}`, windowId: w, channel: 'web' })] : []),
    ]),
    fc.tuple(instant, fc.boolean(), fc.constantFrom('k1', 'k2', `k${n}`)).map(([t, valid, complaintId]) => [
      event('ComplaintVerified', t, { complaintId, valid, windowId: 'w1', staffId: 's2', mediaExposure: false }, `k${n}`),
    ]),
    fc.tuple(instant, fc.constantFrom('m1', `m${n}`), windows).map(([t, commendationId, w]) => [
      event('CommendationRecorded', t, { commendationId, kind: 'pennant', windowId: w, staffId: staffOf[w][0] }, `m${n}`),
    ]),
    fc.tuple(date, fc.integer({ min: 0, max: 40 }), windows, fc.boolean(), fc.boolean()).map(([from, len, w, rejected, substituted]) => {
      const to = new Date(Date.parse(from) + len * DAY).toISOString().slice(0, 10);
      const approved = { ...leave(`l${n}`, from, to, { windowId: w, staffId: staffOf[w][0] }), id: `l${n}` };
      return [
        approved,
        ...(rejected ? [event('LeaveRejected', approved.occurredAt, { leaveId: `l${n}`, staffId: staffOf[w][0], reason: 'r' }, `lr${n}`)] : []),
        ...(substituted ? [event('SubstituteAssigned', approved.occurredAt, { leaveId: `l${n}`, substituteStaffId: 's2' }, `ls${n}`)] : []),
      ] as AssessmentEvent[];
    }),
    fc.tuple(windows, fc.constantFrom('good', 'poor') as fc.Arbitrary<'good'>, fc.constantFrom(...MONTHS), instant).map(([w, grade, period, t]) => [
      event('PeerReviewSubmitted', t, { reviewerWindowId: `x${n}`, targetWindowId: w, period, grade }, `p${n}`),
    ]),
    fc.tuple(instant, fc.integer({ min: -300, max: 300 }), fc.constantFrom(...MONTHS)).map(([t, cents, period]) => [
      event('ScoreAdjusted', t, { adjustmentId: `j${n}`, subject: { type: 'window', id: 'w1' }, period, category: 'bonus', points: cents / 100, reason: 'r' }, `j${n}`),
    ]),
  );

const history = fc
  .integer({ min: 0, max: 40 })
  .chain((size) => fc.tuple(...Array.from({ length: size }, (_, i) => fact(i))))
  .map((facts) => [...smallHall(), ...facts.flat()]);

const withVoids = history.chain((events) => {
  const voidable = events.filter((e) => e.type === 'InspectionRecorded' || e.type === 'RatingSubmitted' || e.type === 'ServiceCompleted');
  return fc.subarray(voidable, { maxLength: Math.min(3, voidable.length) }).map((targets) => [
    ...events,
    ...targets.map((t, i) => event('EventVoided', plus(t.occurredAt, 3_600_000), { voidedEventId: t.id, reason: 'test' }, `v${i}`)),
  ]);
});

/** The history in some arrival order, the snapshot position P in it, and the month M the snapshot is for. */
const snapshotCase = withVoids.chain((events) =>
  fc.tuple(
    fc.array(fc.integer(), { minLength: events.length, maxLength: events.length }).map((keys) =>
      events.map((e, i) => ({ e, key: keys[i]! })).sort((a, b) => a.key - b.key).map((x) => x.e),
    ),
    fc.integer({ min: 0, max: events.length }),
    fc.constantFrom('2026-07', '2026-08', '2026-09'),
  ),
);

describe('carry-over', () => {
  it('scores every month from M on from carried(P) ∪ the events after P as from the whole history', () => {
    fc.assert(
      fc.property(snapshotCase, ([arrived, p, month]) => {
        // The state at the snapshot holds the first P events to arrive; everything after P is loaded on top of what it carries.
        const atSnapshot = buildHallModel(arrived.slice(0, p));
        const carried = carryOver(atSnapshot, month);
        const loaded = buildHallModel([...carried, ...arrived.slice(p)]);
        const whole = buildHallModel(arrived);
        for (const m of MONTHS.filter((x) => x >= month)) {
          expect(scoreMonthFromModel(loaded, m)).toEqual(scoreMonthFromModel(whole, m));
        }
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('leaves behind what months before M alone need', () => {
    const events = [
      ...smallHall(),
      ...ticket('old', '2026-06-10T02:00:00Z'),
      rating('r-old', '2026-06-10T03:00:00Z', { level: 5, ticketId: 'old' }),
      finding('CON_QUARREL', '2026-06-11T02:00:00Z', {}, 'f-old'),
      ...ticket('open', '2026-06-29T02:00:00Z'),
      ...ticket('new', '2026-08-03T02:00:00Z'),
    ];
    const ids = new Set(carryOver(buildHallModel(events), '2026-07').map((e) => e.id));
    expect(ids.has('hall')).toBe(true);
    expect(ids.has('old-completed')).toBe(false);
    expect(ids.has('r-old')).toBe(false);
    expect(ids.has('f-old')).toBe(false);
    // Completed within the rating horizon of July: its rating or default may still come.
    expect(ids.has('open-completed')).toBe(true);
    expect(ids.has('new-issued')).toBe(true);
  });
});
