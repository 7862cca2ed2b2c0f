import type { EventData } from '@hall/contracts';
import type { HallModel } from '../model/hall-model.ts';
import type { CompletionRec } from '../model/records.ts';
import { byTime } from '../model/records.ts';
import { MS_PER_DAY } from '../calendar/civil-days.ts';
import { timelineOf } from '../score/month-context.ts';
import type { BadRatingCase, CaseStepState } from './bad-rating-case.ts';
import { caseMarkEventId, ratingDefaultedEventId } from './derived-ids.ts';

/** An event the scheduler should append, with its deterministic id and business time. */
export type DueEvent =
  | { id: string; type: 'BadRatingCaseWarned'; occurredAt: string; data: EventData<'BadRatingCaseWarned'> }
  | { id: string; type: 'BadRatingCaseOverdue'; occurredAt: string; data: EventData<'BadRatingCaseOverdue'> }
  | { id: string; type: 'RatingDefaulted'; occurredAt: string; data: EventData<'RatingDefaulted'> };

/**
 * What is due at `nowT` and not yet in the history: a warning for each case
 * step undone when its warning share of working time passed, an overdue mark
 * for each undone at its deadline, and a default rating for each completed
 * ticket unrated when its days ran out. Each is dated when it fell due (not
 * `nowT`) and its id derives from what it is about, so its content depends on
 * the history only: a second run appends nothing, and a run after downtime
 * appends exactly what the runs it missed would have (once).
 *
 * A step done or a case closed after its warning passed still gets that
 * warning (it was due then; catch-up must equal live). Void cases get nothing.
 */
export function dueEvents(model: HallModel, cases: readonly BadRatingCase[], nowT: number): DueEvent[] {
  const due: DueEvent[] = [];
  for (const c of cases) {
    if (c.voided) continue;
    for (const step of [c.contact, c.rectification]) if (step) dueMarks(model, c, step, nowT, due);
  }
  dueDefaultRatings(model, nowT, due);
  return due;
}

function dueMarks(model: HallModel, c: BadRatingCase, step: CaseStepState, nowT: number, due: DueEvent[]): void {
  // The step stops its clock when done or when the case is closed, whichever comes first.
  const stopT = Math.min(step.done?.t ?? Number.POSITIVE_INFINITY, c.closed?.t ?? Number.POSITIVE_INFINITY);
  const data = {
    badRatingCaseId: c.caseId,
    step: step.step,
    dueAt: step.dueAt,
    ratingEventId: c.ratingEventId,
    windowId: c.windowId,
    ...(c.staffId === null ? {} : { staffId: c.staffId }),
  };
  const warningId = caseMarkEventId(c.caseId, 'warning', step.step, step.dueAt);
  if (step.warnT <= nowT && stopT > step.warnT && !model.events.has(warningId)) {
    due.push({ id: warningId, type: 'BadRatingCaseWarned', occurredAt: step.warnAt, data });
  }
  const overdueId = caseMarkEventId(c.caseId, 'overdue', step.step, step.dueAt);
  if (step.dueT <= nowT && stopT > step.dueT && !model.events.has(overdueId)) {
    due.push({ id: overdueId, type: 'BadRatingCaseOverdue', occurredAt: step.dueAt, data: { ...data } });
  }
}

/**
 * 默认评价: a ticket's first completion (occurredAt, then id) starts the
 * catalogue's `defaultRatingAfterDays` calendar days (24 h each); a rating of
 * the ticket dated within them, of any verdict, means the citizen rated.
 */
function dueDefaultRatings(model: HallModel, nowT: number, due: DueEvent[]): void {
  const firstCompletions = new Map<string, CompletionRec>();
  for (const bucket of model.months.values()) {
    for (const rec of bucket.completions) {
      const ticketId = rec.e.data.ticketId;
      const seen = firstCompletions.get(ticketId);
      if (!seen || byTime(rec, seen) < 0) firstCompletions.set(ticketId, rec);
    }
  }
  const timeline = timelineOf(model);
  for (const [ticketId, completion] of firstCompletions) {
    const settings = timeline.at(completion.day).source.settings;
    const dueT = completion.t + settings.defaultRatingAfterDays * MS_PER_DAY;
    if (dueT > nowT || ratedBy(model, completion.ticket, dueT)) continue;
    const id = ratingDefaultedEventId(ticketId);
    if (model.events.has(id)) continue;
    due.push({
      id,
      type: 'RatingDefaulted',
      occurredAt: new Date(dueT).toISOString(),
      data: {
        ticketId,
        windowId: completion.windowId,
        staffId: completion.staffId,
        level: settings.defaultRatingLevel,
        completionEventId: completion.id,
        completedAt: completion.e.occurredAt,
      },
    });
  }
}

function ratedBy(model: HallModel, ticket: number, dueT: number): boolean {
  const first = model.tickets.firstRating(ticket);
  if (first === null) return false;
  if (first.t <= dueT) return true;
  return (model.tickets.moreRatingsOf(ticket) ?? []).some((r) => r.t <= dueT);
}
