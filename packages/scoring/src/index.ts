export { defaultCatalogue } from './catalogue/default-catalogue.ts';
export { completeDraft } from './catalogue/complete-draft.ts';
export { catalogueAt } from './catalogue/catalogue-at.ts';
export { HallClock, hallClock } from './calendar/hall-clock.ts';
export { WorkingCalendar, type CalendarDaySetting } from './calendar/working-days.ts';
export {
  daysFromCivil,
  civilFromDays,
  formatIsoDate,
  formatPeriod,
  monthDays,
  parseInstant,
  parseIsoDate,
  parsePeriod,
} from './calendar/civil-days.ts';
export { buildHallModel, applyEvent, DEFAULT_TIMEZONE, type HallModel, type BadRatingCaseEventType } from './model/hall-model.ts';
export { carryOver } from './model/carry-over.ts';
export { scoreMonth, scoreMonthFromModel, type MonthScores, type ScoreMonthOptions } from './score/score-month.ts';
export { calendarOf, timelineOf } from './score/month-context.ts';
export { lineItemId } from './score/line-item.ts';
export { ADJUSTMENT_CODE } from './rules/adjustments.rule.ts';
export * from './periods/index.ts';
export { rankWindows, compareCandidates, type RankCandidate } from './ranking/rank-windows.ts';
export { awardHonours, honourPlaces, type HonourShares, type HonourPlaces } from './ranking/award-honours.ts';
export { roundHalfUpCents, roundHalfUpInteger, decimalToFraction, placesFor, type Fraction } from './ranking/exact.ts';
export { assessQuarter, type AssessQuarterInput } from './assessment/assess-quarter.ts';
export { assessYear, type AssessYearInput } from './assessment/assess-year.ts';
export { monthsOfQuarter, monthsOfYear, quartersOfYear, type PublishedMonth, type PeerReviewScore } from './assessment/published-month.ts';
export { workingDayDeadline, shareOfWorkingTime, dayStartInstant } from './calendar/deadlines.ts';
export { badRatingCaseId, ratingDefaultedEventId, caseMarkEventId } from './bad-ratings/derived-ids.ts';
export { foldBadRatingCases, type FoldCasesOptions } from './bad-ratings/fold-cases.ts';
export { badRatingLineItemIds } from './bad-ratings/rating-voids.ts';
export { foldCaseSteps, restepCase, type CaseSteps } from './bad-ratings/case-steps.ts';
export {
  caseStatus,
  type BadRatingCase,
  type BadRatingCaseStatus,
  type CaseStepState,
  type CaseTimelineEntry,
} from './bad-ratings/bad-rating-case.ts';
export { dueEvents, type DueEvent } from './bad-ratings/due-events.ts';
export { badRatingRates, type BadRatingRates, type MonthBadRatingRates, type Rate } from './bad-ratings/bad-rating-metrics.ts';
export { checkRatingReasons, type ReasonsCheck } from './bad-ratings/rating-reasons.ts';
