import { z } from 'zod';
import { quarterPeriod, windowKind, yearPeriod } from '../primitives.ts';

/**
 * Quarterly and annual assessment documents (docs/integration.md "Reading scores", docs/domain.md §8).
 * Every score is a decimal exact to 0.01 (rounded half up from the exact mean).
 */

export const quarterStaffAssessment = z.object({
  staffId: z.string(),
  /** The quarter's `StaffPeerReviewScored` score (0–100); null without one. */
  peerReview: z.number().nullable(),
  /** 100 × good ÷ counted ratings over the quarter's final months; null without a counted rating. */
  satisfaction: z.number().nullable(),
  /** Mean monthly total over the final months the staff member was assigned in. */
  monthlyMean: z.number().nullable(),
  /** Weighted sum of the parts present, weights rescaled to 100 %; null only when those weights sum to 0. */
  total: z.number().nullable(),
  /** How many months `monthlyMean` is taken over. */
  months: z.number().int(),
});
export type QuarterStaffAssessment = z.infer<typeof quarterStaffAssessment>;

export const quarterDocument = z.object({
  quarter: quarterPeriod,
  /** True while a month of the quarter (within the hall's assessment) is not final: it is left out. */
  provisional: z.boolean(),
  staff: z.array(quarterStaffAssessment),
});
export type QuarterDocument = z.infer<typeof quarterDocument>;

export const personalGrade = z.enum(['excellent', 'competent', 'basically_competent', 'incompetent']);
export type PersonalGrade = z.infer<typeof personalGrade>;

export const yearWindowAssessment = z.object({
  windowId: z.string(),
  kind: windowKind,
  /** Mean of the window's final monthly totals. */
  annualScore: z.number(),
  /** Final months with a score for the window. */
  months: z.number().int(),
  /** Annual rank within its kind (docs/domain.md §7). */
  rank: z.number().int(),
  honour: z.enum(['red_flag', 'advanced']).nullable(),
  /** A veto in any final month of the year. */
  veto: z.boolean(),
});
export type YearWindowAssessment = z.infer<typeof yearWindowAssessment>;

export const yearStaffAssessment = z.object({
  staffId: z.string(),
  /** Mean of the year's rounded quarterly scores (quarters with a score). */
  annualScore: z.number(),
  grade: personalGrade,
});
export type YearStaffAssessment = z.infer<typeof yearStaffAssessment>;

export const notifyReason = z.discriminatedUnion('reason', [
  /** Among the bottom approval windows of the annual ranking (ties at the boundary included). */
  z.object({ reason: z.literal('bottom_three'), windowId: z.string() }),
  /** Annual score below the department threshold; `figure` is the reported target-management points. */
  z.object({ reason: z.literal('below_98'), windowId: z.string(), figure: z.number() }),
  /** Graded incompetent: reported for replacement. */
  z.object({ reason: z.literal('incompetent'), staffId: z.string() }),
]);
export type NotifyReason = z.infer<typeof notifyReason>;

export const departmentNotice = z.object({
  /** null only when no score document named the department. */
  departmentId: z.string().nullable(),
  windowIds: z.array(z.string()),
  staffIds: z.array(z.string()),
  reasons: z.array(notifyReason),
});
export type DepartmentNotice = z.infer<typeof departmentNotice>;

export const yearDocument = z.object({
  year: yearPeriod,
  /** True while a month of the year (within the hall's assessment) is not final: it is left out. */
  provisional: z.boolean(),
  /** Ordered approval first, then by rank and windowId. */
  windows: z.array(yearWindowAssessment),
  /** Ordered by annual score (highest first), then staffId. */
  staff: z.array(yearStaffAssessment),
  /** True when staff tied at the quota boundary made more excellent grades than the quota. */
  excellentQuotaExceededByTie: z.boolean(),
  /** Ten service stars, highest annual score first (ties at the last place all included). */
  stars: z.array(z.string()),
  notify: z.array(departmentNotice),
});
export type YearDocument = z.infer<typeof yearDocument>;
