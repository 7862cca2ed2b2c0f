import type { AssessmentEvent } from '@hall/contracts';
import { readEventsAt } from '@hall/event-store';
import type { HallStates } from './hall-states.ts';
import { toAssessmentEvent } from './hall-state.ts';
import { lateEventsOf, periodDocumentOf } from './late-events.ts';
import { projected } from './read-position.ts';
import type { StoredFacts } from './stored-facts.ts';

/** A month's late events as a read answers them, and the history position the answer reflects (at least). */
export interface LateEventsRead {
  positions: number[];
  asOfPosition: number;
}

/**
 * A month's late events for a read, from the late_events table (decision
 * 1441): none unless the stored PeriodAdvanced events make it final with a
 * version. Only then is the projection's checkpoint waited for (bounded,
 * decision 1422): the rows reflect it. The state is never loaded.
 */
export async function readLateEvents(a: HallStates, facts: StoredFacts, period: string): Promise<LateEventsRead> {
  const periodState = facts.period(period);
  if (periodState.stage !== 'final' || periodState.versions.length === 0) return { positions: [], asOfPosition: facts.asOfPosition };
  const p = await projected(a, facts.hall.hallId);
  const positions = await lateEventsOf(a, facts.hall.hallId, periodState, p.projectionVersion);
  // The stage and versions reflect the head read first, the rows the checkpoint read after it.
  return { positions, asOfPosition: Math.min(facts.asOfPosition, p.checkpoint) };
}

/** `GET …/periods/{period}/late-events`: the events themselves, read from the store by position. */
export async function storedLateEvents(a: HallStates, facts: StoredFacts, period: string): Promise<{ events: AssessmentEvent[]; asOfPosition: number }> {
  const read = await readLateEvents(a, facts, period);
  const events = (await readEventsAt(a.db, facts.hall.hallId, read.positions)).map(toAssessmentEvent);
  return { events, asOfPosition: read.asOfPosition };
}

/** `GET …/periods/{period}` from the stored facts (stage and versions from the PeriodAdvanced events) and the late_events table. */
export async function storedPeriodDocument(a: HallStates, facts: StoredFacts, period: string) {
  const read = await readLateEvents(a, facts, period);
  const document = await periodDocumentOf(facts, period, async () => read.positions);
  return { document, asOfPosition: read.asOfPosition };
}
