import type { AssessmentEvent, EventOf } from '@hall/contracts';
import { monthOfDay, parseInstant, parseIsoDate } from '../calendar/civil-days.ts';
import { type HallClock, hallClock } from '../calendar/hall-clock.ts';
import type { WorkingCalendar } from '../calendar/working-days.ts';
import type { CatalogueTimeline } from '../catalogue/compiled-catalogue.ts';
import { type EventRec, type Rec, earliest, push } from './records.ts';
import { effectiveVoids } from './effective-voids.ts';
import type { AssignmentIndex } from './assignments.ts';

export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

/** Everything one month needs from its own month, keyed by month index. */
export interface MonthBucket {
  readonly completions: Rec<'ServiceCompleted'>[];
  readonly caseAccepted: Rec<'CaseAccepted'>[];
  readonly caseCompleted: Rec<'CaseCompleted'>[];
  readonly caseSupplements: Rec<'CaseSupplementRequested'>[];
  readonly caseReturns: Rec<'CaseReturned'>[];
  readonly caseErrors: Rec<'CaseResultErrorFound'>[];
  readonly caseLost: Rec<'CaseMaterialsLost'>[];
  readonly ratings: Rec<'RatingSubmitted'>[];
  readonly inspections: Rec<'InspectionRecorded'>[];
  readonly attendance: Rec<'AttendanceMarked'>[];
  readonly complaints: Rec<'ComplaintVerified'>[];
  readonly commendations: Rec<'CommendationRecorded'>[];
  /** By the review's `period` field. */
  readonly peerReviews: Rec<'PeerReviewSubmitted'>[];
  /** By the adjustment's `period` field. */
  readonly adjustments: Rec<'ScoreAdjusted'>[];
  /** Every approval whose date range touches the month. */
  readonly leaves: Rec<'LeaveApproved'>[];
}

export interface TicketFacts {
  readonly issued: Rec<'TicketIssued'>[];
  readonly calls: Rec<'TicketCalled'>[];
  readonly starts: Rec<'ServiceStarted'>[];
  readonly completions: Rec<'ServiceCompleted'>[];
}

export interface CaseFacts {
  readonly accepted: Rec<'CaseAccepted'>[];
  readonly completed: Rec<'CaseCompleted'>[];
}

/**
 * A hall's history folded into indexes the scorer reads month by month. Every
 * index is a set (lists whose order never matters: readers sort or take the
 * latest by occurredAt then id), so the model depends only on which events it
 * holds, never on the order they came in: `applyEvent` one by one equals
 * `buildHallModel` of them all.
 */
export interface HallModel {
  /** Every event held, by id; a second event with a known id is ignored. */
  readonly events: Map<string, AssessmentEvent>;
  timeZone: string;
  clock: HallClock;
  /** Ids of events an effective `EventVoided` names: held, never indexed. */
  voided: ReadonlySet<string>;
  readonly catalogues: Rec<'RuleCatalogueVersionPublished'>[];
  readonly calendarSets: Rec<'CalendarDaysSet'>[];
  readonly windowEvents: Map<string, Rec<'WindowOpened' | 'WindowClosed'>[]>;
  readonly assignmentEvents: Map<string, Rec<'StaffAssigned' | 'StaffUnassigned'>[]>;
  readonly staffRegistrations: Map<string, Rec<'StaffRegistered'>[]>;
  readonly serviceItems: Map<string, Rec<'ServiceItemRegistered'>[]>;
  readonly tickets: Map<string, TicketFacts>;
  readonly cases: Map<string, CaseFacts>;
  readonly ratingsByTicket: Map<string, Rec<'RatingSubmitted'>[]>;
  readonly ratingsByCase: Map<string, Rec<'RatingSubmitted'>[]>;
  /** Kiosk ratings per window (sorted by the reader before use). */
  readonly kioskRatings: Map<string, Rec<'RatingSubmitted'>[]>;
  readonly complaintVerifications: Map<string, Rec<'ComplaintVerified'>[]>;
  readonly commendations: Map<string, Rec<'CommendationRecorded'>[]>;
  readonly leaves: Map<string, Rec<'LeaveApproved'>[]>;
  readonly rejectedLeaves: Set<string>;
  readonly substitutedLeaves: Map<string, string[]>;
  readonly appealDecisions: Map<string, Rec<'AppealDecided'>[]>;
  readonly months: Map<number, MonthBucket>;
  /** Derived caches, dropped when an event they depend on arrives. */
  cache: { timeline?: CatalogueTimeline; calendar?: WorkingCalendar; assignments?: AssignmentIndex };
}

function emptyModel(): HallModel {
  return {
    events: new Map(),
    timeZone: DEFAULT_TIMEZONE,
    clock: hallClock(DEFAULT_TIMEZONE),
    voided: new Set(),
    catalogues: [],
    calendarSets: [],
    windowEvents: new Map(),
    assignmentEvents: new Map(),
    staffRegistrations: new Map(),
    serviceItems: new Map(),
    tickets: new Map(),
    cases: new Map(),
    ratingsByTicket: new Map(),
    ratingsByCase: new Map(),
    kioskRatings: new Map(),
    complaintVerifications: new Map(),
    commendations: new Map(),
    leaves: new Map(),
    rejectedLeaves: new Set(),
    substitutedLeaves: new Map(),
    appealDecisions: new Map(),
    months: new Map(),
    cache: {},
  };
}

/**
 * Folds a hall's history (any order) into a model. Events with a repeated id
 * after the first are ignored.
 */
export function buildHallModel(events: Iterable<AssessmentEvent>): HallModel {
  const model = emptyModel();
  for (const event of events) if (!model.events.has(event.id)) model.events.set(event.id, event);
  reindex(model);
  return model;
}

/**
 * Adds one event to a model in place (and returns it). The result equals
 * `buildHallModel` of all the events held. An `EventVoided` or `HallCreated`
 * re-indexes the whole model (they are rare and change how others count).
 */
export function applyEvent(model: HallModel, event: AssessmentEvent): HallModel {
  if (model.events.has(event.id)) return model;
  model.events.set(event.id, event);
  if (event.type === 'EventVoided' || event.type === 'HallCreated') reindex(model);
  else if (!model.voided.has(event.id)) index(model, event);
  return model;
}

function reindex(model: HallModel): void {
  const fresh = emptyModel();
  const voids: EventOf<'EventVoided'>[] = [];
  const halls: EventRec<EventOf<'HallCreated'>>[] = [];
  for (const event of model.events.values()) if (event.type === 'EventVoided') voids.push(event);
  const voided = effectiveVoids(voids);
  for (const event of model.events.values()) {
    if (event.type === 'HallCreated' && !voided.has(event.id)) {
      // narrowed: event is a HallCreated
      halls.push({ id: event.id, t: parseInstant(event.occurredAt), day: 0, e: event });
    }
  }
  const hall = earliest(halls);
  Object.assign(model, fresh, {
    events: model.events,
    voided,
    timeZone: hall?.e.data.timezone ?? DEFAULT_TIMEZONE,
    clock: hallClock(hall?.e.data.timezone ?? DEFAULT_TIMEZONE),
  });
  for (const event of model.events.values()) {
    if (event.type !== 'EventVoided' && event.type !== 'HallCreated' && !voided.has(event.id)) index(model, event);
  }
}

function bucket(model: HallModel, month: number): MonthBucket {
  let b = model.months.get(month);
  if (!b) {
    b = {
      completions: [],
      caseAccepted: [],
      caseCompleted: [],
      caseSupplements: [],
      caseReturns: [],
      caseErrors: [],
      caseLost: [],
      ratings: [],
      inspections: [],
      attendance: [],
      complaints: [],
      commendations: [],
      peerReviews: [],
      adjustments: [],
      leaves: [],
    };
    model.months.set(month, b);
  }
  return b;
}

function ticket(model: HallModel, ticketId: string): TicketFacts {
  let facts = model.tickets.get(ticketId);
  if (!facts) {
    facts = { issued: [], calls: [], starts: [], completions: [] };
    model.tickets.set(ticketId, facts);
  }
  return facts;
}

function caseFacts(model: HallModel, caseId: string): CaseFacts {
  let facts = model.cases.get(caseId);
  if (!facts) {
    facts = { accepted: [], completed: [] };
    model.cases.set(caseId, facts);
  }
  return facts;
}

const monthByDay = new Map<number, number>();

/** Month index of an epoch day, memoised: a hall's events fall on few distinct days. */
function monthOf(day: number): number {
  let month = monthByDay.get(day);
  if (month === undefined) {
    month = monthOfDay(day);
    monthByDay.set(day, month);
  }
  return month;
}

function periodIndex(period: string): number {
  return Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;
}

/* The rec's generic parameter is the event's type; the switch narrows `event`, so each cast below is exact. */
function index(model: HallModel, event: AssessmentEvent): void {
  const t = parseInstant(event.occurredAt);
  const day = model.clock.localDay(t);
  const rec = { id: event.id, t, day, e: event } as EventRec<never>;
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
    case 'TicketIssued':
      ticket(model, event.data.ticketId).issued.push(rec);
      return;
    case 'TicketCalled':
      ticket(model, event.data.ticketId).calls.push(rec);
      return;
    case 'ServiceStarted':
      ticket(model, event.data.ticketId).starts.push(rec);
      return;
    case 'ServiceCompleted':
      ticket(model, event.data.ticketId).completions.push(rec);
      bucket(model, monthOf(day)).completions.push(rec);
      return;
    case 'CaseAccepted':
      caseFacts(model, event.data.caseId).accepted.push(rec);
      bucket(model, monthOf(day)).caseAccepted.push(rec);
      return;
    case 'CaseCompleted':
      caseFacts(model, event.data.caseId).completed.push(rec);
      bucket(model, monthOf(day)).caseCompleted.push(rec);
      return;
    case 'CaseSupplementRequested':
      bucket(model, monthOf(day)).caseSupplements.push(rec);
      return;
    case 'CaseReturned':
      bucket(model, monthOf(day)).caseReturns.push(rec);
      return;
    case 'CaseResultErrorFound':
      bucket(model, monthOf(day)).caseErrors.push(rec);
      return;
    case 'CaseMaterialsLost':
      bucket(model, monthOf(day)).caseLost.push(rec);
      return;
    case 'RatingSubmitted': {
      const data = event.data;
      bucket(model, monthOf(day)).ratings.push(rec);
      if (data.ticketId !== undefined) push(model.ratingsByTicket, data.ticketId, rec);
      if (data.caseId !== undefined) push(model.ratingsByCase, data.caseId, rec);
      if (data.channel === 'kiosk') push(model.kioskRatings, data.windowId, rec);
      return;
    }
    case 'InspectionRecorded':
      bucket(model, monthOf(day)).inspections.push(rec);
      return;
    case 'AttendanceMarked':
      bucket(model, monthOf(day)).attendance.push(rec);
      return;
    case 'ComplaintVerified':
      push(model.complaintVerifications, event.data.complaintId, rec);
      bucket(model, monthOf(day)).complaints.push(rec);
      return;
    case 'CommendationRecorded':
      push(model.commendations, event.data.commendationId, rec);
      bucket(model, monthOf(day)).commendations.push(rec);
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
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event type ${(unhandled as AssessmentEvent).type}`);
    }
  }
}
