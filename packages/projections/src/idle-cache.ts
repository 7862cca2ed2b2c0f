/**
 * The halls a runner works on, bounded two ways (docs/decisions/1423): at most
 * `capacity` entries (the least recently used goes first) and none idle for
 * longer than `idleMs`. The clock is passed in so tests need not wait.
 */
export class IdleCache<V> {
  private readonly entries = new Map<string, { value: V; usedAt: number }>();
  /**
   * The key last moved to the end of `entries` (undefined once that entry is
   * gone). Getting it again needs no move: a request path that reads the same
   * hall's entry thousands of times a second would otherwise delete and
   * re-insert it each time (a Map keeps deleted slots until it rehashes).
   */
  private newest: string | undefined;

  constructor(
    private readonly capacity: number,
    private readonly idleMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    entry.usedAt = this.now();
    if (key !== this.newest) {
      // Re-inserted so Map order is least recently used first.
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.newest = key;
    }
    return entry.value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, usedAt: this.now() });
    this.newest = key;
    while (this.entries.size > this.capacity) this.delete(this.entries.keys().next().value!);
  }

  delete(key: string): void {
    this.entries.delete(key);
    if (key === this.newest) this.newest = undefined;
  }

  /** Drops the entries idle for longer than the timeout; returns their keys. */
  evictIdle(): string[] {
    const cutoff = this.now() - this.idleMs;
    const gone: string[] = [];
    for (const [key, entry] of this.entries) {
      if (entry.usedAt > cutoff) break; // the rest were used later
      this.delete(key);
      gone.push(key);
    }
    return gone;
  }

  get size(): number {
    return this.entries.size;
  }

  keys(): IterableIterator<string> {
    return this.entries.keys();
  }
}
