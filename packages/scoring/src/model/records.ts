import type { AssessmentEvent, EventOf, EventType } from '@hall/contracts';
import type { KioskRatings } from './kiosk-ratings.ts';

/**
 * An indexed event: its id, its instant (epoch ms) and hall-local epoch day,
 * computed once when the event enters the model.
 */
export interface EventRec<E extends AssessmentEvent = AssessmentEvent> {
  readonly id: string;
  readonly t: number;
  readonly day: number;
  readonly e: E;
}

/** The record of an event of type(s) `T`. */
export type Rec<T extends EventType = EventType> = EventRec<EventOf<T>>;

/** The order every "earlier / latest" in docs/domain.md uses: occurredAt, then event id. */
export function byTime(a: Rec, b: Rec): number {
  return a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The latest record by occurredAt then id (undefined for an empty list). */
export function latest<R extends Rec>(recs: readonly R[] | undefined): R | undefined {
  if (!recs) return undefined;
  let best: R | undefined;
  for (const r of recs) if (!best || byTime(r, best) > 0) best = r;
  return best;
}

/** The earliest record by occurredAt then id. */
export function earliest<R extends Rec>(recs: readonly R[] | undefined): R | undefined {
  if (!recs) return undefined;
  let best: R | undefined;
  for (const r of recs) if (!best || byTime(r, best) < 0) best = r;
  return best;
}

/** Append to the list under `key`, creating it. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A rating's verdict (docs/domain.md §5, decision 0103). */
export type RatingVerdict = 'counted' | 'unverified' | 'duplicate' | 'suspicious';

/*
 * Completions and ratings are read several times per scoring, from several
 * places: their records also carry what the scorer reads of them, set when the
 * event is indexed, so the scorer reaches it without going through the event,
 * its data and a map look-up each time (the event objects lie scattered in
 * memory: each of those steps was a cache miss).
 */

/** A `ServiceCompleted` record with its window, staff member and ticket's number in the model's `TicketBook`. */
export interface CompletionRec extends EventRec<EventOf<'ServiceCompleted'>> {
  readonly windowId: string;
  readonly staffId: string;
  readonly ticket: number;
}

/**
 * A `RatingSubmitted` record with the rating's fields the scorer reads, its
 * ticket's number (`NO_TICKET` when it names none), its window's kiosk ratings
 * (null unless a kiosk rating) and a slot for its verdict: the scoring run
 * that judged it last (`judgedIn`, 0 = none) and what it decided. A run
 * memoises verdicts here instead of in a map keyed by record.
 */
export interface RatingRec extends EventRec<EventOf<'RatingSubmitted'>> {
  readonly ratingId: string;
  readonly level: number;
  readonly windowId: string;
  readonly staffId: string | undefined;
  readonly caseId: string | undefined;
  readonly ticket: number;
  readonly kiosk: KioskRatings | null;
  /** Its position in its sorted chunk of `kiosk` (set by `KioskRatings`). */
  kioskIndex: number;
  judgedIn: number;
  verdict: RatingVerdict;
}
