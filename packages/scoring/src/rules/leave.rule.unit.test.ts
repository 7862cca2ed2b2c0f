import { describe, expect, it } from 'vitest';
import { given } from '../test-support/given.ts';
import { assign, at, event, leave, smallHall, unassign } from '../test-support/builders.ts';

// September 2026: 1st is a Tuesday. 7–11 Sep Mon–Fri; 12–13 weekend.
describe('when a leave is approved without a required substitute (docs/domain.md §4.2)', () => {
  it('ATT_PERSONAL_LEAVE_NO_SUB: one staff at the window, 2 working days × −2 = −4 to window and staff', () => {
    const then = given(smallHall(), leave('l1', '2026-09-10', '2026-09-11', { staffId: 's3', windowId: 'w2' })).when('2026-09');
    expect(then.points('w2', 'ATT_PERSONAL_LEAVE_NO_SUB')).toBe(-4);
    expect(then.points('s3', 'ATT_PERSONAL_LEAVE_NO_SUB')).toBe(-4);
  });

  it('ATT_SICK_LEAVE_NO_SUB: sick leave with a certificate, 3 working days × −1 = −3', () => {
    const then = given(smallHall(), leave('l1', '2026-09-09', '2026-09-11', { staffId: 's3', windowId: 'w2', leaveType: 'sick', sickCertificate: true })).when('2026-09');
    expect(then.points('s3', 'ATT_SICK_LEAVE_NO_SUB')).toBe(-3);
  });

  it('sick leave without a certificate counts as personal: 3 × −2 = −6', () => {
    const then = given(smallHall(), leave('l1', '2026-09-09', '2026-09-11', { staffId: 's3', windowId: 'w2', leaveType: 'sick' })).when('2026-09');
    expect(then.points('s3', 'ATT_PERSONAL_LEAVE_NO_SUB')).toBe(-6);
    expect(then.items('s3', 'ATT_SICK_LEAVE_NO_SUB')).toEqual([]);
  });

  it('skips weekends: Fri 11 – Mon 14 September is 2 working days × −2 = −4', () => {
    const then = given(smallHall(), leave('l1', '2026-09-11', '2026-09-14', { staffId: 's3', windowId: 'w2' })).when('2026-09');
    expect(then.points('s3', 'ATT_PERSONAL_LEAVE_NO_SUB')).toBe(-4);
  });

  it('official and annual leave cost nothing', () => {
    const then = given(
      smallHall(),
      leave('l1', '2026-09-10', '2026-09-11', { staffId: 's3', windowId: 'w2', leaveType: 'official' }),
      leave('l2', '2026-09-14', '2026-09-15', { staffId: 's3', windowId: 'w2', leaveType: 'annual' }),
    ).when('2026-09');
    expect(then.items('s3')).toEqual([]);
  });

  it('two staff: 1 day needs no substitute, 2 days do (2 × −2 = −4)', () => {
    const oneDay = given(smallHall(), leave('l1', '2026-09-10', '2026-09-10')).when('2026-09');
    expect(oneDay.items('s1', 'ATT_PERSONAL_LEAVE_NO_SUB')).toEqual([]);
    const twoDays = given(smallHall(), leave('l1', '2026-09-10', '2026-09-11')).when('2026-09');
    expect(twoDays.points('s1', 'ATT_PERSONAL_LEAVE_NO_SUB')).toBe(-4);
    expect(twoDays.points('w1', 'ATT_PERSONAL_LEAVE_NO_SUB')).toBe(-4);
  });

  it('three staff: 5 working days need none, 6 do (6 × −2 = −12)', () => {
    const hall = [...smallHall(), assign('s3', 'w1', 'B')];
    expect(given(hall, leave('l1', '2026-09-07', '2026-09-11')).when('2026-09').items('s1', 'ATT_PERSONAL_LEAVE_NO_SUB')).toEqual([]);
    expect(given(hall, leave('l1', '2026-09-07', '2026-09-14')).when('2026-09').points('s1', 'ATT_PERSONAL_LEAVE_NO_SUB')).toBe(-12);
  });

  it('counts the staff assigned on the leave’s first day', () => {
    const hall = [...smallHall(), unassign('s2', 'w1', at('2026-09-01'))];
    const then = given(hall, leave('l1', '2026-09-10', '2026-09-10')).when('2026-09');
    expect(then.points('s1', 'ATT_PERSONAL_LEAVE_NO_SUB')).toBe(-2);
  });

  it('a substitute removes the deduction, whenever it arrives', () => {
    const then = given(
      smallHall(),
      leave('l1', '2026-09-10', '2026-09-11', { staffId: 's3', windowId: 'w2' }),
      event('SubstituteAssigned', at('2026-10-03'), { leaveId: 'l1', substituteStaffId: 's2' }),
    ).when('2026-09');
    expect(then.items('s3')).toEqual([]);
  });

  it('a rejected leave costs nothing', () => {
    const then = given(
      smallHall(),
      leave('l1', '2026-09-10', '2026-09-11', { staffId: 's3', windowId: 'w2' }),
      event('LeaveRejected', at('2026-09-09'), { leaveId: 'l1', staffId: 's3', reason: 'no' }),
    ).when('2026-09');
    expect(then.items('s3')).toEqual([]);
  });

  it('a leave over two months is scored in each for its days there: Wed 30 Sep – Fri 2 Oct → −2 then −4', () => {
    const events = [...smallHall(), leave('l1', '2026-09-30', '2026-10-02', { staffId: 's3', windowId: 'w2' })];
    expect(given(events).when('2026-09').points('s3', 'ATT_PERSONAL_LEAVE_NO_SUB')).toBe(-2);
    expect(given(events).when('2026-10').points('s3', 'ATT_PERSONAL_LEAVE_NO_SUB')).toBe(-4);
  });

  it('skips holidays and counts make-up workdays (调休)', () => {
    const then = given(
      smallHall(),
      event('CalendarDaysSet', at('2026-01-01'), { days: [{ date: '2026-09-10', kind: 'holiday' }, { date: '2026-09-12', kind: 'workday' }] }),
      leave('l1', '2026-09-10', '2026-09-13', { staffId: 's3', windowId: 'w2' }),
    ).when('2026-09');
    expect(then.points('s3', 'ATT_PERSONAL_LEAVE_NO_SUB')).toBe(-4); // 11 and (Saturday) 12
  });
});
