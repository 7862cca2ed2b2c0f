import type { CatalogueSettings, ScoreDocument, WindowKind, YearWindowAssessment } from '@hall/contracts';
import { decimalToFraction, roundHalfUpInteger } from '../ranking/exact.ts';
import { rankWindows, type RankCandidate } from '../ranking/rank-windows.ts';
import type { PublishedMonth } from './published-month.ts';

/** A window's year, with what notices need beside the published fields. */
export interface AnnualWindow extends YearWindowAssessment {
  /** Annual score in exact hundredths. */
  annualCents: bigint;
  /** From the window's latest final month. */
  departmentId: string | null;
}

interface Accumulator {
  kind: WindowKind;
  departmentId: string | null;
  cents: bigint[];
  veto: boolean;
  good: number;
  counted: number;
  deductionItems: number;
  ticketsCompleted: number;
}

/**
 * Annual window scores and honours (docs/domain.md §7, §8): the mean of the final monthly
 * totals rounded half up, ranked per kind with the year's satisfaction rate,
 * counted deduction line items and completed tickets; a veto in any final month
 * removes the window from the honours. `finalMonths` must be in period order.
 */
export function assessAnnualWindows(
  finalMonths: readonly PublishedMonth[],
  settings: Pick<CatalogueSettings, 'honours'>,
): AnnualWindow[] {
  const byWindow = new Map<string, Accumulator>();
  for (const month of finalMonths) {
    for (const document of month.windows) {
      const windowId = document.subject.id;
      if (document.kind === undefined) throw new Error(`window document ${windowId} ${month.period} has no kind`);
      const entry = byWindow.get(windowId) ?? emptyAccumulator(document.kind);
      byWindow.set(windowId, entry);
      entry.kind = document.kind;
      entry.departmentId = document.departmentId ?? entry.departmentId;
      entry.cents.push(toExactCents(document.total));
      entry.veto ||= document.veto;
      entry.good += document.metrics.goodRatings;
      entry.counted += document.metrics.ratingsCounted;
      entry.deductionItems += countedDeductions(document);
      entry.ticketsCompleted += document.metrics.ticketsCompleted;
    }
  }
  const candidates: RankCandidate[] = [];
  const cents = new Map<string, bigint>();
  for (const [windowId, entry] of byWindow) {
    const sum = entry.cents.reduce((a, b) => a + b, 0n);
    const annualCents = roundHalfUpInteger(sum, BigInt(entry.cents.length));
    cents.set(windowId, annualCents);
    candidates.push({
      windowId,
      kind: entry.kind,
      totalCents: Number(annualCents),
      veto: entry.veto,
      satisfactionRate: entry.counted === 0 ? null : entry.good / entry.counted,
      deductionItems: entry.deductionItems,
      ticketsCompleted: entry.ticketsCompleted,
    });
  }
  const rankings = rankWindows(candidates, settings.honours);
  return [...rankings.approval, ...rankings.public_service].map((ranked) => {
    const entry = byWindow.get(ranked.windowId)!;
    return {
      windowId: ranked.windowId,
      kind: entry.kind,
      annualScore: ranked.total,
      months: entry.cents.length,
      rank: ranked.rank,
      honour: ranked.honour,
      veto: ranked.veto,
      annualCents: cents.get(ranked.windowId)!,
      departmentId: entry.departmentId,
    };
  });
}

function emptyAccumulator(kind: WindowKind): Accumulator {
  return { kind, departmentId: null, cents: [], veto: false, good: 0, counted: 0, deductionItems: 0, ticketsCompleted: 0 };
}

function countedDeductions(document: ScoreDocument): number {
  return document.lineItems.filter((item) => item.status === 'counted' && item.points < 0).length;
}

/** A published total (at most two places) in exact hundredths. */
export function toExactCents(total: number): bigint {
  const value = decimalToFraction(total);
  const cents = value.num * 100n;
  if (cents % value.den !== 0n) throw new RangeError(`a score has at most two decimal places: ${total}`);
  return cents / value.den;
}

