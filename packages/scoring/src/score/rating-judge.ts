import type { HallModel } from '../model/hall-model.ts';
import { NO_TICKET } from '../model/ticket-book.ts';
import { type RatingRec, type RatingVerdict, byTime } from '../model/records.ts';
import type { CatalogueTimeline } from '../catalogue/compiled-catalogue.ts';
import { monthCatalogueOfDay } from './month-context.ts';

export type { RatingVerdict } from '../model/records.ts';
type Rating = RatingRec;

/** Scoring runs so far: each judge stamps the verdicts it memoises with its own number. */
let runs = 0;

/**
 * docs/domain.md §5 for one rating, checked in this order: `suspicious` (a kiosk rating
 * less than the catalogue's gap after the previous kiosk rating of its window),
 * `unverified` (tied to no ticket completed at its window and no case accepted
 * there and completed), `duplicate` (an earlier counted rating for the same
 * ticket or case exists), else `counted`. Verdicts are memoised for one scoring
 * run, on the rating records themselves (stamped with the run).
 */
export class RatingJudge {
  private readonly run = ++runs;
  /** Suspicious-rating gap (ms) by hall-local day: the month-end version's setting. */
  private readonly gaps = new Map<number, number>();

  constructor(
    private readonly model: HallModel,
    private readonly timeline: CatalogueTimeline,
  ) {}

  verdict(rating: Rating): RatingVerdict {
    if (rating.judgedIn === this.run) return rating.verdict;
    const verdict = this.judge(rating);
    rating.verdict = verdict;
    rating.judgedIn = this.run;
    return verdict;
  }

  /**
   * The staff member a rating reaches: the one it names, else none (the window
   * only). docs/domain.md §4.1: W+S rules reach "the staff member when the event names
   * one"; unlike the case rules (§4.3), ratings get no staff from elsewhere
   * (decision 0103).
   */
  staffOf(rating: Rating): string | null {
    return rating.staffId ?? null;
  }

  private judge(rating: Rating): RatingVerdict {
    if (this.suspicious(rating)) return 'suspicious';
    if (!this.verified(rating)) return 'unverified';
    if (rating.ticket !== NO_TICKET && this.earlierCountedForTicket(rating, rating.ticket)) return 'duplicate';
    if (rating.caseId !== undefined && this.earlierCounted(rating, this.model.ratingsByCase.get(rating.caseId))) return 'duplicate';
    return 'counted';
  }

  private earlierCountedForTicket(rating: Rating, ticket: number): boolean {
    const first = this.model.tickets.firstRating(ticket);
    if (first === null) return false;
    if (this.countedBefore(first, rating)) return true;
    return this.earlierCounted(rating, this.model.tickets.moreRatingsOf(ticket));
  }

  private earlierCounted(rating: Rating, others: readonly Rating[] | null | undefined): boolean {
    if (!others) return false;
    for (const other of others) if (this.countedBefore(other, rating)) return true;
    return false;
  }

  private countedBefore(other: Rating, rating: Rating): boolean {
    return other !== rating && byTime(other, rating) < 0 && this.verdict(other) === 'counted';
  }

  private suspicious(rating: Rating): boolean {
    if (rating.kiosk === null) return false;
    const previous = rating.kiosk.previous(rating);
    if (!previous) return false;
    return rating.t - previous.t < this.gapMs(rating.day);
  }

  private gapMs(day: number): number {
    let gap = this.gaps.get(day);
    if (gap === undefined) {
      gap = monthCatalogueOfDay(this.timeline, day).source.settings.suspiciousRatingGapSeconds * 1000;
      this.gaps.set(day, gap);
    }
    return gap;
  }

  private verified(rating: Rating): boolean {
    if (rating.ticket !== NO_TICKET && this.model.tickets.completedAt(rating.ticket, rating.windowId)) return true;
    if (rating.caseId !== undefined) {
      const facts = this.model.cases.get(rating.caseId);
      if (facts && facts.completed.length > 0 && facts.accepted.some((a) => a.e.data.windowId === rating.windowId)) return true;
    }
    return false;
  }
}
