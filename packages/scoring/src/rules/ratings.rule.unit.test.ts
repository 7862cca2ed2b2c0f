import { describe, expect, it } from 'vitest';
import { given } from '../test-support/given.ts';
import { at, caseAccepted, caseCompleted, rating, smallHall, ticket } from '../test-support/builders.ts';

const status = (then: ReturnType<ReturnType<typeof given>['when']>, ratingId: string) =>
  then.scores.ratings.find((r) => r.ratingId === ratingId)?.status;

describe('rating verdicts (docs/domain.md §5)', () => {
  it('counts a rating tied to a ticket completed at its window', () => {
    const then = given(smallHall(), ticket('t1', at('2026-09-10', '09:00:00')), rating('r1', at('2026-09-10', '10:00:00'), { level: 5, ticketId: 't1' })).when();
    expect(status(then, 'r1')).toBe('counted');
  });

  it('flags a rating tied to nothing, or to a ticket completed elsewhere, as unverified', () => {
    const then = given(
      smallHall(),
      ticket('t1', at('2026-09-10', '09:00:00'), { windowId: 'w2', staffId: 's3' }),
      rating('r1', at('2026-09-10', '10:00:00'), { level: 5 }),
      rating('r2', at('2026-09-10', '11:00:00'), { level: 5, ticketId: 't1' }),
    ).when();
    expect(status(then, 'r1')).toBe('unverified');
    expect(status(then, 'r2')).toBe('unverified');
    expect(then.window('w1').metrics.ratingsCounted).toBe(0);
  });

  it('counts a rating tied to a case accepted at its window and completed; unverified while not completed', () => {
    const events = [...smallHall(), caseAccepted('c1', at('2026-09-07')), rating('r1', at('2026-09-10'), { level: 4, caseId: 'c1', channel: 'web' })];
    expect(status(given(events).when(), 'r1')).toBe('unverified');
    expect(status(given(events, caseCompleted('c1', at('2026-09-09'))).when(), 'r1')).toBe('counted');
  });

  it('keeps a second rating of the same ticket as duplicate', () => {
    const then = given(
      smallHall(),
      ticket('t1', at('2026-09-10', '09:00:00')),
      rating('r1', at('2026-09-10', '10:00:00'), { level: 5, ticketId: 't1' }),
      rating('r2', at('2026-09-10', '10:05:00'), { level: 1, ticketId: 't1', channel: 'qr' }),
    ).when();
    expect(status(then, 'r2')).toBe('duplicate');
    expect(then.window('w1').metrics).toMatchObject({ ratingsCounted: 1, badRatings: 0 });
  });

  it('flags a kiosk rating less than 3 s after the previous one of the window as suspicious, 3 s is fine', () => {
    const then = given(
      smallHall(),
      ticket('t1', at('2026-09-10', '09:00:00')),
      ticket('t2', at('2026-09-10', '09:00:00')),
      ticket('t3', at('2026-09-10', '09:00:00')),
      rating('r1', at('2026-09-10', '10:00:00'), { level: 5, ticketId: 't1' }),
      rating('r2', at('2026-09-10', '10:00:02'), { level: 5, ticketId: 't2' }),
      rating('r3', at('2026-09-10', '10:00:05'), { level: 5, ticketId: 't3' }),
    ).when();
    expect([status(then, 'r1'), status(then, 'r2'), status(then, 'r3')]).toEqual(['counted', 'suspicious', 'counted']);
  });

  it('a suspicious rating does not block a later counted rating of the same ticket', () => {
    const then = given(
      smallHall(),
      ticket('t1', at('2026-09-10', '09:00:00')),
      ticket('t2', at('2026-09-10', '09:00:00')),
      rating('r1', at('2026-09-10', '10:00:00'), { level: 5, ticketId: 't1' }),
      rating('r2', at('2026-09-10', '10:00:01'), { level: 5, ticketId: 't2' }),
      rating('r3', at('2026-09-10', '11:00:00'), { level: 2, ticketId: 't2', channel: 'sms' }),
    ).when();
    expect([status(then, 'r2'), status(then, 'r3')]).toEqual(['suspicious', 'counted']);
  });

  it('RATE_BAD_RATING: each counted bad rating costs the window −1, and the staff member only when the rating names one', () => {
    const then = given(
      smallHall(),
      ticket('t1', at('2026-09-10', '09:00:00'), { staffId: 's2' }),
      ticket('t2', at('2026-09-10', '09:00:00'), { staffId: 's2' }),
      ticket('t3', at('2026-09-10', '09:00:00'), { staffId: 's2' }),
      rating('r1', at('2026-09-10', '10:00:00'), { level: 1, ticketId: 't1' }),
      rating('r2', at('2026-09-10', '10:01:00'), { level: 2, ticketId: 't2' }),
      rating('r3', at('2026-09-10', '10:02:00'), { level: 2, ticketId: 't3', staffId: 's2' }),
    ).when();
    // −1 × 3 for the window; s2 served all three but is named by r3 alone (docs/domain.md §4.1: "when the event names one").
    expect(then.points('w1', 'RATE_BAD_RATING')).toBe(-3);
    expect(then.points('s2', 'RATE_BAD_RATING')).toBe(-1);
    expect(then.staff('s2').metrics).toMatchObject({ ratingsCounted: 1, badRatings: 1, satisfactionRate: 0 });
    expect(then.window('w1').metrics).toMatchObject({ ratingsCounted: 3, badRatings: 3 });
  });

  it('a rating belongs to its own month', () => {
    const events = [...smallHall(), ...ticket('t1', at('2026-09-30', '23:00:00')), rating('r1', at('2026-10-01', '00:10:00'), { level: 1, ticketId: 't1' })];
    expect(given(events).when('2026-09').scores.ratings).toEqual([]);
    expect(given(events).when('2026-10').points('w1', 'RATE_BAD_RATING')).toBe(-1);
  });
});
