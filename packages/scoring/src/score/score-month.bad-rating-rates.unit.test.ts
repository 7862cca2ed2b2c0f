import { describe, expect, it } from 'vitest';
import type { AssessmentEvent, ScoreDocument } from '@hall/contracts';
import { at, event, smallHall, ticket } from '../test-support/builders.ts';
import { defaultCatalogue } from '../catalogue/default-catalogue.ts';
import { closed, contactMade, ratedTicket, rectified } from '../bad-ratings/case-events.test-helper.ts';
import { scoreMonth, type ScoreMonthOptions } from './score-month.ts';
import { buildHallModel } from '../model/hall-model.ts';
import { foldBadRatingCases } from '../bad-ratings/fold-cases.ts';
import { badRatingRates } from '../bad-ratings/bad-rating-metrics.ts';

/** Rates as the documents carry them: basis points rounded half up, null over nothing. */
const rate = (numerator: number, denominator: number) => ({ numerator, denominator, rate: denominator === 0 ? null : Math.round((10000 * numerator) / denominator) });
const none = { badRatingRate: rate(0, 0), rectificationRate: rate(0, 0), namedCallbackRate: rate(0, 0), activeRatingRate: rate(0, 0) };

// September at w1 (staff s1): four 差评 and one 非常满意, two completed tickets nobody rated.
// r1 实名, reached and rectified; r2 实名, unreachable, never rectified; r3 anonymous, rectified;
// r5 实名 only by the store's word (no contact left in its data), reached, not rectified.
const september: AssessmentEvent[] = [
  ...smallHall(),
  ...ratedTicket('r1', '2026-09-07', 1, { named: true }),
  ...ratedTicket('r2', '2026-09-08', 2, { named: true }),
  ...ratedTicket('r3', '2026-09-09', 2),
  ...ratedTicket('r4', '2026-09-10', 5),
  ...ratedTicket('r5', '2026-09-11', 1),
  ...ticket('u1', at('2026-09-14', '09:00:00')),
  ...ticket('u2', at('2026-09-15', '09:00:00')),
  contactMade('r1', at('2026-09-07', '15:00:00')),
  contactMade('r2', at('2026-09-08', '15:00:00'), 'unreachable'),
  contactMade('r5', at('2026-09-11', '15:00:00')),
  rectified('r1', at('2026-09-20')),
  rectified('r3', at('2026-09-21')),
];
const namedByTheStore: ScoreMonthOptions = { namedRatings: new Set(['r5']) };

const doc = (scores: { windows: ScoreDocument[]; staff: ScoreDocument[] }, type: 'windows' | 'staff', id: string) => scores[type].find((d) => d.subject.id === id)!;
/** A document as it was before the rates joined it. */
const withoutRates = ({ badRatingRates: _, ...rest }: ScoreDocument) => rest;

describe('bad-rating rates in the score documents', () => {
  it('give the window 差评率, 差评整改率, 实名差评回访率 and 主动评价率 with numerator and denominator', () => {
    expect(doc(scoreMonth(september, '2026-09', namedByTheStore), 'windows', 'w1').badRatingRates).toEqual({
      badRatingRate: rate(4, 5),
      // r1 and r3 rectified; r2 and r5 not yet.
      rectificationRate: rate(2, 4),
      // r1 and r5 reached, r2 unreachable: 6666.67 basis points round to 6667.
      namedCallbackRate: { numerator: 2, denominator: 3, rate: 6667 },
      activeRatingRate: rate(5, 7),
    });
  });

  it('count a rating as 实名 from its contact or from the store’s word, never otherwise', () => {
    expect(doc(scoreMonth(september, '2026-09'), 'windows', 'w1').badRatingRates?.namedCallbackRate).toEqual(rate(1, 2));
  });

  it('give the staff member rated the same, and others every rate null over nothing', () => {
    const scores = scoreMonth(september, '2026-09', namedByTheStore);
    expect(doc(scores, 'staff', 's1').badRatingRates).toEqual(doc(scores, 'windows', 'w1').badRatingRates);
    expect(doc(scores, 'staff', 's2').badRatingRates).toEqual(none);
    expect(doc(scores, 'windows', 'w2').badRatingRates).toEqual(none);
  });

  it('equal what badRatingRates gives for the month, read off the scorer’s own counts', () => {
    const history = [...september, ...ratedTicket('r6', '2026-09-16', 2), ...ticket('x1', at('2026-09-17', '09:00:00'), { windowId: 'w2', staffId: 's3' })];
    const model = buildHallModel(history);
    const expected = badRatingRates(model, foldBadRatingCases(model, namedByTheStore), '2026-09');
    const scores = scoreMonth(history, '2026-09', namedByTheStore);
    for (const d of scores.windows) expect(d.badRatingRates, d.subject.id).toEqual(expected.windows.get(d.subject.id) ?? none);
    for (const d of scores.staff) expect(d.badRatingRates, d.subject.id).toEqual(expected.staff.get(d.subject.id) ?? none);
  });

  it('move with the loop: a rectification and a case closed as not required', () => {
    const later = [...september, rectified('r2', at('2026-10-09')), closed('r5', at('2026-09-30'), 'not_required')];
    expect(doc(scoreMonth(later, '2026-09'), 'windows', 'w1').badRatingRates?.rectificationRate).toEqual(rate(3, 3));
  });

  it('leave totals, line items and metrics as they were', () => {
    const scores = scoreMonth(september, '2026-09', namedByTheStore);
    const w1 = doc(scores, 'windows', 'w1');
    expect(w1.lineItems.filter((li) => li.ruleCode === 'RATE_BAD_RATING')).toHaveLength(4);
    expect(Object.keys(w1)).toContain('badRatingRates');
    // The same facts with the cases' events dropped score the same: the loop's events move no points by default.
    const noLoop = september.filter((e) => !e.type.startsWith('BadRating'));
    const plain = scoreMonth(noLoop, '2026-09');
    expect(scores.windows.map(withoutRates)).toEqual(plain.windows.map(withoutRates));
    expect(scores.staff.map(withoutRates)).toEqual(plain.staff.map(withoutRates));
  });
});

describe('default ratings (默认评价) and defaultRatingsCount', () => {
  const defaulted = (ticketId: string, day: string, level = 3) =>
    event(
      'RatingDefaulted',
      at(day, '09:06:10'),
      { ticketId, windowId: 'w1', staffId: 's1', level, completionEventId: `${ticketId}-completed`, completedAt: at('2026-09-14', '09:06:10') },
      `default-${ticketId}`,
    );
  // u1 and u2 got no rating: each gets a default. t-r4 was rated 5 by its citizen; a default of it must not count.
  const defaults = [defaulted('u1', '2026-09-21'), defaulted('u2', '2026-09-22'), defaulted('t-r4', '2026-09-17')];
  const v1 = defaultCatalogue('2026-01-01');
  const countsFromSeptember = event('RuleCatalogueVersionPublished', at('2026-08-25'), {
    ...v1,
    version: 2,
    effectiveFrom: '2026-09-01',
    settings: { ...v1.settings, defaultRatingsCount: true },
  });

  it('stay out of every figure under the default catalogue', () => {
    const without = scoreMonth(september, '2026-09');
    const withDefaults = scoreMonth([...september, ...defaults], '2026-09');
    expect(withDefaults.windows).toEqual(without.windows);
    expect(withDefaults.staff).toEqual(without.staff);
    expect(doc(withDefaults, 'windows', 'w1').metrics).toMatchObject({ ratingsCounted: 5, goodRatings: 1, badRatings: 4, satisfactionRate: 0.2 });
  });

  it('enter the satisfaction figures of the window and staff member once the version in force says so', () => {
    const scores = scoreMonth([...september, countsFromSeptember, ...defaults], '2026-09');
    for (const d of [doc(scores, 'windows', 'w1'), doc(scores, 'staff', 's1')]) {
      expect(d.metrics).toMatchObject({ ratingsCounted: 7, goodRatings: 3, badRatings: 4, satisfactionRate: 3 / 7 });
      // Never ratings people gave: the rating rate, 差评率 and 主动评价率 stay.
      expect(d.metrics.ratingRate).toBe(5 / 7);
      expect(d.badRatingRates).toMatchObject({ badRatingRate: rate(4, 5), activeRatingRate: rate(5, 7) });
    }
  });

  it('never fire a bad-rating rule, whatever their level', () => {
    const low = [...september, countsFromSeptember, defaulted('u1', '2026-09-21', 1)];
    const scores = scoreMonth(low, '2026-09');
    const w1 = doc(scores, 'windows', 'w1');
    expect(w1.metrics).toMatchObject({ ratingsCounted: 6, badRatings: 5 });
    expect(w1.lineItems.filter((li) => li.ruleCode === 'RATE_BAD_RATING')).toHaveLength(4);
  });

  it('count under the version in force on their own day', () => {
    const fromOctober = { ...countsFromSeptember, id: 'v2-october', data: { ...countsFromSeptember.data, effectiveFrom: '2026-10-01' } };
    const first = event('RuleCatalogueVersionPublished', at('2026-01-01', '08:00:00'), v1);
    const scores = scoreMonth([...september, first, fromOctober, ...defaults], '2026-09');
    expect(doc(scores, 'windows', 'w1').metrics.ratingsCounted).toBe(5);
    expect(doc(scoreMonth([...september, first, fromOctober, defaulted('u1', '2026-10-02')], '2026-10'), 'windows', 'w1').metrics.ratingsCounted).toBe(1);
  });
});
