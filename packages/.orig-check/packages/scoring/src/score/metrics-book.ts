import type { Metrics } from '@hall/contracts';

/** Running counts of one subject's month (SPEC §5); durations in ms. */
export class MetricsAcc {
  ticketsCompleted = 0;
  casesAccepted = 0;
  casesCompleted = 0;
  casesOverdue = 0;
  readonly waits: number[] = [];
  readonly services: number[] = [];
  readonly ratedTickets = new Set<string>();
  ratingsCounted = 0;
  goodRatings = 0;
  badRatings = 0;
  validComplaints = 0;
  peerReviews = 0;
  peerGood = 0;
  /** Event ids the period-metric rules point at. */
  readonly acceptedIds: string[] = [];
  readonly completionIds: string[] = [];
  readonly ratedIds: string[] = [];
  readonly countedIds: string[] = [];
  readonly peerIds: string[] = [];

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
      ratingRate: this.ticketsCompleted === 0 ? null : this.ratedTickets.size / this.ticketsCompleted,
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
function p90(ms: number[]): number | null {
  if (ms.length === 0) return null;
  ms.sort((a, b) => a - b);
  return ms[Math.floor((9 * ms.length + 9) / 10) - 1] / 1000;
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
