import { z } from 'zod';
import { entityId, monthPeriod } from '../primitives.ts';

/**
 * The bad-rating cases (差评整改) as the API reads them (docs/integration.md
 * "Bad-rating cases"). Instants are ISO 8601 UTC. Flags are as of `asOf`.
 */

export const badRatingCaseStatus = z.enum(['open', 'due_soon', 'overdue', 'closed', 'void']);
export type BadRatingCaseStatusName = z.infer<typeof badRatingCaseStatus>;

/** One step with a deadline: the call-back (回访) or the rectification (整改). */
export const badRatingCaseStepView = z.object({
  step: z.enum(['contact', 'rectification']),
  /** The deadline: end of the Nth working day after the rating's day, hall time. */
  dueAt: z.string(),
  /** When the catalogue's share (80 %) of the step's working time passed. */
  warnAt: z.string(),
  /** The warning time passed before the step was done (or the case closed or voided). */
  warned: z.boolean(),
  /** The deadline passed before the step was done (or the case closed or voided). */
  overdue: z.boolean(),
  /** When the step was done (a `reached` call-back, a completed rectification); null while undone. */
  doneAt: z.string().nullable(),
  doneEventId: z.string().nullable(),
  /** The scheduler's marks already in the history (`BadRatingCaseWarned`, `BadRatingCaseOverdue`), or null. */
  warningEventId: z.string().nullable(),
  overdueEventId: z.string().nullable(),
});

const eventAt = z.object({ eventId: z.string(), at: z.string() });

export const badRatingCaseView = z.object({
  caseId: z.string(),
  status: badRatingCaseStatus,
  ratingEventId: z.string(),
  ratingId: z.string(),
  windowId: z.string(),
  staffId: z.string().nullable(),
  level: z.number().int(),
  reasons: z.array(z.string()),
  /** 实名: the citizen left contact data, so a call-back is due. */
  named: z.boolean(),
  /** The rating's month (hall time). */
  period: z.string(),
  openedAt: z.string(),
  /** The catalogue version whose deadlines the case follows (in force on the rating's day). */
  catalogueVersion: z.number().int(),
  /** Null for an anonymous rating: nobody to call back. */
  contact: badRatingCaseStepView.nullable(),
  rectification: badRatingCaseStepView,
  planned: eventAt.nullable(),
  followUp: eventAt.extend({ level: z.number().int() }).nullable(),
  closed: eventAt.extend({ resolution: z.enum(['rectified', 'not_required']) }).nullable(),
  voided: eventAt.extend({ by: z.enum(['event_voided', 'appeal']) }).nullable(),
});
export type BadRatingCaseView = z.infer<typeof badRatingCaseView>;

export const badRatingCaseList = z.object({
  /** The instant the statuses and flags are as of. */
  asOf: z.string(),
  cases: z.array(badRatingCaseView),
});
export type BadRatingCaseList = z.infer<typeof badRatingCaseList>;

/** One event of a case, in order (occurredAt, then event id). */
export const badRatingCaseTimelineEntry = z.object({
  eventId: z.string(),
  /** The event type: RatingSubmitted, a BadRating… event, EventVoided or AppealDecided. */
  kind: z.string(),
  occurredAt: z.string(),
  /** Who appended it: a client id, or `system` for the scheduler's marks and decisions. */
  clientId: z.string(),
  /** Call-back outcome (reached, unreachable), closing resolution, or appeal decision (upheld, rejected). */
  outcome: z.string().optional(),
  /** The level of the rating or the 追评. */
  level: z.number().int().optional(),
  /** Kept without effect: a second 追评, one before the rectification was completed, a second closing. */
  ignored: z.boolean(),
});

export const badRatingCaseDetail = badRatingCaseView.extend({
  asOf: z.string(),
  timeline: z.array(badRatingCaseTimelineEntry),
});
export type BadRatingCaseDetail = z.infer<typeof badRatingCaseDetail>;

export const badRatingCaseQuery = z.strictObject({
  period: monthPeriod.optional(),
  windowId: entityId.optional(),
  status: badRatingCaseStatus.optional(),
});
