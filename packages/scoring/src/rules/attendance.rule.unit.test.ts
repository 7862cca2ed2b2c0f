import { describe, expect, it } from 'vitest';
import { given } from '../test-support/given.ts';
import { at, attendance, smallHall } from '../test-support/builders.ts';

const scored = (...events: Parameters<typeof given>) => given(smallHall(), ...events).when('2026-09');
const day = at('2026-09-10');

describe('when attendance is marked (docs/domain.md §4.2)', () => {
  it('ATT_LATE_EARLY: late 10 minutes costs −1 to window and staff', () => {
    const then = scored(attendance('late', day, { minutes: 10 }));
    expect(then.points('w1', 'ATT_LATE_EARLY')).toBe(-1);
    expect(then.points('s1', 'ATT_LATE_EARLY')).toBe(-1);
  });

  it('ATT_LATE_EARLY: early leave 29 minutes costs −1', () => {
    expect(scored(attendance('early_leave', day, { minutes: 29 })).points('s1', 'ATT_LATE_EARLY')).toBe(-1);
  });

  it('late 30 minutes is a half-day absence instead: ATT_ABSENCE −2.5 only', () => {
    const then = scored(attendance('late', day, { minutes: 30 }));
    expect(then.points('s1', 'ATT_ABSENCE')).toBe(-2.5);
    expect(then.items('s1', 'ATT_LATE_EARLY')).toEqual([]);
  });

  it('early leave 45 minutes is a half-day absence: −2.5', () => {
    expect(scored(attendance('early_leave', day, { minutes: 45 })).points('w1', 'ATT_ABSENCE')).toBe(-2.5);
  });

  it('ATT_OFF_POST: off post exactly 30 minutes is still off post: −2', () => {
    const then = scored(attendance('off_post', day, { minutes: 30 }));
    expect(then.points('s1', 'ATT_OFF_POST')).toBe(-2);
    expect(then.items('s1', 'ATT_ABSENCE')).toEqual([]);
  });

  it('off post 31 minutes is a half-day absence instead: −2.5', () => {
    const then = scored(attendance('off_post', day, { minutes: 31 }));
    expect(then.points('s1', 'ATT_ABSENCE')).toBe(-2.5);
    expect(then.items('s1', 'ATT_OFF_POST')).toEqual([]);
  });

  it('ATT_ABSENCE: a whole day costs −5, a half day −2.5', () => {
    expect(scored(attendance('absence', day)).points('s1', 'ATT_ABSENCE')).toBe(-5);
    expect(scored(attendance('absence', day, { halfDay: true })).points('s1', 'ATT_ABSENCE')).toBe(-2.5);
  });

  it('two absences and a late: 25 − 5 − 5 − 1 = 14 in attendance', () => {
    const then = scored(attendance('absence', day), attendance('absence', at('2026-09-11')), attendance('late', day, { minutes: 5 }));
    expect(then.staff('s1').categories.find((c) => c.code === 'attendance')!.score).toBe(14);
  });
});
