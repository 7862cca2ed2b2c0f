import { MS_PER_DAY } from './civil-days.ts';
import type { HallClock } from './hall-clock.ts';
import type { WorkingCalendar } from './working-days.ts';

/**
 * The instant (epoch ms) the hall-local day `day` begins. The offset is read
 * twice, the second time at the first guess, so a day that begins next to an
 * offset change still lands on its local midnight.
 */
export function dayStartInstant(clock: HallClock, day: number): number {
  const wall = day * MS_PER_DAY;
  const guess = wall - clock.offsetMs(wall);
  return wall - clock.offsetMs(guess);
}

/**
 * The deadline of something that must be done within `workingDays` working
 * days of `startT`: the end (next local midnight) of the Nth working day after
 * the start's hall-local day, that day not counted — the way `CASE_OVERDUE`
 * counts (docs/domain.md §4.3). Holidays and 调休 make-up days come from the
 * calendar. With 0 days, the end of the start's own day.
 *
 * @example a 差评 on Friday 2022-09-30 in Asia/Shanghai, 1 working day (国庆 1–7 October off,
 * Saturday 8 October a make-up day) → 2022-10-08T16:00:00Z, the end of Saturday 8 October.
 */
export function workingDayDeadline(clock: HallClock, calendar: WorkingCalendar, startT: number, workingDays: number): number {
  const dueDay = calendar.addWorkingDays(clock.localDay(startT), workingDays);
  return dayStartInstant(clock, dueDay + 1);
}

/**
 * The instant `share` (0–1) of the working time between `startT` and `dueT`
 * has passed, counting only the hours of working days: a warning at 80 % of a
 * deadline that spans a holiday week falls on a working day, not in the week.
 * Rounded up to the whole second. With no working time in the span (a 0-day
 * deadline set on a holiday), the deadline itself.
 */
export function shareOfWorkingTime(
  clock: HallClock,
  calendar: WorkingCalendar,
  startT: number,
  dueT: number,
  share: number,
): number {
  const segments = workingSegments(clock, calendar, startT, dueT);
  const total = segments.reduce((sum, [from, to]) => sum + (to - from), 0);
  if (total === 0) return dueT;
  let left = total * share;
  for (const [from, to] of segments) {
    if (left <= to - from) return Math.min(dueT, Math.ceil((from + left) / 1000) * 1000);
    left -= to - from;
  }
  return dueT;
}

/** The parts of `[startT, dueT)` that lie in working days of the hall, in order. */
function workingSegments(clock: HallClock, calendar: WorkingCalendar, startT: number, dueT: number): [number, number][] {
  const segments: [number, number][] = [];
  for (let day = clock.localDay(startT); ; day++) {
    const dayStart = dayStartInstant(clock, day);
    if (dayStart >= dueT) break;
    if (!calendar.isWorkingDay(day)) continue;
    const from = Math.max(startT, dayStart);
    const to = Math.min(dueT, dayStartInstant(clock, day + 1));
    if (to > from) segments.push([from, to]);
  }
  return segments;
}
