import type { AssessmentEvent } from '@hall/contracts';
import { hallClock } from '@hall/scoring';
import type { HallState } from './hall-state.ts';
import { leaveMonths, monthsBetween, ratingsReached } from './touched-months.ts';

/**
 * The months an event is "dated in", for late-event lists: the months whose
 * scores it can change. The month it names (peer reviews, adjustments, appeal
 * decisions); for leave events the months of the leave's days, under every
 * approval of it (a rejection, a substitute or a re-approval changes those
 * months, whenever it arrives); for a completion or a case event, also the
 * months of the ratings it verifies; for a void, the months of what it voids; else
 * the month of its occurredAt. Bookkeeping events of the service are dated in
 * no month.
 */
export function eventPeriods(event: AssessmentEvent, state: HallState): string[] {
  switch (event.type) {
    case 'HallCreated':
    case 'RuleCatalogueVersionPublished':
    case 'PeriodAdvanced':
    case 'AppealFiled':
      return [];
    case 'PeerReviewSubmitted':
    case 'ScoreAdjusted':
    case 'AppealDecided':
      return [event.data.period];
    case 'LeaveApproved':
    case 'LeaveRejected':
    case 'SubstituteAssigned': {
      const months = leaveMonths(state, event.data.leaveId);
      if (event.type === 'LeaveApproved') months.push(...monthsBetween(event.data.from, event.data.to));
      return months.length > 0 ? [...new Set(months)].sort() : [ownMonth(event, state)];
    }
    case 'ServiceCompleted':
    case 'CaseAccepted':
    case 'CaseCompleted': {
      // They also verify ratings, which may be dated in an earlier month.
      const clock = hallClock(state.hall.timezone);
      const months = new Set([ownMonth(event, state), ...ratingsReached(event, state).map((r) => clock.month(r.t))]);
      return [...months].sort();
    }
    case 'EventVoided': {
      const voided = state.eventById(event.data.voidedEventId);
      return voided ? eventPeriods(voided, state) : [ownMonth(event, state)];
    }
    default:
      return [ownMonth(event, state)];
  }
}

function ownMonth(event: AssessmentEvent, state: HallState): string {
  return hallClock(state.hall.timezone).month(Date.parse(event.occurredAt));
}
