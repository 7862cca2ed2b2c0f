import type { EventOf } from '@hall/contracts';
import type { HallModel } from '../model/hall-model.ts';
import { type Rec, byTime, latest } from '../model/records.ts';
import { formatPeriod, monthOfDay } from '../calendar/civil-days.ts';
import { rulesFor } from '../catalogue/compiled-catalogue.ts';
import { lineItemId } from '../score/line-item.ts';
import { timelineOf } from '../score/month-context.ts';

/** What voided a 差评: an `EventVoided` of the rating, or an upheld appeal of its bad-rating line item (误评/恶意差评). */
export interface RatingVoid {
  readonly eventId: string;
  readonly t: number;
  readonly by: 'event_voided' | 'appeal';
}

/**
 * The ids of the line items a 差评's `rating_bad` rules gave its window and
 * staff member (the ids `ItemSink.fire` gives them: seed = the rating's event
 * id, period = its month), under the catalogue in force on its `day`.
 */
export function badRatingLineItemIds(model: HallModel, rating: { id: string; windowId: string; staffId?: string | null }, day: number): string[] {
  const catalogue = timelineOf(model).at(day);
  const period = formatPeriod(monthOfDay(day));
  const ids: string[] = [];
  for (const rule of rulesFor(catalogue, 'rating_bad')) {
    const subjects: ['window' | 'staff', string][] = [['window', rating.windowId]];
    if (rule.targets === 'window_and_staff' && rating.staffId) subjects.push(['staff', rating.staffId]);
    for (const [subjectType, subjectId] of subjects) ids.push(lineItemId({ subjectType, subjectId, ruleCode: rule.code, seed: rating.id }, period));
  }
  return ids;
}

/** The earliest upheld appeal of a line item the rating's `rating_bad` rules gave (`badRatingLineItemIds`), or undefined. */
export function appealVoidOf(model: HallModel, rating: EventOf<'RatingSubmitted'>, day: number): RatingVoid | undefined {
  if (model.appealDecisions.size === 0) return undefined;
  let found: Rec<'AppealDecided'> | undefined;
  for (const id of badRatingLineItemIds(model, { id: rating.id, windowId: rating.data.windowId, staffId: rating.data.staffId }, day)) {
    // As the scorer reads it: the line item's latest decision says whether it stands.
    const decision = latest(model.appealDecisions.get(id));
    if (decision?.e.data.upheld && (!found || byTime(decision, found) < 0)) found = decision;
  }
  return found ? { eventId: found.id, t: found.t, by: 'appeal' } : undefined;
}
