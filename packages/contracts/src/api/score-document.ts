import { z } from 'zod';
import { windowKind } from '../primitives.ts';

export const periodStage = z.enum(['open', 'collecting', 'preliminary', 'final']);
export type PeriodStage = z.infer<typeof periodStage>;

export const subjectRef = z.object({ type: z.enum(['window', 'staff']), id: z.string() });
export type SubjectRef = z.infer<typeof subjectRef>;

export const lineItem = z.object({
  /** Stable: the same facts give the same id on every recomputation, so an appeal can point at it. */
  id: z.string(),
  ruleCode: z.string(),
  /** Catalogue version the rule was taken from; null for manual adjustments. */
  ruleVersion: z.number().int().nullable(),
  category: z.string(),
  /** Decimal points, negative for deductions (exact to 0.01). */
  points: z.number(),
  eventIds: z.array(z.string()),
  status: z.enum(['counted', 'voided']),
  veto: z.boolean(),
  /** Human-readable reason (the rule's name, the finding's note, the adjustment's reason). */
  note: z.string().optional(),
});
export type LineItem = z.infer<typeof lineItem>;

export const categoryScore = z.object({ code: z.string(), base: z.number(), lost: z.number(), score: z.number() });

export const metrics = z.object({
  ticketsCompleted: z.number().int(),
  casesAccepted: z.number().int(),
  casesCompleted: z.number().int(),
  casesOverdue: z.number().int(),
  avgWaitSeconds: z.number().nullable(),
  p90WaitSeconds: z.number().nullable(),
  avgServiceSeconds: z.number().nullable(),
  p90ServiceSeconds: z.number().nullable(),
  /** Rated completed tickets ÷ completed tickets; null with no completed tickets. */
  ratingRate: z.number().nullable(),
  /** Good counted ratings ÷ counted ratings; null with no counted rating. */
  satisfactionRate: z.number().nullable(),
  ratingsCounted: z.number().int(),
  goodRatings: z.number().int(),
  badRatings: z.number().int(),
  validComplaints: z.number().int(),
  /** Share of `good` among peer reviews received; null with none (windows only). */
  peerReviewGoodShare: z.number().nullable(),
});
export type Metrics = z.infer<typeof metrics>;

/**
 * A rate with what it is made of. `rate` is in basis points (1/10,000, an
 * integer: 3333 is 33.33 %), rounded half up; null when the denominator is 0.
 */
export const rateFigure = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  rate: z.number().int().min(0).max(10000).nullable(),
});
export type RateFigure = z.infer<typeof rateFigure>;

/** The bad-rating loop's rates (差评整改闭环) of one window or staff member in one month (docs/domain.md §5). */
export const badRatingRatesFigures = z.object({
  /** 差评率: counted 差评 (level 1–2) ÷ counted ratings people gave; default ratings never count here. */
  badRatingRate: rateFigure,
  /** 差评整改率: cases rectified ÷ cases requiring rectification (not void, not closed as not required). */
  rectificationRate: rateFigure,
  /** 实名差评回访率: 实名 cases called back (contact reached) ÷ 实名 cases. */
  namedCallbackRate: rateFigure,
  /** 主动评价率: completed tickets rated by the citizen ÷ tickets completed. */
  activeRatingRate: rateFigure,
});
export type BadRatingRatesFigures = z.infer<typeof badRatingRatesFigures>;

export const scoreDocument = z.object({
  subject: subjectRef,
  period: z.string(),
  stage: periodStage,
  /** Published version number; null while the month has no publication (open, collecting). */
  version: z.number().int().nullable(),
  total: z.number(),
  veto: z.boolean(),
  categories: z.array(categoryScore),
  bonus: z.object({ earned: z.number(), counted: z.number(), cap: z.number() }),
  lineItems: z.array(lineItem),
  metrics,
  /** Window: its kind and department. Staff: department and the windows assigned to in the month. */
  kind: windowKind.optional(),
  departmentId: z.string().nullable().optional(),
  windowIds: z.array(z.string()).optional(),
  /** The bad-rating loop's rates; absent in documents published before they existed. */
  badRatingRates: badRatingRatesFigures.optional(),
});
export type ScoreDocument = z.infer<typeof scoreDocument>;

export const rankingEntry = z.object({
  windowId: z.string(),
  rank: z.number().int(),
  total: z.number(),
  honour: z.enum(['red_flag', 'advanced']).nullable(),
  veto: z.boolean(),
});
export type RankingEntry = z.infer<typeof rankingEntry>;

export const rankings = z.object({ approval: z.array(rankingEntry), public_service: z.array(rankingEntry) });
export type Rankings = z.infer<typeof rankings>;

export const ratingStatus = z.object({
  ratingId: z.string(),
  eventId: z.string(),
  windowId: z.string(),
  staffId: z.string().nullable(),
  level: z.number().int(),
  status: z.enum(['counted', 'unverified', 'duplicate', 'suspicious']),
});
export type RatingStatus = z.infer<typeof ratingStatus>;
