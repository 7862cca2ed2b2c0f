import type { AssessmentEvent, RuleCatalogueVersion } from '@hall/contracts';
import type { HallRow, StoredEvent } from '@hall/event-store';
import { applyEvent, buildHallModel, defaultCatalogue, emptyPeriodState, evolvePeriodState, type HallModel, type PeriodState } from '@hall/scoring';

/** A stored event as the pure core sees it (personal data never reaches it). */
export function toAssessmentEvent(stored: StoredEvent): AssessmentEvent {
  return {
    id: stored.id,
    type: stored.type,
    occurredAt: stored.occurredAt,
    recordedAt: stored.recordedAt,
    position: stored.position,
    clientId: stored.clientId,
    data: stored.data,
  } as AssessmentEvent;
}

/**
 * One hall's history in memory, folded as far as `position`: the events, the
 * catalogue versions and the period states. Only the projection runner moves
 * it, under the hall's mutex.
 */
export class HallState {
  readonly events: AssessmentEvent[] = [];
  readonly catalogues: RuleCatalogueVersion[] = [];
  readonly periods = new Map<string, PeriodState>();
  readonly byId = new Map<string, AssessmentEvent>();
  position = 0;
  /** The scorer's indexed fold of the same events, moved event by event. */
  model: HallModel = buildHallModel([]);
  /**
   * Event ids of ratings stored with a contact (实名): their `personalRef`
   * stays in the history, also after an erasure. The only trace of personal
   * data the scorer gets, for 实名差评回访率.
   */
  readonly namedRatings = new Set<string>();
  /** Earliest month that events loaded since the last re-scoring can change; null when the views are current. */
  dirtyFrom: string | null = null;

  constructor(public hall: HallRow) {}

  markDirty(month: string): void {
    if (this.dirtyFrom === null || month < this.dirtyFrom) this.dirtyFrom = month;
  }

  /** `apply` of a stored event, noting whether it was a rating with a contact. */
  applyStored(stored: StoredEvent): AssessmentEvent {
    const event = toAssessmentEvent(stored);
    this.apply(event);
    if (stored.personalRef !== null && stored.type === 'RatingSubmitted') this.namedRatings.add(stored.id);
    return event;
  }

  apply(event: AssessmentEvent): void {
    if (event.position !== this.position + 1) {
      throw new Error(`hall ${this.hall.hallId}: expected position ${this.position + 1}, got ${event.position}`);
    }
    this.events.push(event);
    this.model = applyEvent(this.model, event);
    this.byId.set(event.id, event);
    this.position = event.position;
    if (event.type === 'RuleCatalogueVersionPublished') this.catalogues.push(event.data);
    if (event.type === 'PeriodAdvanced') {
      const period = event.data.period;
      this.periods.set(period, evolvePeriodState(this.periods.get(period) ?? emptyPeriodState(period), event));
    }
  }

  period(period: string): PeriodState {
    return this.periods.get(period) ?? emptyPeriodState(period);
  }

  catalogueList(): RuleCatalogueVersion[] {
    return this.catalogues.length > 0 ? this.catalogues : [defaultCatalogue(this.hall.assessmentStartsOn)];
  }

  eventById(id: string): AssessmentEvent | undefined {
    return this.byId.get(id);
  }
}
