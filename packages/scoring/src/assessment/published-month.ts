import type { Rankings, ScoreDocument } from '@hall/contracts';

/**
 * One month as published: its latest final version (or, while it is not final,
 * whatever the caller has; non-final months are left out of every sum and only
 * make the answer provisional).
 */
export interface PublishedMonth {
  /** `YYYY-MM` */
  period: string;
  final: boolean;
  /** Window score documents; `kind` and `departmentId` must be set. */
  windows: ScoreDocument[];
  /** Staff score documents; `windowIds` (windows assigned to in the month) and `departmentId` should be set. */
  staff: ScoreDocument[];
  rankings: Rankings;
}

/** A `StaffPeerReviewScored` fact, with what decides which of several wins (the latest). */
export interface PeerReviewScore {
  staffId: string;
  /** `YYYY-Qn` the score counts for. */
  quarter: string;
  score: number;
  occurredAt: string;
  eventId: string;
}

/** The span a quarter or year is built from, and whether every month of it is final. */
export interface Span {
  /** Final months of the span passed in, in period order. */
  finalMonths: PublishedMonth[];
  provisional: boolean;
}

export function monthsOfQuarter(quarter: string): string[] {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (match === null) throw new RangeError(`not a quarter YYYY-Qn: ${quarter}`);
  const first = (Number(match[2]) - 1) * 3 + 1;
  return [first, first + 1, first + 2].map((m) => `${match[1]}-${String(m).padStart(2, '0')}`);
}

export function monthsOfYear(year: string): string[] {
  if (!/^\d{4}$/.test(year)) throw new RangeError(`not a year YYYY: ${year}`);
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

export function quartersOfYear(year: string): string[] {
  return [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
}

/**
 * Picks the final months of a span. The span is provisional when a month passed
 * in is not final, or a month the caller expects (by default every month of the
 * span; pass only those within the hall's assessment) is not passed in as final.
 * Months outside the span are ignored; a month passed twice is a bug and throws.
 */
export function selectSpan(spanMonths: readonly string[], months: readonly PublishedMonth[], expectedMonths?: readonly string[]): Span {
  const inSpan = new Set(spanMonths);
  const seen = new Set<string>();
  const finalMonths: PublishedMonth[] = [];
  let provisional = false;
  for (const month of months) {
    if (!inSpan.has(month.period)) continue;
    if (seen.has(month.period)) throw new Error(`month ${month.period} passed twice`);
    seen.add(month.period);
    if (month.final) finalMonths.push(month);
    else provisional = true;
  }
  const finalPeriods = new Set(finalMonths.map((m) => m.period));
  for (const period of expectedMonths ?? spanMonths) {
    if (inSpan.has(period) && !finalPeriods.has(period)) provisional = true;
  }
  finalMonths.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  return { finalMonths, provisional };
}

/** A staff member counts as assigned in a month when their document lists a window (docs/domain.md §8). */
export function isAssigned(staffDocument: ScoreDocument): boolean {
  return (staffDocument.windowIds?.length ?? 0) > 0;
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
