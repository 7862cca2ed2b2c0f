import { badRatingCaseEventTypes, type AssessmentEvent, type BadRatingCaseDetail } from '@hall/contracts';
import { restepCase, type BadRatingCase, type CaseTimelineEntry } from '@hall/scoring';
import type { HallState } from './hall-state.ts';

/*
 * A bad-rating case as the case table stores it (migration 0016, decision
 * 1431): the pure fold's case with its timeline resolved while the events are
 * at hand (who appended each, outcome, level), so a read needs nothing else
 * and a case whose 差评 left the bounded state still answers in full.
 */

export type TimelineItem = BadRatingCaseDetail['timeline'][number];
export type StoredCase = Omit<BadRatingCase, 'timeline'> & { readonly timeline: readonly TimelineItem[] };

/** The outcome a timeline shows for an event: a call-back's, a closing's resolution, an appeal's decision. */
function outcomeOf(data: Record<string, unknown>): string | undefined {
  if (typeof data.outcome === 'string') return data.outcome;
  if (typeof data.resolution === 'string') return data.resolution;
  if (typeof data.upheld === 'boolean') return data.upheld ? 'upheld' : 'rejected';
  return undefined;
}

function resolve(entry: CaseTimelineEntry, event: AssessmentEvent | undefined): TimelineItem {
  const data = (event?.data ?? {}) as Record<string, unknown>;
  const outcome = outcomeOf(data);
  return {
    eventId: entry.eventId,
    kind: entry.type,
    occurredAt: entry.at,
    clientId: event?.clientId ?? 'system',
    ...(outcome === undefined ? {} : { outcome }),
    ...(typeof data.level === 'number' ? { level: data.level } : {}),
    ignored: entry.ignored === true,
  };
}

/** The stored form of a case folded from `state` (its events are in the state's model). */
export function storedCase(state: HallState, c: BadRatingCase): StoredCase {
  return { ...c, timeline: c.timeline.map((entry) => resolve(entry, state.eventById(entry.eventId))) };
}


/** Whether an event is one of a case's own events (it names `badRatingCaseId`). */
export function caseIdOf(event: AssessmentEvent): string | undefined {
  if (!badRatingCaseEventTypes.has(event.type)) return undefined;
  const id = (event.data as { badRatingCaseId?: unknown }).badRatingCaseId;
  return typeof id === 'string' ? id : undefined;
}

/** A stored timeline entry of a case's own event, as the event the fold reads (only the fields `foldCaseSteps` uses). */
function eventOfItem(caseId: string, item: TimelineItem): AssessmentEvent {
  const data: Record<string, unknown> = { badRatingCaseId: caseId };
  if (item.kind === 'BadRatingContactMade' && item.outcome !== undefined) data.outcome = item.outcome;
  if (item.kind === 'BadRatingCaseClosed' && item.outcome !== undefined) data.resolution = item.outcome;
  if (item.level !== undefined) data.level = item.level;
  return { id: item.eventId, type: item.kind, occurredAt: item.occurredAt, recordedAt: item.occurredAt, position: 0, clientId: item.clientId, data } as AssessmentEvent;
}

const recOf = (event: AssessmentEvent) => ({ id: event.id, t: Date.parse(event.occurredAt), day: 0, e: event }) as Parameters<typeof restepCase>[1][number];

/**
 * What reaches a stored case after it left the bounded state: its own new
 * events, voids of its 差评 or of its events, and upheld appeals of its 差评's
 * deduction (误评/恶意差评: the caller matched them to the case's line items).
 */
export interface LateFacts {
  steps: readonly AssessmentEvent[];
  voids: readonly AssessmentEvent[];
  appeals?: readonly AssessmentEvent[];
}

const voidedIdOf = (event: AssessmentEvent) => (event.data as { voidedEventId: string }).voidedEventId;

/**
 * A stored case with late facts folded in, by the same pure step fold as the
 * whole history's (`restepCase`), for a case the bounded state no longer
 * holds: new own events join, voided ones leave, and a voided 差评 makes the
 * case void (the earliest void) or, with no own events left, no case at all
 * (undefined). Voids of voids are not undone here (decision 1431).
 */
export function refoldStored(stored: StoredCase, late: LateFacts): StoredCase | undefined {
  const known = new Map(stored.timeline.map((item) => [item.eventId, item]));
  const fresh = late.steps.filter((e) => !known.has(e.id));
  const voidedIds = new Set(late.voids.map(voidedIdOf));
  const voidsRating = stored.voided === null && voidedIds.has(stored.ratingEventId);
  const own = stored.timeline.filter((item) => badRatingCaseEventTypes.has(item.kind)).map((item) => eventOfItem(stored.caseId, item));
  const dropped = own.filter((e) => voidedIds.has(e.id));
  // As the whole fold decides it: a void of the 差评 first, else the earliest upheld appeal.
  const upheld = stored.voided === null && !voidsRating ? earliest(late.appeals ?? []) : undefined;
  if (fresh.length === 0 && dropped.length === 0 && !voidsRating && upheld === undefined) return stored;
  const all = [...own, ...fresh].filter((e) => !voidedIds.has(e.id));
  if (voidsRating && all.length === 0) return undefined;
  const bare: BadRatingCase = { ...stored, timeline: stored.timeline.map((item) => ({ eventId: item.eventId, type: item.kind as CaseTimelineEntry['type'], at: item.occurredAt })) };
  let next = restepCase(bare, all.map(recOf));
  const byId = new Map([...fresh, ...late.voids, ...(late.appeals ?? [])].map((e) => [e.id, e]));
  const voider = voidsRating ? earliest(late.voids.filter((e) => voidedIdOf(e) === stored.ratingEventId)) : upheld;
  if (voider) {
    const by = voidsRating ? 'event_voided' : 'appeal';
    next = {
      ...next,
      voided: { eventId: voider.id, t: voider.t, by },
      timeline: [...next.timeline, { eventId: voider.id, type: by === 'appeal' ? 'AppealDecided' : 'EventVoided', at: new Date(voider.t).toISOString() }],
    };
  }
  return {
    ...next,
    timeline: next.timeline.map((entry) => {
      const item = known.get(entry.eventId);
      return item ? { ...item, ignored: entry.ignored === true } : resolve(entry, byId.get(entry.eventId));
    }),
  };
}

/** The earliest of `events` as the fold orders them (occurredAt, then id). */
function earliest(events: readonly AssessmentEvent[]) {
  return events.map(recOf).sort((x, y) => x.t - y.t || (x.id < y.id ? -1 : 1))[0];
}
