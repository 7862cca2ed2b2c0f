import type { MonthContext } from '../score/month-context.ts';
import type { Rec } from '../model/records.ts';
import { byTime, earliest } from '../model/records.ts';

/**
 * Working days a case was completed past its deadline (docs/domain.md §4.3): the deadline
 * is the Nth working day after the acceptance day (N = the service item's
 * `committedWorkingDays` as registered at acceptance); overdue days are the
 * working days after it up to and including the completion day. 0 when the
 * service item is unknown.
 */
export function overdueWorkingDays(ctx: MonthContext, accepted: Rec<'CaseAccepted'>, completed: Rec<'CaseCompleted'>): number {
  const registrations = ctx.model.serviceItems.get(accepted.e.data.serviceItemId);
  if (!registrations || registrations.length === 0) return 0;
  let inForce: Rec<'ServiceItemRegistered'> | undefined;
  for (const reg of registrations) {
    if (reg.t <= accepted.t && (!inForce || byTime(reg, inForce) > 0)) inForce = reg;
  }
  inForce ??= earliest(registrations);
  if (!inForce) return 0;
  const deadline = ctx.calendar.addWorkingDays(accepted.day, inForce.e.data.committedWorkingDays);
  return completed.day > deadline ? ctx.calendar.countWorkingDays(deadline + 1, completed.day) : 0;
}
