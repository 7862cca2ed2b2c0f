import { describe, expect, it } from 'vitest';
import type { AssessmentEvent } from '@hall/contracts';
import { at, event, smallHall, ticket } from '../test-support/builders.ts';
import { buildHallModel } from '../model/hall-model.ts';
import { foldBadRatingCases } from './fold-cases.ts';
import { badRatingRates } from './bad-rating-metrics.ts';
import { closed, contactMade, ratedTicket, rectified } from './case-events.test-helper.ts';

const rates = (events: AssessmentEvent[], period = '2026-09') => {
  const model = buildHallModel(events);
  return badRatingRates(model, foldBadRatingCases(model), period);
};
/** Basis points, rounded half up (decision 1721). */
const rate = (numerator: number, denominator: number) => ({ numerator, denominator, rate: denominator === 0 ? null : Math.round((10000 * numerator) / denominator) });

describe('bad-rating rates of a month', () => {
  // September: five rated tickets (three 差评, two of them 实名) and three tickets nobody rated.
  const september = [
    ...smallHall(),
    ...ratedTicket('r1', '2026-09-07', 1, { named: true }),
    ...ratedTicket('r2', '2026-09-08', 2, { named: true }),
    ...ratedTicket('r3', '2026-09-09', 2),
    ...ratedTicket('r4', '2026-09-10', 5),
    ...ratedTicket('r5', '2026-09-11', 4),
    ...ticket('u1', at('2026-09-14', '09:00:00')),
    ...ticket('u2', at('2026-09-14', '11:00:00')),
    ...ticket('u3', at('2026-09-15', '09:00:00')),
    contactMade('r1', at('2026-09-07', '15:00:00')),
    contactMade('r2', at('2026-09-08', '15:00:00'), 'unreachable'),
    rectified('r1', at('2026-09-20')),
    closed('r3', at('2026-09-20'), 'not_required'),
  ];

  it('gives 差评率, 差评整改率, 实名差评回访率 and 主动评价率 with numerator and denominator', () => {
    expect(rates(september).windows.get('w1')).toEqual({
      badRatingRate: rate(3, 5),
      // r3 was closed as needing no rectification: r1 rectified of r1 and r2.
      rectificationRate: rate(1, 2),
      // r1 reached, r2 unreachable.
      namedCallbackRate: rate(1, 2),
      activeRatingRate: rate(5, 8),
    });
  });

  it('gives the staff member the cases and completions that name them', () => {
    expect(rates(september).staff.get('s1')).toMatchObject({ badRatingRate: rate(3, 5), rectificationRate: rate(1, 2), activeRatingRate: rate(5, 8) });
  });

  it('counts a case in its rating’s month, whenever it was rectified', () => {
    const late = [...september, rectified('r2', at('2026-10-20'))];
    expect(rates(late).windows.get('w1')?.rectificationRate).toEqual(rate(2, 2));
    expect(rates(late, '2026-10').windows.get('w1')).toBeUndefined();
  });

  it('leaves a voided 差评 out of the case rates', () => {
    const voided = [...september, event('EventVoided', at('2026-09-25'), { voidedEventId: 'r2', reason: '恶意差评' })];
    expect(rates(voided).windows.get('w1')).toMatchObject({ rectificationRate: rate(1, 1), namedCallbackRate: rate(1, 1), badRatingRate: rate(2, 4) });
  });

  it('never counts default ratings as ratings people gave', () => {
    const defaulted = event('RatingDefaulted', '2026-09-21T01:06:10.000Z', {
      ticketId: 'u1', windowId: 'w1', staffId: 's1', level: 3, completionEventId: 'u1-completed', completedAt: '2026-09-14T01:06:10.000Z',
    });
    expect(rates([...september, defaulted]).windows.get('w1')).toEqual(rates(september).windows.get('w1'));
  });
});
