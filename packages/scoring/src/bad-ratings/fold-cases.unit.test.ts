import { describe, expect, it } from 'vitest';
import type { AssessmentEvent } from '@hall/contracts';
import { at, event, rating, smallHall, ticket } from '../test-support/builders.ts';
import { buildHallModel } from '../model/hall-model.ts';
import { defaultCatalogue } from '../catalogue/default-catalogue.ts';
import { scoreMonth } from '../score/score-month.ts';
import { foldBadRatingCases } from './fold-cases.ts';
import { caseStatus } from './bad-rating-case.ts';
import { badRatingCaseId } from './derived-ids.ts';
import { caseOf, closed, contactMade, followUp, planned, ratedTicket, rectified } from './case-events.test-helper.ts';

const fold = (...events: (AssessmentEvent | AssessmentEvent[])[]) => foldBadRatingCases(buildHallModel(events.flat()));
const only = (...events: (AssessmentEvent | AssessmentEvent[])[]) => {
  const cases = fold(...events);
  expect(cases).toHaveLength(1);
  return cases[0];
};
const T = (s: string) => Date.parse(s);

describe('bad-rating cases', () => {
  describe('when a 差评 is given (Tuesday 15 September 2026, 10:00 in Shanghai)', () => {
    it('opens one case per counted 差评, its id derived from the rating id', () => {
      const c = only(smallHall(), ratedTicket('r1', '2026-09-15', 2), ratedTicket('r2', '2026-09-15', 3));
      expect(c).toMatchObject({ caseId: badRatingCaseId('r1'), ratingId: 'r1', windowId: 'w1', staffId: 's1', level: 2, period: '2026-09' });
      expect(c.caseId).toBe(badRatingCaseId('r1'));
    });

    it('opens none for an unverified or a duplicate 差评', () => {
      const unverified = rating('r1', at('2026-09-15'), { level: 1 });
      const duplicate = rating('r3', at('2026-09-15', '10:05:00'), { level: 1, ticketId: 't-r2', channel: 'qr' });
      expect(fold(smallHall(), unverified, ratedTicket('r2', '2026-09-15', 5), duplicate)).toEqual([]);
    });

    it('gives a 实名 case a call-back step due by the end of the next working day, and every case a 15-working-day rectification', () => {
      const c = only(smallHall(), ratedTicket('r1', '2026-09-15', 1, { named: true }));
      expect(c.named).toBe(true);
      expect(c.contact).toMatchObject({ dueAt: '2026-09-16T16:00:00.000Z', done: null });
      // 16–18, 21–25, 28–30 September, 1, 2, 5, 6 October (no holidays set in this hall).
      expect(c.rectification).toMatchObject({ dueAt: '2026-10-06T16:00:00.000Z', done: null });
    });

    it('gives an anonymous case no call-back step; the caller may name 实名 ratings whose contact the store keeps apart', () => {
      const events = [...smallHall(), ...ratedTicket('r1', '2026-09-15', 1)];
      expect(only(events).contact).toBeNull();
      expect(foldBadRatingCases(buildHallModel(events), { namedRatings: new Set(['r1']) })[0].contact).not.toBeNull();
    });

    it('takes its deadlines from the catalogue version in force on the rating’s day', () => {
      const v2 = { ...defaultCatalogue('2026-09-01'), version: 2, settings: { ...defaultCatalogue('2026-09-01').settings, badRatingRectificationWorkingDays: 5 } };
      const c = only(smallHall(), event('RuleCatalogueVersionPublished', at('2026-08-20'), v2), ratedTicket('r1', '2026-09-15', 1));
      expect(c).toMatchObject({ catalogueVersion: 2, rectification: { dueAt: '2026-09-22T16:00:00.000Z' } });
    });
  });

  describe('as time passes and the window acts', () => {
    const base = [...smallHall(), ...ratedTicket('r1', '2026-09-15', 1, { named: true })];

    it('is open, then due soon at 80 % of the call-back’s working time, then overdue', () => {
      const c = only(base);
      expect(caseStatus(c, T('2026-09-15T12:00:00+08:00'))).toBe('open');
      // 14 h of Tuesday + 24 h of Wednesday = 38 h; 80 % = 30.4 h → Wednesday 16:24.
      expect(c.contact?.warnAt).toBe('2026-09-16T08:24:00.000Z');
      expect(caseStatus(c, T('2026-09-16T16:30:00+08:00'))).toBe('due_soon');
      expect(caseStatus(c, T('2026-09-17T00:00:00+08:00'))).toBe('overdue');
    });

    it('meets the call-back with a contact that reached the citizen, not with an unreachable one', () => {
      const unreachable = only(base, contactMade('r1', at('2026-09-15', '15:00:00'), 'unreachable'));
      expect(unreachable.contact?.done).toBeNull();
      const reached = only(base, contactMade('r1', at('2026-09-15', '15:00:00'), 'unreachable'), contactMade('r1', at('2026-09-16', '09:00:00')));
      expect(reached.contact?.done?.at).toBe(at('2026-09-16', '09:00:00'));
      expect(caseStatus(reached, T('2026-09-20T00:00:00+08:00'))).toBe('open');
    });

    it('runs through plan, rectification, one 追评 and closing, each on its timeline', () => {
      const c = only(
        base,
        contactMade('r1', at('2026-09-16', '09:00:00')),
        planned('r1', at('2026-09-17')),
        rectified('r1', at('2026-09-24')),
        followUp('r1', at('2026-09-25'), 4),
        closed('r1', at('2026-09-28')),
      );
      expect(c.rectification.done?.at).toBe(at('2026-09-24'));
      expect(c.followUp).toMatchObject({ level: 4 });
      expect(c.closed).toMatchObject({ resolution: 'rectified' });
      expect(caseStatus(c, T('2026-12-01T00:00:00Z'))).toBe('closed');
      expect(c.timeline.map((e) => e.type)).toEqual([
        'RatingSubmitted',
        'BadRatingContactMade',
        'BadRatingRectificationPlanned',
        'BadRatingRectificationCompleted',
        'BadRatingFollowUpRated',
        'BadRatingCaseClosed',
      ]);
    });

    it('takes one 追评 only, after the rectification: an earlier or a second one is kept but ignored', () => {
      const c = only(base, followUp('r1', at('2026-09-18'), 1), rectified('r1', at('2026-09-24')), followUp('r1', at('2026-09-25'), 5), followUp('r1', at('2026-09-26'), 2));
      expect(c.followUp).toMatchObject({ level: 5, at: at('2026-09-25') });
      expect(c.timeline.filter((e) => e.ignored).map((e) => e.at)).toEqual([at('2026-09-18'), at('2026-09-26')]);
    });

    it('is overdue when the rectification is late even though the call-back was made', () => {
      const c = only(base, contactMade('r1', at('2026-09-16', '09:00:00')));
      expect(caseStatus(c, T('2026-10-07T00:00:00+08:00'))).toBe('overdue');
    });
  });

  describe('when the 差评 is voided', () => {
    const base = [...smallHall(), ...ratedTicket('r1', '2026-09-15', 1, { named: true })];
    const badRatingItem = () => scoreMonth(base, '2026-09').windows.find((d) => d.subject.id === 'w1')!.lineItems.find((i) => i.ruleCode === 'RATE_BAD_RATING')!;
    const decided = (lineItemId: string, upheld: boolean) =>
      event('AppealDecided', at('2026-10-09'), { appealId: 'a1', lineItemId, period: '2026-09', upheld, reason: '误评' });

    it('by an upheld appeal of its bad-rating line item (误评/恶意差评), the case is void', () => {
      const c = only(base, decided(badRatingItem().id, true));
      expect(c.voided).toMatchObject({ by: 'appeal' });
      expect(caseStatus(c, T('2026-12-01T00:00:00Z'))).toBe('void');
      expect(c.timeline.at(-1)?.type).toBe('AppealDecided');
    });

    it('not by a rejected appeal', () => {
      expect(only(base, decided(badRatingItem().id, false)).voided).toBeNull();
    });

    it('by an EventVoided of the rating, a case already worked on shows as void; one never worked on disappears', () => {
      const voidIt = event('EventVoided', at('2026-09-20'), { voidedEventId: 'r1', reason: 'test rating' });
      expect(fold(base, voidIt)).toEqual([]);
      const c = only(base, contactMade('r1', at('2026-09-16')), voidIt);
      expect(c).toMatchObject({ caseId: caseOf('r1'), voided: { by: 'event_voided', eventId: voidIt.id } });
    });
  });

  it('reads a rating at 23:59 in its own local day', () => {
    const late = [...ticket('t-x', at('2026-09-15', '23:00:00')), rating('rx', at('2026-09-15', '23:59:00'), { level: 1, ticketId: 't-x', channel: 'qr' })];
    expect(only(smallHall(), late).rectification.dueAt).toBe('2026-10-06T16:00:00.000Z');
  });
});
