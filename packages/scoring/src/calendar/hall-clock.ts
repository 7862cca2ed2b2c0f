import { MS_PER_DAY, formatIsoDate, monthOfDay, formatPeriod } from './civil-days.ts';

const MS_PER_HOUR = 3_600_000;
const MS_PER_MINUTE = 60_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** UTC offset (ms) of a timezone at an instant, through Intl: slow, so callers cache it. */
function intlOffsetMs(timeZone: string, t: number): number {
  const seconds = Math.floor(t / 1000) * 1000;
  const parts = formatterFor(timeZone).formatToParts(new Date(seconds));
  let year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  for (const part of parts) {
    switch (part.type) {
      case 'year': year = Number(part.value); break;
      case 'month': month = Number(part.value); break;
      case 'day': day = Number(part.value); break;
      case 'hour': hour = Number(part.value); break;
      case 'minute': minute = Number(part.value); break;
      case 'second': second = Number(part.value); break;
      default: break;
    }
  }
  return Date.UTC(year, month - 1, day, hour, minute, second) - seconds;
}

/** Slots of `HallClock`'s hour cache (a power of two): about half a year of hours. */
const HOUR_SLOTS = 4096;

/**
 * Wall-clock arithmetic in one hall's IANA timezone. Offsets are cached per
 * UTC hour (and per minute in the rare hour that holds a transition), so
 * mapping an instant to its hall-local day costs an array read, not an Intl
 * call: a direct-mapped cache (slot = hour mod `HOUR_SLOTS`) in front of a map
 * of every hour looked up.
 */
export class HallClock {
  private readonly hourOffsets = new Map<number, number>();
  private readonly minuteOffsets = new Map<number, number>();
  private readonly slotHour = new Float64Array(HOUR_SLOTS).fill(Number.NaN);
  private readonly slotOffset = new Float64Array(HOUR_SLOTS);

  constructor(readonly timeZone: string) {
    formatterFor(timeZone); // throws a RangeError for an unknown zone, up front
  }

  offsetMs(t: number): number {
    const hour = Math.floor(t / MS_PER_HOUR);
    const slot = hour & (HOUR_SLOTS - 1);
    let offset: number;
    if (this.slotHour[slot] === hour) offset = this.slotOffset[slot];
    else {
      offset = this.hourOffset(hour);
      this.slotHour[slot] = hour;
      this.slotOffset[slot] = offset;
    }
    if (!Number.isNaN(offset)) return offset;
    const minute = Math.floor(t / MS_PER_MINUTE);
    let minuteOffset = this.minuteOffsets.get(minute);
    if (minuteOffset === undefined) {
      minuteOffset = intlOffsetMs(this.timeZone, minute * MS_PER_MINUTE);
      this.minuteOffsets.set(minute, minuteOffset);
    }
    return minuteOffset;
  }

  /** The offset throughout an hour, NaN when it changes within it. */
  private hourOffset(hour: number): number {
    let offset = this.hourOffsets.get(hour);
    if (offset === undefined) {
      const atStart = intlOffsetMs(this.timeZone, hour * MS_PER_HOUR);
      const atEnd = intlOffsetMs(this.timeZone, (hour + 1) * MS_PER_HOUR - 1000);
      offset = atStart === atEnd ? atStart : Number.NaN;
      this.hourOffsets.set(hour, offset);
    }
    return offset;
  }

  /** Hall-local epoch day of an instant (epoch ms). */
  localDay(t: number): number {
    return Math.floor((t + this.offsetMs(t)) / MS_PER_DAY);
  }

  /** Hall-local `YYYY-MM-DD` of an instant. */
  localDate(t: number): string {
    return formatIsoDate(this.localDay(t));
  }

  /** Hall-local month `YYYY-MM` of an instant: 2026-09-30T16:30:00Z is 2026-10 in Asia/Shanghai. */
  month(t: number): string {
    return formatPeriod(monthOfDay(this.localDay(t)));
  }
}

const clocks = new Map<string, HallClock>();

/** One shared clock per timezone, so its offset cache survives across models. */
export function hallClock(timeZone: string): HallClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new HallClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
}
