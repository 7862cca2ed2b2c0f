import type { CatalogueSettings, DepartmentNotice, NotifyReason, PersonalGrade } from '@hall/contracts';
import {
  compareFractions,
  decimalToFraction,
  fraction,
  fractionToCents,
  multiplyFractions,
  subtractFractions,
} from '../ranking/exact.ts';
import type { AnnualWindow } from './annual-windows.ts';
import { compareIds } from './published-month.ts';

export interface NotifyStaff {
  staffId: string;
  departmentId: string | null;
  grade: PersonalGrade;
}

const reasonOrder: Record<NotifyReason['reason'], number> = { bottom_three: 0, below_98: 1, incompetent: 2 };

/**
 * Departments to notify after the year (docs/domain.md §7, §8): the bottom approval windows
 * of the annual ranking (`bottomApprovalWindows`, ties at the boundary included),
 * windows below `departmentThreshold` with the figure
 * `departmentPointsPerPoint × (threshold − score)` rounded half up, and staff graded
 * incompetent. Grouped by department (null last), reasons by kind then id.
 */
export function departmentsToNotify(
  windows: readonly AnnualWindow[],
  staff: readonly NotifyStaff[],
  settings: Pick<CatalogueSettings, 'annual'>,
): DepartmentNotice[] {
  const { bottomApprovalWindows, departmentThreshold, departmentPointsPerPoint } = settings.annual;
  const notices = new Map<string | null, NotifyReason[]>();
  const add = (departmentId: string | null, reason: NotifyReason) => {
    notices.set(departmentId, [...(notices.get(departmentId) ?? []), reason]);
  };

  const approval = windows.filter((w) => w.kind === 'approval').sort((a, b) => b.rank - a.rank);
  if (bottomApprovalWindows > 0 && approval.length > 0) {
    const boundaryRank = approval[Math.min(bottomApprovalWindows, approval.length) - 1].rank;
    for (const w of approval) if (w.rank >= boundaryRank) add(w.departmentId, { reason: 'bottom_three', windowId: w.windowId });
  }

  const threshold = decimalToFraction(departmentThreshold);
  const perPoint = decimalToFraction(departmentPointsPerPoint);
  for (const w of windows) {
    const score = fraction(w.annualCents, 100n);
    if (compareFractions(score, threshold) < 0) {
      const figure = fractionToCents(multiplyFractions(perPoint, subtractFractions(threshold, score)));
      add(w.departmentId, { reason: 'below_98', windowId: w.windowId, figure });
    }
  }

  for (const s of staff) if (s.grade === 'incompetent') add(s.departmentId, { reason: 'incompetent', staffId: s.staffId });

  return [...notices]
    .sort(([a], [b]) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : compareIds(a, b)))
    .map(([departmentId, reasons]) => {
      const sorted = [...reasons].sort((a, b) => reasonOrder[a.reason] - reasonOrder[b.reason] || compareIds(subjectOf(a), subjectOf(b)));
      const windowIds = new Set<string>();
      const staffIds = new Set<string>();
      for (const r of sorted) {
        if (r.reason === 'incompetent') staffIds.add(r.staffId);
        else windowIds.add(r.windowId);
      }
      return { departmentId, windowIds: [...windowIds].sort(compareIds), staffIds: [...staffIds].sort(compareIds), reasons: sorted };
    });
}

function subjectOf(reason: NotifyReason): string {
  return reason.reason === 'incompetent' ? reason.staffId : reason.windowId;
}
