import type { HallModel } from './hall-model-shape.ts';
import { byTime } from './records.ts';

/** A staff member's stay at a window, in hall-local epoch days, both ends inclusive. */
export interface Stay {
  readonly staffId: string;
  readonly windowId: string;
  readonly from: number;
  readonly to: number;
}

export interface AssignmentIndex {
  readonly byWindow: ReadonlyMap<string, readonly Stay[]>;
  readonly byStaff: ReadonlyMap<string, readonly Stay[]>;
}

/**
 * Stays from `StaffAssigned` / `StaffUnassigned` in occurredAt order, per
 * staff member and window (A and B posts alike). A repeated assignment while
 * assigned changes nothing; the day of an unassignment still counts as assigned.
 */
export function assignmentIndex(model: HallModel): AssignmentIndex {
  if (model.cache.assignments) return model.cache.assignments;
  const byWindow = new Map<string, Stay[]>();
  const byStaff = new Map<string, Stay[]>();
  const add = (stay: Stay) => {
    (byWindow.get(stay.windowId) ?? byWindow.set(stay.windowId, []).get(stay.windowId)!).push(stay);
    (byStaff.get(stay.staffId) ?? byStaff.set(stay.staffId, []).get(stay.staffId)!).push(stay);
  };
  for (const [staffId, recs] of model.assignmentEvents) {
    const open = new Map<string, number>();
    for (const rec of [...recs].sort(byTime)) {
      const windowId = rec.e.data.windowId;
      if (rec.e.type === 'StaffAssigned') {
        if (!open.has(windowId)) open.set(windowId, rec.day);
      } else {
        const from = open.get(windowId);
        if (from !== undefined) {
          add({ staffId, windowId, from, to: rec.day });
          open.delete(windowId);
        }
      }
    }
    for (const [windowId, from] of open) add({ staffId, windowId, from, to: Number.POSITIVE_INFINITY });
  }
  const index = { byWindow, byStaff };
  model.cache.assignments = index;
  return index;
}

/** Distinct staff assigned to a window on a day. */
export function staffOnDay(index: AssignmentIndex, windowId: string, day: number): number {
  const seen = new Set<string>();
  for (const stay of index.byWindow.get(windowId) ?? []) if (stay.from <= day && day <= stay.to) seen.add(stay.staffId);
  return seen.size;
}
