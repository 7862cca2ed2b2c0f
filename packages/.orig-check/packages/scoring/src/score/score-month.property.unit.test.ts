import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AssessmentEvent } from '@hall/contracts';
import { scoreMonth, scoreMonthFromModel } from './score-month.ts';
import { applyEvent, buildHallModel } from '../model/hall-model.ts';
import { attendance, caseAccepted, caseCompleted, event, finding, leave, peerReview, rating, smallHall, ticket } from '../test-support/builders.ts';

const CODES = ['CON_QUARREL', 'INT_CORRUPTION', 'HYG_NOT_CLEAN', 'FEE_EXTRA_ITEMS', 'CASE_RUNAROUND', 'ARC_DISORDER'];
const windows = fc.constantFrom('w1', 'w2');
const staffOf = { w1: ['s1', 's2'], w2: ['s3'] } as const;
/** An instant from 25 August to 5 October 2026 (second resolution). */
const instant = fc.integer({ min: Date.parse('2026-08-25T00:00:00Z') / 1000, max: Date.parse('2026-10-05T00:00:00Z') / 1000 }).map((s) => new Date(s * 1000).toISOString());
const date = fc.integer({ min: 0, max: 40 }).map((d) => new Date(Date.parse('2026-08-25T00:00:00Z') + d * 86_400_000).toISOString().slice(0, 10));

/** One fact (a few events) of a random kind, ids derived from `n` so histories never clash. */
const fact = (n: number): fc.Arbitrary<AssessmentEvent[]> =>
  fc.oneof(
    fc.tuple(fc.constantFrom(...CODES), instant, windows, fc.integer({ min: 1, max: 4 }), fc.boolean()).map(([code, t, w, count, named]) => [
      finding(code, t, { windowId: w, staffId: named ? staffOf[w][0] : undefined, count }, `f${n}`),
    ]),
    fc.tuple(fc.constantFrom('late', 'early_leave', 'off_post', 'absence') as fc.Arbitrary<'late'>, instant, fc.integer({ min: 0, max: 90 }), fc.boolean()).map(([mark, t, minutes, halfDay]) => [
      { ...attendance(mark, t, { minutes, halfDay }), id: `a${n}` },
    ]),
    fc.tuple(instant, windows, fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 3 }), fc.constantFrom('kiosk', 'qr') as fc.Arbitrary<'kiosk'>).map(([t, w, level, delay, channel]) => [
      ...ticket(`t${n}`, t, { windowId: w, staffId: staffOf[w][0] }),
      rating(`r${n}`, new Date(Date.parse(t) + 400_000 + delay * 1000).toISOString(), { level, ticketId: `t${n}`, windowId: w, channel }),
    ]),
    fc.tuple(instant, fc.integer({ min: 0, max: 20 }), windows).map(([t, days, w]) => [
      caseAccepted(`c${n}`, t, { windowId: w, staffId: staffOf[w][0] }),
      caseCompleted(`c${n}`, new Date(Date.parse(t) + days * 86_400_000).toISOString()),
    ]),
    fc.tuple(instant, fc.boolean(), fc.boolean()).map(([t, valid, media]) => [
      event('ComplaintVerified', t, { complaintId: `k${n}`, valid, windowId: 'w1', staffId: 's2', mediaExposure: media }, `k${n}`),
    ]),
    fc.tuple(instant, fc.constantFrom('thank_you_letter', 'pennant', 'media_praise', 'superior_commendation') as fc.Arbitrary<'pennant'>, windows).map(([t, kind, w]) => [
      event('CommendationRecorded', t, { commendationId: `m${n}`, kind, windowId: w, staffId: staffOf[w][0] }, `m${n}`),
    ]),
    fc.tuple(date, fc.integer({ min: 0, max: 8 }), windows, fc.constantFrom('personal', 'sick', 'annual') as fc.Arbitrary<'personal'>).map(([from, len, w, leaveType]) => {
      const to = new Date(Date.parse(from) + len * 86_400_000).toISOString().slice(0, 10);
      return [{ ...leave(`l${n}`, from, to, { windowId: w, staffId: staffOf[w][0], leaveType }), id: `l${n}` }];
    }),
    fc.tuple(windows, fc.constantFrom('good', 'medium', 'poor') as fc.Arbitrary<'good'>).map(([w, grade]) => [{ ...peerReview(`x${n}`, w, grade), id: `p${n}` }]),
    fc.tuple(instant, fc.integer({ min: -300, max: 300 }), fc.constantFrom('fees', 'bonus', 'cases')).map(([t, cents, category]) => [
      event('ScoreAdjusted', t, { adjustmentId: `j${n}`, subject: { type: 'window', id: 'w1' }, period: '2026-09', category, points: cents / 100, reason: 'r' }, `j${n}`),
    ]),
  );

const history = fc
  .integer({ min: 0, max: 25 })
  .chain((size) => fc.tuple(...Array.from({ length: size }, (_, i) => fact(i))))
  .map((facts) => [...smallHall(), ...facts.flat()]);

const withVoids = history.chain((events) => {
  const voidable = events.filter((e) => e.type === 'InspectionRecorded' || e.type === 'RatingSubmitted');
  return fc.subarray(voidable, { maxLength: Math.min(3, voidable.length) }).map((targets) => [
    ...events,
    ...targets.map((t, i) => event('EventVoided', '2026-09-29T00:00:00Z', { voidedEventId: t.id, reason: 'test' }, `v${i}`)),
  ]);
});

const shuffled = <T>(items: readonly T[]) =>
  fc.array(fc.integer(), { minLength: items.length, maxLength: items.length }).map((keys) =>
    items.map((item, i) => ({ item, key: keys[i] })).sort((a, b) => a.key - b.key).map((x) => x.item),
  );

describe('scoring properties', () => {
  it('gives the same documents and line item ids whatever the arrival order and positions', () => {
    fc.assert(
      fc.property(
        withVoids.chain((events) => fc.tuple(fc.constant(events), shuffled(events))),
        ([events, reordered]) => {
          const renumbered = reordered.map((e, i) => ({ ...e, position: 1000 - i }));
          expect(scoreMonth(renumbered, '2026-09')).toEqual(scoreMonth(events, '2026-09'));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('totals: Σ category scores + counted bonus, each category within 0…base, total within 0…105', () => {
    fc.assert(
      fc.property(history, (events) => {
        const { windows: ws, staff } = scoreMonth(events, '2026-09');
        for (const doc of [...ws, ...staff]) {
          let sum = 0;
          for (const c of doc.categories) {
            expect(c.score).toBeGreaterThanOrEqual(0);
            expect(c.score).toBeLessThanOrEqual(c.base);
            const items = doc.lineItems.filter((i) => i.status === 'counted' && i.category === c.code);
            const cents = items.reduce((s, i) => s + Math.round(i.points * 100), 0);
            expect(Math.round(c.score * 100)).toBe(Math.max(0, Math.min(c.base * 100, c.base * 100 + cents)));
            sum += Math.round(c.score * 100);
          }
          const bonus = doc.lineItems.filter((i) => i.status === 'counted' && i.category === 'bonus').reduce((s, i) => s + Math.round(i.points * 100), 0);
          expect(Math.round(doc.bonus.earned * 100)).toBe(bonus);
          expect(Math.round(doc.bonus.counted * 100)).toBe(Math.max(0, Math.min(500, bonus)));
          expect(Math.round(doc.total * 100)).toBe(sum + Math.round(doc.bonus.counted * 100));
          expect(doc.total).toBeGreaterThanOrEqual(0);
          expect(doc.total).toBeLessThanOrEqual(105);
          expect(doc.veto).toBe(doc.lineItems.some((i) => i.status === 'counted' && i.veto));
        }
      }),
      { numRuns: 80 },
    );
  });

  it('adding a bonus never lowers a score', () => {
    fc.assert(
      fc.property(history, fc.constantFrom('thank_you_letter', 'pennant', 'superior_commendation') as fc.Arbitrary<'pennant'>, (events, kind) => {
        const before = scoreMonth(events, '2026-09');
        const after = scoreMonth([...events, event('CommendationRecorded', '2026-09-15T04:00:00Z', { commendationId: 'bonus-x', kind, windowId: 'w1', staffId: 's1' }, 'bonus-x')], '2026-09');
        for (const doc of before.windows) expect(after.windows.find((d) => d.subject.id === doc.subject.id)!.total).toBeGreaterThanOrEqual(doc.total);
        for (const doc of before.staff) expect(after.staff.find((d) => d.subject.id === doc.subject.id)!.total).toBeGreaterThanOrEqual(doc.total);
      }),
      { numRuns: 60 },
    );
  });

  it('recomputation gives identical, unique line item ids', () => {
    fc.assert(
      fc.property(history, (events) => {
        const ids = (r: ReturnType<typeof scoreMonth>) => [...r.windows, ...r.staff].flatMap((d) => d.lineItems.map((i) => i.id));
        const first = ids(scoreMonth(events, '2026-09'));
        expect(ids(scoreMonth(events, '2026-09'))).toEqual(first);
        expect(new Set(first).size).toBe(first.length);
      }),
      { numRuns: 40 },
    );
  });

  it('applyEvent one by one, in any order, equals a fresh build', () => {
    fc.assert(
      fc.property(
        withVoids.chain((events) => fc.tuple(fc.constant(events), shuffled(events), fc.constantFrom('2026-08', '2026-09', '2026-10'))),
        ([events, reordered, period]) => {
          const model = buildHallModel([]);
          const scoredBefore = scoreMonthFromModel(model, period); // warms caches the increments must invalidate
          expect(scoredBefore.windows).toEqual([]);
          for (const e of reordered) applyEvent(model, e);
          expect(scoreMonthFromModel(model, period)).toEqual(scoreMonth(events, period));
        },
      ),
      { numRuns: 60 },
    );
  });
});
