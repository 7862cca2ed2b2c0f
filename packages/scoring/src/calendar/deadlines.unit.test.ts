import { describe, expect, it } from 'vitest';
import { hallClock } from './hall-clock.ts';
import { WorkingCalendar } from './working-days.ts';
import { shareOfWorkingTime, workingDayDeadline } from './deadlines.ts';

const shanghai = hallClock('Asia/Shanghai');
/** 国庆 2022: 1–7 October off, Saturday 8 and Sunday 9 October make-up workdays (调休). */
const nationalDay2022 = new WorkingCalendar([
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2022-10-${d}`, kind: 'holiday' as const })),
  { date: '2022-10-08', kind: 'workday' },
  { date: '2022-10-09', kind: 'workday' },
]);
const plain = new WorkingCalendar();
const iso = (t: number) => new Date(t).toISOString();
const due = (calendar: WorkingCalendar, at: string, days: number, clock = shanghai) => iso(workingDayDeadline(clock, calendar, Date.parse(at), days));

describe('bad-rating deadlines on the working-day calendar', () => {
  describe('a 差评 on the Friday before National Day', () => {
    const friday = '2022-09-30T15:00:00+08:00';

    it('is called back by the end of the make-up Saturday after the holiday', () => {
      expect(due(nationalDay2022, friday, 1)).toBe('2022-10-08T16:00:00.000Z');
    });

    it('is rectified by the end of the 15th working day, the make-up days counted', () => {
      // 8, 9 (调休), 10–14, 17–21, 24, 25, 26 October.
      expect(due(nationalDay2022, friday, 15)).toBe('2022-10-26T16:00:00.000Z');
    });

    it('is warned at 80 % of the working time, on the make-up Saturday, not in the holiday week', () => {
      const start = Date.parse(friday);
      const dueT = workingDayDeadline(shanghai, nationalDay2022, start, 1);
      // 9 h of Friday + 24 h of 8 October = 33 h; 80 % = 26.4 h: 17.4 h into 8 October, 17:24 local.
      expect(iso(shareOfWorkingTime(shanghai, nationalDay2022, start, dueT, 0.8))).toBe('2022-10-08T09:24:00.000Z');
    });
  });

  describe('a 差评 on a 调休 Saturday', () => {
    const saturday = '2022-10-08T10:00:00+08:00';

    it('counts from the make-up day like any working day: called back by the end of the make-up Sunday', () => {
      expect(due(nationalDay2022, saturday, 1)).toBe('2022-10-09T16:00:00.000Z');
      expect(due(nationalDay2022, saturday, 15)).toBe('2022-10-27T16:00:00.000Z');
    });

    it('on an ordinary Saturday runs from Monday: called back by the end of Monday', () => {
      expect(due(plain, '2026-09-19T10:00:00+08:00', 1)).toBe('2026-09-21T16:00:00.000Z');
    });

    it('warns within Monday when the rating came on a weekend (the weekend holds no working time)', () => {
      const start = Date.parse('2026-09-19T10:00:00+08:00');
      const dueT = workingDayDeadline(shanghai, plain, start, 1);
      expect(iso(shareOfWorkingTime(shanghai, plain, start, dueT, 0.8))).toBe('2026-09-21T11:12:00.000Z');
    });
  });

  describe('a 差评 at 23:59 in the hall’s zone', () => {
    it('belongs to that local day: one minute later the deadline is a working day later', () => {
      expect(due(plain, '2026-09-15T23:59:00+08:00', 1)).toBe('2026-09-16T16:00:00.000Z');
      expect(due(plain, '2026-09-16T00:00:00+08:00', 1)).toBe('2026-09-17T16:00:00.000Z');
    });

    it('is read in the hall’s own zone: the same instant is Tuesday in Urumqi, Wednesday in Shanghai', () => {
      const instant = '2026-09-15T17:59:00Z';
      expect(due(plain, instant, 1, hallClock('Asia/Urumqi'))).toBe('2026-09-16T18:00:00.000Z');
      expect(due(plain, instant, 1)).toBe('2026-09-17T16:00:00.000Z');
    });

    it('at 23:59 on a Friday runs to the end of Monday', () => {
      expect(due(plain, '2026-09-18T23:59:00+08:00', 1)).toBe('2026-09-21T16:00:00.000Z');
    });
  });

  it('with 0 working days, ends with the rating’s own day', () => {
    expect(due(plain, '2026-09-15T09:00:00+08:00', 0)).toBe('2026-09-15T16:00:00.000Z');
  });
});
