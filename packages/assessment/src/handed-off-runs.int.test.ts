import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, committedRunOf, getHall, readEvents, type CommittedRun } from '@hall/event-store';
import { organisationEvents } from '@hall/testing';
import { HandedOffRuns } from './handed-off-runs.ts';
import { ScoreProjection } from './projection.ts';
import type { HallState } from './hall-state.ts';
import { scoreHallMonth } from './scorer.ts';
import { assessmentHarness, expectViewsOfPureScorer, type AssessmentHarness } from './testing/given-hall.test-helper.ts';

let t: AssessmentHarness;
beforeAll(async () => {
  t = await assessmentHarness({ now: '2026-11-26T04:00:00Z' });
  t.halls.backgroundCatchUp = false;
});
afterAll(() => t.close());

/** Tickets, completions and ratings of November at window w1, `n` facts from `from`. */
function facts(from: number, n: number) {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const at = `2026-11-${String((i % 20) + 1).padStart(2, '0')}T10:${String(i % 60).padStart(2, '0')}:00+08:00`;
    if (i % 3 === 0) return { id: `e${i}`, type: 'TicketIssued', occurredAt: at, data: { ticketId: `t${i}`, number: `A${i}`, serviceItemId: 'item1' } };
    if (i % 3 === 1) return { id: `e${i}`, type: 'ServiceCompleted', occurredAt: at, data: { ticketId: `t${i - 1}`, windowId: 'w1', staffId: 's1', outcome: 'completed' } };
    return { id: `e${i}`, type: 'RatingSubmitted', occurredAt: at, data: { ratingId: `r${i}`, level: (i % 5) + 1, channel: 'web', windowId: 'w1', ticketId: `t${i - 2}` } };
  });
}

/** Each batch's stored events as the run its append handed over (rebuilt from the store: the same fields). */
async function runsOf(hallId: string, batches: Array<{ from: number; to: number }>): Promise<CommittedRun[]> {
  const stored = await readEvents(t.database.db, hallId, { after: 0, limit: 100_000 });
  return batches.map(({ from, to }) =>
    committedRunOf(stored.slice(from - 1, to).map((e) => ({ ...e, hallId, dataText: canonicalJson(e.data), contact: undefined })))!,
  );
}

/** Position and November's scores: what a fold leaves. */
function digest(state: HallState): string {
  return JSON.stringify({ position: state.position, scores: scoreHallMonth(state, '2026-11', 'open', null) });
}

describe('folding runs handed over (decision 1931)', () => {
  it('gives the state a fold of the store gives, whichever runs are held, evicted or stale, and wherever a fold stops', async () => {
    const hallId = await t.givenHall({ assessmentStartsOn: '2026-11-01' });
    await t.post(hallId, organisationEvents('2026-11-01T08:00:00+08:00'));
    const batches: Array<{ from: number; to: number }> = [];
    let next = 0;
    for (const size of [3, 40, 1, 25, 7, 60, 2, 12]) {
      const before = (await getHall(t.database.db, hallId))!.headPosition;
      await t.post(hallId, facts(next, size));
      next += size;
      batches.push({ from: before + 1, to: (await getHall(t.database.db, hallId))!.headPosition });
    }
    const runs = await runsOf(hallId, batches);
    const head = batches.at(-1)!.to;
    const projection = new ScoreProjection(t.now);
    const fromStore = await projection.open(t.database.db, hallId, 0);
    await projection.load(fromStore, t.database.db);
    const expected = digest(fromStore);
    expect(fromStore.position).toBe(head);

    await fc.assert(
      fc.asyncProperty(
        fc.subarray(runs.map((_, i) => i)),
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.integer({ min: 1, max: head }), { maxLength: 4 }),
        async (held, maxEvents, stops) => {
          const handedOff = new HandedOffRuns(maxEvents);
          for (const i of held) handedOff.add(runs[i]!);
          const withRuns = new ScoreProjection(t.now);
          withRuns.handedOff = handedOff;
          const state = await withRuns.open(t.database.db, hallId, 0);
          // Folds that stop part-way (a run then held on both sides of the stop), then one to the head.
          for (const through of [...stops].sort((a, b) => a - b)) await withRuns.load(state, t.database.db, through);
          await withRuns.load(state, t.database.db);
          expect(digest(state)).toBe(expected);
          expect(handedOff.size).toBeLessThanOrEqual(maxEvents);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('keeps at most the events it is given room for, the oldest run going first, and drops runs a fold has passed', () => {
    const run = (hallId: string, from: number, count: number): CommittedRun => ({ hallId, from, count, recordedAt: '', clientId: '', columns: '', data: '' });
    const held = new HandedOffRuns(10);
    const a = run('h1', 1, 4);
    const b = run('h2', 1, 4);
    const c = run('h1', 5, 4);
    held.add(a);
    held.add(b);
    expect(held.next('h1', 0)).toEqual({ run: a });
    expect(held.next('h1', 2)).toEqual({ run: a });
    held.add(c); // 12 events: a, the oldest, goes
    expect(held.size).toBe(8);
    expect(held.next('h1', 0)).toEqual({ nextFrom: 5 });
    expect(held.next('h1', 4)).toEqual({ run: c });
    expect(held.next('h1', 8)).toEqual({});
    expect(held.size).toBe(4);
    held.add(run('h3', 1, 11)); // larger than the room: not held
    expect(held.next('h3', 0)).toEqual({});
    expect(held.next('h2', 0)).toEqual({ run: b });
  });
});

describe('a runner without a projector thread (PGlite, PROJECTION_THREAD=false)', () => {
  let own: AssessmentHarness;
  beforeAll(async () => {
    own = await assessmentHarness({ now: '2026-11-26T04:00:00Z' });
    // No background batch between the appends and the checks: the test folds when it says.
    own.halls.backgroundCatchUp = false;
  });
  afterAll(() => own.close());

  it('folds the large appends of its own thread from the runs they left, and its views equal the pure scorer over the store', async () => {
    const hallId = await own.givenHall({ assessmentStartsOn: '2026-11-01' });
    await own.post(hallId, organisationEvents('2026-11-01T08:00:00+08:00'));
    await own.halls.caughtUp(hallId);
    await own.post(hallId, facts(0, 150));
    // Held for the next fold; a small append is not.
    expect(own.halls.projection.handedOff?.size).toBe(150);
    await own.post(hallId, facts(150, 5));
    expect(own.halls.projection.handedOff?.size).toBe(150);
    await own.post(hallId, facts(155, 120));
    expect(own.halls.projection.handedOff?.size).toBe(270);
    await own.halls.caughtUp(hallId);
    expect(own.halls.projection.handedOff?.size).toBe(0);

    await expectViewsOfPureScorer(own.database.db, hallId, '2026-11');
  });
});
