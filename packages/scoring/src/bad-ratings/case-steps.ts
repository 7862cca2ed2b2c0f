import type { BadRatingCaseEventType } from '../model/hall-model.ts';
import { type Rec, byTime } from '../model/records.ts';
import type { BadRatingCase, CaseStepState, CaseTimelineEntry } from './bad-rating-case.ts';
import { caseMarkEventId } from './derived-ids.ts';

/** What a case's own events (call-backs, plan, completion, 追评, closing, marks) make of it. */
export interface CaseSteps {
  readonly contactDone: Rec | undefined;
  readonly rectified: Rec | undefined;
  readonly planned: BadRatingCase['planned'];
  readonly followUp: BadRatingCase['followUp'];
  readonly closed: BadRatingCase['closed'];
  /** The events in order (occurredAt, then id), those without effect marked `ignored`. */
  readonly entries: CaseTimelineEntry[];
}

/**
 * Folds a case's events, in any order given: the first `reached` call-back
 * does the contact step, the first completion the rectification, one 追评
 * after the completion counts, the first closing closes. Pure.
 */
export function foldCaseSteps(events: readonly Rec<BadRatingCaseEventType>[]): CaseSteps {
  let contactDone: Rec | undefined;
  let planned: BadRatingCase['planned'] = null;
  let rectified: Rec | undefined;
  let followUp: BadRatingCase['followUp'] = null;
  let closed: BadRatingCase['closed'] = null;
  const entries: CaseTimelineEntry[] = [];
  for (const rec of [...events].sort(byTime)) {
    let ignored = false;
    const e = rec.e;
    switch (e.type) {
      case 'BadRatingContactMade':
        if (e.data.outcome === 'reached' && !contactDone) contactDone = rec;
        break;
      case 'BadRatingRectificationPlanned':
        planned ??= { eventId: rec.id, at: e.occurredAt };
        break;
      case 'BadRatingRectificationCompleted':
        if (rectified) ignored = true;
        else rectified = rec;
        break;
      case 'BadRatingFollowUpRated':
        // One 追评, and only after the rectification was completed.
        if (followUp || !rectified || rec.t < rectified.t) ignored = true;
        else followUp = { eventId: rec.id, level: e.data.level, at: e.occurredAt };
        break;
      case 'BadRatingCaseClosed':
        if (closed) ignored = true;
        else closed = { eventId: rec.id, t: rec.t, at: e.occurredAt, resolution: e.data.resolution };
        break;
      case 'BadRatingCaseWarned':
      case 'BadRatingCaseOverdue':
        break;
      default: {
        const unhandled: never = e;
        throw new Error(`not a bad-rating case event: ${(unhandled as { type: string }).type}`);
      }
    }
    entries.push(ignored ? { eventId: rec.id, type: e.type, at: e.occurredAt, ignored: true } : { eventId: rec.id, type: e.type, at: e.occurredAt });
  }
  return { contactDone, rectified, planned, followUp, closed, entries };
}

/**
 * A case already folded, re-folded over `events`: all of its own events (those
 * folded before and new ones, less any voided since; the marks too). The rating, its deadlines and a void stay as
 * they were; what the steps decide follows `foldCaseSteps`, exactly as a fold
 * of the whole history would. For a case whose 差评 the hall's bounded state no
 * longer holds (a final month's), so a late step still counts (decision 1431).
 */
export function restepCase(c: BadRatingCase, events: readonly Rec<BadRatingCaseEventType>[]): BadRatingCase {
  const steps = foldCaseSteps(events);
  const ids = new Set(events.map((e) => e.id));
  const step = (s: CaseStepState, done: Rec | undefined): CaseStepState => {
    const mark = (kind: 'warning' | 'overdue') => {
      const id = caseMarkEventId(c.caseId, kind, s.step, s.dueAt);
      return ids.has(id) ? id : null;
    };
    return {
      ...s,
      done: done ? { eventId: done.id, t: done.t, at: done.e.occurredAt } : null,
      warningEventId: mark('warning'),
      overdueEventId: mark('overdue'),
    };
  };
  const rating = c.timeline.filter((entry) => entry.type === 'RatingSubmitted');
  const voids = c.timeline.filter((entry) => entry.type === 'EventVoided' || entry.type === 'AppealDecided');
  return {
    ...c,
    contact: c.contact ? step(c.contact, steps.contactDone) : null,
    rectification: step(c.rectification, steps.rectified),
    planned: steps.planned,
    followUp: steps.followUp,
    closed: steps.closed,
    timeline: [...rating, ...steps.entries, ...voids],
  };
}
