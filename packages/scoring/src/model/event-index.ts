import type { AssessmentEvent } from '@hall/contracts';

/** Table slots per entry: the id's hash and the event's position in the list + 1 (0 = empty). */
const ENTRY = 2;
const EMPTY = 0;

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
 * - the table is open addressing over list positions and keeps each id's hash
 *   beside its position: it grows without reading an id again, and a probe
 *   compares ids only when the hashes are equal.
 */
export class EventIndex {
  private readonly list: AssessmentEvent[];
  /** `ENTRY` int32s per entry, the entry count a power of two, at most half full; null until first needed. */
  private table: Int32Array | null = null;
  private mask = 0;

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
    return this.find(id, hashId(id)) >= 0;
  }

  get(id: string): AssessmentEvent | undefined {
    const position = this.find(id, hashId(id));
    return position >= 0 ? this.list[position] : undefined;
  }

  /** Adds the event unless its id is held; whether it was added. */
  add(event: AssessmentEvent): boolean {
    const hash = hashId(event.id);
    if (this.find(event.id, hash) >= 0) return false;
    this.list.push(event);
    if (this.list.length * 2 > this.mask + 1) this.rehash((this.mask + 1) * 2);
    this.put(this.table!, this.mask, hash, this.list.length);
    return true;
  }

  /** Position in the list of the event with this id, or -1. */
  private find(id: string, hash: number): number {
    const table = this.lookupTable();
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = table[slot * ENTRY + 1];
      if (at === EMPTY) return -1;
      if (table[slot * ENTRY] === hash && this.list[at - 1].id === id) return at - 1;
    }
  }

  private lookupTable(): Int32Array {
    if (this.table === null) {
      let entries = 16;
      while (entries < this.list.length * 2) entries *= 2;
      this.table = new Int32Array(entries * ENTRY);
      this.mask = entries - 1;
      for (let i = 0; i < this.list.length; i++) this.put(this.table, this.mask, hashId(this.list[i].id), i + 1);
    }
    return this.table;
  }

  /** Doubles the table, moving every entry by its kept hash (no id is read). */
  private rehash(entries: number): void {
    const old = this.table!;
    const table = new Int32Array(entries * ENTRY);
    const mask = entries - 1;
    for (let i = 0; i < old.length; i += ENTRY) if (old[i + 1] !== EMPTY) this.put(table, mask, old[i], old[i + 1]);
    this.table = table;
    this.mask = mask;
  }

  private put(table: Int32Array, mask: number, hash: number, at: number): void {
    let slot = hash & mask;
    while (table[slot * ENTRY + 1] !== EMPTY) slot = (slot + 1) & mask;
    table[slot * ENTRY] = hash;
    table[slot * ENTRY + 1] = at;
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

/** FNV-1a over the id's UTF-16 units, then murmur3's final mix so the low bits used for slots are spread. */
export function hashId(id: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
