/**
 * Calendar arithmetic on epoch days (days since 1970-01-01) and month indexes
 * (year × 12 + month − 1). Pure integer arithmetic: no Date, no Intl.
 */

export const MS_PER_DAY = 86_400_000;

/** Epoch day of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Year, month (1–12) and day of an epoch day. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Month index (year × 12 + month − 1) of an epoch day. */
export function monthOfDay(days: number): number {
  const { year, month } = civilFromDays(days);
  return year * 12 + month - 1;
}

/** `2026-09` → month index. Throws on a malformed period (a bug at the caller). */
export function parsePeriod(period: string): number {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  if (!match) throw new Error(`not a month period: ${period}`);
  const month = Number(match[2]);
  if (month < 1 || month > 12) throw new Error(`not a month period: ${period}`);
  return Number(match[1]) * 12 + month - 1;
}

export function formatPeriod(monthIndex: number): string {
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}`;
}

/** First and last epoch day of a month index. */
export function monthDays(monthIndex: number): { first: number; last: number } {
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  const first = daysFromCivil(year, month, 1);
  const last = (month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1)) - 1;
  return { first, last };
}

/** `2026-09-30` → epoch day. */
export function parseIsoDate(date: string): number {
  if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    return daysFromCivil(digits(date, 0, 4), digits(date, 5, 2), digits(date, 8, 2));
  }
  throw new Error(`not a date YYYY-MM-DD: ${date}`);
}

export function formatIsoDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

/**
 * Epoch milliseconds of an RFC 3339 timestamp with offset. A hand-written fast
 * path (the scorer parses every event's `occurredAt`); anything unusual falls
 * back to `Date.parse`.
 */
export function parseInstant(s: string): number {
  const n = s.length;
  if (n >= 20 && s.charCodeAt(4) === 45 && s.charCodeAt(10) === 84 && s.charCodeAt(13) === 58 && s.charCodeAt(16) === 58) {
    const days = daysFromCivil(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2));
    let ms = days * MS_PER_DAY + digits(s, 11, 2) * 3_600_000 + digits(s, 14, 2) * 60_000 + digits(s, 17, 2) * 1000;
    let i = 19;
    if (s.charCodeAt(i) === 46) {
      i++;
      let scale = 100;
      while (i < n) {
        const c = s.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        ms += c * scale;
        scale /= 10;
        i++;
      }
      ms = Math.floor(ms);
    }
    const z = s.charCodeAt(i);
    if ((z === 90 || z === 122) && i === n - 1) return ms;
    if ((z === 43 || z === 45) && i === n - 6 && s.charCodeAt(i + 3) === 58) {
      const offset = digits(s, i + 1, 2) * 3_600_000 + digits(s, i + 4, 2) * 60_000;
      return z === 43 ? ms - offset : ms + offset;
    }
  }
  const parsed = Date.parse(s);
  if (Number.isNaN(parsed)) throw new Error(`not a timestamp: ${s}`);
  return parsed;
}

function digits(s: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) value = value * 10 + (s.charCodeAt(i) - 48);
  return value;
}
