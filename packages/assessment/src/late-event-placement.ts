import { sql, type Kysely } from 'kysely';
import type { AssessmentEvent } from '@hall/contracts';
import { readEventsById, readEventsOfTypes, type Database } from '@hall/event-store';
import { monthDays, parsePeriod } from '@hall/scoring';
import { toAssessmentEvent, type HallState } from './hall-state.ts';
import { eventPeriods, type ReachFacts } from './touched-months.ts';

/** Types that can change a month other than the one of their occurredAt (touched-months.ts). */
export const REACHING_TYPES = ['PeerReviewSubmitted', 'ScoreAdjusted', 'AppealDecided', 'LeaveApproved', 'LeaveRejected', 'SubstituteAssigned', 'EventVoided'];


/**
 * Whether an event at `position` is late for `period`: the month is final and
 * its latest version was computed before the event arrived (docs/domain.md §6).
 * A restatement that took the event in makes it not late any more.
 */
export function isLateFor(state: Pick<HallState, 'period'>, period: string, position: number): boolean {
  const periodState = state.period(period);
  const latest = periodState.versions.at(-1);
  return periodState.stage === 'final' && latest !== undefined && latest.computedThrough < position;
}

/**
 * Positions of the events that may be late for any of `months` (each after its
 * own position, all at or before `through`): those that occurred within a day
 * of the month, or whose type can reach other months. One scan for all months,
 * O(1) a row: `afterByDay[d]` is the smallest position after which an event of
 * UTC day d may be late (the months whose window holds d); the caller places
 * what is returned (a superset) and keeps what is late.
 */
export async function candidatePositions(db: Kysely<Database>, hallId: string, months: ReadonlyArray<{ period: string; after: number }>, through: number): Promise<number[]> {
  if (months.length === 0) return [];
  const windows = months.map(({ period, after }) => {
    const { first, last } = monthDays(parsePeriod(period));
    return { from: first - 1, to: last + 1, after };
  });
  const firstDay = Math.min(...windows.map((w) => w.from));
  const afterByDay: Array<number | null> = Array.from({ length: Math.max(...windows.map((w) => w.to)) - firstDay + 1 }, () => null);
  for (const w of windows) {
    for (let day = w.from; day <= w.to; day += 1) afterByDay[day - firstDay] = Math.min(afterByDay[day - firstDay] ?? w.after, w.after);
  }
  const minAfter = Math.min(...months.map(({ after }) => after));
  const { rows } = await sql<{ position: string }>`
    select e.position from events e
    where e.hall_id = ${hallId} and e.position > ${minAfter} and e.position <= ${through}
      and (e.type = any(${REACHING_TYPES}::text[])
        or e.position > (${afterByDay.map((a) => (a === null ? null : String(a)))}::bigint[])[floor(extract(epoch from e.occurred_at) / 86400)::int - ${firstDay} + 1])
    order by e.position`.execute(db);
  return rows.map((r) => Number(r.position));
}

/**
 * The state's facts plus the voided events and leave approvals the candidates
 * name that the state no longer holds, read from the store: the state holds
 * only what the open months need (decision 1411).
 */
export async function withNamedEvents(db: Kysely<Database>, state: HallState, candidates: readonly AssessmentEvent[]): Promise<ReachFacts> {
  const voided = candidates.flatMap((e) => (e.type === 'EventVoided' && !state.eventById(e.data.voidedEventId) ? [e.data.voidedEventId] : []));
  const leaveIds = new Set(candidates.flatMap((e) => (e.type === 'LeaveRejected' || e.type === 'SubstituteAssigned' || e.type === 'LeaveApproved' ? [e.data.leaveId] : [])));
  const named = new Map((await readEventsById(db, state.hall.hallId, voided)).map((e) => [e.id, toAssessmentEvent(e)]));
  const leaves = new Map(state.model.leaves);
  if (leaveIds.size > 0) {
    for (const stored of await readEventsOfTypes(db, state.hall.hallId, ['LeaveApproved'])) {
      const event = toAssessmentEvent(stored);
      if (event.type !== 'LeaveApproved' || !leaveIds.has(event.data.leaveId)) continue;
      const known = leaves.get(event.data.leaveId) ?? [];
      if (!known.some((rec) => rec.id === event.id)) leaves.set(event.data.leaveId, [...known, { id: event.id, t: 0, day: 0, e: event }]);
    }
  }
  return {
    hall: state.hall,
    eventById: (id) => state.eventById(id) ?? named.get(id),
    model: { tickets: state.model.tickets, ratingsByCase: state.model.ratingsByCase, leaves },
  };
}

/** The final months each candidate is late for, placed with `facts` (touched-months.ts). */
export function lateMonths(state: Pick<HallState, 'period'>, facts: ReachFacts, candidate: { position: number; event: AssessmentEvent }): string[] {
  return eventPeriods(candidate.event, facts).filter((period) => isLateFor(state, period, candidate.position));
}
