import type { AssessmentEvent, PeriodStage } from '@hall/contracts';

export interface PublishedVersion {
  version: number;
  kind: 'preliminary' | 'final' | 'restated';
  publishedAt: string;
  computedThrough: number;
  scoresHash: string;
  eventId: string;
}

export interface PeriodState {
  period: string;
  stage: PeriodStage;
  versions: PublishedVersion[];
}

const ORDER: Record<PeriodStage, number> = { open: 0, collecting: 1, preliminary: 2, final: 3 };

export function stageIndex(stage: PeriodStage): number {
  return ORDER[stage];
}

export function emptyPeriodState(period: string): PeriodState {
  return { period, stage: 'open', versions: [] };
}

/**
 * Folds one `PeriodAdvanced` event into the state of its month. A restatement
 * leaves the stage `final` and adds a version (docs/domain.md §6).
 */
export function evolvePeriodState(state: PeriodState, event: Extract<AssessmentEvent, { type: 'PeriodAdvanced' }>): PeriodState {
  const { to, version, computedThrough, scoresHash } = event.data;
  const stage: PeriodStage = to === 'restated' ? 'final' : to;
  const versions =
    version === null
      ? state.versions
      : [
          ...state.versions,
          {
            version,
            kind: to === 'collecting' ? 'preliminary' : (to as PublishedVersion['kind']),
            publishedAt: event.occurredAt,
            computedThrough: computedThrough ?? 0,
            scoresHash: scoresHash ?? '',
            eventId: event.id,
          },
        ];
  return { period: state.period, stage: ORDER[stage] > ORDER[state.stage] ? stage : state.stage, versions };
}

/** Every month's state from a hall's history. */
export function periodStates(events: Iterable<AssessmentEvent>): Map<string, PeriodState> {
  const states = new Map<string, PeriodState>();
  for (const event of events) {
    if (event.type !== 'PeriodAdvanced') continue;
    const period = event.data.period;
    states.set(period, evolvePeriodState(states.get(period) ?? emptyPeriodState(period), event));
  }
  return states;
}
