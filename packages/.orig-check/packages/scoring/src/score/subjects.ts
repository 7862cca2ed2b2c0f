import type { WindowKind } from '@hall/contracts';
import type { MonthContext } from './month-context.ts';
import { type Rec, byTime, latest } from '../model/records.ts';

export interface ScoredWindow {
  readonly windowId: string;
  readonly kind: WindowKind;
  readonly departmentId: string | null;
}

/**
 * Windows scored in the month: open on some day of it, i.e. opened on or
 * before its last day and not closed before its first (hall-local days; a
 * window closed and reopened counts when any open stretch touches the month).
 * Kind and department are those of its latest opening up to the month's end.
 */
export function scoredWindows(ctx: MonthContext): ScoredWindow[] {
  const result: ScoredWindow[] = [];
  for (const [windowId, recs] of ctx.model.windowEvents) {
    const sorted = [...recs].sort(byTime);
    let openFrom: number | null = null;
    let touches = false;
    for (const rec of sorted) {
      if (rec.e.type === 'WindowOpened') {
        if (openFrom === null) openFrom = rec.day;
      } else if (openFrom !== null) {
        if (openFrom <= ctx.last && rec.day >= ctx.first) touches = true;
        openFrom = null;
      }
    }
    if (openFrom !== null && openFrom <= ctx.last) touches = true;
    if (!touches) continue;
    const opening = latest(sorted.filter((r): r is Rec<'WindowOpened'> => r.e.type === 'WindowOpened' && r.day <= ctx.last));
    if (!opening) continue;
    result.push({ windowId, kind: opening.e.data.kind, departmentId: opening.e.data.departmentId });
  }
  return result.sort((a, b) => (a.windowId < b.windowId ? -1 : a.windowId > b.windowId ? 1 : 0));
}

/** Windows each staff member was assigned to (A or B post) on at least one day of the month, sorted. */
export function staffWindowsInMonth(ctx: MonthContext): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const [staffId, stays] of ctx.assignments.byStaff) {
    const windows = new Set<string>();
    for (const stay of stays) if (stay.from <= ctx.last && stay.to >= ctx.first) windows.add(stay.windowId);
    if (windows.size > 0) result.set(staffId, [...windows].sort());
  }
  return result;
}

/** A staff member's department: the latest registration up to the month's end, else the earliest at all. */
export function staffDepartment(ctx: MonthContext, staffId: string): string | null {
  const regs = ctx.model.staffRegistrations.get(staffId);
  if (!regs) return null;
  const upTo = latest(regs.filter((r) => r.day <= ctx.last));
  return (upTo ?? [...regs].sort(byTime)[0]).e.data.departmentId;
}
