import { describe, expect, it } from 'vitest';
import { assessQuarter } from './assess-quarter.ts';
import { month, settings } from './month-builders.test-helper.ts';
import type { PeerReviewScore } from './published-month.ts';

const peer = (staffId: string, score: number, over: Partial<PeerReviewScore> = {}): PeerReviewScore => ({
  staffId,
  quarter: '2026-Q3',
  score,
  occurredAt: '2026-10-02T09:00:00+08:00',
  eventId: `pr-${staffId}-${score}`,
  ...over,
});

const quarter = (staffTotals: number[], extra: { good?: number; counted?: number } = {}) =>
  ['2026-07', '2026-08', '2026-09'].map((period, i) =>
    month(period, { staff: [{ id: 's-1', total: staffTotals[i], ...(i === 0 ? extra : {}) }] }),
  );

describe('assessQuarter', () => {
  describe('with every part present', () => {
    it('weighs 30 % peer review, 30 % satisfaction and 40 % mean monthly total', () => {
      const document = assessQuarter({
        quarter: '2026-Q3',
        months: quarter([95, 96.5, 97], { good: 9, counted: 10 }),
        peerReviewScores: [peer('s-1', 90)],
        settings,
      });
      // 0.3 × 90 + 0.3 × 90 + 0.4 × 96.1666… = 92.4666…
      expect(document).toEqual({
        quarter: '2026-Q3',
        provisional: false,
        staff: [{ staffId: 's-1', peerReview: 90, satisfaction: 90, monthlyMean: 96.17, total: 92.47, months: 3 }],
      });
    });

    it('sums ratings over the months and rounds the satisfaction half up (2 of 3 → 66.67)', () => {
      const months = quarter([90, 90, 90]);
      months[1] = month('2026-08', { staff: [{ id: 's-1', total: 90, good: 1, counted: 2 }] });
      months[2] = month('2026-09', { staff: [{ id: 's-1', total: 90, good: 1, counted: 1 }] });
      const [line] = assessQuarter({ quarter: '2026-Q3', months, peerReviewScores: [], settings }).staff;
      expect(line.satisfaction).toBe(66.67);
    });
  });

  describe('with a part missing', () => {
    it('rescales satisfaction and mean to 100 % without a peer review score', () => {
      const [line] = assessQuarter({
        quarter: '2026-Q3',
        months: quarter([90, 90, 90], { good: 1, counted: 2 }),
        peerReviewScores: [],
        settings,
      }).staff;
      // (0.3 × 50 + 0.4 × 90) ÷ 0.7 = 72.857142…
      expect(line).toMatchObject({ peerReview: null, satisfaction: 50, monthlyMean: 90, total: 72.86 });
    });

    it('rescales peer review and mean without a counted rating', () => {
      const [line] = assessQuarter({
        quarter: '2026-Q3',
        months: quarter([90, 90, 90]),
        peerReviewScores: [peer('s-1', 100)],
        settings,
      }).staff;
      // (0.3 × 100 + 0.4 × 90) ÷ 0.7 = 94.285714…
      expect(line).toMatchObject({ peerReview: 100, satisfaction: null, total: 94.29 });
    });

    it('is the mean monthly total alone with neither', () => {
      const [line] = assessQuarter({ quarter: '2026-Q3', months: quarter([88, 91, 93.5]), peerReviewScores: [], settings }).staff;
      expect(line).toMatchObject({ peerReview: null, satisfaction: null, monthlyMean: 90.83, total: 90.83 });
    });

    it('has no total when the weights of the parts present sum to 0', () => {
      const zero = { ...settings, personal: { ...settings.personal, weights: { peerReview: 1, satisfaction: 0, monthlyMean: 0 } } };
      const [line] = assessQuarter({ quarter: '2026-Q3', months: quarter([90, 90, 90]), peerReviewScores: [], settings: zero }).staff;
      expect(line.total).toBeNull();
    });
  });

  describe('rounding', () => {
    it('rounds a total of exactly .xx5 up (0.3 × 90.05 + 30 + 36 = 93.015 → 93.02)', () => {
      const [line] = assessQuarter({
        quarter: '2026-Q3',
        months: quarter([90, 90, 90], { good: 4, counted: 4 }),
        peerReviewScores: [peer('s-1', 90.05)],
        settings,
      }).staff;
      expect(line.total).toBe(93.02);
    });

    it('rounds a mean of exactly .xx5 up where floats fall short (90.01, 90.00 → 90.005 → 90.01)', () => {
      const months = quarter([90.01, 90, 0]).slice(0, 2);
      const document = assessQuarter({ quarter: '2026-Q3', months, peerReviewScores: [], settings, expectedMonths: ['2026-07', '2026-08'] });
      expect(document.staff[0]).toMatchObject({ monthlyMean: 90.01, total: 90.01, months: 2 });
    });

    it('rounds a satisfaction of exactly .xx5 up (1 of 32 → 3.125 → 3.13)', () => {
      const [line] = assessQuarter({
        quarter: '2026-Q3',
        months: quarter([90, 90, 90], { good: 1, counted: 32 }),
        peerReviewScores: [],
        settings,
      }).staff;
      expect(line.satisfaction).toBe(3.13);
    });
  });

  describe('who is assessed', () => {
    it('takes the mean over the months assigned only, and counts ratings of every month', () => {
      const months = [
        month('2026-07', { staff: [{ id: 's-1', total: 100, windowIds: [], good: 0, counted: 1 }] }),
        month('2026-08', { staff: [{ id: 's-1', total: 92 }] }),
        month('2026-09', { staff: [{ id: 's-1', total: 94, good: 1, counted: 1 }] }),
      ];
      const [line] = assessQuarter({ quarter: '2026-Q3', months, peerReviewScores: [], settings }).staff;
      expect(line).toMatchObject({ monthlyMean: 93, months: 2, satisfaction: 50 });
    });

    it('leaves out staff assigned in no final month of the quarter, even with a peer review score', () => {
      const months = [
        month('2026-07', { staff: [{ id: 's-1', total: 90, windowIds: [] }, { id: 's-2', total: 91 }] }),
        month('2026-08', { staff: [{ id: 's-1', total: 90, windowIds: [] }], final: false }),
      ];
      const document = assessQuarter({ quarter: '2026-Q3', months, peerReviewScores: [peer('s-1', 80)], settings });
      expect(document.staff.map((s) => s.staffId)).toEqual(['s-2']);
    });

    it('lists staff by id', () => {
      const months = [month('2026-07', { staff: [{ id: 's-b', total: 90 }, { id: 's-a', total: 91 }] })];
      expect(assessQuarter({ quarter: '2026-Q3', months, peerReviewScores: [], settings }).staff.map((s) => s.staffId)).toEqual([
        's-a',
        's-b',
      ]);
    });
  });

  describe('peer review scores', () => {
    it('takes the latest by occurredAt (across offsets), then by eventId, for the quarter named', () => {
      const scores = [
        peer('s-1', 70, { occurredAt: '2026-10-02T10:00:00+08:00', eventId: 'z' }), // 02:00Z
        peer('s-1', 80, { occurredAt: '2026-10-02T03:00:00Z', eventId: 'a' }), // latest
        peer('s-1', 60, { occurredAt: '2026-10-02T03:00:00Z', eventId: '0' }), // same instant, lower id
        peer('s-1', 100, { quarter: '2026-Q2', occurredAt: '2026-12-01T00:00:00Z' }), // another quarter
      ];
      const [line] = assessQuarter({ quarter: '2026-Q3', months: quarter([90, 90, 90]), peerReviewScores: scores, settings }).staff;
      expect(line.peerReview).toBe(80);
    });
  });

  describe('provisional', () => {
    it('is final when all three months are final', () => {
      expect(assessQuarter({ quarter: '2026-Q3', months: quarter([90, 90, 90]), peerReviewScores: [], settings }).provisional).toBe(
        false,
      );
    });

    it('leaves out a month that is not final and says provisional', () => {
      const months = quarter([90, 90, 60]);
      months[2] = { ...months[2], final: false };
      const document = assessQuarter({ quarter: '2026-Q3', months, peerReviewScores: [], settings });
      expect(document.provisional).toBe(true);
      expect(document.staff[0]).toMatchObject({ monthlyMean: 90, months: 2 });
    });

    it('treats a month not passed in as not final', () => {
      const months = quarter([90, 90, 90]).slice(0, 2);
      expect(assessQuarter({ quarter: '2026-Q3', months, peerReviewScores: [], settings }).provisional).toBe(true);
    });

    it('is final when the only missing month is outside the expected months (before the hall started)', () => {
      const months = quarter([90, 90, 90]).slice(1);
      const document = assessQuarter({
        quarter: '2026-Q3',
        months,
        peerReviewScores: [],
        settings,
        expectedMonths: ['2026-08', '2026-09'],
      });
      expect(document.provisional).toBe(false);
    });

    it('ignores months outside the quarter and refuses a month passed twice', () => {
      const months = [...quarter([90, 90, 90]), month('2026-10', { staff: [{ id: 's-9', total: 1 }] })];
      expect(assessQuarter({ quarter: '2026-Q3', months, peerReviewScores: [], settings }).staff.map((s) => s.staffId)).toEqual(['s-1']);
      expect(() =>
        assessQuarter({ quarter: '2026-Q3', months: [...months, months[0]], peerReviewScores: [], settings }),
      ).toThrow(/twice/);
    });
  });
});
