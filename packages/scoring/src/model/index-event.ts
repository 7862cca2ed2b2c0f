import type { AssessmentEvent } from '@hall/contracts';
import { monthDays, monthOfDay, parseInstant, parseIsoDate } from '../calendar/civil-days.ts';
import type { CaseFacts, HallModel } from './hall-model-shape.ts';
import { KioskRatings } from './kiosk-ratings.ts';
import { type MonthBucket, newMonthBucket } from './month-bucket.ts';
import { type CompletionRec, type EventRec, type RatingRec, push } from './records.ts';
import { NO_TICKET } from './ticket-book.ts';

function bucket(model: HallModel, month: number): MonthBucket {
  let b = model.months.get(month);
  if (!b) {
    const { first, last } = monthDays(month);
    b = newMonthBucket(first, last);
    model.months.set(month, b);
  }
  return b;
}

function caseFacts(model: HallModel, caseId: string): CaseFacts {
  let facts = model.cases.get(caseId);
  if (!facts) {
    facts = { accepted: [], completed: [] };
    model.cases.set(caseId, facts);
  }
  return facts;
}

/** The bucket of the month holding a hall-local epoch day: the last one used when it holds the day. */
function dayBucket(model: HallModel, day: number): MonthBucket {
  const hot = model.hotBucket;
  if (hot !== null && day >= hot.first && day <= hot.last) return hot;
  const b = bucket(model, monthOfDay(day));
  model.hotBucket = b;
  return b;
}

function kiosk(model: HallModel, windowId: string): KioskRatings {
  let ratings = model.kioskRatings.get(windowId);
  if (!ratings) {
    ratings = new KioskRatings();
    model.kioskRatings.set(windowId, ratings);
  }
  return ratings;
}

function periodIndex(period: string): number {
  return Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;
}

/* The rec's generic parameter is the event's type; the switch narrows `event`, so each cast below is exact. */
export function index(model: HallModel, event: AssessmentEvent): void {
  const t = parseInstant(event.occurredAt);
  // Ticket issues, calls and starts keep only their instants (no record, no day); completions and ratings get records below.
  switch (event.type) {
    case 'TicketIssued':
      model.tickets.addIssue(model.tickets.numberOf(event.data.ticketId), t);
      return;
    case 'TicketCalled':
      model.tickets.addCall(model.tickets.numberOf(event.data.ticketId), t);
      return;
    case 'ServiceStarted':
      model.tickets.addStart(model.tickets.numberOf(event.data.ticketId), t, event.data.windowId);
      return;
    case 'ServiceCompleted': {
      const data = event.data;
      const day = model.clock.localDay(t);
      const ticket = model.tickets.numberOf(data.ticketId);
      const rec: CompletionRec = { id: event.id, t, day, e: event, windowId: data.windowId, staffId: data.staffId, ticket };
      model.tickets.addCompletion(ticket, rec);
      dayBucket(model, day).completions.push(rec);
      return;
    }
    case 'RatingSubmitted': {
      const data = event.data;
      const day = model.clock.localDay(t);
      const ticket = data.ticketId === undefined ? NO_TICKET : model.tickets.numberOf(data.ticketId);
      const kioskRatings = data.channel === 'kiosk' ? kiosk(model, data.windowId) : null;
      const rec: RatingRec = {
        id: event.id,
        t,
        day,
        e: event,
        ratingId: data.ratingId,
        level: data.level,
        windowId: data.windowId,
        staffId: data.staffId,
        caseId: data.caseId,
        ticket,
        kiosk: kioskRatings,
        kioskIndex: 0,
        judgedIn: 0,
        verdict: 'unverified',
      };
      dayBucket(model, day).ratings.push(rec);
      if (ticket !== NO_TICKET) model.tickets.addRating(ticket, rec);
      if (data.caseId !== undefined) push(model.ratingsByCase, data.caseId, rec);
      if (kioskRatings !== null) kioskRatings.add(rec);
      return;
    }
    default:
      indexOther(model, event, { id: event.id, t, day: model.clock.localDay(t), e: event } as EventRec<never>);
  }
}

function indexOther(model: HallModel, event: AssessmentEvent, rec: EventRec<never>): void {
  const day = rec.day;
  switch (event.type) {
    case 'RuleCatalogueVersionPublished':
      model.catalogues.push(rec);
      model.cache.timeline = undefined;
      return;
    case 'CalendarDaysSet':
      model.calendarSets.push(rec);
      model.cache.calendar = undefined;
      return;
    case 'WindowOpened':
    case 'WindowClosed':
      push(model.windowEvents, event.data.windowId, rec);
      return;
    case 'StaffAssigned':
    case 'StaffUnassigned':
      push(model.assignmentEvents, event.data.staffId, rec);
      model.cache.assignments = undefined;
      return;
    case 'StaffRegistered':
      push(model.staffRegistrations, event.data.staffId, rec);
      return;
    case 'ServiceItemRegistered':
      push(model.serviceItems, event.data.serviceItemId, rec);
      return;
    case 'CaseAccepted':
      caseFacts(model, event.data.caseId).accepted.push(rec);
      dayBucket(model, day).caseAccepted.push(rec);
      return;
    case 'CaseCompleted':
      caseFacts(model, event.data.caseId).completed.push(rec);
      dayBucket(model, day).caseCompleted.push(rec);
      return;
    case 'CaseSupplementRequested':
      dayBucket(model, day).caseSupplements.push(rec);
      return;
    case 'CaseReturned':
      dayBucket(model, day).caseReturns.push(rec);
      return;
    case 'CaseResultErrorFound':
      dayBucket(model, day).caseErrors.push(rec);
      return;
    case 'CaseMaterialsLost':
      dayBucket(model, day).caseLost.push(rec);
      return;
    case 'InspectionRecorded':
      dayBucket(model, day).inspections.push(rec);
      return;
    case 'AttendanceMarked':
      dayBucket(model, day).attendance.push(rec);
      return;
    case 'ComplaintVerified':
      push(model.complaintVerifications, event.data.complaintId, rec);
      dayBucket(model, day).complaints.push(rec);
      return;
    case 'CommendationRecorded':
      push(model.commendations, event.data.commendationId, rec);
      dayBucket(model, day).commendations.push(rec);
      return;
    case 'PeerReviewSubmitted':
      bucket(model, periodIndex(event.data.period)).peerReviews.push(rec);
      return;
    case 'ScoreAdjusted':
      bucket(model, periodIndex(event.data.period)).adjustments.push(rec);
      return;
    case 'LeaveApproved': {
      push(model.leaves, event.data.leaveId, rec);
      const last = monthOfDay(parseIsoDate(event.data.to));
      for (let m = monthOfDay(parseIsoDate(event.data.from)); m <= last; m++) bucket(model, m).leaves.push(rec);
      return;
    }
    case 'LeaveRejected':
      model.rejectedLeaves.add(event.data.leaveId);
      return;
    case 'SubstituteAssigned':
      push(model.substitutedLeaves, event.data.leaveId, event.id);
      return;
    case 'AppealDecided':
      push(model.appealDecisions, event.data.lineItemId, rec);
      return;
    case 'TicketIssued':
    case 'TicketCalled':
    case 'ServiceStarted':
    case 'ServiceCompleted':
    case 'RatingSubmitted':
    case 'HallCreated':
    case 'EventVoided':
    case 'DepartmentRegistered':
    case 'TicketNoShow':
    case 'TicketTransferred':
    case 'ComplaintReceived':
    case 'ComplaintRectified':
    case 'StaffPeerReviewScored':
    case 'AppealFiled':
    case 'PeriodAdvanced':
      return;
    case 'BadRatingCaseOverdue':
      push(model.badRatingCaseEvents, event.data.badRatingCaseId, rec);
      dayBucket(model, day).badRatingOverdue.push(rec);
      return;
    case 'BadRatingContactMade':
    case 'BadRatingRectificationPlanned':
    case 'BadRatingRectificationCompleted':
    case 'BadRatingFollowUpRated':
    case 'BadRatingCaseClosed':
    case 'BadRatingCaseWarned':
      push(model.badRatingCaseEvents, event.data.badRatingCaseId, rec);
      return;
    case 'RatingDefaulted':
      push(model.ratingDefaults, event.data.ticketId, rec);
      return;
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event type ${(unhandled as AssessmentEvent).type}`);
    }
  }
}
