import { describe, expect, it } from 'vitest';
import { completeDraft } from '../catalogue/complete-draft.ts';
import { defaultCatalogue } from '../catalogue/default-catalogue.ts';
import { given } from '../test-support/given.ts';
import { assign, at, attendance, event, finding, rating, smallHall, ticket, unassign, window } from '../test-support/builders.ts';

describe('month membership', () => {
  it('scores 2026-09-30T16:30:00Z (1 October 00:30 in Asia/Shanghai) in October', () => {
    const events = [...smallHall(), finding('CON_QUARREL', '2026-09-30T16:30:00Z')];
    expect(given(events).when('2026-09').items('w1', 'CON_QUARREL')).toEqual([]);
    expect(given(events).when('2026-10').points('w1', 'CON_QUARREL')).toBe(-3);
  });

  it('scores by the hall’s own timezone from HallCreated', () => {
    const events = [...smallHall(), finding('CON_QUARREL', '2026-09-30T16:30:00Z')].map((e) =>
      e.type === 'HallCreated' ? { ...e, data: { ...e.data, timezone: 'Europe/London' } } : e,
    );
    expect(given(events).when('2026-09').points('w1', 'CON_QUARREL')).toBe(-3);
  });
});

describe('who is scored', () => {
  it('scores a window opened before the month’s end and not closed before its start', () => {
    const events = [
      ...smallHall(),
      window('w3', 'approval', at('2026-09-30', '18:00:00')),
      window('w4', 'approval', at('2026-10-01')),
      window('w5'),
      event('WindowClosed', at('2026-08-31'), { windowId: 'w5' }),
      window('w6'),
      event('WindowClosed', at('2026-09-01'), { windowId: 'w6' }),
    ];
    expect(given(events).when('2026-09').scores.windows.map((w) => w.subject.id)).toEqual(['w1', 'w2', 'w3', 'w6']);
  });

  it('scores staff assigned on some day of the month, with those windows, and staff with a line item', () => {
    const events = [
      ...smallHall(),
      event('StaffRegistered', at('2026-01-01'), { staffId: 's9', name: 's9', departmentId: 'd2' }),
      assign('s1', 'w2', 'B', at('2026-09-20')),
      unassign('s3', 'w2', at('2026-08-31')),
      attendance('late', at('2026-09-10'), { staffId: 's9', minutes: 5 }),
    ];
    const then = given(events).when('2026-09');
    expect(then.scores.staff.map((s) => s.subject.id)).toEqual(['s1', 's2', 's9']);
    expect(then.staff('s1').windowIds).toEqual(['w1', 'w2']);
    expect(then.staff('s9')).toMatchObject({ departmentId: 'd2', windowIds: [], total: 99 });
    expect(then.window('w2')).toMatchObject({ kind: 'public_service', departmentId: 'd1' });
  });
});

describe('ticket metrics', () => {
  it('average and nearest-rank p90 wait and service over the month’s completed tickets', () => {
    const events = [...smallHall()];
    for (let i = 1; i <= 10; i++) events.push(...ticket(`t${i}`, at('2026-09-10', '09:00:00'), { waitSeconds: i * 60, serviceSeconds: i * 100 }));
    const m = given(events).when().window('w1').metrics;
    expect(m).toMatchObject({ ticketsCompleted: 10, avgWaitSeconds: 330, p90WaitSeconds: 540, avgServiceSeconds: 550, p90ServiceSeconds: 900 });
  });

  it('uses the last call for the wait, and counts every completion whatever its outcome', () => {
    const events = [
      ...smallHall(),
      ...ticket('t1', at('2026-09-10', '09:00:00'), { waitSeconds: 60 }),
      event('TicketCalled', at('2026-09-10', '09:00:30'), { ticketId: 't1', windowId: 'w1', staffId: 's1' }),
      event('ServiceCompleted', at('2026-09-11'), { ticketId: 't2', windowId: 'w1', staffId: 's2', outcome: 'returned' }),
    ];
    const then = given(events).when();
    expect(then.window('w1').metrics).toMatchObject({ ticketsCompleted: 2, avgWaitSeconds: 60, ratingRate: 0 });
    expect(then.staff('s2').metrics.ticketsCompleted).toBe(1);
  });
});

describe('appeals, voids and versions', () => {
  it('an upheld appeal voids the line item: it stays visible and counts nothing, veto included', () => {
    const base = [...smallHall(), finding('INT_CORRUPTION', at('2026-09-10'), { staffId: 's1' })];
    const [item] = given(base).when().items('s1', 'INT_CORRUPTION');
    const then = given(
      base,
      event('AppealDecided', at('2026-10-09'), { appealId: 'a1', lineItemId: item.id, period: '2026-09', upheld: true, reason: 'wrong person' }),
    ).when();
    expect(then.items('s1', 'INT_CORRUPTION')).toMatchObject([{ id: item.id, status: 'voided' }]);
    expect(then.staff('s1')).toMatchObject({ total: 100, veto: false });
    expect(then.window('w1').veto).toBe(true);
  });

  it('a rejected appeal changes nothing', () => {
    const base = [...smallHall(), finding('CON_QUARREL', at('2026-09-10'), { staffId: 's1' })];
    const [item] = given(base).when().items('s1', 'CON_QUARREL');
    const then = given(base, event('AppealDecided', at('2026-10-09'), { appealId: 'a1', lineItemId: item.id, period: '2026-09', upheld: false, reason: 'no' })).when();
    expect(then.items('s1', 'CON_QUARREL')[0].status).toBe('counted');
  });

  it('a voided event counts nothing, and voiding the voiding restores it', () => {
    const quarrel = finding('CON_QUARREL', at('2026-09-10'), {}, 'insp-1');
    const voiding = event('EventVoided', at('2026-09-11'), { voidedEventId: 'insp-1', reason: 'duplicate entry' }, 'void-1');
    expect(given(smallHall(), quarrel, voiding).when().items('w1', 'CON_QUARREL')).toEqual([]);
    const unvoid = event('EventVoided', at('2026-09-12'), { voidedEventId: 'void-1', reason: 'mistake' });
    expect(given(smallHall(), quarrel, voiding, unvoid).when().points('w1', 'CON_QUARREL')).toBe(-3);
  });

  it('scores each event with the version in force on its day, and the month with its last day’s version', () => {
    const v1 = defaultCatalogue('2026-01-01');
    const rules = v1.rules.map((r) => (r.code === 'CON_QUARREL' ? { ...r, computation: { kind: 'per_occurrence' as const, points: -4 } } : r));
    const v2 = completeDraft(v1, { effectiveFrom: '2026-09-15', rules, categories: [...v1.categories.slice(0, 4), { code: 'public_evaluation', base: 12 }] }, 2);
    const then = given(
      smallHall(),
      event('RuleCatalogueVersionPublished', at('2026-01-01'), v1),
      event('RuleCatalogueVersionPublished', at('2026-09-01'), v2),
      finding('CON_QUARREL', at('2026-09-14')),
      finding('CON_QUARREL', at('2026-09-15')),
    ).when();
    expect(then.items('w1', 'CON_QUARREL').map((i) => [i.ruleVersion, i.points]).sort()).toEqual([[1, -3], [2, -4]]);
    expect(then.scores.catalogueVersion).toBe(2);
    expect(then.window('w2').total).toBe(102 - 3); // 12 in public evaluation; low volume −3
  });

  it('holds a rule to its cap: 3 × CON_QUARREL (−9) with cap 5 loses 5', () => {
    const v1 = defaultCatalogue('2026-01-01');
    const capped = { ...v1, rules: v1.rules.map((r) => (r.code === 'CON_QUARREL' ? { ...r, cap: 5 } : r)) };
    const then = given(smallHall(), event('RuleCatalogueVersionPublished', at('2026-01-01'), capped), finding('CON_QUARREL', at('2026-09-10'), { count: 3, staffId: 's1' })).when();
    expect(then.points('s1', 'CON_QUARREL')).toBe(-9);
    expect(then.staff('s1').total).toBe(95);
  });
});

describe('documents', () => {
  it('carry stage and version, totals in decimals, and rankings per kind', () => {
    const then = given(smallHall(), finding('CON_QUARREL', at('2026-09-10')), rating('r', at('2026-09-10'), { level: 5 })).when('2026-09', { stage: 'final', version: 2 });
    expect(then.window('w1')).toMatchObject({ stage: 'final', version: 2, total: 94 });
    expect(then.scores.rankings.approval.map((r) => r.windowId)).toEqual(['w1']);
    expect(then.scores.rankings.public_service.map((r) => r.windowId)).toEqual(['w2']);
    expect(then.scores.ratings).toMatchObject([{ ratingId: 'r', status: 'unverified' }]);
  });
});
