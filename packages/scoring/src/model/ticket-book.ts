import { hashId, IdTable } from './id-table.ts';
import type { CompletionRec, RatingRec } from './records.ts';

/** A rating's ticket number when it names no ticket. */
export const NO_TICKET = -1;

/** A `ServiceStarted` after a ticket's first: its instant and window. */
interface StartFact {
  readonly t: number;
  readonly windowId: string;
}

const INITIAL_CAPACITY = 64;

/**
 * What the scorer reads of every ticket, folded as its events arrive: the
 * earliest issue instant, every call and start instant, every completion and
 * rating record. Like every index of the model, it depends only on which
 * events it holds, not on their order (readers take minima and maxima).
 *
 * Tickets are numbered on first sight (`numberOf`) and their facts kept in
 * columns indexed by number rather than in one object per ticket: a busy
 * hall folds ~100,000 ticket events a month, and each used to reach its
 * ticket's object, and through it a boxed number, both scattered in memory.
 * Instants sit in typed arrays; the first call, start, completion and rating
 * of a ticket in columns (a ticket nearly always has one of each), further
 * ones in maps by ticket number.
 */
export class TicketBook {
  /** Each ticket's id by its number; `numbers` finds the number of an id (a `Map` grew slowly at a million tickets, 1921). */
  private readonly ids: string[] = [];
  private readonly numbers = new IdTable((n) => this.ids[n]);
  /** Earliest `TicketIssued` instant; +∞ when none. */
  private issued = new Float64Array(INITIAL_CAPACITY).fill(Number.POSITIVE_INFINITY);
  /** First call and start instants; NaN when none. */
  private call = new Float64Array(INITIAL_CAPACITY).fill(Number.NaN);
  private start = new Float64Array(INITIAL_CAPACITY).fill(Number.NaN);
  private readonly startWindow: string[] = [];
  private readonly completion: (CompletionRec | null)[] = [];
  private readonly rating: (RatingRec | null)[] = [];
  private readonly moreCalls = new Map<number, number[]>();
  private readonly moreStarts = new Map<number, StartFact[]>();
  private readonly moreCompletions = new Map<number, CompletionRec[]>();
  private readonly moreRatings = new Map<number, RatingRec[]>();

  /** The ticket's number if it has been seen, without giving it one. */
  find(ticketId: string): number | undefined {
    const n = this.numbers.find(ticketId, hashId(ticketId));
    return n < 0 ? undefined : n;
  }

  /** The ticket's number, given on first sight (0, 1, 2, …). */
  numberOf(ticketId: string): number {
    const hash = hashId(ticketId);
    let n = this.numbers.find(ticketId, hash);
    if (n < 0) {
      n = this.ids.length;
      this.ids.push(ticketId);
      this.numbers.insert(hash, n);
      if (n === this.issued.length) this.grow();
      this.startWindow.push('');
      this.completion.push(null);
      this.rating.push(null);
    }
    return n;
  }

  addIssue(n: number, t: number): void {
    if (t < this.issued[n]) this.issued[n] = t;
  }

  addCall(n: number, t: number): void {
    if (Number.isNaN(this.call[n])) this.call[n] = t;
    else pushTo(this.moreCalls, n, t);
  }

  addStart(n: number, t: number, windowId: string): void {
    if (Number.isNaN(this.start[n])) {
      this.start[n] = t;
      this.startWindow[n] = windowId;
    } else pushTo(this.moreStarts, n, { t, windowId });
  }

  addCompletion(n: number, rec: CompletionRec): void {
    if (this.completion[n] === null) this.completion[n] = rec;
    else pushTo(this.moreCompletions, n, rec);
  }

  addRating(n: number, rec: RatingRec): void {
    if (this.rating[n] === null) this.rating[n] = rec;
    else pushTo(this.moreRatings, n, rec);
  }

  /** Earliest issue instant; +∞ when none. */
  issuedT(n: number): number {
    return this.issued[n];
  }

  /** The last call at or before `t` (NaN when none). */
  lastCallUpTo(n: number, t: number): number {
    const first = this.call[n];
    let best = first <= t ? first : Number.NaN;
    const more = this.moreCalls.size === 0 ? undefined : this.moreCalls.get(n);
    if (more !== undefined) for (const c of more) if (c <= t && !(c <= best)) best = c;
    return best;
  }

  /** The last start at `windowId` at or before `t` (NaN when none). */
  lastStartUpTo(n: number, t: number, windowId: string): number {
    const first = this.start[n];
    let best = first <= t && this.startWindow[n] === windowId ? first : Number.NaN;
    const more = this.moreStarts.size === 0 ? undefined : this.moreStarts.get(n);
    if (more !== undefined) for (const s of more) if (s.t <= t && s.windowId === windowId && !(s.t <= best)) best = s.t;
    return best;
  }

  /** Whether the ticket was completed more than once (at any windows). */
  completedAgain(n: number): boolean {
    return this.moreCompletions.size > 0 && this.moreCompletions.has(n);
  }

  /** Whether some completion happened at `windowId`. */
  completedAt(n: number, windowId: string): boolean {
    const first = this.completion[n];
    if (first === null) return false;
    if (first.windowId === windowId) return true;
    const more = this.moreCompletions.size === 0 ? undefined : this.moreCompletions.get(n);
    if (more !== undefined) for (const c of more) if (c.windowId === windowId) return true;
    return false;
  }

  /** The ticket's first rating held (null when none)… */
  firstRating(n: number): RatingRec | null {
    return this.rating[n];
  }

  /** …and the others, in the order held. */
  moreRatingsOf(n: number): readonly RatingRec[] | undefined {
    return this.moreRatings.size === 0 ? undefined : this.moreRatings.get(n);
  }

  private grow(): void {
    const capacity = this.issued.length * 2;
    this.issued = widen(this.issued, capacity, Number.POSITIVE_INFINITY);
    this.call = widen(this.call, capacity, Number.NaN);
    this.start = widen(this.start, capacity, Number.NaN);
  }
}

function widen(column: Float64Array<ArrayBuffer>, capacity: number, empty: number): Float64Array<ArrayBuffer> {
  const wider = new Float64Array(capacity).fill(empty, column.length);
  wider.set(column);
  return wider;
}

function pushTo<V>(map: Map<number, V[]>, n: number, value: V): void {
  const list = map.get(n);
  if (list) list.push(value);
  else map.set(n, [value]);
}
