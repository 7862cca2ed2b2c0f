import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AssessmentEvent } from '@hall/contracts';
import { at, smallHall, ticket } from '../test-support/builders.ts';
import { buildHallModel } from '../model/hall-model.ts';
import { foldBadRatingCases } from './fold-cases.ts';
import { type DueEvent, dueEvents } from './due-events.ts';
import { closed, contactMade, ratedTicket, rectified } from './case-events.test-helper.ts';
import { ratingDefaultedEventId } from './derived-ids.ts';

const HOUR = 3_600_000;
const START = Date.parse('2026-09-01T00:00:00+08:00');

/** One scheduler run over a history: what it would append. */
function run(history: AssessmentEvent[], nowT: number): DueEvent[] {
  const model = buildHallModel(history);
  return dueEvents(model, foldBadRatingCases(model), nowT);
}

const asEvent = (due: DueEvent, position: number): AssessmentEvent =>
  ({ ...due, recordedAt: due.occurredAt, position, clientId: 'service' }) as AssessmentEvent;

/** What happens in a month: 差评s (named or not), good ratings, unrated tickets, and the window acting on cases at some hour. */
const story = fc.array(
  fc.record({
    day: fc.integer({ min: 1, max: 28 }),
    level: fc.integer({ min: 1, max: 5 }),
    named: fc.boolean(),
    rated: fc.boolean(),
    contactAfterHours: fc.option(fc.integer({ min: 1, max: 80 })),
    rectifiedAfterHours: fc.option(fc.integer({ min: 24, max: 600 })),
    closedAfterHours: fc.option(fc.integer({ min: 24, max: 700 })),
  }),
  { minLength: 1, maxLength: 6 },
);

/** The client events of a story, in business time. */
function build(facts: { day: number; level: number; named: boolean; rated: boolean; contactAfterHours: number | null; rectifiedAfterHours: number | null; closedAfterHours: number | null }[]): AssessmentEvent[] {
  const out: AssessmentEvent[] = [];
  facts.forEach((f, i) => {
    const date = `2026-09-${String(f.day).padStart(2, '0')}`;
    const id = `r${i}`;
    if (!f.rated) {
      out.push(...ticket(`t-${id}`, at(date, '09:00:00')));
      return;
    }
    out.push(...ratedTicket(id, date, f.level, { named: f.named }));
    const ratedT = Date.parse(at(date, '10:00:00'));
    const after = (h: number) => new Date(ratedT + h * HOUR).toISOString();
    if (f.contactAfterHours !== null) out.push(contactMade(id, after(f.contactAfterHours)));
    if (f.rectifiedAfterHours !== null) out.push(rectified(id, after(f.rectifiedAfterHours)));
    if (f.closedAfterHours !== null) out.push(closed(id, after(f.closedAfterHours), 'not_required'));
  });
  return out;
}

/** Hours between scheduler runs: mostly a few hours, sometimes days or weeks of downtime; about two months in all. */
const downtimes = fc.array(fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 9, max: 24 * 21 })), { minLength: 1, maxLength: 60 });

describe('what is due for the scheduler', () => {
  it('appends each warning, overdue mark and default rating once, live or after any downtime', () => {
    fc.assert(
      fc.property(story, downtimes, (facts, gapsInHours) => {
        const events = [...smallHall(), ...build(facts)];
        // Live: runs at irregular times (the gaps are downtime), each seeing the events dated up to then.
        const live: AssessmentEvent[] = [];
        let nowT = START;
        for (const gap of gapsInHours) {
          nowT += gap * HOUR;
          const seen = events.filter((e) => Date.parse(e.occurredAt) <= nowT);
          for (const due of run([...seen, ...live], nowT)) live.push(asEvent(due, live.length));
        }
        const ids = live.map((e) => e.id);
        expect(new Set(ids).size).toBe(ids.length);
        // Catch-up: one run at the end over everything dated up to then gives the same events, content and all.
        const seenAtEnd = events.filter((e) => Date.parse(e.occurredAt) <= nowT);
        const catchUp = run(seenAtEnd, nowT).map((d, i) => asEvent(d, i));
        const byId = (list: AssessmentEvent[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1)).map(({ id, type, occurredAt, data }) => ({ id, type, occurredAt, data }));
        expect(byId(live)).toEqual(byId(catchUp));
        // And a second run right after appends nothing.
        expect(run([...seenAtEnd, ...live], nowT)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  describe('for a named 差评 on Tuesday 15 September 10:00, never acted on', () => {
    const history = [...smallHall(), ...ratedTicket('r1', '2026-09-15', 1, { named: true })];

    it('warns at 80 % and marks overdue at the deadline, each dated when it fell due', () => {
      const due = run(history, Date.parse('2026-09-17T12:00:00+08:00'));
      expect(due.map((d) => [d.type, d.occurredAt, 'step' in d.data ? d.data.step : null])).toEqual([
        ['BadRatingCaseWarned', '2026-09-16T08:24:00.000Z', 'contact'],
        ['BadRatingCaseOverdue', '2026-09-16T16:00:00.000Z', 'contact'],
      ]);
      expect(due[1].data).toMatchObject({ windowId: 'w1', staffId: 's1', ratingEventId: 'r1', dueAt: '2026-09-16T16:00:00.000Z' });
    });

    it('marks nothing for a step done before its warning', () => {
      const done = [...history, contactMade('r1', at('2026-09-15', '15:00:00'))];
      expect(run(done, Date.parse('2026-09-17T12:00:00+08:00'))).toEqual([]);
    });

    it('marks nothing for a void case', () => {
      const voided = [...history, contactMade('r1', at('2026-09-16', '20:00:00'))];
      const model = buildHallModel(voided);
      const cases = foldBadRatingCases(model).map((c) => ({ ...c, voided: { eventId: 'x', t: 0, by: 'appeal' as const } }));
      expect(dueEvents(model, cases, Date.parse('2026-12-01T00:00:00Z'))).toEqual([]);
    });
  });

  describe('default ratings (默认评价)', () => {
    const completed = [...smallHall(), ...ticket('t1', at('2026-09-15', '09:00:00'))];
    const completedAt = '2026-09-15T01:06:10.000Z';

    it('are given 7 calendar days after the completion when the ticket has no rating, with the catalogue’s level', () => {
      expect(run(completed, Date.parse(completedAt) + 7 * 24 * HOUR - 1)).toEqual([]);
      const [due] = run(completed, Date.parse(completedAt) + 7 * 24 * HOUR);
      expect(due).toEqual({
        id: ratingDefaultedEventId('t1'),
        type: 'RatingDefaulted',
        occurredAt: '2026-09-22T01:06:10.000Z',
        data: { ticketId: 't1', windowId: 'w1', staffId: 's1', level: 3, completionEventId: 't1-completed', completedAt },
      });
    });

    it('are not given when the citizen rated within the days', () => {
      expect(run([...smallHall(), ...ratedTicket('x', '2026-09-15', 5)], Date.parse('2026-12-01T00:00:00Z'))).toEqual([]);
    });
  });
});
