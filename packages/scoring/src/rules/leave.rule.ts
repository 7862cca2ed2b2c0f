import type { MonthContext } from '../score/month-context.ts';
import type { ItemSink } from '../score/line-item.ts';
import { rulesFor, toCents } from '../catalogue/compiled-catalogue.ts';
import { parseIsoDate } from '../calendar/civil-days.ts';
import { latest } from '../model/records.ts';
import { staffOnDay } from '../model/assignments.ts';

/**
 * `LeaveApproved` without a required substitute (docs/domain.md §4.2). The latest
 * approval of a leave id counts; a rejection or any `SubstituteAssigned` for
 * the leave removes the deduction. Required: the window had ≤ 1 staff on the
 * leave's first day, or 2 and the leave is longer than
 * `substitute.twoStaffMoreThanDays`, or it is longer than
 * `substitute.anyStaffMoreThanDays` (working days). The cost is the rule's
 * points per leave working day inside this month, to the window and the staff member.
 */
export function scoreLeaves(ctx: MonthContext, sink: ItemSink): void {
  const { model, calendar } = ctx;
  const settings = ctx.monthCatalogue.source.settings.substitute;
  const seen = new Set<string>();
  for (const rec of ctx.bucket.leaves) {
    const { leaveId } = rec.e.data;
    if (seen.has(leaveId)) continue;
    seen.add(leaveId);
    if (model.rejectedLeaves.has(leaveId) || model.substitutedLeaves.has(leaveId)) continue;
    const leave = latest(model.leaves.get(leaveId));
    if (!leave) continue;
    const { from, to, staffId, windowId, leaveType, sickCertificate } = leave.e.data;
    const fromDay = parseIsoDate(from);
    const toDay = parseIsoDate(to);
    const daysHere = calendar.countWorkingDays(Math.max(fromDay, ctx.first), Math.min(toDay, ctx.last));
    if (daysHere === 0) continue;
    const totalDays = calendar.countWorkingDays(fromDay, toDay);
    const staffCount = staffOnDay(ctx.assignments, windowId, fromDay);
    const required =
      staffCount <= 1 ||
      (staffCount === 2 && totalDays > settings.twoStaffMoreThanDays) ||
      totalDays > settings.anyStaffMoreThanDays;
    if (!required) continue;
    const effectiveType = leaveType === 'sick' && sickCertificate !== true ? 'personal' : leaveType;
    const catalogue = ctx.timeline.at(leave.day);
    for (const rule of rulesFor(catalogue, 'leave_without_substitute')) {
      const c = rule.computation;
      if (c.kind !== 'per_person_per_day' || !c.leaveTypes.includes(effectiveType)) continue;
      sink.fire(rule, catalogue.version, toCents(c.points) * daysHere, windowId, staffId, [leave.id], {
        note: `${rule.name}: ${daysHere} working day(s) of ${from}..${to}`,
      });
    }
  }
}
