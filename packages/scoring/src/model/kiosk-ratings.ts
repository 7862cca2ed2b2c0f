import { MS_PER_DAY } from '../calendar/civil-days.ts';
import type { RatingRec } from './records.ts';
import { sortByTime } from './sorting.ts';

/** Chunks of kiosk ratings by instant: ⌊t / 30 days⌋, monotonic in t whatever the timezone. */
const KIOSK_CHUNK_MS = 30 * MS_PER_DAY;

interface KioskChunk {
  readonly recs: RatingRec[];
  sorted: boolean;
}

/**
 * One window's kiosk ratings in 30-day chunks of instants, each sorted by
 * occurredAt then id when first read after a change, which also stamps each
 * rating with its position in the chunk (`kioskIndex`): finding the rating
 * just before another costs a sort of its chunk (once), never a search or a
 * pass over the window's whole history.
 */
export class KioskRatings {
  private readonly chunks = new Map<number, KioskChunk>();
  private firstChunk = Number.POSITIVE_INFINITY;

  add(rec: RatingRec): void {
    const key = Math.floor(rec.t / KIOSK_CHUNK_MS);
    const chunk = this.chunks.get(key);
    if (chunk) {
      chunk.recs.push(rec);
      chunk.sorted = false;
    } else {
      rec.kioskIndex = 0;
      this.chunks.set(key, { recs: [rec], sorted: true });
      if (key < this.firstChunk) this.firstChunk = key;
    }
  }

  private sortedChunk(key: number): RatingRec[] | undefined {
    const chunk = this.chunks.get(key);
    if (!chunk) return undefined;
    if (!chunk.sorted) {
      const recs = sortByTime(chunk.recs);
      for (let i = 0; i < recs.length; i++) recs[i].kioskIndex = i;
      chunk.sorted = true;
    }
    return chunk.recs;
  }

  /** The kiosk rating of this window just before `rating` (occurredAt, then id); `rating` must be held. */
  previous(rating: RatingRec): RatingRec | undefined {
    let key = Math.floor(rating.t / KIOSK_CHUNK_MS);
    const list = this.sortedChunk(key)!;
    if (rating.kioskIndex > 0) return list[rating.kioskIndex - 1];
    for (key--; key >= this.firstChunk; key--) {
      const earlier = this.sortedChunk(key);
      if (earlier && earlier.length > 0) return earlier[earlier.length - 1];
    }
    return undefined;
  }
}
