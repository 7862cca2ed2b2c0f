import { parseIsoDate, weekday } from './civil-days.ts';

/** One `CalendarDaysSet` entry, already ordered by the caller: later settings win. */
export interface CalendarDaySetting {
  readonly date: string;
  readonly kind: 'holiday' | 'workday';
}

/**
 * A hall's working-day calendar on epoch days: Monday–Friday work, weekends
 * off, unless a day is set `workday` (调休 make-up day) or `holiday`.
 */
export class WorkingCalendar {
  private readonly overrides = new Map<number, boolean>();

  /** `settings` in the order they take effect (by occurredAt, then event id): the last one for a date wins. */
  constructor(settings: Iterable<CalendarDaySetting> = []) {
    for (const setting of settings) this.overrides.set(parseIsoDate(setting.date), setting.kind === 'workday');
  }

  isWorkingDay(day: number): boolean {
    const override = this.overrides.get(day);
    if (override !== undefined) return override;
    const wd = weekday(day);
    return wd !== 0 && wd !== 6;
  }

  /** Working days in `from..to`, both inclusive (0 when `to < from`). */
  countWorkingDays(from: number, to: number): number {
    let count = 0;
    for (let day = from; day <= to; day++) if (this.isWorkingDay(day)) count++;
    return count;
  }

  /** The Nth working day after `day` (`day` itself not counted); `n = 0` gives `day`. */
  addWorkingDays(day: number, n: number): number {
    let current = day;
    let left = n;
    // A calendar with no working day ahead would loop for ever: a century of none is a broken calendar.
    const limit = day + n + 36_500;
    while (left > 0 && current < limit) {
      current++;
      if (this.isWorkingDay(current)) left--;
    }
    return current;
  }
}
