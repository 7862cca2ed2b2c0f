import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AssessmentEvent } from '@hall/contracts';
import { at, smallHall } from '../test-support/builders.ts';
import { buildHallModel } from '../model/hall-model.ts';
import type { BadRatingCaseEventType } from '../model/hall-model.ts';
import type { Rec } from '../model/records.ts';
import { foldBadRatingCases } from './fold-cases.ts';
import { restepCase } from './case-steps.ts';
import { closed, contactMade, followUp, planned, ratedTicket, rectified } from './case-events.test-helper.ts';

// A case re-folded from its earlier fold and all of its events equals the fold
// of the whole history: what a late step of a final month's case relies on (decision 1431).

const step = fc.record({
  kind: fc.constantFrom('reached', 'unreachable', 'planned', 'rectified', 'followUp', 'closed', 'notRequired'),
  day: fc.integer({ min: 15, max: 30 }),
  hour: fc.integer({ min: 10, max: 18 }),
});

function eventOf(s: { kind: string; day: number; hour: number }, i: number): AssessmentEvent {
  const when = at(`2026-09-${s.day}`, `${s.hour}:${String(i % 60).padStart(2, '0')}:00`);
  const e =
    s.kind === 'reached' || s.kind === 'unreachable'
      ? contactMade('r1', when, s.kind)
      : s.kind === 'planned'
        ? planned('r1', when)
        : s.kind === 'rectified'
          ? rectified('r1', when)
          : s.kind === 'followUp'
            ? followUp('r1', when, 4)
            : closed('r1', when, s.kind === 'closed' ? 'rectified' : 'not_required');
  return { ...e, id: `step-${i}` };
}

const recOf = (e: AssessmentEvent) => ({ id: e.id, t: Date.parse(e.occurredAt), day: 0, e }) as Rec<BadRatingCaseEventType>;

describe('restepCase', () => {
  it('of an earlier fold over all the case events equals the fold of the whole history', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 8 }), fc.nat(), fc.boolean(), (steps, cut, named) => {
        const events = steps.map(eventOf);
        const base = [...smallHall(), ...ratedTicket('r1', '2026-09-15', 1, { named })];
        const split = events.length === 0 ? 0 : cut % (events.length + 1);
        const earlier = foldBadRatingCases(buildHallModel([...base, ...events.slice(0, split)]))[0]!;
        const whole = foldBadRatingCases(buildHallModel([...base, ...events]))[0]!;
        expect(restepCase(earlier, events.map(recOf))).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });
});
