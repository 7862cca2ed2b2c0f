import type { AssessmentEvent } from '@hall/contracts';
import { hallClock } from '@hall/scoring';

/**
 * The month an event is "dated in", for late-event lists: the month it names
 * (peer reviews, adjustments, appeal decisions), else the month of its
 * occurredAt. Bookkeeping events of the service are dated in no month.
 */
export function eventPeriod(event: AssessmentEvent, timeZone: string): string | null {
  switch (event.type) {
    case 'HallCreated':
    case 'RuleCatalogueVersionPublished':
    case 'PeriodAdvanced':
    case 'AppealFiled':
      return null;
    case 'PeerReviewSubmitted':
    case 'ScoreAdjusted':
    case 'AppealDecided':
      return event.data.period;
    default:
      return hallClock(timeZone).month(Date.parse(event.occurredAt));
  }
}
