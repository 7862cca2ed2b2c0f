import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HallClock } from './hall-clock.ts';
import { WorkingCalendar } from './working-days.ts';
import { civilFromDays, daysFromCivil, formatIsoDate, parseInstant, parseIsoDate } from './civil-days.ts';

describe('hall clock', () => {
  const shanghai = new HallClock('Asia/Shanghai');

  it('puts 2026-09-30T16:30:00Z in October in Asia/Shanghai', () => {
    const t = parseInstant('2026-09-30T16:30:00Z');
    expect(shanghai.month(t)).toBe('2026-10');
    expect(shanghai.localDate(t)).toBe('2026-10-01');
  });

  it('keeps 2026-09-30T15:59:59Z in September in Asia/Shanghai', () => {
    expect(shanghai.month(parseInstant('2026-09-30T15:59:59Z'))).toBe('2026-09');
  });

  it('follows daylight saving time in Europe/Berlin', () => {
    const berlin = new HallClock('Europe/Berlin');
    expect(berlin.localDate(parseInstant('2026-03-28T23:30:00Z'))).toBe('2026-03-29'); // CET +1
    expect(berlin.localDate(parseInstant('2026-10-24T22:30:00Z'))).toBe('2026-10-25'); // CEST +2
    expect(berlin.localDate(parseInstant('2026-10-25T22:30:00Z'))).toBe('2026-10-25'); // CET again
  });

  it('agrees with Intl for any instant (property)', () => {
    const ny = new HallClock('America/New_York');
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), (t) => {
        expect(ny.localDate(t)).toBe(fmt.format(new Date(t)));
      }),
    );
  });
});

describe('civil days and timestamps', () => {
  it('round-trips dates (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (d) => {
        const { year, month, day } = civilFromDays(d);
        expect(daysFromCivil(year, month, day)).toBe(d);
      }),
    );
  });

  it('parses timestamps like Date.parse (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }), fc.integer({ min: -14, max: 14 }), (t, hours) => {
        const iso = new Date(t).toISOString();
        expect(parseInstant(iso)).toBe(t);
        const sign = hours < 0 ? '-' : '+';
        const local = new Date(t + hours * 3_600_000).toISOString().slice(0, 23);
        const withOffset = `${local}${sign}${String(Math.abs(hours)).padStart(2, '0')}:00`;
        expect(parseInstant(withOffset)).toBe(Date.parse(withOffset));
      }),
    );
  });
});

describe('working calendar', () => {
  const d = parseIsoDate;
  // 2026 National Day: 1–7 October off, Sunday 27 September and Saturday 10 October worked (调休).
  const calendar = new WorkingCalendar([
    ...['01', '02', '03', '04', '05', '06', '07'].map((x) => ({ date: `2026-10-${x}`, kind: 'holiday' as const })),
    { date: '2026-09-27', kind: 'workday' },
    { date: '2026-10-10', kind: 'workday' },
  ]);

  it('has weekends off and weekdays on by default', () => {
    const plain = new WorkingCalendar();
    expect(plain.isWorkingDay(d('2026-09-12'))).toBe(false); // Saturday
    expect(plain.isWorkingDay(d('2026-09-13'))).toBe(false); // Sunday
    expect(plain.isWorkingDay(d('2026-09-14'))).toBe(true); // Monday
  });

  it('counts make-up Sunday 27 September as working and the holiday week as not', () => {
    expect(calendar.isWorkingDay(d('2026-09-27'))).toBe(true);
    expect(calendar.isWorkingDay(d('2026-10-01'))).toBe(false);
    expect(calendar.countWorkingDays(d('2026-09-26'), d('2026-10-11'))).toBe(7); // 27–30 Sep, 8, 9 and (Saturday) 10 Oct
  });

  it('adds working days across the holiday: 3 working days after 29 September is 9 October', () => {
    expect(formatIsoDate(calendar.addWorkingDays(d('2026-09-29'), 3))).toBe('2026-10-09'); // 30 Sep, 8 Oct, 9 Oct
    expect(formatIsoDate(calendar.addWorkingDays(d('2026-09-29'), 4))).toBe('2026-10-10'); // make-up Saturday
    expect(formatIsoDate(calendar.addWorkingDays(d('2026-09-29'), 0))).toBe('2026-09-29');
  });

  it('lets a later setting of the same date win', () => {
    const later = new WorkingCalendar([
      { date: '2026-09-14', kind: 'holiday' },
      { date: '2026-09-14', kind: 'workday' },
    ]);
    expect(later.isWorkingDay(d('2026-09-14'))).toBe(true);
  });
});
