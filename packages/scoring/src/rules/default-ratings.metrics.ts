import type { MonthContext } from '../score/month-context.ts';
import type { MetricsBook } from '../score/metrics-book.ts';
import type { RatingJudge } from '../score/rating-judge.ts';
import { type Rec, byTime } from '../model/records.ts';

const GOOD_FROM_LEVEL = 3;

/**
 * Default ratings (默认评价, `RatingDefaulted`) in the satisfaction figures of
 * their window and staff member, in the month they fell, and only where the
 * catalogue version in force on that day says `defaultRatingsCount` (false in
 * the default catalogue, so nothing changes there; decision 1721). They are
 * never ratings people gave: they fire no `rating_bad` rule, are not rated
 * tickets for the rating rate, and a ticket the citizen rated after all keeps
 * only the citizen's counted rating.
 */
export function countDefaultRatings(ctx: MonthContext, book: MetricsBook, judge: RatingJudge): void {
  if (ctx.model.ratingDefaults.size === 0) return;
  for (const recs of ctx.model.ratingDefaults.values()) {
    // One default per ticket: the earliest, should a ticket ever hold two.
    const rec: Rec<'RatingDefaulted'> = recs.length === 1 ? recs[0]! : [...recs].sort(byTime)[0]!;
    if (rec.day < ctx.first || rec.day > ctx.last) continue;
    if (!ctx.timeline.at(rec.day).source.settings.defaultRatingsCount) continue;
    if (ratedByCitizen(ctx, judge, rec.e.data.ticketId)) continue;
    const good = rec.e.data.level >= GOOD_FROM_LEVEL;
    const w = book.window(rec.e.data.windowId);
    w.countedIds.push(rec.id);
    const staffId = rec.e.data.staffId;
    for (const acc of staffId === undefined ? [w] : [w, book.staffMember(staffId)]) {
      acc.ratingsCounted++;
      acc.defaultRatings++;
      if (good) acc.goodRatings++;
      else {
        acc.badRatings++;
        acc.defaultBadRatings++;
      }
    }
  }
}

function ratedByCitizen(ctx: MonthContext, judge: RatingJudge, ticketId: string): boolean {
  const n = ctx.model.tickets.find(ticketId);
  if (n === undefined) return false;
  const first = ctx.model.tickets.firstRating(n);
  if (first === null) return false;
  for (const rating of [first, ...(ctx.model.tickets.moreRatingsOf(n) ?? [])]) if (judge.verdict(rating) === 'counted') return true;
  return false;
}
