import { describe, expect, it } from 'vitest';
import type { AssessmentEvent } from '@hall/contracts';
import { given } from '../test-support/given.ts';
import { at, caseAccepted, peerReview, rating, smallHall, ticket } from '../test-support/builders.ts';

/** n tickets at w1, the first `rated` of them rated (levels from `levels`, cycling), 10 s apart. */
function tickets(n: number, rated: number, levels: number[] = [5]): AssessmentEvent[] {
  const events: AssessmentEvent[] = [];
  for (let i = 0; i < n; i++) {
    events.push(...ticket(`t${i}`, at('2026-09-10', '09:00:00')));
    if (i < rated) {
      const time = new Date(Date.parse(at('2026-09-10', '10:00:00')) + i * 10_000).toISOString();
      events.push(rating(`r${i}`, time, { level: levels[i % levels.length], ticketId: `t${i}` }));
    }
  }
  return events;
}
const twoCases = [caseAccepted('c1', at('2026-09-07')), caseAccepted('c2', at('2026-09-08'))];

describe('period-metric rules (windows only)', () => {
  it('CASE_LOW_VOLUME: 1 case accepted (< 2) costs the window −3, not the staff', () => {
    const then = given(smallHall(), caseAccepted('c1', at('2026-09-07'))).when();
    expect(then.points('w1', 'CASE_LOW_VOLUME')).toBe(-3);
    expect(then.items('s1', 'CASE_LOW_VOLUME')).toEqual([]);
    expect(then.items('w1', 'CASE_LOW_VOLUME')[0].eventIds).toEqual(['c1-accepted']);
  });

  it('CASE_LOW_VOLUME: 2 cases accepted cost nothing', () => {
    expect(given(smallHall(), twoCases).when().items('w1', 'CASE_LOW_VOLUME')).toEqual([]);
  });

  it('RATE_LOW_RATING_RATE: 8 of 9 tickets rated (88.9 % < 90 %) costs −2; 9 of 10 (90 %) nothing', () => {
    expect(given(smallHall(), twoCases, tickets(9, 8)).when().points('w1', 'RATE_LOW_RATING_RATE')).toBe(-2);
    const ok = given(smallHall(), twoCases, tickets(10, 9)).when();
    expect(ok.window('w1').metrics.ratingRate).toBe(0.9);
    expect(ok.items('w1', 'RATE_LOW_RATING_RATE')).toEqual([]);
  });

  it('RATE_LOW_RATING_RATE is not applied without completed tickets', () => {
    const then = given(smallHall(), twoCases).when();
    expect(then.window('w1').metrics.ratingRate).toBeNull();
    expect(then.items('w1', 'RATE_LOW_RATING_RATE')).toEqual([]);
  });

  it('EVAL_SATISFACTION: 39 good of 40 (97.5 %) costs floor(2.5) × −1 = −2', () => {
    const levels = [...Array(39).fill(5), 1];
    const then = given(smallHall(), twoCases, tickets(40, 40, levels)).when();
    expect(then.window('w1').metrics.satisfactionRate).toBe(0.975);
    expect(then.points('w1', 'EVAL_SATISFACTION')).toBe(-2);
  });

  it('EVAL_SATISFACTION: all good costs nothing; no counted ratings: not applied', () => {
    expect(given(smallHall(), twoCases, tickets(3, 3)).when().items('w1', 'EVAL_SATISFACTION')).toEqual([]);
    expect(given(smallHall(), twoCases).when().items('w1', 'EVAL_SATISFACTION')).toEqual([]);
  });

  it('EVAL_SATISFACTION: 2 good of 3 (66.7 %) costs floor(33.3) × −1 = −33, held to the category base', () => {
    const then = given(smallHall(), twoCases, tickets(3, 3, [5, 5, 1])).when();
    expect(then.points('w1', 'EVAL_SATISFACTION')).toBe(-33);
    expect(then.window('w1').categories.find((c) => c.code === 'public_evaluation')!.score).toBe(0);
  });

  const reviews = (good: number, other: number) => [
    ...Array.from({ length: good }, (_, i) => peerReview(`r${i}`, 'w1', 'good')),
    ...Array.from({ length: other }, (_, i) => peerReview(`o${i}`, 'w1', i % 2 === 0 ? 'medium' : 'poor')),
  ];

  it('EVAL_PEER_REVIEW: 4 good of 6 (66.7 % > 60 %) costs nothing', () => {
    expect(given(smallHall(), reviews(4, 2)).when().items('w1', 'EVAL_PEER_REVIEW')).toEqual([]);
  });

  it('EVAL_PEER_REVIEW: 3 good of 5 (exactly 60 %) costs −2', () => {
    const then = given(smallHall(), reviews(3, 2)).when();
    expect(then.window('w1').metrics.peerReviewGoodShare).toBe(0.6);
    expect(then.points('w1', 'EVAL_PEER_REVIEW')).toBe(-2);
  });

  it('EVAL_PEER_REVIEW: 3 good of 10 (exactly 30 %) costs −2; 2 of 7 (28.6 %) costs −4', () => {
    expect(given(smallHall(), reviews(3, 7)).when().points('w1', 'EVAL_PEER_REVIEW')).toBe(-2);
    expect(given(smallHall(), reviews(2, 5)).when().points('w1', 'EVAL_PEER_REVIEW')).toBe(-4);
  });

  it('EVAL_PEER_REVIEW: no reviews: not applied; reviews count for their period field', () => {
    expect(given(smallHall()).when().items('w1', 'EVAL_PEER_REVIEW')).toEqual([]);
    const august = given(smallHall(), peerReview('w2', 'w1', 'poor', '2026-08')).when('2026-08');
    expect(august.points('w1', 'EVAL_PEER_REVIEW')).toBe(-4);
    expect(given(smallHall(), peerReview('w2', 'w1', 'poor', '2026-08')).when('2026-09').items('w1', 'EVAL_PEER_REVIEW')).toEqual([]);
  });
});
