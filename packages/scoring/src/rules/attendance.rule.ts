import type { Rule } from '@hall/contracts';
import type { MonthContext } from '../score/month-context.ts';
import type { ItemSink } from '../score/line-item.ts';
import { rulesFor, toCents } from '../catalogue/compiled-catalogue.ts';

/**
 * `AttendanceMarked` (docs/domain.md §4.2): late or early leave of at least
 * `lateEarlyHalfDayMinutes`, or off post for more than `offPostHalfDayMinutes`,
 * is a half-day absence instead; an absence costs a day or a half day.
 * Thresholds come from the month's catalogue settings, points from the version
 * in force on the mark's day.
 */
export function scoreAttendance(ctx: MonthContext, sink: ItemSink): void {
  const settings = ctx.monthCatalogue.source.settings;
  for (const rec of ctx.bucket.attendance) {
    const catalogue = ctx.timeline.at(rec.day);
    const { mark, minutes = 0, halfDay = false, windowId, staffId } = rec.e.data;
    const fire = (rule: Rule, cents: number) => sink.fire(rule, catalogue.version, cents, windowId, staffId, [rec.id]);
    const absence = (half: boolean) => {
      for (const rule of rulesFor(catalogue, 'attendance_absence')) {
        const c = rule.computation;
        if (c.kind === 'per_day_or_half_day') fire(rule, toCents(half ? c.pointsPerHalfDay : c.pointsPerDay));
        else if (c.kind === 'per_occurrence') fire(rule, toCents(c.points));
      }
    };
    const perOccurrence = (trigger: 'attendance_late_early' | 'attendance_off_post') => {
      for (const rule of rulesFor(catalogue, trigger)) {
        if (rule.computation.kind === 'per_occurrence') fire(rule, toCents(rule.computation.points));
      }
    };
    switch (mark) {
      case 'late':
      case 'early_leave':
        if (minutes >= settings.lateEarlyHalfDayMinutes) absence(true);
        else perOccurrence('attendance_late_early');
        break;
      case 'off_post':
        if (minutes > settings.offPostHalfDayMinutes) absence(true);
        else perOccurrence('attendance_off_post');
        break;
      case 'absence':
        absence(halfDay);
        break;
      default: {
        const unknown: never = mark;
        throw new Error(`unknown attendance mark ${String(unknown)}`);
      }
    }
  }
}
