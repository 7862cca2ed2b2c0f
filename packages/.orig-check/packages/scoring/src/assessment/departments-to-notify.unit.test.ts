import { describe, expect, it } from 'vitest';
import type { AnnualWindow } from './annual-windows.ts';
import { departmentsToNotify } from './departments-to-notify.ts';
import { settings } from './month-builders.test-helper.ts';

const window = (windowId: string, rank: number, score: number, over: Partial<AnnualWindow> = {}): AnnualWindow => ({
  windowId,
  kind: 'approval',
  annualScore: score,
  annualCents: BigInt(Math.round(score * 100)),
  months: 12,
  rank,
  honour: null,
  veto: false,
  departmentId: 'd-1',
  ...over,
});

describe('departmentsToNotify', () => {
  it('names the bottom three approval windows, ties at the boundary included, public service never', () => {
    const windows = [
      window('a', 1, 99.9),
      window('b', 2, 99.8),
      window('c', 3, 99.7),
      window('d', 3, 99.7),
      window('e', 5, 99.6),
      window('f', 6, 99.5),
      window('p', 1, 99, { kind: 'public_service' }),
      window('q', 2, 98.5, { kind: 'public_service' }),
    ];
    const [notice] = departmentsToNotify(windows, [], settings);
    expect(notice.reasons).toEqual([
      { reason: 'bottom_three', windowId: 'c' },
      { reason: 'bottom_three', windowId: 'd' },
      { reason: 'bottom_three', windowId: 'e' },
      { reason: 'bottom_three', windowId: 'f' },
    ]);
  });

  it('names every approval window when there are fewer than three, and none with a setting of 0', () => {
    expect(departmentsToNotify([window('a', 1, 99)], [], settings)[0].windowIds).toEqual(['a']);
    const none = { ...settings, annual: { ...settings.annual, bottomApprovalWindows: 0 } };
    expect(departmentsToNotify([window('a', 1, 99)], [], none)).toEqual([]);
  });

  it('reports windows below 98 with 0.1 point per point, rounded half up', () => {
    const windows = [
      window('a', 1, 99.9),
      window('b', 2, 99.8),
      window('c', 3, 99.7),
      window('d', 4, 99.6),
      window('x', 1, 97.95, { kind: 'public_service' }), // 0.1 × 0.05 = 0.005 → 0.01
      window('y', 2, 90, { kind: 'public_service' }), // 0.8
      window('z', 3, 98, { kind: 'public_service' }), // not below
      window('v', 4, 97.94, { kind: 'public_service' }), // 0.006 → 0.01
      window('u', 5, 97.96, { kind: 'public_service' }), // 0.004 → 0
    ];
    const reasons = departmentsToNotify(windows, [], settings)[0].reasons.filter((r) => r.reason === 'below_98');
    expect(reasons).toEqual([
      { reason: 'below_98', windowId: 'u', figure: 0 },
      { reason: 'below_98', windowId: 'v', figure: 0.01 },
      { reason: 'below_98', windowId: 'x', figure: 0.01 },
      { reason: 'below_98', windowId: 'y', figure: 0.8 },
    ]);
  });

  it('groups by department with the distinct windows and staff named, reasons by kind then id', () => {
    const windows = [
      window('a', 1, 99.5, { departmentId: 'd-2' }),
      window('b', 2, 97, { departmentId: 'd-1' }),
      window('c', 3, 96, { departmentId: 'd-2' }),
    ];
    const staff = [
      { staffId: 's-2', departmentId: 'd-2', grade: 'incompetent' as const },
      { staffId: 's-1', departmentId: 'd-2', grade: 'incompetent' as const },
      { staffId: 's-3', departmentId: 'd-1', grade: 'competent' as const },
      { staffId: 's-4', departmentId: null, grade: 'incompetent' as const },
    ];
    expect(departmentsToNotify(windows, staff, settings)).toEqual([
      {
        departmentId: 'd-1',
        windowIds: ['b'],
        staffIds: [],
        reasons: [
          { reason: 'bottom_three', windowId: 'b' },
          { reason: 'below_98', windowId: 'b', figure: 0.1 },
        ],
      },
      {
        departmentId: 'd-2',
        windowIds: ['a', 'c'],
        staffIds: ['s-1', 's-2'],
        reasons: [
          { reason: 'bottom_three', windowId: 'a' },
          { reason: 'bottom_three', windowId: 'c' },
          { reason: 'below_98', windowId: 'c', figure: 0.2 },
          { reason: 'incompetent', staffId: 's-1' },
          { reason: 'incompetent', staffId: 's-2' },
        ],
      },
      { departmentId: null, windowIds: [], staffIds: ['s-4'], reasons: [{ reason: 'incompetent', staffId: 's-4' }] },
    ]);
  });
});
