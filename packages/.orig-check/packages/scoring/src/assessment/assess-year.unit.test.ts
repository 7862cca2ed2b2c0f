import { describe, expect, it } from 'vitest';
import { assessYear } from './assess-year.ts';
import { lineItem, month, settings, wholeYear, type StaffSpec, type WindowSpec } from './month-builders.test-helper.ts';

const noPeer = { peerReviewScores: [], settings };

describe('assessYear', () => {
  describe('windows', () => {
    it('scores a window by the mean of its final months, rounded half up, and counts them', () => {
      // 90.01 and 90.00 in alternate months of a window that existed for two months: 90.005 → 90.01
      const months = [
        month('2026-01', { windows: [{ id: 'w-1', total: 90.01 }] }),
        month('2026-02', { windows: [{ id: 'w-1', total: 90 }] }),
      ];
      const document = assessYear({ year: '2026', months, ...noPeer, expectedMonths: ['2026-01', '2026-02'] });
      expect(document.provisional).toBe(false);
      expect(document.windows).toEqual([
        { windowId: 'w-1', kind: 'approval', annualScore: 90.01, months: 2, rank: 1, honour: 'red_flag', veto: false },
      ]);
    });

    it('breaks an annual tie by the year satisfaction rate (Σ good ÷ Σ counted), not a mean of monthly rates', () => {
      // a: 1/1 then 50/100 → 51/101 ≈ 0.505 (mean of rates 0.75); b: 0/1 then 60/100 → 0.594 (mean 0.3)
      const months = [
        month('2026-01', { windows: [{ id: 'a', total: 99, good: 1, counted: 1 }, { id: 'b', total: 99, good: 0, counted: 1 }] }),
        month('2026-02', { windows: [{ id: 'a', total: 99, good: 50, counted: 100 }, { id: 'b', total: 99, good: 60, counted: 100 }] }),
      ];
      const document = assessYear({ year: '2026', months, ...noPeer, expectedMonths: ['2026-01', '2026-02'] });
      expect(document.windows.map((w) => [w.windowId, w.rank])).toEqual([
        ['b', 1],
        ['a', 2],
      ]);
    });

    it('then by the counted deduction line items of the year, then by completed tickets', () => {
      const voided = lineItem(-1, { status: 'voided' });
      const months = wholeYear('2026', (_p, i) => ({
        windows: [
          { id: 'a', total: 99, lineItems: i === 0 ? [lineItem(-1)] : [] },
          { id: 'b', total: 99, lineItems: [voided, lineItem(2, { category: 'bonus' })] },
          { id: 'c', total: 99, tickets: 1 },
        ] satisfies WindowSpec[],
      }));
      expect(assessYear({ year: '2026', months, ...noPeer }).windows.map((w) => [w.windowId, w.rank])).toEqual([
        ['c', 1],
        ['b', 2],
        ['a', 3],
      ]);
    });

    it('ranks kinds separately and removes a window vetoed in any month from the honours', () => {
      // 7 approval windows: 1 red flag, 2 in all
      const approval = Array.from({ length: 7 }, (_, i) => ({ id: `a-${i + 1}`, total: 99 - i }));
      const months = wholeYear('2026', (_p, i) => ({
        windows: [
          ...approval.map((w) => ({ ...w, veto: w.id === 'a-1' && i === 5 })),
          { id: 'p-1', total: 80, kind: 'public_service' as const },
        ],
      }));
      const document = assessYear({ year: '2026', months, ...noPeer });
      expect(document.windows.slice(0, 4).map((w) => [w.windowId, w.rank, w.honour, w.veto])).toEqual([
        ['a-1', 1, null, true],
        ['a-2', 2, 'red_flag', false],
        ['a-3', 3, 'advanced', false],
        ['a-4', 4, null, false],
      ]);
      expect(document.windows.at(-1)).toMatchObject({ windowId: 'p-1', kind: 'public_service', rank: 1, honour: 'red_flag' });
    });
  });

  describe('staff', () => {
    it('gives no annual score to staff assigned in no final month, and lists staff highest first', () => {
      const months = wholeYear('2026', () => ({
        staff: [
          { id: 's-b', total: 91 },
          { id: 's-a', total: 91 },
          { id: 's-c', total: 95.5 },
          { id: 's-idle', total: 100, windowIds: [] },
        ],
      }));
      expect(assessYear({ year: '2026', months, ...noPeer }).staff.map((s) => [s.staffId, s.annualScore])).toEqual([
        ['s-c', 95.5],
        ['s-a', 91],
        ['s-b', 91],
      ]);
    });

    it('uses the rounded quarterly scores where the exact ones would round otherwise', () => {
      // Q1 = 90.005 exactly (two months 90.01, 90.00) → 90.01; Q2 = 90.00 → mean of rounded 90.005 → 90.01,
      // mean of exact quarters 90.0025 → 90.00.
      const months = [
        month('2026-01', { staff: [{ id: 's-1', total: 90.01 }] }),
        month('2026-02', { staff: [{ id: 's-1', total: 90 }] }),
        month('2026-04', { staff: [{ id: 's-1', total: 90 }] }),
      ];
      const document = assessYear({ year: '2026', months, ...noPeer, expectedMonths: ['2026-01', '2026-02', '2026-04'] });
      expect(document.staff[0].annualScore).toBe(90.01);
    });

    it('uses the quarters peer review scores and skips quarters without a score', () => {
      const months = [month('2026-01', { staff: [{ id: 's-1', total: 90 }] }), month('2026-07', { staff: [{ id: 's-1', total: 100 }] })];
      const peer = [{ staffId: 's-1', quarter: '2026-Q3', score: 100, occurredAt: '2026-10-01T00:00:00Z', eventId: 'e1' }];
      const document = assessYear({ year: '2026', months, peerReviewScores: peer, settings, expectedMonths: ['2026-01', '2026-07'] });
      // Q1 90, Q3 100 (peer 100 and mean 100) → 95
      expect(document.staff[0].annualScore).toBe(95);
    });

    it('grades with the quota, and a tie at the boundary exceeds it and says so', () => {
      // 10 staff → 2 places; three tied at 97
      const staff: StaffSpec[] = [
        { id: 's-a', total: 97 },
        { id: 's-b', total: 97 },
        { id: 's-c', total: 97 },
        ...Array.from({ length: 7 }, (_, i) => ({ id: `s-f${i}`, total: 80 })),
      ];
      const document = assessYear({ year: '2026', months: wholeYear('2026', () => ({ staff })), ...noPeer });
      expect(document.staff.slice(0, 4).map((s) => [s.staffId, s.grade])).toEqual([
        ['s-a', 'excellent'],
        ['s-b', 'excellent'],
        ['s-c', 'excellent'],
        ['s-f0', 'competent'],
      ]);
      expect(document.excellentQuotaExceededByTie).toBe(true);
    });

    it('keeps a staff member with a counted veto line item in any month from excellent; a voided one does not count', () => {
      const staff = (i: number): StaffSpec[] => [
        { id: 's-v', total: 100, lineItems: i === 3 ? [lineItem(-10, { veto: true })] : [] },
        { id: 's-x', total: 99, lineItems: i === 3 ? [lineItem(-10, { veto: true, status: 'voided' })] : [] },
        { id: 's-a', total: 98 },
        ...Array.from({ length: 7 }, (_, k) => ({ id: `s-f${k}`, total: 80 })),
      ];
      const document = assessYear({ year: '2026', months: wholeYear('2026', (_p, i) => ({ staff: staff(i) })), ...noPeer });
      const grade = Object.fromEntries(document.staff.map((s) => [s.staffId, s.grade]));
      expect([grade['s-v'], grade['s-x'], grade['s-a']]).toEqual(['competent', 'excellent', 'excellent']);
      expect(document.excellentQuotaExceededByTie).toBe(false);
    });
  });

  describe('stars', () => {
    /** 50 staff so the quota (10) leaves room; excellent ones score 95–99. */
    const redFlagYear = (specs: (i: number) => StaffSpec[], redFlags: (i: number) => string[]) =>
      wholeYear('2026', (_p, i) => ({
        windows: Array.from({ length: 10 }, (_, k) => ({ id: `w-${k}`, total: 90 - k })),
        staff: [...specs(i), ...Array.from({ length: 45 }, (_, k) => ({ id: `s-f${k}`, total: 80, windowIds: ['w-9'] }))],
        redFlags: redFlags(i),
      }));

    it('chooses excellent staff assigned to a window while it had the monthly red flag, or to the annual red flag', () => {
      const months = redFlagYear(
        (i) => [
          { id: 's-monthly', total: 99, windowIds: i === 4 ? ['w-5'] : ['w-8'] }, // w-5 red in May
          { id: 's-annual', total: 98, windowIds: i === 0 ? ['w-0'] : ['w-8'] }, // w-0 is the annual red flag
          { id: 's-other-month', total: 97, windowIds: i === 5 ? ['w-5'] : ['w-8'] }, // on w-5 in June only
          { id: 's-never', total: 96, windowIds: ['w-8'] },
          { id: 's-vetoed', total: 100, windowIds: ['w-0'], veto: i === 11 },
        ],
        (i) => (i === 4 ? ['w-5'] : []),
      );
      const document = assessYear({ year: '2026', months, ...noPeer });
      expect(document.windows.find((w) => w.windowId === 'w-0')?.honour).toBe('red_flag');
      expect(document.stars).toEqual(['s-monthly', 's-annual']);
    });

    it('takes the ten highest and every one tied with the tenth', () => {
      const excellent = Array.from({ length: 12 }, (_, k) => ({
        id: `s-${String(k).padStart(2, '0')}`,
        total: k < 9 ? (9900 - k * 10) / 100 : 95, // nine distinct, then three tied at 95
        windowIds: ['w-0'],
      }));
      const many = wholeYear('2026', () => ({
        windows: [{ id: 'w-0', total: 99 }],
        staff: [...excellent, ...Array.from({ length: 50 }, (_, k) => ({ id: `s-f${k}`, total: 80, windowIds: ['w-0'] }))],
      }));
      const document = assessYear({ year: '2026', months: many, ...noPeer });
      expect(document.stars).toHaveLength(12);
      expect(document.stars.slice(0, 2)).toEqual(['s-00', 's-01']);
      expect(document.stars.slice(9)).toEqual(['s-09', 's-10', 's-11']);
    });

    it('follows the stars setting', () => {
      const months = redFlagYear(
        () => [
          { id: 's-a', total: 99, windowIds: ['w-0'] },
          { id: 's-b', total: 98, windowIds: ['w-0'] },
        ],
        () => [],
      );
      const one = { ...settings, personal: { ...settings.personal, stars: 1 } };
      expect(assessYear({ year: '2026', months, peerReviewScores: [], settings: one }).stars).toEqual(['s-a']);
    });
  });

  describe('notices', () => {
    it('names bottom-three windows, windows below 98 with their figure, and incompetent staff, per department', () => {
      const months = wholeYear('2026', () => ({
        windows: [
          { id: 'a-1', total: 99.5, departmentId: 'd-tax' },
          { id: 'a-2', total: 99, departmentId: 'd-tax' },
          { id: 'a-3', total: 98.5, departmentId: 'd-police' },
          { id: 'a-4', total: 97.95, departmentId: 'd-police' },
          { id: 'p-1', total: 96, kind: 'public_service' as const, departmentId: 'd-tax' },
        ],
        staff: [
          { id: 's-1', total: 69.99, departmentId: 'd-police', windowIds: ['a-4'] },
          { id: 's-2', total: 90, departmentId: 'd-tax', windowIds: ['a-1'] },
        ],
      }));
      expect(assessYear({ year: '2026', months, ...noPeer }).notify).toEqual([
        {
          departmentId: 'd-police',
          windowIds: ['a-3', 'a-4'],
          staffIds: ['s-1'],
          reasons: [
            { reason: 'bottom_three', windowId: 'a-3' },
            { reason: 'bottom_three', windowId: 'a-4' },
            { reason: 'below_98', windowId: 'a-4', figure: 0.01 },
            { reason: 'incompetent', staffId: 's-1' },
          ],
        },
        {
          departmentId: 'd-tax',
          windowIds: ['a-2', 'p-1'],
          staffIds: [],
          reasons: [
            { reason: 'bottom_three', windowId: 'a-2' },
            { reason: 'below_98', windowId: 'p-1', figure: 0.2 },
          ],
        },
      ]);
    });
  });

  describe('provisional', () => {
    it('is provisional while a month of the year is missing or not final, and leaves it out', () => {
      const months = wholeYear('2026', (_p, i) => ({ windows: [{ id: 'w-1', total: i === 11 ? 0 : 90 }], final: i !== 11 }));
      const document = assessYear({ year: '2026', months, ...noPeer });
      expect(document.provisional).toBe(true);
      expect(document.windows[0]).toMatchObject({ annualScore: 90, months: 11 });
      expect(assessYear({ year: '2026', months: months.slice(0, 11), ...noPeer }).provisional).toBe(true);
    });

    it('is final when every expected month is final', () => {
      const months = wholeYear('2026', () => ({ windows: [{ id: 'w-1', total: 90 }] })).slice(6);
      expect(assessYear({ year: '2026', months, ...noPeer }).provisional).toBe(true);
      expect(assessYear({ year: '2026', months, ...noPeer, expectedMonths: months.map((m) => m.period) }).provisional).toBe(false);
    });

    it('answers an empty year', () => {
      expect(assessYear({ year: '2026', months: [], ...noPeer, expectedMonths: [] })).toEqual({
        year: '2026',
        provisional: false,
        windows: [],
        staff: [],
        excellentQuotaExceededByTie: false,
        stars: [],
        notify: [],
      });
    });
  });
});
