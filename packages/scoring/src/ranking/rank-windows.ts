import type { RankingEntry, Rankings, WindowKind } from '@hall/contracts';
import { awardHonours, type HonourShares } from './award-honours.ts';

/** What ranking needs to know about one window for one period (a month or a year). */
export interface RankCandidate {
  windowId: string;
  kind: WindowKind;
  /** Score in exact hundredths (93.5 → 9350). */
  totalCents: number;
  /** A veto in the period: ranked, but no honour (docs/domain.md §7). */
  veto: boolean;
  /** Good ÷ counted ratings; null with no counted rating (ranks below any rate). */
  satisfactionRate: number | null;
  /** Counted deduction line items (points < 0); fewer ranks higher. */
  deductionItems: number;
  ticketsCompleted: number;
}

/**
 * Orders two candidates by docs/domain.md §7: total (higher first), then satisfaction rate
 * (higher first, no data last), then fewer deduction items, then more completed
 * tickets. 0 means tied: same rank.
 */
export function compareCandidates(a: RankCandidate, b: RankCandidate): number {
  if (a.totalCents !== b.totalCents) return b.totalCents - a.totalCents;
  if (a.satisfactionRate !== b.satisfactionRate) {
    if (a.satisfactionRate === null) return 1;
    if (b.satisfactionRate === null) return -1;
    return b.satisfactionRate - a.satisfactionRate;
  }
  if (a.deductionItems !== b.deductionItems) return a.deductionItems - b.deductionItems;
  return b.ticketsCompleted - a.ticketsCompleted;
}

function rankKind(candidates: readonly RankCandidate[], shares: HonourShares): RankingEntry[] {
  const sorted = [...candidates].sort(
    (a, b) => compareCandidates(a, b) || (a.windowId < b.windowId ? -1 : a.windowId > b.windowId ? 1 : 0),
  );
  let rank = 0;
  const ranked = sorted.map((candidate, index) => {
    // Standard competition ranking: tied windows share a rank and the next rank skips (1, 2, 2, 4).
    if (index === 0 || compareCandidates(sorted[index - 1], candidate) !== 0) rank = index + 1;
    return { windowId: candidate.windowId, rank, total: candidate.totalCents / 100, veto: candidate.veto };
  });
  return awardHonours(ranked, shares);
}

/**
 * Ranks windows separately per kind and awards red-flag and advanced honours (docs/domain.md §7).
 * Pure and independent of input order: entries come out by rank, then windowId.
 *
 * @example rankWindows(candidates, settings.honours).approval[0] // { windowId, rank: 1, total: 99.5, honour: 'red_flag', veto: false }
 */
export function rankWindows(candidates: readonly RankCandidate[], honours: HonourShares): Rankings {
  const ids = new Set<string>();
  for (const candidate of candidates) {
    if (ids.has(candidate.windowId)) throw new Error(`window ${candidate.windowId} is ranked twice`);
    ids.add(candidate.windowId);
  }
  return {
    approval: rankKind(
      candidates.filter((c) => c.kind === 'approval'),
      honours,
    ),
    public_service: rankKind(
      candidates.filter((c) => c.kind === 'public_service'),
      honours,
    ),
  };
}
