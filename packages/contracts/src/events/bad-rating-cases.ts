import { z } from 'zod';
import { entityId, timestamp } from '../primitives.ts';

/**
 * The bad-rating loop (差评整改闭环, docs/domain.md §3): every valid 差评 is a
 * case whose id the service derives from the rating id (`badRatingCaseId` in
 * @hall/scoring), so clients name it without asking for it. These events move
 * a case on; the case itself is folded from the rating and them.
 */
const caseRef = { badRatingCaseId: entityId };
const text = z.string().min(1).max(2000);

/**
 * 回访: the window called the citizen back. Only `reached` counts as a call-back
 * (实名差评回访率) and meets the contact deadline; `unreachable` attempts are
 * kept on the case's timeline.
 */
export const BadRatingContactMade = z.strictObject({
  ...caseRef,
  outcome: z.enum(['reached', 'unreachable']),
  /** What the citizen said of the handling so far, when reached. */
  citizenSatisfied: z.boolean().optional(),
  note: text.optional(),
}).meta({
  description: '回访: the window called the citizen who gave a 差评 back (reached or unreachable).',
  examples: [{ badRatingCaseId: 'brc-r-0917-0042', outcome: 'reached', citizenSatisfied: true, note: '已电话回访，群众表示理解' }],
});

export const BadRatingRectificationPlanned = z.strictObject({
  ...caseRef,
  plan: text,
  /** Who carries the rectification out, when not the staff member rated. */
  responsibleStaffId: entityId.optional(),
}).meta({
  description: '整改计划: how the window will rectify what the 差评 was about.',
  examples: [{ badRatingCaseId: 'brc-r-0917-0042', plan: '加强业务培训，缩短等候时间' }],
});

/** Rectification done and the citizen told of it (feedback); this meets the rectification deadline. */
export const BadRatingRectificationCompleted = z.strictObject({
  ...caseRef,
  measures: text,
  feedback: text,
}).meta({
  description: '整改完成: the rectification is done and the citizen was told (反馈).',
  examples: [{ badRatingCaseId: 'brc-r-0917-0042', measures: '增设自助填表指引', feedback: '已告知群众整改结果' }],
});

/** 追评: the citizen's one further rating of the case, after the rectification was completed. */
export const BadRatingFollowUpRated = z.strictObject({
  ...caseRef,
  /** The rated window: a kiosk posts for its own window only. */
  windowId: entityId,
  level: z.number().int().min(1).max(5),
  channel: z.enum(['kiosk', 'qr', 'web', 'hotline', 'sms']),
  comment: z.string().max(2000).optional(),
}).meta({
  description: '追评: the citizen’s one further rating of a case after its rectification.',
  examples: [{ badRatingCaseId: 'brc-r-0917-0042', windowId: 'w-01', level: 4, channel: 'kiosk' }],
});

/**
 * Ends the case. `rectified`: after the rectification; `not_required`: looked
 * into and nothing for the window to rectify (the case then leaves the
 * denominator of 差评整改率). A void case (the rating voided) needs no closing.
 */
export const BadRatingCaseClosed = z.strictObject({
  ...caseRef,
  resolution: z.enum(['rectified', 'not_required']),
  note: text.optional(),
}).meta({
  description: '结案: the bad-rating case is closed, rectified or with nothing to rectify.',
  examples: [{ badRatingCaseId: 'brc-r-0917-0042', resolution: 'rectified' }],
});

const step = z.enum(['contact', 'rectification']);

/** What a system mark of a case carries: the step, its deadline, and whom the case reaches. */
const mark = z.strictObject({
  ...caseRef,
  step,
  /** The deadline instant (UTC) this mark is about; part of the mark's id. */
  dueAt: timestamp,
  ratingEventId: z.string().min(1).max(64),
  windowId: entityId,
  staffId: entityId.optional(),
});

/** Appended by the scheduler at 80 % (a catalogue setting) of a step's working time, if the step is not done. */
export const BadRatingCaseWarned = mark;
/** Appended by the scheduler once a step's deadline has passed undone; an overdue rule of the catalogue may score it. */
export const BadRatingCaseOverdue = mark;

export type BadRatingCaseStep = z.infer<typeof step>;

/** Posted by the hall's clients. */
export const badRatingCaseClientEvents = {
  BadRatingContactMade,
  BadRatingRectificationPlanned,
  BadRatingRectificationCompleted,
  BadRatingFollowUpRated,
  BadRatingCaseClosed,
} as const;

/** Appended only by the service (deterministic ids: a second run is a no-op). */
export const badRatingCaseServiceEvents = { BadRatingCaseWarned, BadRatingCaseOverdue } as const;

/** Every event of a case's own (each names `badRatingCaseId`): its steps and the service's marks. */
export const badRatingCaseEventTypes: ReadonlySet<string> = new Set([...Object.keys(badRatingCaseClientEvents), ...Object.keys(badRatingCaseServiceEvents)]);
