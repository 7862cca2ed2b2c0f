import type { RankingEntry } from '@hall/contracts';
import { placesFor } from './exact.ts';

export interface HonourShares {
  /** Share of the windows of a kind that get the red flag (default 0.15). */
  redFlagShare: number;
  /** Share that get any honour, red flag included (default 0.30). */
  totalShare: number;
}

export interface HonourPlaces {
  redFlag: number;
  total: number;
}

/**
 * Places for `count` windows of one kind (docs/domain.md §7): red flag `max(1, round(N × red))`,
 * in all `round(N × total)` but never fewer than the red-flag places; rounding half up, exact.
 * No windows, no places.
 */
export function honourPlaces(count: number, shares: HonourShares): HonourPlaces {
  if (count === 0) return { redFlag: 0, total: 0 };
  const redFlag = Math.max(1, placesFor(count, shares.redFlagShare));
  return { redFlag, total: Math.max(redFlag, placesFor(count, shares.totalShare)) };
}

type Ranked = Omit<RankingEntry, 'honour'>;

/**
 * Gives honours to entries already in rank order (docs/domain.md §7). N counts every entry,
 * vetoed ones included; a vetoed entry keeps its rank but gets no honour, and its
 * place passes to the next eligible entry. Entries tied (same rank) with the last
 * one honoured at a boundary all get that honour, so the places may be exceeded.
 */
export function awardHonours(rankedInOrder: readonly Ranked[], shares: HonourShares): RankingEntry[] {
  const places = honourPlaces(rankedInOrder.length, shares);
  let redGiven = 0;
  let given = 0;
  let lastRedRank: number | null = null;
  let lastGivenRank: number | null = null;
  return rankedInOrder.map((entry) => {
    let honour: RankingEntry['honour'] = null;
    if (!entry.veto) {
      if (redGiven < places.redFlag || entry.rank === lastRedRank) {
        honour = 'red_flag';
        redGiven += 1;
        lastRedRank = entry.rank;
      } else if (given < places.total || entry.rank === lastGivenRank) {
        honour = 'advanced';
      }
      if (honour !== null) {
        given += 1;
        lastGivenRank = entry.rank;
      }
    }
    return { ...entry, honour };
  });
}
