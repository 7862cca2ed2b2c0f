import type { Kysely } from 'kysely';
import { readEventsByDataKey, type Database } from '@hall/event-store';

/**
 * The windows each leave was approved at, read from the store (decision 1831):
 * `LeaveRejected` and `SubstituteAssigned` carry no window, so a window head's
 * own-window check asks the leave's approvals. Read from the events table, not
 * the hall's state: the state holds only the open months, and a leave approved
 * months ago may still be rejected or covered. One hall-filtered query.
 */
export async function leaveWindows(db: Kysely<Database>, hallId: string, leaveIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const windows = new Map<string, Set<string>>();
  for (const approval of await readEventsByDataKey(db, hallId, 'LeaveApproved', 'leaveId', [...new Set(leaveIds)])) {
    const leaveId = String(approval.data.leaveId);
    const known = windows.get(leaveId) ?? windows.set(leaveId, new Set()).get(leaveId)!;
    known.add(String(approval.data.windowId));
  }
  return windows;
}
