import type { Metrics } from '@hall/contracts';

/** Running counts of one subject's month (docs/domain.md §5); durations in ms. */
export class MetricsAcc {
  ticketsCompleted = 0;
  casesAccepted = 0;
  casesCompleted = 0;
  casesOverdue = 0;
  readonly waits: number[] = [];
  readonly services: number[] = [];
  /** Rated tickets completed once in the whole history (each seen once a month)… */
  ratedOnce = 0;
  /** …and rated tickets completed more than once, as a set of ticket numbers. */
  private ratedMore: Set<number> | null = null;
  ratingsCounted = 0;
  goodRatings = 0;
  badRatings = 0;
  /** Default ratings (默认评价) among the counted ones, where the version in force lets them count, and the bad among them. */
  defaultRatings = 0;
  defaultBadRatings = 0;
  validComplaints = 0;
  peerReviews = 0;
  peerGood = 0;
  /** Event ids the period-metric rules point at. */
  readonly acceptedIds: string[] = [];
  readonly completionIds: string[] = [];
  readonly ratedIds: string[] = [];
  readonly countedIds: string[] = [];
  readonly peerIds: string[] = [];

  ratedAgain(ticket: number): void {
    (this.ratedMore ??= new Set()).add(ticket);
  }

  /** Distinct rated completed tickets. */
  get ratedTickets(): number {
    return this.ratedOnce + (this.ratedMore === null ? 0 : this.ratedMore.size);
  }

  toMetrics(isWindow: boolean): Metrics {
    return {
      ticketsCompleted: this.ticketsCompleted,
      casesAccepted: this.casesAccepted,
      casesCompleted: this.casesCompleted,
      casesOverdue: this.casesOverdue,
      avgWaitSeconds: mean(this.waits),
      p90WaitSeconds: p90(this.waits),
      avgServiceSeconds: mean(this.services),
      p90ServiceSeconds: p90(this.services),
      ratingRate: this.ticketsCompleted === 0 ? null : this.ratedTickets / this.ticketsCompleted,
      satisfactionRate: this.ratingsCounted === 0 ? null : this.goodRatings / this.ratingsCounted,
      ratingsCounted: this.ratingsCounted,
      goodRatings: this.goodRatings,
      badRatings: this.badRatings,
      validComplaints: this.validComplaints,
      peerReviewGoodShare: isWindow && this.peerReviews > 0 ? this.peerGood / this.peerReviews : null,
    };
  }
}

/** Mean in seconds, to the millisecond; integer-ms sums keep it independent of order. */
function mean(ms: readonly number[]): number | null {
  if (ms.length === 0) return null;
  let sum = 0;
  for (const v of ms) sum += v;
  return Math.round(sum / ms.length) / 1000;
}

/** Nearest-rank 90th percentile in seconds: the ⌈0.9 n⌉-th smallest. */
function p90(ms: readonly number[]): number | null {
  if (ms.length === 0) return null;
  return nthSmallest(ms.slice(), Math.floor((9 * ms.length + 9) / 10) - 1) / 1000;
}

/**
 * The k-th smallest (0-based) of `values`, which it reorders: quickselect
 * (Hoare partitions around the middle element), linear on average, where a
 * sort of every subject's durations was not. Inputs that keep the partitions
 * lopsided get the rest sorted instead, so it never goes quadratic.
 */
export function nthSmallest(values: number[], k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  let partitionsLeft = 2 * Math.ceil(Math.log2(values.length + 1)) + 8;
  while (lo < hi) {
    if (partitionsLeft-- === 0) return values.slice(lo, hi + 1).sort((a, b) => a - b)[k - lo];
    const pivot = values[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i] = values[j];
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k];
  }
  return values[k];
}

export class MetricsBook {
  readonly windows = new Map<string, MetricsAcc>();
  readonly staff = new Map<string, MetricsAcc>();

  window(id: string): MetricsAcc {
    let acc = this.windows.get(id);
    if (!acc) {
      acc = new MetricsAcc();
      this.windows.set(id, acc);
    }
    return acc;
  }

  staffMember(id: string): MetricsAcc {
    let acc = this.staff.get(id);
    if (!acc) {
      acc = new MetricsAcc();
      this.staff.set(id, acc);
    }
    return acc;
  }
}
