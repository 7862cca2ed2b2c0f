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
 * The earliest upheld appeal of a line item the rating's `rating_bad` rules
 * gave its window or staff member (the ids `ItemSink.fire` gives them: seed =
 * the rating's event id, period = its month), or undefined.
 */
export function appealVoidOf(model: HallModel, rating: EventOf<'RatingSubmitted'>, day: number): RatingVoid | undefined {
  if (model.appealDecisions.size === 0) return undefined;
  const catalogue = timelineOf(model).at(day);
  const period = formatPeriod(monthOfDay(day));
  let found: Rec<'AppealDecided'> | undefined;
  for (const rule of rulesFor(catalogue, 'rating_bad')) {
    const subjects: ['window' | 'staff', string][] = [['window', rating.data.windowId]];
    if (rule.targets === 'window_and_staff' && rating.data.staffId) subjects.push(['staff', rating.data.staffId]);
    for (const [subjectType, subjectId] of subjects) {
      const id = lineItemId({ subjectType, subjectId, ruleCode: rule.code, seed: rating.id }, period);
      // As the scorer reads it: the line item's latest decision says whether it stands.
      const decision = latest(model.appealDecisions.get(id));
      if (decision?.e.data.upheld && (!found || byTime(decision, found) < 0)) found = decision;
    }
  }
  return found ? { eventId: found.id, t: found.t, by: 'appeal' } : undefined;
}
