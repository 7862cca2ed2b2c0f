import type { AssessmentEvent } from '@hall/contracts';

import { hashId, IdTable } from './id-table.ts';

export { hashId } from './id-table.ts';

/**
 * Every event held, by id, in first-arrival order; a second event with a known
 * id is not added.
 *
 * Why not a `Map<string, event>`: a hall's events lie scattered in memory, and
 * putting a whole history into a `Map` (which reads every key again each time
 * it grows) cost more than the rest of the model's indexing. Here:
 * - a history is checked for repeated ids by `withoutRepeatedIds` (hashes
 *   grouped, no table), and the look-up table is only built when first
 *   needed: the scorer never looks an event up by id, only `applyEvent` does;
 * - the table (`IdTable`) is open addressing over list positions and keeps
 *   each id's hash beside its position: it grows without reading an id again,
 *   and a probe compares ids only when the hashes are equal.
 */
export class EventIndex {
  private readonly list: AssessmentEvent[];
  /** null until first needed. */
  private table: IdTable | null = null;

  /** An index of `events`, which must hold no repeated id (see `withoutRepeatedIds`); it keeps the array. */
  constructor(events: AssessmentEvent[] = []) {
    this.list = events;
  }

  get size(): number {
    return this.list.length;
  }

  /** The events in first-arrival order (read only). */
  values(): readonly AssessmentEvent[] {
    return this.list;
  }

  has(id: string): boolean {
    return this.lookupTable().find(id, hashId(id)) >= 0;
  }

  get(id: string): AssessmentEvent | undefined {
    const position = this.lookupTable().find(id, hashId(id));
    return position >= 0 ? this.list[position] : undefined;
  }

  /** Adds the event unless its id is held; whether it was added. */
  add(event: AssessmentEvent): boolean {
    const hash = hashId(event.id);
    const table = this.lookupTable();
    if (table.find(event.id, hash) >= 0) return false;
    this.list.push(event);
    table.insert(hash, this.list.length - 1);
    return true;
  }

  private lookupTable(): IdTable {
    if (this.table === null) {
      const list = this.list;
      const table = new IdTable((position) => list[position].id, list.length);
      for (let i = 0; i < list.length; i++) table.insert(hashId(list[i].id), i);
      this.table = table;
    }
    return this.table;
  }
}

/**
 * `events` without every repeated id after its first (`events` itself when no
 * id repeats), given each event's `hashId`. Ids can only repeat where their
 * hashes do, and only ids whose hash repeats are compared: a handful, if any,
 * in a history of 100,000 events.
 */
export function withoutRepeatedIds(events: AssessmentEvent[], hashes: Uint32Array): AssessmentEvent[] {
  const repeated = repeatedValues(hashes);
  if (repeated.size === 0) return events;
  const seen = new Set<string>();
  const distinct: AssessmentEvent[] = [];
  for (let i = 0; i < events.length; i++) {
    if (repeated.has(hashes[i])) {
      if (seen.has(events[i].id)) continue;
      seen.add(events[i].id);
    }
    distinct.push(events[i]);
  }
  return distinct.length === events.length ? events : distinct;
}

/** At most 2^16 buckets: 256 KB of counts. */
const MAX_BUCKET_BITS = 16;

/**
 * The values occurring more than once: a counting sort by their top bits into
 * about one bucket per value (the values are hashes, so evenly spread), then
 * each bucket's few values compared with one another. Three passes over typed
 * arrays, a few times faster than sorting them.
 */
function repeatedValues(values: Uint32Array): Set<number> {
  const n = values.length;
  let bits = 1;
  while (bits < MAX_BUCKET_BITS && 1 << bits < n) bits++;
  const shift = 32 - bits;
  const buckets = 1 << bits;
  const starts = new Uint32Array(buckets + 1);
  for (let i = 0; i < n; i++) starts[(values[i] >>> shift) + 1]++;
  for (let b = 0; b < buckets; b++) starts[b + 1] += starts[b];
  const next = starts.slice(0, buckets);
  const grouped = new Uint32Array(n);
  for (let i = 0; i < n; i++) grouped[next[values[i] >>> shift]++] = values[i];
  const repeated = new Set<number>();
  for (let b = 0; b < buckets; b++) {
    const end = starts[b + 1];
    for (let i = starts[b] + 1; i < end; i++) {
      for (let j = starts[b]; j < i; j++) if (grouped[i] === grouped[j]) repeated.add(grouped[i]);
    }
  }
  return repeated;
}
