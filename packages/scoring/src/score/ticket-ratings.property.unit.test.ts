import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AssessmentEvent, EventOf } from '@hall/contracts';
import { scoreMonth } from './score-month.ts';
import { applyEvent, buildHallModel } from '../model/hall-model.ts';
import { scoreMonthFromModel } from './score-month.ts';
import { event, smallHall } from '../test-support/builders.ts';

/*
 * The model folds ticket facts inline (first call, start, completion and rating
 * held in fields, more in lists) and keeps kiosk ratings in 30-day chunks of
 * instants. This checks them against a naive reading of docs/domain.md §5 and decisions
 * 0103 / 0105 over whole event lists: tickets with repeated and missing calls,
 * starts and completions at either window; kiosk ratings seconds apart (the
 * default gap is 3 s), some straddling a chunk boundary and month ends.
 */

const GAP_MS = 3000;
const CHUNK_MS = 30 * 86_400_000;
/** A chunk boundary inside September 2026, where a rating's predecessor sits in the previous chunk. */
const BOUNDARY = Math.floor(Date.parse('2026-09-20T00:00:00Z') / CHUNK_MS) * CHUNK_MS; // 2026-09-04T00:00:00Z
const staffOf = { w1: ['s1', 's2'], w2: ['s3'] } as const;
type W = keyof typeof staffOf;

const anchor = fc.oneof(
  fc.integer({ min: Date.parse('2026-08-25T00:00:00Z') / 1000, max: Date.parse('2026-10-05T00:00:00Z') / 1000 }).map((s) => s * 1000),
  { arbitrary: fc.integer({ min: -8, max: 4 }).map((s) => BOUNDARY + s * 1000), weight: 2 },
  fc.integer({ min: -8, max: 4 }).map((s) => Date.parse('2026-09-30T16:00:00Z') + s * 1000), // 1 Oct 00:00 in Shanghai
);
const windowArb = fc.constantFrom<W>('w1', 'w2');
const iso = (t: number) => new Date(t).toISOString();

interface TicketPlan {
  readonly at: number;
  readonly issued: number[];
  readonly calls: { dt: number; w: W }[];
  readonly starts: { dt: number; w: W }[];
  readonly completions: { dt: number; w: W; staff: number }[];
  readonly ratings: { dt: number; w: W; level: number; kiosk: boolean; staffNamed: boolean }[];
}

const offset = fc.integer({ min: 0, max: 6 }).map((s) => s * 1000);
const plan: fc.Arbitrary<TicketPlan> = fc.record({
  at: anchor,
  issued: fc.array(offset, { maxLength: 2 }),
  calls: fc.array(fc.record({ dt: offset, w: windowArb }), { maxLength: 3 }),
  starts: fc.array(fc.record({ dt: offset, w: windowArb }), { maxLength: 2 }),
  completions: fc.array(fc.record({ dt: offset, w: windowArb, staff: fc.nat(1) }), { maxLength: 2 }),
  ratings: fc.array(fc.record({ dt: offset, w: windowArb, level: fc.integer({ min: 1, max: 5 }), kiosk: fc.boolean(), staffNamed: fc.boolean() }), { maxLength: 3 }),
});

function eventsOf(plans: readonly TicketPlan[]): AssessmentEvent[] {
  const events: AssessmentEvent[] = [...smallHall()];
  plans.forEach((p, n) => {
    const ticketId = `t${n}`;
    p.issued.forEach((dt, i) => events.push(event('TicketIssued', iso(p.at + dt), { ticketId, number: ticketId, serviceItemId: 'si-5' }, `${ticketId}-i${i}`)));
    p.calls.forEach((c, i) => events.push(event('TicketCalled', iso(p.at + c.dt), { ticketId, windowId: c.w, staffId: staffOf[c.w][0] }, `${ticketId}-c${i}`)));
    p.starts.forEach((c, i) => events.push(event('ServiceStarted', iso(p.at + c.dt), { ticketId, windowId: c.w, staffId: staffOf[c.w][0] }, `${ticketId}-s${i}`)));
    p.completions.forEach((c, i) => {
      const staffId = staffOf[c.w][Math.min(c.staff, staffOf[c.w].length - 1)];
      events.push(event('ServiceCompleted', iso(p.at + c.dt), { ticketId, windowId: c.w, staffId, outcome: 'completed' }, `${ticketId}-d${i}`));
    });
    p.ratings.forEach((r, i) => {
      const data = { ratingId: `${ticketId}-r${i}`, level: r.level, channel: r.kiosk ? 'kiosk' : 'qr', windowId: r.w, ticketId, ...(r.staffNamed ? { staffId: staffOf[r.w][0] } : {}) } as const;
      events.push(event('RatingSubmitted', iso(p.at + r.dt), data, `${ticketId}-r${i}`));
    });
  });
  return events;
}

/* A naive reading of the rules over plain event lists. */
type Ev<T extends AssessmentEvent['type']> = EventOf<T> & { t: number };
const before = (a: { t: number; id: string }, b: { t: number; id: string }) => a.t < b.t || (a.t === b.t && a.id < b.id);
const monthOf = (t: number) => iso(t + 8 * 3_600_000).slice(0, 7); // Asia/Shanghai: +08:00 all year

function oracle(events: readonly AssessmentEvent[], period: string) {
  const withT = <T extends AssessmentEvent['type']>(type: T) =>
    events.filter((e): e is EventOf<T> => e.type === type).map((e) => ({ ...e, t: Date.parse(e.occurredAt) }) as Ev<T>);
  const issued = withT('TicketIssued');
  const calls = withT('TicketCalled');
  const starts = withT('ServiceStarted');
  const completions = withT('ServiceCompleted');
  const ratings = withT('RatingSubmitted');
  const verdicts = new Map<string, string>();
  const verdict = (r: Ev<'RatingSubmitted'>): string => {
    const known = verdicts.get(r.id);
    if (known) return known;
    let result = 'counted';
    const kioskBefore = ratings.filter((o) => o.data.channel === 'kiosk' && o.data.windowId === r.data.windowId && before(o, r));
    const previous = kioskBefore.reduce<Ev<'RatingSubmitted'> | undefined>((best, o) => (!best || before(best, o) ? o : best), undefined);
    if (r.data.channel === 'kiosk' && previous && r.t - previous.t < GAP_MS) result = 'suspicious';
    else if (!completions.some((c) => c.data.ticketId === r.data.ticketId && c.data.windowId === r.data.windowId)) result = 'unverified';
    else if (ratings.some((o) => o.data.ticketId === r.data.ticketId && before(o, r) && verdict(o) === 'counted')) result = 'duplicate';
    verdicts.set(r.id, result);
    return result;
  };
  const statuses = ratings
    .filter((r) => monthOf(r.t) === period)
    .sort((a, b) => (before(a, b) ? -1 : 1))
    // A rating reaches the staff member it names, no other (docs/domain.md §4.1 W+S, 0103).
    .map((r) => ({ ratingId: r.data.ratingId, eventId: r.id, windowId: r.data.windowId, staffId: r.data.staffId ?? null, level: r.data.level, status: verdict(r) }));
  const metrics = (windowId: string) => {
    const done = completions.filter((c) => c.data.windowId === windowId && monthOf(c.t) === period);
    const waits: number[] = [];
    const services: number[] = [];
    const rated = new Set<string>();
    for (const c of done) {
      const ticketId = c.data.ticketId;
      const firstIssued = Math.min(...issued.filter((i) => i.data.ticketId === ticketId).map((i) => i.t));
      const lastCall = Math.max(...calls.filter((x) => x.data.ticketId === ticketId && x.t <= c.t).map((x) => x.t));
      if (Number.isFinite(firstIssued) && Number.isFinite(lastCall) && lastCall >= firstIssued) waits.push(lastCall - firstIssued);
      const lastStart = Math.max(...starts.filter((x) => x.data.ticketId === ticketId && x.data.windowId === windowId && x.t <= c.t).map((x) => x.t));
      if (Number.isFinite(lastStart)) services.push(c.t - lastStart);
      if (ratings.some((r) => r.data.ticketId === ticketId && r.data.windowId === windowId && verdict(r) === 'counted')) rated.add(ticketId);
    }
    const mean = (xs: number[]) => (xs.length === 0 ? null : Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) / 1000);
    const p90 = (xs: number[]) => (xs.length === 0 ? null : [...xs].sort((a, b) => a - b)[Math.ceil(0.9 * xs.length) - 1] / 1000);
    return {
      ticketsCompleted: done.length,
      avgWaitSeconds: mean(waits),
      p90WaitSeconds: p90(waits),
      avgServiceSeconds: mean(services),
      p90ServiceSeconds: p90(services),
      ratingRate: done.length === 0 ? null : rated.size / done.length,
    };
  };
  return { statuses, w1: metrics('w1'), w2: metrics('w2') };
}

describe('ticket facts and kiosk chunks against a naive reading (property)', () => {
  it('gives the same rating verdicts, attributions and ticket metrics', () => {
    fc.assert(
      fc.property(fc.array(plan, { maxLength: 10 }), fc.constantFrom('2026-08', '2026-09', '2026-10'), (plans, period) => {
        const events = eventsOf(plans);
        const scores = scoreMonth(events, period);
        const expected = oracle(events, period);
        expect(scores.ratings).toEqual(expected.statuses);
        for (const w of ['w1', 'w2'] as const) {
          expect(scores.windows.find((d) => d.subject.id === w)!.metrics).toMatchObject(expected[w]);
        }
        // Folding one by one in reverse arrival order, with a scoring in between, gives the same.
        const model = buildHallModel([]);
        const half = Math.floor(events.length / 2);
        for (const e of [...events].reverse().slice(0, half)) applyEvent(model, e);
        scoreMonthFromModel(model, period);
        for (const e of [...events].reverse().slice(half)) applyEvent(model, e);
        expect(scoreMonthFromModel(model, period)).toEqual(scores);
      }),
      { numRuns: 150 },
    );
  });
});
