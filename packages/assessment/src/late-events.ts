import { sql } from 'kysely';
import type { AssessmentEvent } from '@hall/contracts';
import { readEventsAt, readEventsById, readEventsOfTypes } from '@hall/event-store';
import { monthDays, parsePeriod, type PeriodState } from '@hall/scoring';
import type { HallStates } from './hall-states.ts';
import { toAssessmentEvent, type HallState } from './hall-state.ts';
import { eventPeriods, type ReachFacts } from './touched-months.ts';

/** Types that can change a month other than the one of their occurredAt (touched-months.ts). */
const REACHING_TYPES = ['PeerReviewSubmitted', 'ScoreAdjusted', 'AppealDecided', 'LeaveApproved', 'LeaveRejected', 'SubstituteAssigned', 'EventVoided'];

/**
 * Events dated in a final month that arrived after its latest publication
 * (docs/domain.md §6), read from the events table: those after the version's
 * position that occurred within a day of the month, or whose type can reach
 * other months. The state holds only what the open months need (decision
 * 1411), so the events they name (voided events, a leave's approvals) are
 * read as well.
 */
export async function lateEvents(a: HallStates, state: HallState, period: string): Promise<AssessmentEvent[]> {
  const periodState = state.period(period);
  const latest = periodState.versions.at(-1);
  if (periodState.stage !== 'final' || !latest) return [];
  const { first, last } = monthDays(parsePeriod(period));
  const dayMs = 86_400_000;
  const rows = await sql<{ position: string }>`
    select position from events
    where hall_id = ${state.hall.hallId} and position > ${latest.computedThrough}
      and (type = any(${REACHING_TYPES}::text[])
        or (occurred_at >= ${new Date((first - 1) * dayMs)} and occurred_at < ${new Date((last + 2) * dayMs)}))
    order by position`.execute(a.db);
  const candidates = (await readEventsAt(a.db, state.hall.hallId, rows.rows.map((r) => Number(r.position)))).map(toAssessmentEvent);
  const facts = await withNamedEvents(a, state, candidates);
  return candidates.filter((event) => eventPeriods(event, facts).includes(period));
}

/** The state's facts plus the voided events and leave approvals the candidates name, read from the store. */
async function withNamedEvents(a: HallStates, state: HallState, candidates: readonly AssessmentEvent[]): Promise<ReachFacts> {
  const voided = candidates.flatMap((e) => (e.type === 'EventVoided' && !state.eventById(e.data.voidedEventId) ? [e.data.voidedEventId] : []));
  const leaveIds = new Set(candidates.flatMap((e) => (e.type === 'LeaveRejected' || e.type === 'SubstituteAssigned' || e.type === 'LeaveApproved' ? [e.data.leaveId] : [])));
  const named = new Map((await readEventsById(a.db, state.hall.hallId, voided)).map((e) => [e.id, toAssessmentEvent(e)]));
  const leaves = new Map(state.model.leaves);
  if (leaveIds.size > 0) {
    for (const stored of await readEventsOfTypes(a.db, state.hall.hallId, ['LeaveApproved'])) {
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

export async function periodDocument(a: HallStates, state: HallState, period: string) {
  return periodDocumentOf(state, period, () => lateEvents(a, state, period));
}

/** The period document from a month's stage and versions (state or stored facts) and its late events. */
export async function periodDocumentOf(facts: { period(period: string): PeriodState }, period: string, late: () => Promise<readonly unknown[]>) {
  const periodState = facts.period(period);
  return {
    period,
    stage: periodState.stage,
    versions: periodState.versions.map((v) => ({ version: v.version, kind: v.kind, publishedAt: v.publishedAt, computedThrough: v.computedThrough })),
    lateEvents: (await late()).length,
  };
}
