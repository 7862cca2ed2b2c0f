import type { AssessmentEvent } from '@hall/contracts';
import { hallClock, type HallModel } from '@hall/scoring';

/**
 * What placing an event in months reads: the hall's timezone, the events it
 * may name and the model's tickets, cases and leaves. A `HallState` is one; a
 * late-event list adds the events a state left behind (reads.ts).
 */
export interface ReachFacts {
  readonly hall: { readonly timezone: string };
  eventById(id: string): AssessmentEvent | undefined;
  readonly model: Pick<HallModel, 'tickets' | 'ratingsByCase' | 'leaves'>;
}

export function monthsBetween(fromDate: string, toDate: string): string[] {
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
 * Which months an event reaches beyond the month of its occurredAt: the one
 * home of that knowledge (the projection's re-scoring and the late-event
 * lists both read it). A new event type is a compile error here until it is
 * placed.
 */
type Reach =
  /** Only the month of its occurredAt. */
  | { kind: 'own' }
  /** The service's bookkeeping: dated in no month, but re-scoring starts at the month it names, if any. */
  | { kind: 'bookkeeping'; period?: string }
  /** The month it names (peer reviews, adjustments, appeal decisions). */
  | { kind: 'named'; period: string }
  /** The months of a leave's days, under every approval of it; `from`: the first day a new approval names. */
  | { kind: 'leave'; months: string[]; from?: string }
  /** Its own month and those of the ratings it verifies (docs/domain.md §5). */
  | { kind: 'ratings'; months: string[] }
  /** Whatever the voided event reached (its own month when that is unknown). */
  | { kind: 'void'; voided: AssessmentEvent | undefined };

const OWN: Reach = { kind: 'own' };

function reachOf(event: AssessmentEvent, state: ReachFacts): Reach {
  switch (event.type) {
    case 'HallCreated':
      return { kind: 'bookkeeping' };
    // A version may take effect in an earlier month that is not final yet: re-score from there, as a replay would.
    case 'RuleCatalogueVersionPublished':
      return { kind: 'bookkeeping', period: event.data.effectiveFrom.slice(0, 7) };
    case 'PeriodAdvanced':
    case 'AppealFiled':
      return { kind: 'bookkeeping', period: event.data.period };
    case 'PeerReviewSubmitted':
    case 'ScoreAdjusted':
    case 'AppealDecided':
      return { kind: 'named', period: event.data.period };
    case 'LeaveApproved':
    case 'LeaveRejected':
    case 'SubstituteAssigned': {
      // A re-approval moves the leave's days: the old and the new range both change.
      const months = leaveMonths(state, event.data.leaveId);
      if (event.type !== 'LeaveApproved') return { kind: 'leave', months };
      months.push(...monthsBetween(event.data.from, event.data.to));
      return { kind: 'leave', months, from: event.data.from };
    }
    case 'ServiceCompleted':
    case 'CaseAccepted':
    case 'CaseCompleted': {
      // They verify ratings, which may be dated in an earlier month (clocks differ).
      const clock = hallClock(state.hall.timezone);
      return { kind: 'ratings', months: ratingsReached(event, state).map((r) => clock.month(r.t)) };
    }
    case 'EventVoided':
      return { kind: 'void', voided: state.eventById(event.data.voidedEventId) };
    case 'DepartmentRegistered':
    case 'WindowOpened':
    case 'WindowClosed':
    case 'StaffRegistered':
    case 'StaffAssigned':
    case 'StaffUnassigned':
    case 'ServiceItemRegistered':
    case 'CalendarDaysSet':
    case 'TicketIssued':
    case 'TicketCalled':
    case 'TicketNoShow':
    case 'TicketTransferred':
    case 'ServiceStarted':
    case 'CaseSupplementRequested':
    case 'CaseReturned':
    case 'CaseResultErrorFound':
    case 'CaseMaterialsLost':
    case 'RatingSubmitted':
    case 'InspectionRecorded':
    case 'ComplaintReceived':
    case 'ComplaintVerified':
    case 'ComplaintRectified':
    case 'AttendanceMarked':
    case 'StaffPeerReviewScored':
    case 'CommendationRecorded':
    // The bad-rating loop: its marks and case steps are scored, when a catalogue
    // version turns their rules on, in the month they are dated (decision 1201).
    case 'RatingDefaulted':
    case 'BadRatingContactMade':
    case 'BadRatingRectificationPlanned':
    case 'BadRatingRectificationCompleted':
    case 'BadRatingFollowUpRated':
    case 'BadRatingCaseClosed':
    case 'BadRatingCaseWarned':
    case 'BadRatingCaseOverdue':
      return OWN;
    default: {
      const unplaced: never = event;
      throw new Error(`no months known for event type ${(unplaced as { type: string }).type}`);
    }
  }
}

function ownMonth(event: AssessmentEvent, state: ReachFacts): string {
  return hallClock(state.hall.timezone).month(Date.parse(event.occurredAt));
}

const earlier = (a: string, b: string) => (a < b ? a : b);

/**
 * The earliest month an event can change. Facts only reach forward in time (a
 * case accepted in May is overdue in June; a ticket completed before its
 * rating), so re-scoring from this month on is enough.
 */
export function earliestTouchedMonth(event: AssessmentEvent, state: ReachFacts): string {
  const own = ownMonth(event, state);
  const reach = reachOf(event, state);
  switch (reach.kind) {
    case 'own':
      return own;
    case 'bookkeeping':
      return reach.period === undefined ? own : earlier(reach.period, own);
    case 'named':
      return earlier(reach.period, own);
    case 'leave':
      return reach.months.reduce(earlier, reach.from === undefined ? own : earlier(reach.from.slice(0, 7), own));
    case 'ratings':
      return reach.months.reduce(earlier, own);
    case 'void':
      return reach.voided ? earlier(earliestTouchedMonth(reach.voided, state), own) : own;
  }
}

/**
 * The months an event is "dated in", for late-event lists: the months whose
 * scores it can change. The month it names; for leave events the months of
 * the leave's days (its own month for a leave never approved); for a
 * completion or a case event, also the months of the ratings it verifies; for
 * a void, the months of what it voids; else the month of its occurredAt.
 * Bookkeeping events of the service are dated in no month. Sorted, distinct.
 */
export function eventPeriods(event: AssessmentEvent, state: ReachFacts): string[] {
  const reach = reachOf(event, state);
  switch (reach.kind) {
    case 'own':
      return [ownMonth(event, state)];
    case 'bookkeeping':
      return [];
    case 'named':
      return [reach.period];
    case 'leave':
      return reach.months.length > 0 ? [...new Set(reach.months)].sort() : [ownMonth(event, state)];
    case 'ratings':
      return [...new Set([ownMonth(event, state), ...reach.months])].sort();
    case 'void':
      return reach.voided ? eventPeriods(reach.voided, state) : [ownMonth(event, state)];
  }
}

/** The ratings a completion or a case event can verify: those of its ticket or case. */
export function ratingsReached(event: AssessmentEvent, state: ReachFacts): ReadonlyArray<{ t: number }> {
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
export function leaveMonths(state: ReachFacts, leaveId: string): string[] {
  const months: string[] = [];
  for (const approval of state.model.leaves.get(leaveId) ?? []) months.push(...monthsBetween(approval.e.data.from, approval.e.data.to));
  return months;
}
