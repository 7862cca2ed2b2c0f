import type { RuleCatalogueVersion } from '@hall/contracts';
import { readEventsOfTypes, type HallRow } from '@hall/event-store';
import { defaultCatalogue, emptyPeriodState, periodStates, type PeriodState } from '@hall/scoring';
import type { HallStates } from './hall-states.ts';
import { toAssessmentEvent } from './hall-state.ts';
import { storedCatalogues } from './stored-catalogues.ts';

/**
 * What the period, rule, appeal and personal reads need of a hall, read from
 * the halls row and the events table by type (index events_hall_type_read), never
 * from the state in memory: a read does not project (decision 1424). The hall
 * row is read first, so the answer reflects at least its head position.
 */
export interface StoredFacts {
  hall: HallRow;
  /** The hall's head as read before the events: the position the answer reflects (at least). */
  asOfPosition: number;
  catalogueList(): RuleCatalogueVersion[];
  period(period: string): PeriodState;
}

export async function storedFacts(a: HallStates, hallId: string, parts: { catalogues?: boolean; periods?: boolean } = {}): Promise<StoredFacts> {
  const hall = await a.requireHallFresh(hallId);
  const catalogues = parts.catalogues ? await storedCatalogues(a.db, hall) : [defaultCatalogue(hall.assessmentStartsOn)];
  const periods = parts.periods ? periodStates((await readEventsOfTypes(a.db, hallId, ['PeriodAdvanced'])).map(toAssessmentEvent)) : new Map<string, PeriodState>();
  return {
    hall,
    asOfPosition: hall.headPosition,
    catalogueList: () => catalogues,
    period: (period) => periods.get(period) ?? emptyPeriodState(period),
  };
}
