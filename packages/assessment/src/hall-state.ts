import type { AssessmentEvent, RuleCatalogueVersion } from '@hall/contracts';
import type { EventBody, HallRow } from '@hall/event-store';
import { applyEvent, buildHallModel, carryOver, defaultCatalogue, emptyPeriodState, evolvePeriodState, hallClock, type HallModel, type PeriodState } from '@hall/scoring';

/** A stored event as the pure core sees it (personal data never reaches it). */
export function toAssessmentEvent(stored: EventBody): AssessmentEvent {
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
 * One hall's state in memory, folded as far as `position`: the catalogue
 * versions, the period states and the scorer's model. It holds no list of its
 * own: the model holds the events it needs, which after a month becomes final
 * are only those carried into the months still open (`compact`, decision
 * 1411), so its size follows the open months, not the age of the history.
 * Only the projection runner moves it, under the hall's mutex.
 */
export class HallState {
  readonly catalogues: RuleCatalogueVersion[] = [];
  readonly periods = new Map<string, PeriodState>();
  position = 0;
  /** The scorer's indexed fold of the events held, moved event by event. */
  model: HallModel = buildHallModel([]);
  /**
   * Event ids of ratings stored with a contact (实名): their `personalRef`
   * stays in the history, also after an erasure. The only trace of personal
   * data the scorer gets, for 实名差评回访率.
   */
  readonly namedRatings = new Set<string>();
  /** Earliest month `model` can score (months before it are final and left behind); null: the whole history is held. */
  fromMonth: string | null = null;
  /** The occurredAt of the last event applied (null before any). */
  lastOccurredAt: string | null = null;
  /** Earliest month that events loaded since the last re-scoring can change; null when the views are current. */
  dirtyFrom: string | null = null;

  constructor(public hall: HallRow) {}

  markDirty(month: string): void {
    if (this.dirtyFrom === null || month < this.dirtyFrom) this.dirtyFrom = month;
  }

  /** `apply` of a stored event, noting whether it was a rating with a contact. */
  applyStored(stored: EventBody): AssessmentEvent {
    const event = toAssessmentEvent(stored);
    this.apply(event);
    if (stored.personalRef !== null && stored.type === 'RatingSubmitted') this.namedRatings.add(stored.id);
    return event;
  }

  apply(event: AssessmentEvent): void {
    if (event.position !== this.position + 1) {
      throw new Error(`hall ${this.hall.hallId}: expected position ${this.position + 1}, got ${event.position}`);
    }
    this.model = applyEvent(this.model, event);
    this.position = event.position;
    this.lastOccurredAt = event.occurredAt;
    this.fold(event);
  }

  /** Month of the last event applied, hall-local (null before any). */
  lastEventMonth(): string | null {
    return this.lastOccurredAt === null ? null : hallClock(this.hall.timezone).month(Date.parse(this.lastOccurredAt));
  }

  /**
   * Starts the state from a carry-over snapshot: the events carried into
   * `fromMonth` (in position order) as of `throughPosition`. Later events
   * follow through `apply`.
   */
  startFrom(carried: readonly AssessmentEvent[], fromMonth: string | null, throughPosition: number): void {
    this.catalogues.length = 0;
    this.periods.clear();
    this.model = buildHallModel(carried);
    for (const event of carried) this.fold(event);
    this.lastOccurredAt = carried.at(-1)?.occurredAt ?? this.lastOccurredAt;
    this.fromMonth = fromMonth;
    this.position = throughPosition;
  }

  /**
   * Leaves behind what only months before `month` need (they are final): the
   * model keeps the events `carryOver` picks, which are also what the month's
   * snapshot stores. Returns them.
   */
  compact(month: string): AssessmentEvent[] {
    const carried = carryOver(this.model, month);
    const sorted = carried.slice().sort((a, b) => a.position - b.position);
    const position = this.position;
    this.startFrom(sorted, month, position);
    return sorted;
  }

  /** Catalogue versions and period moves, in position order. */
  private fold(event: AssessmentEvent): void {
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

  /** An event the model holds (all of them while `fromMonth` is null; else those carried and later ones). */
  eventById(id: string): AssessmentEvent | undefined {
    return this.model.events.get(id);
  }
}
