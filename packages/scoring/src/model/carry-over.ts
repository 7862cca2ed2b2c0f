import { badRatingCaseEventTypes, type AssessmentEvent, type EventOf } from '@hall/contracts';
import { formatPeriod, monthDays, monthOfDay, parseInstant, parseIsoDate, parsePeriod } from '../calendar/civil-days.ts';
import { badRatingCaseId } from '../bad-ratings/derived-ids.ts';
import { RatingJudge } from '../score/rating-judge.ts';
import { calendarOf, timelineOf } from '../score/month-context.ts';
import type { HallModel } from './hall-model-shape.ts';

/** The catalogue defaults (docs/domain.md §5) when a hall has published no version of its own. */
const DEFAULT_RATING_AFTER_DAYS = 7;
const DEFAULT_SUSPICIOUS_GAP_SECONDS = 0;
const BAD_UP_TO_LEVEL = 2;

/** Events that describe the hall rather than a month: always carried (few, and every month reads them). */
const STATE_TYPES = new Set<string>([
  'HallCreated',
  'RuleCatalogueVersionPublished',
  'CalendarDaysSet',
  'DepartmentRegistered',
  'WindowOpened',
  'WindowClosed',
  'StaffRegistered',
  'StaffAssigned',
  'StaffUnassigned',
  'ServiceItemRegistered',
  'EventVoided',
  'PeriodAdvanced',
  // A commendation id counts once, at its earliest record: a later one in any month needs the first.
  'CommendationRecorded',
  // Quarter-scoped (民主测评), read by the quarter and year documents.
  'StaffPeerReviewScored',
]);

/** Events naming the month they count for in `data.period`. */
const PERIOD_TYPES = new Set<string>(['PeerReviewSubmitted', 'ScoreAdjusted', 'AppealFiled', 'AppealDecided']);

const TICKET_TYPES = new Set<string>(['TicketIssued', 'TicketCalled', 'ServiceStarted', 'ServiceCompleted', 'TicketNoShow', 'TicketTransferred', 'RatingDefaulted']);
const CASE_TYPES = new Set<string>(['CaseAccepted', 'CaseCompleted', 'CaseSupplementRequested', 'CaseReturned', 'CaseResultErrorFound', 'CaseMaterialsLost']);
const LEAVE_TYPES = new Set<string>(['LeaveApproved', 'LeaveRejected', 'SubstituteAssigned']);

/** What one ticket or case has in the model: its events and the facts that decide whether it is over. */
interface Thread {
  readonly events: AssessmentEvent[];
  /** Hall-local day of its latest event. */
  lastDay: number;
  /** Hall-local day of its first completion (or no-show), +∞ while unfinished. */
  finishedDay: number;
  accepted: boolean;
}

/**
 * The events of `model` that can still change the scores of months ≥ `period`
 * (decision 1411, docs/architecture.md "Carry-over"). With them, any events
 * dated in or after `period` and any event that arrives later, the scorer
 * gives every month ≥ `period` the documents the whole history gives it, as
 * long as the history keeps the horizon the decision states: a ticket's or
 * case's events (ratings, defaults) come within the catalogue's
 * `defaultRatingAfterDays` of its completion, a leave id is not approved again
 * after its days ended, a closed bad-rating case gets no new events, and a
 * case's marks fall due by its deadlines on the calendar known at the time.
 *
 * Carried: the hall's state (setup, catalogues, calendar, organisation, voids,
 * period moves, commendations, quarter scores); every event dated in a month
 * ≥ `period`; events naming such a month (peer reviews, adjustments,
 * appeals); tickets and cases not over before the month (unfinished, or
 * finished within the rating horizon of its first day); leaves whose days
 * reach the month; bad ratings whose case is not closed before the month and
 * may still get an overdue mark dated in it or later, with their ticket, case
 * events and appeals; and the kiosk ratings just
 * before any carried kiosk rating that the suspicious-gap check reads.
 */
export function carryOver(model: HallModel, period: string): AssessmentEvent[] {
  const firstDay = monthDays(parsePeriod(period)).first;
  const { ratingAfterDays, gapMs, deadlineDays } = horizons(model);
  const dayOf = (event: AssessmentEvent) => model.clock.localDay(parseInstant(event.occurredAt));

  const keep = new Set<string>();
  const tickets = new Map<string, Thread>();
  const cases = new Map<string, Thread>();
  const leaves = new Map<string, { events: AssessmentEvent[]; approved: boolean; reaches: boolean }>();
  const badRatingCases = new Map<string, { events: AssessmentEvent[]; closedBefore: boolean }>();
  const kiosk = new Map<string, { t: number; id: string }[]>();
  const badRatings = new Map<string, EventOf<'RatingSubmitted'>[]>();
  const appeals: EventOf<'AppealFiled' | 'AppealDecided'>[] = [];

  for (const event of model.events.values()) {
    const day = dayOf(event);
    if (STATE_TYPES.has(event.type)) {
      keep.add(event.id);
      continue;
    }
    if (PERIOD_TYPES.has(event.type)) {
      const named = (event.data as { period: string }).period;
      if (named >= period) keep.add(event.id);
      else if (event.type === 'AppealFiled' || event.type === 'AppealDecided') appeals.push(event);
      continue;
    }
    if (day >= firstDay) keep.add(event.id);
    if (TICKET_TYPES.has(event.type)) {
      const thread = threadOf(tickets, (event.data as { ticketId: string }).ticketId, day);
      thread.events.push(event);
      if (event.type === 'ServiceCompleted' || event.type === 'TicketNoShow') thread.finishedDay = Math.min(thread.finishedDay, day);
    } else if (CASE_TYPES.has(event.type)) {
      const thread = threadOf(cases, (event.data as { caseId: string }).caseId, day);
      thread.events.push(event);
      if (event.type === 'CaseCompleted') thread.finishedDay = Math.min(thread.finishedDay, day);
      if (event.type === 'CaseAccepted') thread.accepted = true;
    } else if (event.type === 'RatingSubmitted') {
      if (event.data.level <= BAD_UP_TO_LEVEL) {
        const caseId = badRatingCaseId(event.data.ratingId);
        (badRatings.get(caseId) ?? badRatings.set(caseId, []).get(caseId)!).push(event);
      }
      const { ticketId, caseId, channel, windowId } = event.data;
      if (ticketId !== undefined) {
        const thread = threadOf(tickets, ticketId, day);
        thread.events.push(event);
      }
      if (caseId !== undefined) threadOf(cases, caseId, day).events.push(event);
      if (channel === 'kiosk') (kiosk.get(windowId) ?? kiosk.set(windowId, []).get(windowId)!).push({ t: parseInstant(event.occurredAt), id: event.id });
    } else if (LEAVE_TYPES.has(event.type)) {
      const leaveId = (event.data as { leaveId: string }).leaveId;
      const leave = leaves.get(leaveId) ?? leaves.set(leaveId, { events: [], approved: false, reaches: false }).get(leaveId)!;
      leave.events.push(event);
      // A leave reaches the month when any approval of it has days in or after it.
      if (event.type === 'LeaveApproved') {
        leave.approved = true;
        if (parseIsoDate(event.data.to) >= firstDay) leave.reaches = true;
      }
    } else if (badRatingCaseEventTypes.has(event.type)) {
      const caseId = (event.data as { badRatingCaseId: string }).badRatingCaseId;
      const c = badRatingCases.get(caseId) ?? badRatingCases.set(caseId, { events: [], closedBefore: false }).get(caseId)!;
      c.events.push(event);
      if (event.type === 'BadRatingCaseClosed' && day < firstDay) c.closedBefore = true;
    }
  }

  // Tickets and cases still open at the month: unfinished, or finished too recently for their ratings and defaults to be in.
  // Past the horizon an unrated one is over too: its default (默认评价) is dated before the month and scores nothing.
  const horizonStart = firstDay - ratingAfterDays - 1;
  const carryThread = (thread: Thread, needsAcceptance: boolean) => {
    const over = thread.finishedDay < horizonStart && thread.lastDay < firstDay && (!needsAcceptance || thread.accepted);
    if (!over) for (const event of thread.events) keep.add(event.id);
  };
  for (const thread of tickets.values()) carryThread(thread, false);
  for (const thread of cases.values()) carryThread(thread, true);
  // A rejection or substitute held before its approval waits for it.
  for (const leave of leaves.values()) if (leave.reaches || !leave.approved) for (const event of leave.events) keep.add(event.id);

  // Bad ratings whose case may still get an overdue mark dated in the month or later (the one case event
  // scored; it reads the rating and its appeal void): not closed before the month, and the latest deadline
  // of its steps (end of the Nth working day after the rating) not over before the month starts.
  const judge = new RatingJudge(model, timelineOf(model));
  const calendar = calendarOf(model);
  const marksReach = (ratingDay: number) => calendar.addWorkingDays(ratingDay, deadlineDays) + 1 >= firstDay;
  let appealsFrom = period;
  for (const bucket of model.months.values()) {
    for (const rec of bucket.ratings) {
      if (rec.level > BAD_UP_TO_LEVEL || !marksReach(rec.day)) continue;
      const caseId = badRatingCaseId(rec.ratingId);
      const c = badRatingCases.get(caseId);
      if (c?.closedBefore || (c === undefined && judge.verdict(rec) !== 'counted')) continue;
      carryRating(rec.e);
    }
  }
  for (const [caseId, c] of badRatingCases) {
    if (c.closedBefore) continue;
    const ratings = badRatings.get(caseId) ?? [];
    // Marks already dated in the month or later are carried with their date; the rest of the case only while marks may come.
    if (ratings.length > 0 && !ratings.some((r) => marksReach(dayOf(r)))) continue;
    for (const event of c.events) keep.add(event.id);
    for (const rating of ratings) carryRating(rating);
  }
  function carryRating(rating: EventOf<'RatingSubmitted'>): void {
    keep.add(rating.id);
    const { ticketId, caseId } = rating.data;
    if (ticketId !== undefined) for (const event of tickets.get(ticketId)?.events ?? []) keep.add(event.id);
    if (caseId !== undefined) for (const event of cases.get(caseId)?.events ?? []) keep.add(event.id);
    const month = formatPeriod(monthOfDay(dayOf(rating)));
    if (month < appealsFrom) appealsFrom = month;
  }
  // Appeals of months before `period` matter only for the carried bad ratings' line items (an upheld one voids the case).
  for (const appeal of appeals) if (appeal.data.period >= appealsFrom) keep.add(appeal.id);

  // A carried kiosk rating is judged suspicious by the kiosk rating just before it at its window.
  if (gapMs > 0) {
    for (const list of kiosk.values()) {
      list.sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      // From the latest back: a carried rating pulls in the ones within the gap before it, which pull in theirs.
      let reachFrom = Number.POSITIVE_INFINITY;
      for (let i = list.length - 1; i >= 0; i--) {
        const { t, id } = list[i]!;
        if (t >= reachFrom) keep.add(id);
        if (keep.has(id)) reachFrom = Math.min(reachFrom, t - gapMs);
      }
    }
  }

  return model.events.values().filter((event) => keep.has(event.id));
}

function threadOf(threads: Map<string, Thread>, key: string, day: number): Thread {
  let thread = threads.get(key);
  if (!thread) {
    thread = { events: [], lastDay: day, finishedDay: Number.POSITIVE_INFINITY, accepted: false };
    threads.set(key, thread);
  } else if (day > thread.lastDay) thread.lastDay = day;
  return thread;
}

/** The longest rating horizon and suspicious gap any catalogue version of the hall sets. */
function horizons(model: HallModel): { ratingAfterDays: number; gapMs: number; deadlineDays: number } {
  let ratingAfterDays = DEFAULT_RATING_AFTER_DAYS;
  let gapSeconds = DEFAULT_SUSPICIOUS_GAP_SECONDS;
  let deadlineDays = 0;
  const sources = model.catalogues.length > 0 ? model.catalogues.map((rec) => rec.e.data) : [timelineOf(model).at(0).source];
  for (const { settings } of sources) {
    ratingAfterDays = Math.max(ratingAfterDays, settings.defaultRatingAfterDays);
    gapSeconds = Math.max(gapSeconds, settings.suspiciousRatingGapSeconds);
    deadlineDays = Math.max(deadlineDays, settings.badRatingContactWorkingDays, settings.badRatingRectificationWorkingDays);
  }
  return { ratingAfterDays, gapMs: gapSeconds * 1000, deadlineDays };
}
