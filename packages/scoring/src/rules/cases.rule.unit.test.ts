import { describe, expect, it } from 'vitest';
import { given } from '../test-support/given.ts';
import { at, caseAccepted, caseCompleted, event, smallHall } from '../test-support/builders.ts';

// si-5: 5 committed working days. Accepted Mon 7 Sep → deadline Mon 14 Sep.
describe('when a case goes wrong (docs/domain.md §4.1 cases, §4.3)', () => {
  it('CASE_SUPPLEMENT_UNEXPLAINED: a supplement without a full explanation costs −2 to the accepting window and staff', () => {
    const then = given(
      smallHall(),
      caseAccepted('c1', at('2026-09-07'), { staffId: 's2' }),
      event('CaseSupplementRequested', at('2026-09-08'), { caseId: 'c1', missingMaterials: ['id card'], explainedInFull: false }),
      event('CaseSupplementRequested', at('2026-09-09'), { caseId: 'c1', missingMaterials: ['photo'], explainedInFull: true }),
    ).when('2026-09');
    expect(then.points('w1', 'CASE_SUPPLEMENT_UNEXPLAINED')).toBe(-2);
    expect(then.points('s2', 'CASE_SUPPLEMENT_UNEXPLAINED')).toBe(-2);
    expect(then.items('s1', 'CASE_SUPPLEMENT_UNEXPLAINED')).toEqual([]);
  });

  it('CASE_RETURN_UNEXPLAINED: a return without a reason given costs −2', () => {
    const then = given(
      smallHall(),
      caseAccepted('c1', at('2026-09-07')),
      event('CaseReturned', at('2026-09-08'), { caseId: 'c1', reason: '', reasonGiven: false }),
      event('CaseReturned', at('2026-09-09'), { caseId: 'c1', reason: 'wrong form', reasonGiven: true }),
    ).when('2026-09');
    expect(then.points('s1', 'CASE_RETURN_UNEXPLAINED')).toBe(-2);
  });

  it('CASE_RESULT_ERROR: an error in the result costs −1', () => {
    const then = given(smallHall(), caseAccepted('c1', at('2026-09-07')), event('CaseResultErrorFound', at('2026-09-20'), { caseId: 'c1' })).when('2026-09');
    expect(then.points('w1', 'CASE_RESULT_ERROR')).toBe(-1);
    expect(then.points('s1', 'CASE_RESULT_ERROR')).toBe(-1);
  });

  it('CASE_MATERIALS_LOST: lost materials cost −2', () => {
    const then = given(smallHall(), caseAccepted('c1', at('2026-09-07')), event('CaseMaterialsLost', at('2026-09-20'), { caseId: 'c1' })).when('2026-09');
    expect(then.points('s1', 'CASE_MATERIALS_LOST')).toBe(-2);
  });

  it('skips case events of a case never accepted', () => {
    const then = given(smallHall(), event('CaseMaterialsLost', at('2026-09-20'), { caseId: 'ghost' })).when('2026-09');
    expect(then.items('w1', 'CASE_MATERIALS_LOST')).toEqual([]);
  });

  it('CASE_OVERDUE: completed on the deadline (Mon 14 Sep) costs nothing', () => {
    const then = given(smallHall(), caseAccepted('c1', at('2026-09-07')), caseCompleted('c1', at('2026-09-14', '17:00:00'))).when('2026-09');
    expect(then.items('w1', 'CASE_OVERDUE')).toEqual([]);
    expect(then.window('w1').metrics).toMatchObject({ casesAccepted: 1, casesCompleted: 1, casesOverdue: 0 });
  });

  it('CASE_OVERDUE: completed Thu 17 Sep, 3 working days late, costs 3 × −3 = −9', () => {
    const then = given(smallHall(), caseAccepted('c1', at('2026-09-07')), caseCompleted('c1', at('2026-09-17'))).when('2026-09');
    expect(then.points('w1', 'CASE_OVERDUE')).toBe(-9);
    expect(then.points('s1', 'CASE_OVERDUE')).toBe(-9);
    expect(then.window('w1').metrics.casesOverdue).toBe(1);
  });

  it('CASE_OVERDUE: the weekend does not count: completed Mon 21 Sep is 5 working days late, 5 × −3 = −15', () => {
    const then = given(smallHall(), caseAccepted('c1', at('2026-09-07')), caseCompleted('c1', at('2026-09-21'))).when('2026-09');
    expect(then.points('w1', 'CASE_OVERDUE')).toBe(-15);
  });

  it('CASE_OVERDUE is scored in the month of completion: accepted 25 Sep, completed 8 Oct', () => {
    // Deadline: 5 working days after Fri 25 Sep → Fri 2 Oct; 5, 6, 7, 8 Oct late → 4 × −3 = −12.
    const events = [...smallHall(), caseAccepted('c1', at('2026-09-25')), caseCompleted('c1', at('2026-10-08'))];
    expect(given(events).when('2026-09').items('w1', 'CASE_OVERDUE')).toEqual([]);
    expect(given(events).when('2026-10').points('w1', 'CASE_OVERDUE')).toBe(-12);
  });

  it('CASE_OVERDUE follows the holiday calendar (National Day off, make-up Saturday 10 Oct worked)', () => {
    const events = [
      ...smallHall(),
      event('CalendarDaysSet', at('2026-01-01'), {
        days: [
          ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, kind: 'holiday' as const })),
          { date: '2026-10-10', kind: 'workday' as const },
        ],
      }),
      caseAccepted('c1', at('2026-09-28')),
      caseCompleted('c1', at('2026-10-12')),
    ];
    // After Mon 28 Sep: 29, 30 Sep, 8, 9, 10 Oct → deadline Sat 10 Oct; overdue: Mon 12 Oct → 1 × −3.
    expect(given(events).when('2026-10').points('w1', 'CASE_OVERDUE')).toBe(-3);
  });
});

describe('case metrics', () => {
  it('count accepted cases by the acceptance month and completed ones by the completion month', () => {
    const events = [...smallHall(), caseAccepted('c1', at('2026-09-07')), caseAccepted('c2', at('2026-09-08'), { staffId: 's2' }), caseCompleted('c1', at('2026-10-01'))];
    const sep = given(events).when('2026-09');
    expect(sep.window('w1').metrics).toMatchObject({ casesAccepted: 2, casesCompleted: 0 });
    expect(sep.staff('s2').metrics.casesAccepted).toBe(1);
    expect(given(events).when('2026-10').window('w1').metrics).toMatchObject({ casesAccepted: 0, casesCompleted: 1 });
  });
});
