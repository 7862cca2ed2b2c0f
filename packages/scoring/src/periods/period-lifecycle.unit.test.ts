import { describe, expect, it } from 'vitest';
import { dueStage, scheduleOf } from './period-lifecycle.ts';

const settings = { collectingDays: 7, objectionDays: 3 };
const SH = 'Asia/Shanghai';
const iso = (t: number) => new Date(t).toISOString();

describe('the schedule of a month (docs/domain.md §6)', () => {
  it('collects from the month end for 7 days, then 3 days of objection, in the hall\'s timezone', () => {
    const at = scheduleOf('2026-09', SH, settings);
    expect([iso(at.collecting), iso(at.preliminary), iso(at.final)]).toEqual([
      '2026-09-30T16:00:00.000Z', // 1 October 00:00 in Shanghai
      '2026-10-07T16:00:00.000Z', // 8 October
      '2026-10-10T16:00:00.000Z', // 11 October
    ]);
  });

  it('gives a hall taken on after the month ended its own collecting week, from the day it joined', () => {
    const joined = Date.parse('2026-11-26T12:00:00+08:00');
    const at = scheduleOf('2026-09', SH, settings, joined);
    expect([iso(at.collecting), iso(at.preliminary), iso(at.final)]).toEqual([
      '2026-09-30T16:00:00.000Z',
      '2026-12-02T16:00:00.000Z', // 26 November + 7 days = 3 December 00:00
      '2026-12-05T16:00:00.000Z', // 6 December
    ]);
    expect(dueStage('2026-09', joined, SH, settings, joined)).toBe('collecting');
    expect(dueStage('2026-09', Date.parse('2026-12-03T00:00:00+08:00'), SH, settings, joined)).toBe('preliminary');
    expect(dueStage('2026-09', Date.parse('2026-12-06T00:00:00+08:00'), SH, settings, joined)).toBe('final');
  });

  it('keeps the usual schedule for a hall that joined before the month ended', () => {
    expect(scheduleOf('2026-09', SH, settings, Date.parse('2026-09-30T23:59:00+08:00'))).toEqual(scheduleOf('2026-09', SH, settings));
    expect(scheduleOf('2026-09', SH, settings, Date.parse('2026-01-01T00:00:00+08:00'))).toEqual(scheduleOf('2026-09', SH, settings));
  });
});
