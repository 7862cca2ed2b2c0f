import type { MonthContext } from '../score/month-context.ts';
import type { ItemSink } from '../score/line-item.ts';
import { rulesFor } from '../catalogue/compiled-catalogue.ts';
import { parseInstant } from '../calendar/civil-days.ts';
import { occurrencePoints } from './occurrence-points.ts';
import { appealVoidOf } from '../bad-ratings/rating-voids.ts';

/**
 * The month's `BadRatingCaseOverdue` marks (dated when the deadline passed)
 * fire the catalogue's overdue rule for their step — in force on the mark's
 * day, off in the default version — against the window and the staff member
 * the 差评 named. A mark of a 差评 since voided (an `EventVoided`, an upheld
 * appeal) costs nothing.
 */
export function scoreBadRatingOverdue(ctx: MonthContext, sink: ItemSink): void {
  for (const rec of ctx.bucket.badRatingOverdue) {
    const catalogue = ctx.timeline.at(rec.day);
    const rules = rulesFor(catalogue, rec.e.data.step === 'contact' ? 'bad_rating_contact_overdue' : 'bad_rating_rectification_overdue');
    if (rules.length === 0) continue;
    const rating = ctx.model.events.get(rec.e.data.ratingEventId);
    if (rating?.type !== 'RatingSubmitted' || ctx.model.voided.has(rating.id)) continue;
    if (appealVoidOf(ctx.model, rating, ctx.model.clock.localDay(parseInstant(rating.occurredAt)))) continue;
    for (const rule of rules) {
      const points = occurrencePoints(rule);
      if (points === null) continue;
      sink.fire(rule, catalogue.version, points, rec.e.data.windowId, rec.e.data.staffId, [rec.id]);
    }
  }
}
