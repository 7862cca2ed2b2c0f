import type { RatingStatus } from '@hall/contracts';
import type { MonthContext } from '../score/month-context.ts';
import type { ItemSink } from '../score/line-item.ts';
import type { MetricsBook } from '../score/metrics-book.ts';
import type { RatingJudge } from '../score/rating-judge.ts';
import { rulesFor, toCents } from '../catalogue/compiled-catalogue.ts';
import { sortByTime } from '../model/sorting.ts';

const GOOD_FROM_LEVEL = 3;

/**
 * The month's ratings (docs/domain.md §5): each gets its verdict; counted ones feed the
 * satisfaction metrics of their window and attributed staff member, and each
 * counted bad one (level 1–2) fires `rating_bad` rules. Returns the statuses
 * in occurredAt order.
 */
export function scoreRatings(ctx: MonthContext, sink: ItemSink, book: MetricsBook, judge: RatingJudge): RatingStatus[] {
  // The bucket is a set: it is sorted in place.
  const ratings = sortByTime(ctx.bucket.ratings);
  const statuses: RatingStatus[] = [];
  for (const rec of ratings) {
    const verdict = judge.verdict(rec);
    const staffId = judge.staffOf(rec);
    statuses.push({ ratingId: rec.ratingId, eventId: rec.id, windowId: rec.windowId, staffId, level: rec.level, status: verdict });
    if (verdict !== 'counted') continue;
    const good = rec.level >= GOOD_FROM_LEVEL;
    const w = book.window(rec.windowId);
    w.ratingsCounted++;
    w.countedIds.push(rec.id);
    if (good) w.goodRatings++;
    else w.badRatings++;
    if (staffId !== null) {
      const s = book.staffMember(staffId);
      s.ratingsCounted++;
      if (good) s.goodRatings++;
      else s.badRatings++;
    }
    if (good) continue;
    const catalogue = ctx.timeline.at(rec.day);
    for (const rule of rulesFor(catalogue, 'rating_bad')) {
      if (rule.computation.kind !== 'per_occurrence') continue;
      sink.fire(rule, catalogue.version, toCents(rule.computation.points), rec.windowId, staffId, [rec.id]);
    }
  }
  return statuses;
}
