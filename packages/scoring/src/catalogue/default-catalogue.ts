import type { Rule, RuleCatalogueVersion, SectionName } from '@hall/contracts';
import { defaultBadRatingReasons, ruleCatalogueVersion } from '@hall/contracts';

type RuleSpec = Omit<Rule, 'cap' | 'veto' | 'sections' | 'targets' | 'alsoByFinding' | 'enabled'> &
  Pick<Rule, 'enabled'> &
  Partial<Pick<Rule, 'cap' | 'veto' | 'sections' | 'targets' | 'alsoByFinding'>>;

const supervision: SectionName[] = ['supervision'];
const coordination: SectionName[] = ['coordination'];
const archives: SectionName[] = ['supervision', 'office'];
const bonus: SectionName[] = ['supervision', 'office'];

const perOccurrence = (points: number) => ({ kind: 'per_occurrence' as const, points });

/** docs/domain.md §4.1, one entry per row; `targets` defaults to W+S, `veto` to never, `cap` to none, `alsoByFinding` to false. */
const rules: RuleSpec[] = [
  {
    code: 'ATT_PERSONAL_LEAVE_NO_SUB',
    name: 'Personal leave without a required substitute',
    category: 'attendance',
    trigger: 'leave_without_substitute',
    computation: { kind: 'per_person_per_day', points: -2, leaveTypes: ['personal'] },
    sections: supervision,
  },
  {
    code: 'ATT_SICK_LEAVE_NO_SUB',
    name: 'Sick leave without a required substitute',
    category: 'attendance',
    trigger: 'leave_without_substitute',
    computation: { kind: 'per_person_per_day', points: -1, leaveTypes: ['sick'] },
    sections: supervision,
  },
  { code: 'ATT_OFF_POST', name: 'Off post without permission', category: 'attendance', trigger: 'attendance_off_post', computation: perOccurrence(-2), sections: supervision },
  {
    code: 'ATT_ABSENCE',
    name: 'Absence (旷工)',
    category: 'attendance',
    trigger: 'attendance_absence',
    computation: { kind: 'per_day_or_half_day', pointsPerDay: -5, pointsPerHalfDay: -2.5 },
    sections: supervision,
  },
  { code: 'ATT_LATE_EARLY', name: 'Late or early leave', category: 'attendance', trigger: 'attendance_late_early', computation: perOccurrence(-1), sections: supervision },
  { code: 'CON_BADGE_UNIFORM', name: 'No badge or uniform', category: 'attendance', trigger: 'finding', computation: perOccurrence(-1), sections: supervision },
  { code: 'CON_IDLE_AT_POST', name: 'Smoking, eating, games, videos or chatting at the post', category: 'attendance', trigger: 'finding', computation: perOccurrence(-2), sections: supervision },
  { code: 'CON_PRIVATE_VISITOR', name: 'Private visitors or private work at the window', category: 'attendance', trigger: 'finding', computation: perOccurrence(-2), sections: supervision },
  { code: 'CON_QUARREL', name: 'Quarrelling in the hall', category: 'attendance', trigger: 'finding', computation: perOccurrence(-3), sections: supervision },
  { code: 'CON_REFUSE_MANAGEMENT', name: 'Refusing management, not correcting', category: 'attendance', trigger: 'finding', computation: perOccurrence(-3), sections: supervision },
  { code: 'INT_CORRUPTION', name: '索拿卡要 (verified)', category: 'attendance', trigger: 'finding', computation: perOccurrence(-10), veto: 'always', sections: supervision },
  { code: 'CASE_NOT_ACCEPTED', name: 'Should have accepted a case but did not', category: 'cases', trigger: 'finding', computation: perOccurrence(-2), sections: coordination },
  { code: 'CASE_SUPPLEMENT_UNEXPLAINED', name: 'Supplement requested without a full one-time explanation', category: 'cases', trigger: 'case_supplement_unexplained', alsoByFinding: true, computation: perOccurrence(-2), sections: coordination },
  { code: 'CASE_RETURN_UNEXPLAINED', name: 'Returned without a sufficient reason', category: 'cases', trigger: 'case_return_unexplained', alsoByFinding: true, computation: perOccurrence(-2), sections: coordination },
  { code: 'CASE_NEGATIVE_FILING', name: '否定报备 procedure not followed', category: 'cases', trigger: 'finding', computation: perOccurrence(-3), sections: coordination },
  { code: 'CASE_OVERDUE', name: 'Completed after the committed deadline', category: 'cases', trigger: 'case_overdue', computation: { kind: 'per_overdue_working_day', points: -3 }, sections: coordination },
  { code: 'CASE_RESULT_ERROR', name: 'Error in the result', category: 'cases', trigger: 'case_result_error', computation: perOccurrence(-1), sections: coordination },
  { code: 'CASE_MATERIALS_LOST', name: 'Materials lost', category: 'cases', trigger: 'case_materials_lost', computation: perOccurrence(-2), sections: coordination },
  { code: 'CASE_RUNAROUND', name: 'Citizen sent back and forth', category: 'cases', trigger: 'finding', computation: perOccurrence(-3), sections: coordination },
  {
    code: 'CASE_LOW_VOLUME',
    name: 'Fewer than 2 cases accepted in the month',
    category: 'cases',
    targets: 'window',
    trigger: 'period_cases_accepted',
    computation: { kind: 'period_threshold', below: 2, points: -3 },
    sections: coordination,
  },
  {
    code: 'RATE_LOW_RATING_RATE',
    name: 'Rating rate below 90 %',
    category: 'cases',
    targets: 'window',
    trigger: 'period_rating_rate',
    computation: { kind: 'period_threshold', below: 0.9, points: -2 },
    sections: coordination,
  },
  { code: 'RATE_BAD_RATING', name: 'Counted bad rating (level 1–2)', category: 'cases', trigger: 'rating_bad', computation: perOccurrence(-1), sections: coordination },
  // The bad-rating loop's two deductions: in the catalogue, off in version 1 (a hall turns them on by publishing a version).
  {
    code: 'RATE_CONTACT_OVERDUE',
    name: '差评 not called back (回访) within the contact deadline',
    category: 'cases',
    trigger: 'bad_rating_contact_overdue',
    computation: perOccurrence(-1),
    sections: coordination,
    enabled: false,
  },
  {
    code: 'RATE_RECTIFICATION_OVERDUE',
    name: '差评 not rectified within the rectification deadline',
    category: 'cases',
    trigger: 'bad_rating_rectification_overdue',
    computation: perOccurrence(-2),
    sections: coordination,
    enabled: false,
  },
  { code: 'FEE_CASH_AT_WINDOW', name: 'Cash collected at the window without authorisation', category: 'fees', trigger: 'finding', computation: perOccurrence(-2), sections: coordination },
  { code: 'FEE_CHARGED_AT_DEPARTMENT', name: 'Handled at the window, charged at the department', category: 'fees', trigger: 'finding', computation: perOccurrence(-3), sections: coordination },
  { code: 'FEE_STANDARD_RAISED', name: 'Fee standard raised without authorisation', category: 'fees', trigger: 'finding', computation: perOccurrence(-5), veto: 'always', sections: coordination },
  { code: 'FEE_STANDARD_LOWERED', name: 'Fee standard lowered without authorisation', category: 'fees', trigger: 'finding', computation: perOccurrence(-5), sections: coordination },
  { code: 'FEE_EXTRA_ITEMS', name: 'Extra or piggy-back fee items', category: 'fees', trigger: 'finding', computation: perOccurrence(-5), veto: 'always', sections: coordination },
  { code: 'ARC_NOT_ARCHIVED', name: 'Document not archived', category: 'archives_hygiene', trigger: 'finding', computation: perOccurrence(-1), sections: archives },
  { code: 'ARC_DISORDER', name: 'Archives in disorder', category: 'archives_hygiene', trigger: 'finding', computation: perOccurrence(-2), sections: archives },
  { code: 'HYG_NOT_CLEAN', name: 'Desk, computer, counter or floor not clean', category: 'archives_hygiene', trigger: 'finding', computation: perOccurrence(-1), sections: archives },
  { code: 'HYG_NOT_SHUT_DOWN', name: 'Equipment not shut down or covered at closing', category: 'archives_hygiene', trigger: 'finding', computation: perOccurrence(-1), sections: archives },
  {
    code: 'EVAL_PEER_REVIEW',
    name: 'Share of good peer reviews: > 60 % → 0, 30 %–60 % → −2, < 30 % → −4',
    category: 'public_evaluation',
    targets: 'window',
    trigger: 'period_peer_review',
    computation: {
      kind: 'ratio_band',
      bands: [
        { min: 0.6, minExclusive: true, points: 0 },
        { min: 0.3, minExclusive: false, points: -2 },
        { min: 0, minExclusive: false, points: -4 },
      ],
    },
    sections: supervision,
  },
  {
    code: 'EVAL_SATISFACTION',
    name: '−1 per full percentage point of satisfaction below 100 %',
    category: 'public_evaluation',
    targets: 'window',
    trigger: 'period_satisfaction',
    computation: { kind: 'shortfall', pointsPerPercent: -1 },
    sections: supervision,
  },
  { code: 'EVAL_VALID_COMPLAINT', name: 'Valid complaint', category: 'public_evaluation', trigger: 'complaint_valid', computation: perOccurrence(-5), veto: 'media_exposure', sections: supervision },
  { code: 'BON_THANK_YOU_LETTER', name: 'Thank-you letter', category: 'bonus', trigger: 'commendation', commendationKind: 'thank_you_letter', computation: perOccurrence(1), sections: bonus },
  { code: 'BON_PENNANT', name: 'Pennant (锦旗)', category: 'bonus', trigger: 'commendation', commendationKind: 'pennant', computation: perOccurrence(2), sections: bonus },
  { code: 'BON_MEDIA_PRAISE', name: 'Praised by the media', category: 'bonus', trigger: 'commendation', commendationKind: 'media_praise', computation: perOccurrence(2), sections: bonus },
  {
    code: 'BON_SUPERIOR_COMMENDATION',
    name: 'Commended by a superior body',
    category: 'bonus',
    trigger: 'commendation',
    commendationKind: 'superior_commendation',
    computation: perOccurrence(3),
    sections: bonus,
  },
];

/**
 * Version 1 of every new hall's rule catalogue: docs/domain.md §4.1 (rules), §4.2
 * (attendance and substitute settings), §4.3 (sections' categories), §5 (the
 * suspicious-rating gap), §6 and §7 (period durations, honour shares), as data.
 *
 * @example defaultCatalogue('2026-01-01').rules.find((r) => r.code === 'ATT_ABSENCE')
 */
export function defaultCatalogue(effectiveFrom: string): RuleCatalogueVersion {
  return ruleCatalogueVersion.parse({
    version: 1,
    effectiveFrom,
    categories: [
      { code: 'attendance', base: 25 },
      { code: 'cases', base: 40 },
      { code: 'fees', base: 15 },
      { code: 'archives_hygiene', base: 10 },
      { code: 'public_evaluation', base: 10 },
    ],
    bonusCategory: 'bonus',
    bonusCap: 5,
    sectionCategories: {
      supervision: ['attendance', 'archives_hygiene', 'public_evaluation', 'bonus'],
      coordination: ['cases', 'fees'],
      office: ['archives_hygiene', 'bonus'],
      it: [],
    },
    rules: rules.map((r) => ({ targets: 'window_and_staff', cap: null, veto: 'never', alsoByFinding: false, ...r })),
    settings: {
      // The bad-rating loop (issue 17), spelled out: the other settings take the schema's defaults.
      badRatingReasons: defaultBadRatingReasons.map((r) => ({ ...r })),
      badRatingReasonsRequired: false,
      defaultRatingAfterDays: 7,
      defaultRatingLevel: 3,
      defaultRatingsCount: false,
      badRatingContactWorkingDays: 1,
      badRatingRectificationWorkingDays: 15,
      badRatingWarningShare: 0.8,
    },
  });
}
