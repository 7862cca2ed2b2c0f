import { describe, expect, it } from 'vitest';
import type { AssessmentEvent } from '@hall/contracts';
import { given } from '../test-support/given.ts';
import { at, event, smallHall } from '../test-support/builders.ts';
import { defaultCatalogue } from '../catalogue/default-catalogue.ts';
import { buildHallModel } from '../model/hall-model.ts';
import { foldBadRatingCases } from '../bad-ratings/fold-cases.ts';
import { dueEvents } from '../bad-ratings/due-events.ts';
import { ratedTicket } from '../bad-ratings/case-events.test-helper.ts';

/** A named 差评 on 15 September never acted on, and the marks the scheduler appended by 20 October. */
function neglected(...more: AssessmentEvent[]): AssessmentEvent[] {
  const history = [...smallHall(), ...more, ...ratedTicket('r1', '2026-09-15', 1, { named: true })];
  const model = buildHallModel(history);
  const marks = dueEvents(model, foldBadRatingCases(model), Date.parse('2026-10-20T00:00:00Z')).filter((d) => d.type !== 'RatingDefaulted');
  return [...history, ...marks.map((d, i) => ({ ...d, recordedAt: d.occurredAt, position: 1000 + i, clientId: 'service' }) as AssessmentEvent)];
}

const v1 = defaultCatalogue('2026-01-01');
/** Version 2 from 1 September turns both overdue rules on. */
const bothOn = event('RuleCatalogueVersionPublished', at('2026-08-25'), {
  ...v1,
  version: 2,
  effectiveFrom: '2026-09-01',
  rules: v1.rules.map((r) => (r.enabled === false ? { ...r, enabled: true } : r)),
});

describe('overdue bad-rating cases in the score', () => {
  it('cost nothing under the default catalogue: the rules are there but off', () => {
    const then = given(neglected()).when('2026-09');
    expect(then.items('w1', 'RATE_CONTACT_OVERDUE')).toEqual([]);
    expect(given(neglected()).when('2026-10').items('w1', 'RATE_RECTIFICATION_OVERDUE')).toEqual([]);
  });

  it('cost the window and the staff member rated, in the month the deadline passed, once a version turns them on', () => {
    const september = given(neglected(bothOn)).when('2026-09');
    expect(september.points('w1', 'RATE_CONTACT_OVERDUE')).toBe(-1);
    expect(september.points('s1', 'RATE_CONTACT_OVERDUE')).toBe(-1);
    // 15 working days from 15 September end on 6 October: overdue from 7 October 00:00 local.
    const october = given(neglected(bothOn)).when('2026-10');
    expect(october.points('w1', 'RATE_RECTIFICATION_OVERDUE')).toBe(-2);
    expect(october.points('s1', 'RATE_RECTIFICATION_OVERDUE')).toBe(-2);
  });

  it('cost nothing once the 差评 is voided', () => {
    const voided = [...neglected(bothOn), event('EventVoided', at('2026-10-10'), { voidedEventId: 'r1', reason: '恶意差评' })];
    expect(given(voided).when('2026-10').items('w1', 'RATE_RECTIFICATION_OVERDUE')).toEqual([]);
  });

  it('leave today’s scores as they are under the default catalogue', () => {
    const without = given(neglected()).when('2026-09').window('w1');
    const base = given([...smallHall(), ...ratedTicket('r1', '2026-09-15', 1, { named: true })]).when('2026-09').window('w1');
    expect(without).toEqual(base);
  });
});
