import { z } from 'zod';
import { isoDate, points, sectionName } from './primitives.ts';

/**
 * A rule catalogue version (docs/domain.md §4). Every number the scorer uses lives here,
 * never in code: points, bases, caps, thresholds, bands, durations, quotas.
 * Points are decimals on the wire (−2.5) and hundredths inside the scorer.
 */

export const categoryCode = z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'must be a category code such as attendance');
export const ruleCode = z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'must be a rule code such as ATT_LATE_EARLY');
/** A reason a citizen gives for a rating, from the version's `badRatingReasons`. */
export const ratingReasonCode = z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'must be a reason code such as service_attitude');

/**
 * What makes a rule fire. `finding`: an inspection or section finding names the
 * code. Every other trigger is a fact the service derives from events; its
 * rule's code and points are data, the derivation is code.
 */
export const ruleTrigger = z.enum([
  'finding',
  'leave_without_substitute',
  'attendance_off_post',
  'attendance_absence',
  'attendance_late_early',
  'case_supplement_unexplained',
  'case_return_unexplained',
  'case_overdue',
  'case_result_error',
  'case_materials_lost',
  'rating_bad',
  'complaint_valid',
  'commendation',
  'period_cases_accepted',
  'period_rating_rate',
  'period_peer_review',
  'period_satisfaction',
  /** A `BadRatingCaseOverdue` mark for the contact (回访) step of a bad-rating case. */
  'bad_rating_contact_overdue',
  /** A `BadRatingCaseOverdue` mark for the rectification step of a bad-rating case. */
  'bad_rating_rectification_overdue',
]);
export type RuleTrigger = z.infer<typeof ruleTrigger>;

/** How the points of one firing are computed. */
export const ruleComputation = z.discriminatedUnion('kind', [
  /** `points` × the occurrence's count (a finding's `count`, 1 otherwise). */
  z.strictObject({ kind: z.literal('per_occurrence'), points }),
  /** `points` per leave working day in the month, for the leave types listed. */
  z.strictObject({
    kind: z.literal('per_person_per_day'),
    points,
    leaveTypes: z.array(z.enum(['personal', 'sick', 'official', 'annual'])).min(1),
  }),
  /** Absence: `pointsPerDay` for a whole day, `pointsPerHalfDay` for a half day. */
  z.strictObject({ kind: z.literal('per_day_or_half_day'), pointsPerDay: points, pointsPerHalfDay: points }),
  /** `points` per case per working day past the committed deadline. */
  z.strictObject({ kind: z.literal('per_overdue_working_day'), points }),
  /** `points` once when the period metric is below `below` (a count or a ratio 0–1). */
  z.strictObject({ kind: z.literal('period_threshold'), below: z.number().min(0), points }),
  /**
   * Bands on a ratio 0–1: the first band whose `min` the ratio reaches (`min` inclusive,
   * or exclusive when `minExclusive`) gives its points. Bands are tried in order.
   */
  z.strictObject({
    kind: z.literal('ratio_band'),
    bands: z
      .array(z.strictObject({ min: z.number().min(0).max(1), minExclusive: z.boolean().default(false), points }))
      .min(1),
  }),
  /** `pointsPerPercent` for each full percentage point the ratio falls short of 100 %. */
  z.strictObject({ kind: z.literal('shortfall'), pointsPerPercent: points }),
]);
export type RuleComputation = z.infer<typeof ruleComputation>;

export const rule = z.strictObject({
  code: ruleCode,
  name: z.string().min(1).max(200),
  category: categoryCode,
  /** `window`: the window only. `window_and_staff`: also the staff member the event names. */
  targets: z.enum(['window', 'window_and_staff']),
  trigger: ruleTrigger,
  /**
   * A derived rule that a finding may also name (docs/domain.md §4.1: the supplement and
   * return rules come from their case events "or finding"). `finding` rules
   * need no flag.
   */
  alsoByFinding: z.boolean().default(false),
  /** For `commendation` rules: which commendation kind earns them. */
  commendationKind: z.enum(['thank_you_letter', 'pennant', 'media_praise', 'superior_commendation']).optional(),
  computation: ruleComputation,
  /** Most points (absolute) this rule can cost or earn one subject in one month; null: no cap of its own. */
  cap: points.nullable().default(null),
  /** `always`, `never`, or `media_exposure` (only when the complaint caused media exposure). */
  veto: z.enum(['never', 'always', 'media_exposure']).default('never'),
  /** The sections that may record findings of this rule (inspectors may record any). */
  sections: z.array(sectionName).default([]),
  /** `false`: in the catalogue but off in this version (a hall turns it on by publishing one). Absent: on. */
  enabled: z.boolean().optional(),
});
export type Rule = z.infer<typeof rule>;

/** The 好差评 reason list of the offline indicators (整体满意度, 服务效率, 服务水平, 服务态度), and 其他. */
export const defaultBadRatingReasons = [
  { code: 'overall_satisfaction', name: '整体满意度' },
  { code: 'service_efficiency', name: '服务效率' },
  { code: 'service_level', name: '服务水平' },
  { code: 'service_attitude', name: '服务态度' },
  { code: 'other', name: '其他' },
] as const;

export const catalogueSettings = z.strictObject({
  /** Late or early leave of at least this many minutes is a half-day absence instead. */
  lateEarlyHalfDayMinutes: z.number().int().min(1).default(30),
  /** Off post of more than this many minutes is a half-day absence instead. */
  offPostHalfDayMinutes: z.number().int().min(1).default(30),
  /** A kiosk rating closer than this to the previous one from the same window's kiosk is suspicious. */
  suspiciousRatingGapSeconds: z.number().min(0).default(3),
  /** Substitute requirement (docs/domain.md §4.2), in working days. */
  substitute: z
    .strictObject({
      twoStaffMoreThanDays: z.number().int().min(0).default(1),
      anyStaffMoreThanDays: z.number().int().min(0).default(5),
    })
    .default({ twoStaffMoreThanDays: 1, anyStaffMoreThanDays: 5 }),
  /** Period lifecycle durations, in calendar days after the month ends (docs/domain.md §6). */
  collectingDays: z.number().int().min(0).default(7),
  objectionDays: z.number().int().min(0).default(3),
  honours: z
    .strictObject({ redFlagShare: z.number().min(0).max(1).default(0.15), totalShare: z.number().min(0).max(1).default(0.3) })
    .default({ redFlagShare: 0.15, totalShare: 0.3 }),
  personal: z
    .strictObject({
      weights: z
        .strictObject({ peerReview: z.number().min(0), satisfaction: z.number().min(0), monthlyMean: z.number().min(0) })
        .default({ peerReview: 0.3, satisfaction: 0.3, monthlyMean: 0.4 }),
      excellentMin: z.number().default(95),
      excellentQuota: z.number().min(0).max(1).default(0.2),
      competentMin: z.number().default(75),
      basicallyCompetentMin: z.number().default(70),
      stars: z.number().int().min(0).default(10),
    })
    .default({
      weights: { peerReview: 0.3, satisfaction: 0.3, monthlyMean: 0.4 },
      excellentMin: 95,
      excellentQuota: 0.2,
      competentMin: 75,
      basicallyCompetentMin: 70,
      stars: 10,
    }),
  annual: z
    .strictObject({
      bottomApprovalWindows: z.number().int().min(0).default(3),
      departmentThreshold: z.number().default(98),
      departmentPointsPerPoint: z.number().default(0.1),
    })
    .default({ bottomApprovalWindows: 3, departmentThreshold: 98, departmentPointsPerPoint: 0.1 }),
  /** The reasons a rating may give (codes unique within the version). */
  badRatingReasons: z
    .array(z.strictObject({ code: ratingReasonCode, name: z.string().min(1).max(200) }))
    .min(1)
    .max(100)
    .refine((reasons) => new Set(reasons.map((r) => r.code)).size === reasons.length, 'reason codes must be unique')
    .default(defaultBadRatingReasons.map((r) => ({ ...r }))),
  /** Whether a 差评 (level 1–2) must give at least one reason; off by default so ratings posted without reasons stay valid. */
  badRatingReasonsRequired: z.boolean().default(false),
  /** Calendar days after a ticket's completion without a rating before the service gives the default rating. */
  defaultRatingAfterDays: z.number().int().min(1).max(365).default(7),
  /** The default rating's level (基本满意 = 3). */
  defaultRatingLevel: z.number().int().min(1).max(5).default(3),
  /** Whether default ratings enter the satisfaction figures; never counted as ratings people gave. */
  defaultRatingsCount: z.boolean().default(false),
  /** Working days after the 差评's day (not counted) to call a 实名 citizen back (回访). */
  badRatingContactWorkingDays: z.number().int().min(0).max(365).default(1),
  /** Working days after the 差评's day (not counted) to complete the rectification and tell the citizen. */
  badRatingRectificationWorkingDays: z.number().int().min(0).max(365).default(15),
  /** Share of a step's working time after which the scheduler marks the case due soon. */
  badRatingWarningShare: z.number().min(0).max(1).default(0.8),
});
export type CatalogueSettings = z.infer<typeof catalogueSettings>;

/** What a supervisor posts to publish a version (docs/integration.md `POST …/rules/versions`). Omitted parts keep the previous version's. */
export const ruleCatalogueDraft = z.strictObject({
  effectiveFrom: isoDate,
  rules: z.array(rule).min(1).max(500),
  categories: z.array(z.strictObject({ code: categoryCode, base: points })).min(1).max(50).optional(),
  bonusCategory: categoryCode.optional(),
  bonusCap: points.optional(),
  /** Which categories each section may record findings in (docs/domain.md §4.3). */
  sectionCategories: z.record(sectionName, z.array(categoryCode)).optional(),
  settings: catalogueSettings.partial().optional(),
});
export type RuleCatalogueDraft = z.infer<typeof ruleCatalogueDraft>;

/** A published, complete catalogue version. */
export const ruleCatalogueVersion = z.strictObject({
  version: z.number().int().min(1),
  effectiveFrom: isoDate,
  categories: z.array(z.strictObject({ code: categoryCode, base: points })).min(1),
  bonusCategory: categoryCode,
  bonusCap: points,
  sectionCategories: z.record(sectionName, z.array(categoryCode)),
  rules: z.array(rule).min(1),
  settings: catalogueSettings,
});
export type RuleCatalogueVersion = z.infer<typeof ruleCatalogueVersion>;
