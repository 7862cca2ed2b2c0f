import type { CatalogueSettings, QuarterDocument, QuarterStaffAssessment } from '@hall/contracts';
import {
  addFractions,
  decimalToFraction,
  divideFractions,
  fraction,
  fractionToCents,
  multiplyFractions,
  type Fraction,
} from '../ranking/exact.ts';
import {
  compareIds,
  isAssigned,
  monthsOfQuarter,
  selectSpan,
  type PeerReviewScore,
  type PublishedMonth,
} from './published-month.ts';

export interface AssessQuarterInput {
  /** `YYYY-Qn` */
  quarter: string;
  /** Months of the quarter that exist (others are ignored); non-final ones are left out. */
  months: readonly PublishedMonth[];
  peerReviewScores: readonly PeerReviewScore[];
  settings: Pick<CatalogueSettings, 'personal'>;
  /**
   * Months of the quarter within the hall's assessment (default: all three). One of
   * them not passed in as final makes the document provisional; a month outside
   * the assessment (before the hall started) does not.
   */
  expectedMonths?: readonly string[];
}

/** A staff member's quarter with the parts kept exact, for the annual mean. */
export interface QuarterStaffExact {
  assessment: QuarterStaffAssessment;
  /** Weighted total before rounding; null when it has none. */
  exactTotal: Fraction | null;
}

/**
 * Quarterly personal assessment (docs/domain.md §8): 30 % peer review + 30 % satisfaction +
 * 40 % mean monthly total, a missing part left out and the other weights rescaled.
 * Only staff assigned to a window in some final month of the quarter get a line.
 *
 * @example assessQuarter({ quarter: '2026-Q3', months, peerReviewScores, settings }).staff[0].total // 96.12
 */
export function assessQuarter(input: AssessQuarterInput): QuarterDocument {
  const { provisional, staff } = assessQuarterExact(input);
  return { quarter: input.quarter, provisional, staff: staff.map((s) => s.assessment) };
}

export function assessQuarterExact(input: AssessQuarterInput): { provisional: boolean; staff: QuarterStaffExact[] } {
  const span = selectSpan(monthsOfQuarter(input.quarter), input.months, input.expectedMonths);
  const peerReviews = latestPeerReviews(input.quarter, input.peerReviewScores);
  const byStaff = new Map<string, { totals: Fraction[]; good: bigint; counted: bigint }>();
  for (const month of span.finalMonths) {
    for (const document of month.staff) {
      const staffId = document.subject.id;
      const entry = byStaff.get(staffId) ?? { totals: [], good: 0n, counted: 0n };
      byStaff.set(staffId, entry);
      entry.good += BigInt(document.metrics.goodRatings);
      entry.counted += BigInt(document.metrics.ratingsCounted);
      if (isAssigned(document)) entry.totals.push(decimalToFraction(document.total));
    }
  }
  const weights = input.settings.personal.weights;
  const staff: QuarterStaffExact[] = [];
  for (const [staffId, entry] of byStaff) {
    if (entry.totals.length === 0) continue;
    const peerScore = peerReviews.get(staffId);
    const peerReview = peerScore === undefined ? null : decimalToFraction(peerScore);
    const satisfaction = entry.counted === 0n ? null : fraction(100n * entry.good, entry.counted);
    const monthlyMean = divideFractions(entry.totals.reduce(addFractions), fraction(BigInt(entry.totals.length)));
    const exactTotal = weightedTotal([
      [peerReview, weights.peerReview],
      [satisfaction, weights.satisfaction],
      [monthlyMean, weights.monthlyMean],
    ]);
    staff.push({
      exactTotal,
      assessment: {
        staffId,
        peerReview: peerReview === null ? null : fractionToCents(peerReview),
        satisfaction: satisfaction === null ? null : fractionToCents(satisfaction),
        monthlyMean: fractionToCents(monthlyMean),
        total: exactTotal === null ? null : fractionToCents(exactTotal),
        months: entry.totals.length,
      },
    });
  }
  staff.sort((a, b) => compareIds(a.assessment.staffId, b.assessment.staffId));
  return { provisional: span.provisional, staff };
}

/** Σ weight × part ÷ Σ weight over the parts present; null when those weights sum to 0. */
function weightedTotal(parts: ReadonlyArray<readonly [Fraction | null, number]>): Fraction | null {
  let sum = fraction(0n);
  let weightSum = fraction(0n);
  for (const [part, weight] of parts) {
    if (part === null) continue;
    const w = decimalToFraction(weight);
    sum = addFractions(sum, multiplyFractions(part, w));
    weightSum = addFractions(weightSum, w);
  }
  return weightSum.num === 0n ? null : divideFractions(sum, weightSum);
}

/** The quarter's peer review score per staff member: the latest by occurredAt, then eventId. */
function latestPeerReviews(quarter: string, scores: readonly PeerReviewScore[]): Map<string, number> {
  const latest = new Map<string, PeerReviewScore>();
  for (const score of scores) {
    if (score.quarter !== quarter) continue;
    const current = latest.get(score.staffId);
    if (current === undefined || isLater(score, current)) latest.set(score.staffId, score);
  }
  return new Map([...latest].map(([staffId, s]) => [staffId, s.score]));
}

function isLater(a: PeerReviewScore, b: PeerReviewScore): boolean {
  const at = Date.parse(a.occurredAt) - Date.parse(b.occurredAt);
  if (Number.isNaN(at)) throw new RangeError(`bad occurredAt on ${a.eventId} or ${b.eventId}`);
  return at !== 0 ? at > 0 : a.eventId > b.eventId;
}
