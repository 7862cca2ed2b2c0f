import type { AssessmentEvent } from '@hall/contracts';
import { readEventsAt } from '@hall/event-store';
import type { PeriodState } from '@hall/scoring';
import type { HallStates } from './hall-states.ts';
import { toAssessmentEvent, type HallState } from './hall-state.ts';
import { lateEventPositions } from './late-event-rows.ts';
import { PROJECTION } from './projection.ts';

/**
 * Events dated in a final month that arrived after its latest publication
 * (docs/domain.md §6), as the late_events table holds them (decision 1441):
 * the score projection places them as it folds. For a use case holding the
 * hall's state after a batch (a transition's answer, tests); reads go
 * through `period-reads.ts`.
 */
export async function lateEvents(a: HallStates, state: HallState, period: string): Promise<AssessmentEvent[]> {
  const positions = await lateEventsOf(a, state.hall.hallId, state.period(period), PROJECTION.version);
  return (await readEventsAt(a.db, state.hall.hallId, positions)).map(toAssessmentEvent);
}

/** The positions of a month's late events: none unless it is final with a version. */
export async function lateEventsOf(a: HallStates, hallId: string, periodState: PeriodState, projectionVersion: number): Promise<number[]> {
  const latest = periodState.versions.at(-1);
  if (periodState.stage !== 'final' || !latest) return [];
  return lateEventPositions(a.db, hallId, projectionVersion, periodState.period, latest.computedThrough);
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
