import type { AssessmentEvent, EventOf } from '@hall/contracts';
import { MS_PER_DAY, monthDays, monthOfDay, parseInstant, parseIsoDate } from '../calendar/civil-days.ts';
import { type HallClock, hallClock } from '../calendar/hall-clock.ts';
import type { WorkingCalendar } from '../calendar/working-days.ts';
import type { CatalogueTimeline } from '../catalogue/compiled-catalogue.ts';
import { type EventRec, type RatingRec, type Rec, byTime, earliest, push } from './records.ts';
import { effectiveVoids } from './effective-voids.ts';
import type { AssignmentIndex } from './assignments.ts';

export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

/** Everything one month needs from its own month, keyed by month index. */
/** An empty bucket for the hall-local days `first`…`last` of a month. */
export function newMonthBucket(first: number, last: number): MonthBucket {
  return {
    first,
    last,
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
}

export interface MonthBucket {
  /** First and last hall-local epoch day of the month. */
  readonly first: number;
  readonly last: number;
  readonly completions: Rec<'ServiceCompleted'>[];
  readonly caseAccepted: Rec<'CaseAccepted'>[];
  readonly caseCompleted: Rec<'CaseCompleted'>[];
  readonly caseSupplements: Rec<'CaseSupplementRequested'>[];
  readonly caseReturns: Rec<'CaseReturned'>[];
  readonly caseErrors: Rec<'CaseResultErrorFound'>[];
  readonly caseLost: Rec<'CaseMaterialsLost'>[];
  readonly ratings: RatingRec[];
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

/** A `ServiceStarted`: its instant and window (all the scorer reads of it). */
export interface StartFact {
  readonly t: number;
  readonly windowId: string;
}

/**
 * What the scorer reads of one ticket, folded as its events arrive: the
 * earliest issue instant, every call and start instant, every completion and
 * rating record. The first call, start, completion and rating are held inline
 * (a ticket nearly always has one of each); further ones go to the `more…`
 * lists. Like every index of the model, it depends only on which events it
 * holds, not on their order (readers take minima and maxima).
 */
export class TicketFacts {
  /** Earliest `TicketIssued` instant; +∞ when none. */
  issuedT = Number.POSITIVE_INFINITY;
  callT = Number.NaN;
  moreCalls: number[] | null = null;
  startT = Number.NaN;
  startWindow = '';
  moreStarts: StartFact[] | null = null;
  completion: Rec<'ServiceCompleted'> | null = null;
  moreCompletions: Rec<'ServiceCompleted'>[] | null = null;
  rating: RatingRec | null = null;
  moreRatings: RatingRec[] | null = null;

  addCall(t: number): void {
    if (Number.isNaN(this.callT)) this.callT = t;
    else (this.moreCalls ??= []).push(t);
  }

  addStart(t: number, windowId: string): void {
    if (Number.isNaN(this.startT)) {
      this.startT = t;
      this.startWindow = windowId;
    } else (this.moreStarts ??= []).push({ t, windowId });
  }

  addCompletion(rec: Rec<'ServiceCompleted'>): void {
    if (this.completion === null) this.completion = rec;
    else (this.moreCompletions ??= []).push(rec);
  }

  addRating(rec: RatingRec): void {
    if (this.rating === null) this.rating = rec;
    else (this.moreRatings ??= []).push(rec);
  }

  /** The last call at or before `t` (NaN when none). */
  lastCallUpTo(t: number): number {
    let best = this.callT <= t ? this.callT : Number.NaN;
    if (this.moreCalls !== null) for (const c of this.moreCalls) if (c <= t && !(c <= best)) best = c;
    return best;
  }

  /** The last start at `windowId` at or before `t` (NaN when none). */
  lastStartUpTo(t: number, windowId: string): number {
    let best = this.startT <= t && this.startWindow === windowId ? this.startT : Number.NaN;
    if (this.moreStarts !== null) {
      for (const s of this.moreStarts) if (s.t <= t && s.windowId === windowId && !(s.t <= best)) best = s.t;
    }
    return best;
  }

  /** Whether some completion happened at `windowId`. */
  completedAt(windowId: string): boolean {
    if (this.completion === null) return false;
    if (this.completion.e.data.windowId === windowId) return true;
    if (this.moreCompletions !== null) for (const c of this.moreCompletions) if (c.e.data.windowId === windowId) return true;
    return false;
  }

  /** The latest completion at `windowId` (occurredAt, then id). */
  latestCompletionAt(windowId: string): Rec<'ServiceCompleted'> | undefined {
    let best: Rec<'ServiceCompleted'> | undefined;
    if (this.completion !== null && this.completion.e.data.windowId === windowId) best = this.completion;
    if (this.moreCompletions !== null) {
      for (const c of this.moreCompletions) if (c.e.data.windowId === windowId && (!best || byTime(c, best) > 0)) best = c;
    }
    return best;
  }
}

/** Chunks of kiosk ratings by instant: ⌊t / 30 days⌋, monotonic in t whatever the timezone. */
const KIOSK_CHUNK_MS = 30 * MS_PER_DAY;

interface KioskChunk {
  readonly recs: RatingRec[];
  sorted: boolean;
}

/**
 * One window's kiosk ratings in 30-day chunks of instants, each sorted by
 * occurredAt then id when first read after a change: finding the rating just
 * before another costs a sort of its chunk (once) and a binary search, never
 * a pass over the window's whole history.
 */
export class KioskRatings {
  private readonly chunks = new Map<number, KioskChunk>();
  private firstChunk = Number.POSITIVE_INFINITY;

  add(rec: RatingRec): void {
    const key = Math.floor(rec.t / KIOSK_CHUNK_MS);
    const chunk = this.chunks.get(key);
    if (chunk) {
      chunk.recs.push(rec);
      chunk.sorted = false;
    } else {
      this.chunks.set(key, { recs: [rec], sorted: true });
      if (key < this.firstChunk) this.firstChunk = key;
    }
  }

  private sortedChunk(key: number): RatingRec[] | undefined {
    const chunk = this.chunks.get(key);
    if (!chunk) return undefined;
    if (!chunk.sorted) {
      chunk.recs.sort(byTime);
      chunk.sorted = true;
    }
    return chunk.recs;
  }

  /** The kiosk rating of this window just before `rating` (occurredAt, then id); `rating` must be held. */
  previous(rating: RatingRec): RatingRec | undefined {
    let key = Math.floor(rating.t / KIOSK_CHUNK_MS);
    const list = this.sortedChunk(key);
    if (list) {
      let lo = 0;
      let hi = list.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (byTime(list[mid], rating) < 0) lo = mid + 1;
        else hi = mid;
      }
      if (lo > 0) return list[lo - 1];
    }
    for (key--; key >= this.firstChunk; key--) {
      const earlier = this.sortedChunk(key);
      if (earlier && earlier.length > 0) return earlier[earlier.length - 1];
    }
    return undefined;
  }
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
  /** Ratings naming a ticket are held by its `TicketFacts`; these name a case. */
  readonly ratingsByCase: Map<string, RatingRec[]>;
  /** Kiosk ratings per window. */
  readonly kioskRatings: Map<string, KioskRatings>;
  readonly complaintVerifications: Map<string, Rec<'ComplaintVerified'>[]>;
  readonly commendations: Map<string, Rec<'CommendationRecorded'>[]>;
  readonly leaves: Map<string, Rec<'LeaveApproved'>[]>;
  readonly rejectedLeaves: Set<string>;
  readonly substitutedLeaves: Map<string, string[]>;
  readonly appealDecisions: Map<string, Rec<'AppealDecided'>[]>;
  readonly months: Map<number, MonthBucket>;
  /** The bucket the last dated event went to (a hall's events come in runs of one month). */
  hotBucket: MonthBucket | null;
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
    ratingsByCase: new Map(),
    kioskRatings: new Map(),
    complaintVerifications: new Map(),
    commendations: new Map(),
    leaves: new Map(),
    rejectedLeaves: new Set(),
    substitutedLeaves: new Map(),
    appealDecisions: new Map(),
    months: new Map(),
    hotBucket: null,
    cache: {},
  };
}

/**
 * Folds a hall's history (any order) into a model. Events with a repeated id
 * after the first are ignored.
 */
export function buildHallModel(events: Iterable<AssessmentEvent>): HallModel {
  const model = emptyModel();
  holdAll(model.events, Array.isArray(events) ? (events as readonly AssessmentEvent[]) : [...events]);
  reindex(model);
  return model;
}

/**
 * Every event by id, the first of a repeated id winning, in first-arrival
 * order. One hash look-up per event on the usual path (no repeated id);
 * a repeat found on the way starts again with a look-up before each insert.
 */
function holdAll(held: Map<string, AssessmentEvent>, events: readonly AssessmentEvent[]): void {
  for (const event of events) {
    const size = held.size;
    if (held.set(event.id, event).size === size) {
      held.clear();
      for (const e of events) if (!held.has(e.id)) held.set(e.id, e);
      return;
    }
  }
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
  const halls: EventOf<'HallCreated'>[] = [];
  for (const event of model.events.values()) {
    if (event.type === 'EventVoided') voids.push(event);
    else if (event.type === 'HallCreated') halls.push(event);
  }
  const voided = effectiveVoids(voids);
  const hallRecs: EventRec<EventOf<'HallCreated'>>[] = [];
  for (const event of halls) {
    if (!voided.has(event.id)) hallRecs.push({ id: event.id, t: parseInstant(event.occurredAt), day: 0, e: event });
  }
  const hall = earliest(hallRecs);
  Object.assign(model, fresh, {
    events: model.events,
    voided,
    timeZone: hall?.e.data.timezone ?? DEFAULT_TIMEZONE,
    clock: hallClock(hall?.e.data.timezone ?? DEFAULT_TIMEZONE),
  });
  const anyVoided = voided.size > 0;
  for (const event of model.events.values()) {
    if (event.type !== 'EventVoided' && event.type !== 'HallCreated' && !(anyVoided && voided.has(event.id))) index(model, event);
  }
}

function bucket(model: HallModel, month: number): MonthBucket {
  let b = model.months.get(month);
  if (!b) {
    const { first, last } = monthDays(month);
    b = newMonthBucket(first, last);
    model.months.set(month, b);
  }
  return b;
}

function ticket(model: HallModel, ticketId: string): TicketFacts {
  let facts = model.tickets.get(ticketId);
  if (!facts) {
    facts = new TicketFacts();
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
function index(model: HallModel, event: AssessmentEvent): void {
  const t = parseInstant(event.occurredAt);
  const day = model.clock.localDay(t);
  // Ticket calls, starts and issues keep only numbers; completions and ratings get their own records below.
  switch (event.type) {
    case 'TicketIssued': {
      const facts = ticket(model, event.data.ticketId);
      if (t < facts.issuedT) facts.issuedT = t;
      return;
    }
    case 'TicketCalled':
      ticket(model, event.data.ticketId).addCall(t);
      return;
    case 'ServiceStarted':
      ticket(model, event.data.ticketId).addStart(t, event.data.windowId);
      return;
    case 'ServiceCompleted': {
      const rec: Rec<'ServiceCompleted'> = { id: event.id, t, day, e: event };
      ticket(model, event.data.ticketId).addCompletion(rec);
      dayBucket(model, day).completions.push(rec);
      return;
    }
    case 'RatingSubmitted': {
      const data = event.data;
      const rec: RatingRec = { id: event.id, t, day, e: event, judgedIn: 0, verdict: 'unverified' };
      dayBucket(model, day).ratings.push(rec);
      if (data.ticketId !== undefined) ticket(model, data.ticketId).addRating(rec);
      if (data.caseId !== undefined) push(model.ratingsByCase, data.caseId, rec);
      if (data.channel === 'kiosk') kiosk(model, data.windowId).add(rec);
      return;
    }
    default:
      indexOther(model, event, { id: event.id, t, day, e: event } as EventRec<never>);
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
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event type ${(unhandled as AssessmentEvent).type}`);
    }
  }
}
