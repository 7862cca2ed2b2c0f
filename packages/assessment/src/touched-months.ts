import type { AssessmentEvent } from '@hall/contracts';
import { hallClock } from '@hall/scoring';
import type { HallState } from './hall-state.ts';

function monthsBetween(fromDate: string, toDate: string): string[] {
  const out: string[] = [];
  let [y, m] = [Number(fromDate.slice(0, 4)), Number(fromDate.slice(5, 7))];
  const [ty, tm] = [Number(toDate.slice(0, 4)), Number(toDate.slice(5, 7))];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
  }
  return out;
}

/**
 * The earliest month an event can change. Facts only reach forward in time (a
 * case accepted in May is overdue in June; a ticket completed before its
 * rating), so re-scoring from this month on is enough.
 */
export function earliestTouchedMonth(event: AssessmentEvent, state: HallState): string {
  const own = hallClock(state.hall.timezone).month(Date.parse(event.occurredAt));
  let other: string | undefined;
  switch (event.type) {
    case 'PeerReviewSubmitted':
    case 'ScoreAdjusted':
    case 'AppealFiled':
    case 'AppealDecided':
    case 'PeriodAdvanced':
      other = event.data.period;
      break;
    case 'LeaveApproved':
    case 'LeaveRejected':
    case 'SubstituteAssigned': {
      // The leave's days under every approval of it (a re-approval moves them: both ranges change).
      const months = leaveMonths(state, event.data.leaveId);
      if (event.type === 'LeaveApproved') months.push(event.data.from.slice(0, 7));
      other = months.length > 0 ? months.reduce((a, b) => (a < b ? a : b)) : undefined;
      break;
    }
    case 'ServiceCompleted':
    case 'CaseAccepted':
    case 'CaseCompleted': {
      // They verify ratings (SPEC §5), which may be dated in an earlier month (clocks differ).
      const clock = hallClock(state.hall.timezone);
      for (const rating of ratingsReached(event, state)) {
        const month = clock.month(rating.t);
        if (other === undefined || month < other) other = month;
      }
      break;
    }
    case 'EventVoided': {
      const voided = state.eventById(event.data.voidedEventId);
      if (voided) other = earliestTouchedMonth(voided, state);
      break;
    }
    default:
      return own;
  }
  return other !== undefined && other < own ? other : own;
}

export { monthsBetween };

/** The ratings a completion or a case event can verify: those of its ticket or case. */
export function ratingsReached(event: AssessmentEvent, state: HallState): ReadonlyArray<{ t: number }> {
  if (event.type === 'ServiceCompleted') {
    const n = state.model.tickets.find(event.data.ticketId);
    if (n === undefined) return [];
    const first = state.model.tickets.firstRating(n);
    return first === null ? [] : [first, ...(state.model.tickets.moreRatingsOf(n) ?? [])];
  }
  if (event.type === 'CaseAccepted' || event.type === 'CaseCompleted') return state.model.ratingsByCase.get(event.data.caseId) ?? [];
  return [];
}

/** The months the approvals of a leave cover, in order (empty for a leave never approved). */
export function leaveMonths(state: HallState, leaveId: string): string[] {
  const months: string[] = [];
  for (const approval of state.model.leaves.get(leaveId) ?? []) months.push(...monthsBetween(approval.e.data.from, approval.e.data.to));
  return months;
}
