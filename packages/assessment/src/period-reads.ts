import type { AssessmentEvent } from '@hall/contracts';
import type { HallStates } from './hall-states.ts';
import { lateEvents, periodDocumentOf } from './late-events.ts';
import type { StoredFacts } from './stored-facts.ts';

/**
 * A month's late events for a read: none unless the stored PeriodAdvanced
 * events make it final with a version. Only then is the hall's state asked,
 * because placing a late event in months needs its tickets and leaves
 * (decision 1424: the one read left on the state).
 */
export async function storedLateEvents(a: HallStates, facts: StoredFacts, period: string): Promise<AssessmentEvent[]> {
  const periodState = facts.period(period);
  if (periodState.stage !== 'final' || periodState.versions.length === 0) return [];
  return lateEvents(a, await a.caughtUp(facts.hall.hallId), period);
}

/** `GET …/periods/{period}` from the stored facts (stage and versions from the PeriodAdvanced events). */
export async function storedPeriodDocument(a: HallStates, facts: StoredFacts, period: string) {
  return periodDocumentOf(facts, period, () => storedLateEvents(a, facts, period));
}
