import type { AssessmentEvent, EventOf } from '@hall/contracts';
import { MS_PER_DAY, monthDays, monthOfDay, parseInstant, parseIsoDate } from '../calendar/civil-days.ts';
import { type HallClock, hallClock } from '../calendar/hall-clock.ts';
import type { WorkingCalendar } from '../calendar/working-days.ts';
import type { CatalogueTimeline } from '../catalogue/compiled-catalogue.ts';
import { type CompletionRec, type EventRec, type RatingRec, type Rec, earliest, push } from './records.ts';
import { effectiveVoids } from './effective-voids.ts';
import type { AssignmentIndex } from './assignments.ts';
import { EventIndex, hashId, withoutRepeatedIds } from './event-index.ts';
import { sortByTime } from './sorting.ts';
import { NO_TICKET, TicketBook } from './ticket-book.ts';

export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

/** The event types that belong to a bad-rating case. */
export type BadRatingCaseEventType =
  | 'BadRatingContactMade'
  | 'BadRatingRectificationPlanned'
  | 'BadRatingRectificationCompleted'
  | 'BadRatingFollowUpRated'
  | 'BadRatingCaseClosed'
  | 'BadRatingCaseWarned'
  | 'BadRatingCaseOverdue';

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
    badRatingOverdue: [],
  };
}

export interface MonthBucket {
  /** First and last hall-local epoch day of the month. */
  readonly first: number;
  readonly last: number;
  readonly completions: CompletionRec[];
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
  /** Overdue marks of bad-rating cases, by their occurredAt (the deadline passed). */
  readonly badRatingOverdue: Rec<'BadRatingCaseOverdue'>[];
}

/** Chunks of kiosk ratings by instant: ⌊t / 30 days⌋, monotonic in t whatever the timezone. */
const KIOSK_CHUNK_MS = 30 * MS_PER_DAY;

interface KioskChunk {
  readonly recs: RatingRec[];
  sorted: boolean;
}

/**
 * One window's kiosk ratings in 30-day chunks of instants, each sorted by
 * occurredAt then id when first read after a change, which also stamps each
 * rating with its position in the chunk (`kioskIndex`): finding the rating
 * just before another costs a sort of its chunk (once), never a search or a
 * pass over the window's whole history.
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
      rec.kioskIndex = 0;
      this.chunks.set(key, { recs: [rec], sorted: true });
      if (key < this.firstChunk) this.firstChunk = key;
    }
  }

  private sortedChunk(key: number): RatingRec[] | undefined {
    const chunk = this.chunks.get(key);
    if (!chunk) return undefined;
    if (!chunk.sorted) {
      const recs = sortByTime(chunk.recs);
      for (let i = 0; i < recs.length; i++) recs[i].kioskIndex = i;
      chunk.sorted = true;
    }
    return chunk.recs;
  }

  /** The kiosk rating of this window just before `rating` (occurredAt, then id); `rating` must be held. */
  previous(rating: RatingRec): RatingRec | undefined {
    let key = Math.floor(rating.t / KIOSK_CHUNK_MS);
    const list = this.sortedChunk(key)!;
    if (rating.kioskIndex > 0) return list[rating.kioskIndex - 1];
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
  readonly events: EventIndex;
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
  readonly tickets: TicketBook;
  readonly cases: Map<string, CaseFacts>;
  /** Ratings naming a ticket are held by the `TicketBook`; these name a case. */
  readonly ratingsByCase: Map<string, RatingRec[]>;
  /** Kiosk ratings per window. */
  readonly kioskRatings: Map<string, KioskRatings>;
  readonly complaintVerifications: Map<string, Rec<'ComplaintVerified'>[]>;
  readonly commendations: Map<string, Rec<'CommendationRecorded'>[]>;
  readonly leaves: Map<string, Rec<'LeaveApproved'>[]>;
  readonly rejectedLeaves: Set<string>;
  readonly substitutedLeaves: Map<string, string[]>;
  readonly appealDecisions: Map<string, Rec<'AppealDecided'>[]>;
  /** Events of each bad-rating case (client events and the service's marks), by case id. */
  readonly badRatingCaseEvents: Map<string, Rec<BadRatingCaseEventType>[]>;
  /** `RatingDefaulted` events by ticket id. */
  readonly ratingDefaults: Map<string, Rec<'RatingDefaulted'>[]>;
  readonly months: Map<number, MonthBucket>;
  /** The bucket the last dated event went to (a hall's events come in runs of one month). */
  hotBucket: MonthBucket | null;
  /** Derived caches, dropped when an event they depend on arrives. */
  cache: { timeline?: CatalogueTimeline; calendar?: WorkingCalendar; assignments?: AssignmentIndex };
}

function emptyModel(events: EventIndex = new EventIndex()): HallModel {
  return {
    events,
    timeZone: DEFAULT_TIMEZONE,
    clock: hallClock(DEFAULT_TIMEZONE),
    voided: new Set(),
    catalogues: [],
    calendarSets: [],
    windowEvents: new Map(),
    assignmentEvents: new Map(),
    staffRegistrations: new Map(),
    serviceItems: new Map(),
    tickets: new TicketBook(),
    cases: new Map(),
    ratingsByCase: new Map(),
    kioskRatings: new Map(),
    complaintVerifications: new Map(),
    commendations: new Map(),
    leaves: new Map(),
    rejectedLeaves: new Set(),
    substitutedLeaves: new Map(),
    appealDecisions: new Map(),
    badRatingCaseEvents: new Map(),
    ratingDefaults: new Map(),
    months: new Map(),
    hotBucket: null,
    cache: {},
  };
}

/**
 * Folds a hall's history (any order) into a model. Events with a repeated id
 * after the first are ignored.
 *
 * One pass indexes the events as if no id repeated and the hall had the
 * timezone it most likely has (see `likelyTimeZone`); when an id does repeat,
 * the effective timezone turns out different or some `EventVoided` takes
 * effect, the model is indexed again from the events it holds. The result is
 * the same either way.
 */
export function buildHallModel(events: Iterable<AssessmentEvent>): HallModel {
  const list = Array.isArray(events) ? (events as AssessmentEvent[]).slice() : [...events];
  const model = emptyModel(new EventIndex(list));
  const guess = likelyTimeZone(list);
  setTimeZone(model, guess);
  const { setup, idHashes } = indexAll(model);
  const distinct = withoutRepeatedIds(list, idHashes);
  if (distinct !== list) {
    reindex(model, new EventIndex(distinct));
    return model;
  }
  const { voided, timeZone } = effectiveSetup(setup);
  if (voided.size > 0 || timeZone !== guess) reindex(model);
  return model;
}

/**
 * Adds one event to a model in place (and returns it). The result equals
 * `buildHallModel` of all the events held. An `EventVoided` or `HallCreated`
 * re-indexes the whole model (they are rare and change how others count).
 */
export function applyEvent(model: HallModel, event: AssessmentEvent): HallModel {
  if (!model.events.add(event)) return model;
  if (event.type === 'EventVoided' || event.type === 'HallCreated') reindex(model);
  else if (!model.voided.has(event.id)) index(model, event);
  return model;
}

/** The events that decide how all others are indexed. */
interface Setup {
  readonly voids: EventOf<'EventVoided'>[];
  readonly halls: EventOf<'HallCreated'>[];
}

/** What a model's setup events decide: the voided ids and the hall's timezone (its earliest effective `HallCreated`). */
function effectiveSetup({ voids, halls }: Setup): { voided: Set<string>; timeZone: string } {
  const voided = effectiveVoids(voids);
  const hallRecs: EventRec<EventOf<'HallCreated'>>[] = [];
  for (const event of halls) {
    if (!voided.has(event.id)) hallRecs.push({ id: event.id, t: parseInstant(event.occurredAt), day: 0, e: event });
  }
  return { voided, timeZone: earliest(hallRecs)?.e.data.timezone ?? DEFAULT_TIMEZONE };
}

/**
 * The timezone of a `HallCreated` among the first events (a history in append
 * order starts with it), else the default one; an unknown zone is no guess
 * (only the effective one may throw). Not a scan of all the events: that cost
 * more than it saves, as a wrong guess only costs indexing again.
 */
function likelyTimeZone(events: readonly AssessmentEvent[]): string {
  const end = Math.min(events.length, BLOCK);
  for (let i = 0; i < end; i++) {
    const event = events[i];
    if (event.type === 'HallCreated') return isKnownTimeZone(event.data.timezone) ? event.data.timezone : DEFAULT_TIMEZONE;
  }
  return DEFAULT_TIMEZONE;
}

function isKnownTimeZone(timeZone: string): boolean {
  try {
    hallClock(timeZone);
    return true;
  } catch {
    return false;
  }
}

function setTimeZone(model: HallModel, timeZone: string): void {
  model.timeZone = timeZone;
  model.clock = hallClock(timeZone);
}

/** Indexes every event held (by `held`, which replaces the model's) again, from scratch, after its setup changed. */
function reindex(model: HallModel, held = model.events): void {
  const events = held.values();
  const setup: Setup = { voids: [], halls: [] };
  for (const event of events) {
    if (event.type === 'EventVoided') setup.voids.push(event);
    else if (event.type === 'HallCreated') setup.halls.push(event);
  }
  const { voided, timeZone } = effectiveSetup(setup);
  const clock = hallClock(timeZone); // throws for an unknown zone, before the model changes
  Object.assign(model, emptyModel(held), { voided, timeZone, clock });
  forEachBlock(events, (event) => {
    if (event.type !== 'EventVoided' && event.type !== 'HallCreated' && !voided.has(event.id)) index(model, event);
  });
}

/** Indexes every event held but the setup events, which are returned, with every event's `hashId`. */
function indexAll(model: HallModel): { setup: Setup; idHashes: Uint32Array } {
  const events = model.events.values();
  const setup: Setup = { voids: [], halls: [] };
  const idHashes = new Uint32Array(events.length);
  forEachBlock(events, (event, i) => {
    idHashes[i] = hashId(event.id);
    if (event.type === 'EventVoided') setup.voids.push(event);
    else if (event.type === 'HallCreated') setup.halls.push(event);
    else index(model, event);
  });
  return { setup, idHashes };
}

/** Events are folded in blocks of this many, each read ahead by `readAhead`. */
const BLOCK = 256;
/** Where `readAhead` leaves what it read, so the reads are not optimised away. */
let readAheadSum = 0;

/** `fold` of each event, in order, a block at a time, each block read ahead. */
function forEachBlock(events: readonly AssessmentEvent[], fold: (event: AssessmentEvent, i: number) => void): void {
  for (let from = 0; from < events.length; from += BLOCK) {
    const to = Math.min(events.length, from + BLOCK);
    readAhead(events, from, to);
    for (let i = from; i < to; i++) fold(events[i], i);
  }
}

/**
 * Reads the id, instant and data (with its ticket id) of each event in
 * `events[from..to)`. A hall's events lie scattered in memory, and the
 * indexer's loop is too long for the CPU to start fetching the next events
 * while it works on one: their cache misses came one after another. In this
 * short loop they overlap, and indexing the block then finds its events in
 * cache (on the bench's month the build takes about 30 % less time).
 */
function readAhead(events: readonly AssessmentEvent[], from: number, to: number): void {
  let sum = 0;
  for (let i = from; i < to; i++) {
    const event = events[i];
    const ticketId = (event.data as { ticketId?: string }).ticketId;
    sum += event.id.length + event.occurredAt.length + (ticketId === undefined ? 0 : ticketId.length);
  }
  readAheadSum = sum;
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
