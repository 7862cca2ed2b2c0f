import type { AssessmentEvent, EventOf, EventType } from '@hall/contracts';

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

/** The order every "earlier / latest" in SPEC uses: occurredAt, then event id. */
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
