import { sql, type Kysely } from 'kysely';
import type { AssessmentEvent } from '@hall/contracts';
import { readEventsAt, type Database } from '@hall/event-store';
import { hallClock } from '@hall/scoring';
import { toAssessmentEvent, type HallState } from './hall-state.ts';
import { candidatePositions, isLateFor, lateMonths, REACHING_TYPES, withNamedEvents } from './late-event-placement.ts';

/**
 * The late_events table (migration 0017, decision 1441), written by the score
 * projection: events are noted as they are folded, placed in months and
 * written in the batch's transaction, beside the checkpoint it moves.
 */

/** Types that may be placed in a month other than the one they occurred in (touched-months.ts). */
const PLACED_ELSEWHERE = new Set([...REACHING_TYPES, 'ServiceCompleted', 'CaseAccepted', 'CaseCompleted']);

interface Pending {
  /** Events folded since the last write that may be late for a final month. */
  candidates: Array<{ position: number; event: AssessmentEvent }>;
  /** Restatements folded: a month's rows through the position its new version took in are no longer late. */
  restated: Map<string, number>;
  /** A rebuild: this version's rows of the hall are written anew. */
  rewrite: boolean;
  /** Whether the hall has a final month: until it does, nothing can be late. */
  anyFinal: boolean;
}

const pendingByState = new WeakMap<HallState, Pending>();

function anyFinal(state: HallState): boolean {
  for (const period of state.periods.values()) if (period.stage === 'final') return true;
  return false;
}

function pendingOf(state: HallState): Pending {
  let pending = pendingByState.get(state);
  if (!pending) {
    pending = { candidates: [], restated: new Map(), rewrite: false, anyFinal: anyFinal(state) };
    pendingByState.set(state, pending);
  }
  return pending;
}

/** Called for every event the projection folds (after the state applied it). Cheap: most events are dated in open months. */
export function noteFolded(state: HallState, event: AssessmentEvent, position: number): void {
  const pending = pendingOf(state);
  if (event.type === 'PeriodAdvanced') {
    pending.anyFinal = pending.anyFinal || event.data.to === 'final';
    const through = event.data.computedThrough;
    if (event.data.to === 'restated' && through !== null) pending.restated.set(event.data.period, Math.max(through, pending.restated.get(event.data.period) ?? 0));
    return;
  }
  if (!pending.anyFinal) return;
  if (!PLACED_ELSEWHERE.has(event.type) && !isLateFor(state, hallClock(state.hall.timezone).month(Date.parse(event.occurredAt)), position)) return;
  pending.candidates.push({ position, event });
}

/**
 * A state opened without a checkpoint (a rebuild, a new projection version)
 * starts from the latest carry-over snapshot: the events between a final
 * month's latest version and the snapshot are not folded by it, so they are
 * read from the store (as candidates, placed like folded ones).
 */
export async function noteUnfolded(db: Kysely<Database>, state: HallState): Promise<void> {
  const pending = pendingOf(state);
  pending.rewrite = true;
  const months = [...state.periods.values()].flatMap((p) => {
    const latest = p.versions.at(-1);
    return p.stage === 'final' && latest && latest.computedThrough < state.position ? [{ period: p.period, after: latest.computedThrough }] : [];
  });
  const positions = await candidatePositions(db, state.hall.hallId, months, state.position);
  const read = (await readEventsAt(db, state.hall.hallId, positions)).map((stored) => ({ position: stored.position, event: toAssessmentEvent(stored) }));
  pending.candidates = [...read, ...pending.candidates];
}

/** Writes what was noted, in the batch's transaction. Rows are placed with the facts the state holds now (plus the store's). */
export async function writeLateEvents(trx: Kysely<Database>, state: HallState, version: number): Promise<void> {
  const pending = pendingByState.get(state);
  if (!pending) return;
  const hallId = state.hall.hallId;
  if (pending.rewrite) await sql`delete from late_events where hall_id = ${hallId} and projection_version = ${version}`.execute(trx);
  for (const [period, through] of pending.restated) {
    await sql`delete from late_events where hall_id = ${hallId} and projection_version = ${version} and period = ${period} and position <= ${through}`.execute(trx);
  }
  if (pending.candidates.length === 0) return;
  const facts = await withNamedEvents(trx, state, pending.candidates.map((c) => c.event));
  const periods: string[] = [];
  const positions: string[] = [];
  const ids: string[] = [];
  for (const candidate of pending.candidates) {
    for (const period of lateMonths(state, facts, candidate)) {
      periods.push(period);
      positions.push(String(candidate.position));
      ids.push(candidate.event.id);
    }
  }
  if (periods.length === 0) return;
  await sql`
    insert into late_events (hall_id, projection_version, period, position, event_id)
    select ${hallId}, ${version}, r.period, r.position, r.event_id
    from unnest(${periods}::text[], ${positions}::bigint[], ${ids}::text[]) r(period, position, event_id)
    on conflict do nothing`.execute(trx);
}

/** The batch committed: what was noted is in the table. */
export function lateEventsCommitted(state: HallState): void {
  const pending = pendingByState.get(state);
  if (!pending) return;
  pending.candidates = [];
  pending.restated.clear();
  pending.rewrite = false;
}

export async function dropLateEvents(trx: Kysely<Database>, hallId: string, version: number): Promise<void> {
  await sql`delete from late_events where hall_id = ${hallId} and projection_version = ${version}`.execute(trx);
}

/** Positions of a month's late events as the table holds them (rows a later version took in are skipped). */
export async function lateEventPositions(db: Kysely<Database>, hallId: string, version: number, period: string, after: number): Promise<number[]> {
  const { rows } = await sql<{ position: string }>`
    select position from late_events
    where hall_id = ${hallId} and projection_version = ${version} and period = ${period} and position > ${after}
    order by position`.execute(db);
  return rows.map((r) => Number(r.position));
}
