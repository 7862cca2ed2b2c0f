import { describe, expect, it } from 'vitest';
import { given } from '../test-support/given.ts';
import { at, finding, smallHall } from '../test-support/builders.ts';

/** Every docs/domain.md §4.1 rule a finding records: code, points, category, veto. */
const findingRules: [string, number, string, boolean][] = [
  ['CON_BADGE_UNIFORM', -1, 'attendance', false],
  ['CON_IDLE_AT_POST', -2, 'attendance', false],
  ['CON_PRIVATE_VISITOR', -2, 'attendance', false],
  ['CON_QUARREL', -3, 'attendance', false],
  ['CON_REFUSE_MANAGEMENT', -3, 'attendance', false],
  ['INT_CORRUPTION', -10, 'attendance', true],
  ['CASE_NOT_ACCEPTED', -2, 'cases', false],
  ['CASE_NEGATIVE_FILING', -3, 'cases', false],
  ['CASE_RUNAROUND', -3, 'cases', false],
  ['FEE_CASH_AT_WINDOW', -2, 'fees', false],
  ['FEE_CHARGED_AT_DEPARTMENT', -3, 'fees', false],
  ['FEE_STANDARD_RAISED', -5, 'fees', true],
  ['FEE_STANDARD_LOWERED', -5, 'fees', false],
  ['FEE_EXTRA_ITEMS', -5, 'fees', true],
  ['ARC_NOT_ARCHIVED', -1, 'archives_hygiene', false],
  ['ARC_DISORDER', -2, 'archives_hygiene', false],
  ['HYG_NOT_CLEAN', -1, 'archives_hygiene', false],
  ['HYG_NOT_SHUT_DOWN', -1, 'archives_hygiene', false],
  // Derived from their case events, "or finding" (docs/domain.md §4.1).
  ['CASE_SUPPLEMENT_UNEXPLAINED', -2, 'cases', false],
  ['CASE_RETURN_UNEXPLAINED', -2, 'cases', false],
];

describe('when an inspection records a finding', () => {
  it.each(findingRules)('%s: 2 occurrences × %d costs the window and the staff member named', (code, points, category, veto) => {
    const then = given(smallHall(), finding(code, at('2026-09-10'), { staffId: 's1', count: 2 })).when('2026-09');
    for (const subject of ['w1', 's1']) {
      const [item] = then.items(subject, code);
      expect(item).toMatchObject({ ruleVersion: 1, category, points: 2 * points, veto, status: 'counted' });
    }
    // The staff member has no period-metric rules, so the category lost is exactly the finding.
    expect(then.staff('s1').categories.find((c) => c.code === category)!.lost).toBe(-2 * points);
    expect(then.window('w1').veto).toBe(veto);
    expect(then.staff('s1').veto).toBe(veto);
  });

  it('3 unclean desks cost 3 × −1 = −3 (count multiplies the points)', () => {
    const then = given(smallHall(), finding('HYG_NOT_CLEAN', at('2026-09-10'), { count: 3 })).when('2026-09');
    expect(then.points('w1', 'HYG_NOT_CLEAN')).toBe(-3);
  });

  it('reaches only the window when the finding names no staff member', () => {
    const then = given(smallHall(), finding('CON_QUARREL', at('2026-09-10'))).when('2026-09');
    expect(then.points('w1', 'CON_QUARREL')).toBe(-3);
    expect(then.items('s1', 'CON_QUARREL')).toEqual([]);
  });

  it('ignores a code the catalogue in force does not know', () => {
    const then = given(smallHall(), finding('NOT_A_RULE', at('2026-09-10'))).when('2026-09');
    expect(then.items('w1')).toEqual(then.items('w1').filter((i) => i.ruleCode !== 'NOT_A_RULE'));
  });

  it('caps a category at its base: 4 × INT_CORRUPTION (−40) leaves attendance at 0, not −15', () => {
    const then = given(smallHall(), finding('INT_CORRUPTION', at('2026-09-10'), { count: 4 })).when('2026-09');
    const attendance = then.window('w1').categories.find((c) => c.code === 'attendance')!;
    expect(attendance).toEqual({ code: 'attendance', base: 25, lost: 25, score: 0 });
  });
});
