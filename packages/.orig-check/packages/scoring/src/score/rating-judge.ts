import type { HallModel } from '../model/hall-model.ts';
import { type Rec, byTime } from '../model/records.ts';
import type { CatalogueTimeline } from '../catalogue/compiled-catalogue.ts';
import { monthCatalogueOfDay } from './month-context.ts';

export type RatingVerdict = 'counted' | 'unverified' | 'duplicate' | 'suspicious';
type Rating = Rec<'RatingSubmitted'>;
const none: readonly never[] = [];

/**
 * SPEC §5 for one rating, checked in this order: `suspicious` (a kiosk rating
 * less than the catalogue's gap after the previous kiosk rating of its window),
 * `unverified` (tied to no ticket completed at its window and no case accepted
 * there and completed), `duplicate` (an earlier counted rating for the same
 * ticket or case exists), else `counted`. Verdicts are memoised for one scoring run.
 */
export class RatingJudge {
  private readonly verdicts = new Map<Rating, RatingVerdict>();
  private readonly sortedWindows = new Set<string>();

  constructor(
    private readonly model: HallModel,
    private readonly timeline: CatalogueTimeline,
  ) {}

  verdict(rating: Rating): RatingVerdict {
    let verdict = this.verdicts.get(rating);
    if (verdict === undefined) {
      verdict = this.judge(rating);
      this.verdicts.set(rating, verdict);
    }
    return verdict;
  }

  /** The staff member a rating reaches: its own, else the ticket's completing staff, else the case's accepting staff. */
  staffOf(rating: Rating): string | null {
    const data = rating.e.data;
    if (data.staffId !== undefined) return data.staffId;
    if (data.ticketId !== undefined) {
      let completion: Rec<'ServiceCompleted'> | undefined;
      for (const c of this.model.tickets.get(data.ticketId)?.completions ?? none) {
        if (c.e.data.windowId === data.windowId && (!completion || byTime(c, completion) > 0)) completion = c;
      }
      if (completion) return completion.e.data.staffId;
    }
    if (data.caseId !== undefined) {
      let accepted: Rec<'CaseAccepted'> | undefined;
      for (const a of this.model.cases.get(data.caseId)?.accepted ?? none) {
        if (a.e.data.windowId === data.windowId && (!accepted || byTime(a, accepted) < 0)) accepted = a;
      }
      if (accepted) return accepted.e.data.staffId;
    }
    return null;
  }

  private judge(rating: Rating): RatingVerdict {
    if (this.suspicious(rating)) return 'suspicious';
    if (!this.verified(rating)) return 'unverified';
    const data = rating.e.data;
    if (data.ticketId !== undefined && this.earlierCounted(rating, this.model.ratingsByTicket.get(data.ticketId))) return 'duplicate';
    if (data.caseId !== undefined && this.earlierCounted(rating, this.model.ratingsByCase.get(data.caseId))) return 'duplicate';
    return 'counted';
  }

  private earlierCounted(rating: Rating, others: readonly Rating[] | undefined): boolean {
    if (!others) return false;
    for (const other of others) {
      if (other !== rating && byTime(other, rating) < 0 && this.verdict(other) === 'counted') return true;
    }
    return false;
  }

  private suspicious(rating: Rating): boolean {
    const data = rating.e.data;
    if (data.channel !== 'kiosk') return false;
    const list = this.model.kioskRatings.get(data.windowId);
    if (!list) return false;
    if (!this.sortedWindows.has(data.windowId)) {
      list.sort(byTime);
      this.sortedWindows.add(data.windowId);
    }
    let lo = 0;
    let hi = list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byTime(list[mid], rating) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return false;
    const gapSeconds = monthCatalogueOfDay(this.timeline, rating.day).source.settings.suspiciousRatingGapSeconds;
    return rating.t - list[lo - 1].t < gapSeconds * 1000;
  }

  private verified(rating: Rating): boolean {
    const data = rating.e.data;
    if (data.ticketId !== undefined) {
      const facts = this.model.tickets.get(data.ticketId);
      if (facts?.completions.some((c) => c.e.data.windowId === data.windowId)) return true;
    }
    if (data.caseId !== undefined) {
      const facts = this.model.cases.get(data.caseId);
      if (facts && facts.completed.length > 0 && facts.accepted.some((a) => a.e.data.windowId === data.windowId)) return true;
    }
    return false;
  }
}
