import { describe, expect, it } from 'vitest';
import { given } from '../test-support/given.ts';
import { at, event, smallHall } from '../test-support/builders.ts';

const verified = (id: string, valid: boolean, mediaExposure = false, staffId: string | undefined = 's1', when = at('2026-09-10')) =>
  event('ComplaintVerified', when, { complaintId: id, valid, windowId: 'w1', mediaExposure, ...(staffId ? { staffId } : {}) });
const commendation = (kind: 'thank_you_letter' | 'pennant' | 'media_praise' | 'superior_commendation', id: string, staffId?: string) =>
  event('CommendationRecorded', at('2026-09-12'), { commendationId: id, kind, windowId: 'w1', ...(staffId ? { staffId } : {}) });

describe('complaints', () => {
  it('EVAL_VALID_COMPLAINT: a valid complaint costs −5 to window and staff, no veto', () => {
    const then = given(smallHall(), verified('k1', true)).when();
    expect(then.points('w1', 'EVAL_VALID_COMPLAINT')).toBe(-5);
    expect(then.points('s1', 'EVAL_VALID_COMPLAINT')).toBe(-5);
    expect(then.window('w1').veto).toBe(false);
    expect(then.window('w1').metrics.validComplaints).toBe(1);
  });

  it('EVAL_VALID_COMPLAINT with media exposure: −5 and a veto for window and staff', () => {
    const then = given(smallHall(), verified('k1', true, true)).when();
    expect(then.window('w1').veto).toBe(true);
    expect(then.staff('s1').veto).toBe(true);
  });

  it('an invalid complaint costs nothing; a later re-verification overrides', () => {
    expect(given(smallHall(), verified('k1', false)).when().items('w1', 'EVAL_VALID_COMPLAINT')).toEqual([]);
    const overridden = given(smallHall(), verified('k1', true), verified('k1', false, false, 's1', at('2026-09-20'))).when();
    expect(overridden.items('w1', 'EVAL_VALID_COMPLAINT')).toEqual([]);
  });
});

describe('commendations (bonus)', () => {
  it.each([
    ['thank_you_letter', 'BON_THANK_YOU_LETTER', 1],
    ['pennant', 'BON_PENNANT', 2],
    ['media_praise', 'BON_MEDIA_PRAISE', 2],
    ['superior_commendation', 'BON_SUPERIOR_COMMENDATION', 3],
  ] as const)('%s earns %s +%d to window and staff', (kind, code, points) => {
    const then = given(smallHall(), commendation(kind, 'k1', 's1')).when();
    expect(then.points('w1', code)).toBe(points);
    expect(then.points('s1', code)).toBe(points);
    expect(then.staff('s1').bonus).toEqual({ earned: points, counted: points, cap: 5 });
    expect(then.staff('s1').total).toBe(100 + points);
  });

  it('bonus items are kept in full but count at most +5: 3 + 3 = 6 earned, 5 counted, total 105', () => {
    const then = given(smallHall(), commendation('superior_commendation', 'k1', 's1'), commendation('superior_commendation', 'k2', 's1')).when();
    expect(then.staff('s1').bonus).toEqual({ earned: 6, counted: 5, cap: 5 });
    expect(then.staff('s1').total).toBe(105);
  });
});

describe('manual adjustments', () => {
  it('ADJUSTMENT: −1.5 in fees with its reason, no rule version', () => {
    const then = given(
      smallHall(),
      event('ScoreAdjusted', at('2026-10-03'), { adjustmentId: 'a1', subject: { type: 'window', id: 'w2' }, period: '2026-09', category: 'fees', points: -1.5, reason: 'late fee report' }),
    ).when();
    expect(then.items('w2', 'ADJUSTMENT')).toMatchObject([{ points: -1.5, ruleVersion: null, note: 'late fee report', category: 'fees' }]);
    expect(then.window('w2').total).toBe(98.5 - 3);
  });

  it('ADJUSTMENT in the bonus category counts as bonus: +2', () => {
    const then = given(
      smallHall(),
      event('ScoreAdjusted', at('2026-09-03'), { adjustmentId: 'a1', subject: { type: 'staff', id: 's3' }, period: '2026-09', category: 'bonus', points: 2, reason: 'volunteer' }),
    ).when();
    expect(then.staff('s3').bonus.counted).toBe(2);
    expect(then.staff('s3').total).toBe(102);
  });
});
