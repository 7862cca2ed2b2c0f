import { type HallClock, hallClock } from '../calendar/hall-clock.ts';
import type { WorkingCalendar } from '../calendar/working-days.ts';
import type { CatalogueTimeline } from '../catalogue/compiled-catalogue.ts';
import type { AssignmentIndex } from './assignments.ts';
import { EventIndex } from './event-index.ts';
import type { KioskRatings } from './kiosk-ratings.ts';
import type { MonthBucket } from './month-bucket.ts';
import type { RatingRec, Rec } from './records.ts';
import { TicketBook } from './ticket-book.ts';

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


/** A model holding `events` with nothing indexed yet, in the default timezone. */
export function emptyModel(events: EventIndex = new EventIndex()): HallModel {
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
