/** Table slots per entry: the id's hash and its number + 1 (0 = empty). */
const ENTRY = 2;
const EMPTY = 0;

/**
 * A look-up from string ids to the numbers 0, 1, 2, … their owner gave them,
 * for the model's large indexes (every event of the open months by id, every
 * ticket by id).
 *
 * Why not a `Map<string, number>`: a hall-month's ids lie scattered in
 * memory, and a `Map` reads every key again each time it grows; at a million
 * tickets its inserts cost about twice this table's (measured, decision
 * 1921). Here the table is open addressing over the numbers and keeps each
 * id's hash beside its number: it grows without reading an id again, and a
 * probe reads an id (through `idOf`) only when the hashes are equal.
 */
export class IdTable {
  /** `ENTRY` int32s per entry, the entry count a power of two, at most half full. */
  private table: Int32Array;
  private mask: number;
  private count = 0;

  /** `idOf(n)` is the id numbered `n`; `expected` sizes the table for that many ids. */
  constructor(
    private readonly idOf: (n: number) => string,
    expected = 8,
  ) {
    let entries = 16;
    while (entries < expected * 2) entries *= 2;
    this.table = new Int32Array(entries * ENTRY);
    this.mask = entries - 1;
  }

  /** The number of `id` (whose `hashId` is `hash`), or -1 when it has none. */
  find(id: string, hash: number): number {
    const table = this.table;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = table[slot * ENTRY + 1];
      if (at === EMPTY) return -1;
      if (table[slot * ENTRY] === hash && this.idOf(at - 1) === id) return at - 1;
    }
  }

  /** Records that the id with this `hash` has number `n`; the caller has checked it had none. */
  insert(hash: number, n: number): void {
    this.count += 1;
    if (this.count * 2 > this.mask + 1) this.rehash((this.mask + 1) * 2);
    put(this.table, this.mask, hash, n + 1);
  }

  /** Doubles the table, moving every entry by its kept hash (no id is read). */
  private rehash(entries: number): void {
    const old = this.table;
    const table = new Int32Array(entries * ENTRY);
    const mask = entries - 1;
    for (let i = 0; i < old.length; i += ENTRY) if (old[i + 1] !== EMPTY) put(table, mask, old[i], old[i + 1]);
    this.table = table;
    this.mask = mask;
  }
}

function put(table: Int32Array, mask: number, hash: number, at: number): void {
  let slot = hash & mask;
  while (table[slot * ENTRY + 1] !== EMPTY) slot = (slot + 1) & mask;
  table[slot * ENTRY] = hash;
  table[slot * ENTRY + 1] = at;
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
