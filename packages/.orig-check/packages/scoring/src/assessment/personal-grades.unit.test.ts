import { describe, expect, it } from 'vitest';
import { gradeStaff, type GradeCandidate } from './personal-grades.ts';
import { settings } from './month-builders.test-helper.ts';

const staff = (staffId: string, score: number, veto = false): GradeCandidate => ({
  staffId,
  annualCents: BigInt(Math.round(score * 100)),
  veto,
});

/** n staff scoring 80 (competent), to set N. */
const filler = (n: number) => Array.from({ length: n }, (_, i) => staff(`f-${i}`, 80));

describe('gradeStaff', () => {
  it('grades on the thresholds, each inclusive', () => {
    const { grades } = gradeStaff(
      [staff('a', 75), staff('b', 74.99), staff('c', 70), staff('d', 69.99), staff('e', 94.99)],
      settings,
    );
    expect(Object.fromEntries(grades)).toEqual({
      a: 'competent',
      b: 'basically_competent',
      c: 'basically_competent',
      d: 'incompetent',
      e: 'competent',
    });
  });

  it('gives excellent to at most round(N × 20 %) staff at 95 or more, highest first', () => {
    // N = 10 → 2 places
    const { grades, quota, excellentQuotaExceededByTie } = gradeStaff(
      [staff('a', 95), staff('b', 99), staff('c', 97), ...filler(7)],
      settings,
    );
    expect(quota).toBe(2);
    expect([grades.get('b'), grades.get('c'), grades.get('a')]).toEqual(['excellent', 'excellent', 'competent']);
    expect(excellentQuotaExceededByTie).toBe(false);
  });

  it('rounds the quota half up (N = 13 → 2.6 → 3; N = 12 → 2.4 → 2; N = 5 × 0.3 = 1.5 → 2)', () => {
    expect(gradeStaff(filler(13), settings).quota).toBe(3);
    expect(gradeStaff(filler(12), settings).quota).toBe(2);
    const third = { ...settings, personal: { ...settings.personal, excellentQuota: 0.3 } };
    expect(gradeStaff(filler(5), third).quota).toBe(2);
  });

  it('gives excellent to every staff member tied at the quota boundary and says the quota was exceeded', () => {
    const { grades, excellentQuotaExceededByTie } = gradeStaff(
      [staff('a', 99), staff('b', 96), staff('c', 96), staff('d', 95.5), ...filler(6)],
      settings,
    );
    expect([grades.get('a'), grades.get('b'), grades.get('c'), grades.get('d')]).toEqual([
      'excellent',
      'excellent',
      'excellent',
      'competent',
    ]);
    expect(excellentQuotaExceededByTie).toBe(true);
  });

  it('never makes a vetoed staff member excellent, and the place passes to the next', () => {
    const { grades } = gradeStaff([staff('v', 100, true), staff('a', 98), staff('b', 97), staff('c', 96), ...filler(6)], settings);
    expect([grades.get('v'), grades.get('a'), grades.get('b'), grades.get('c')]).toEqual([
      'competent',
      'excellent',
      'excellent',
      'competent',
    ]);
  });

  it('gives no excellent when the quota rounds to 0 (N = 2)', () => {
    const { grades, quota } = gradeStaff([staff('a', 100), staff('b', 99)], settings);
    expect(quota).toBe(0);
    expect([...grades.values()]).toEqual(['competent', 'competent']);
  });
});
