import type { PeriodStage } from '@hall/contracts';
import { scoreMonthFromModel, type MonthScores } from '@hall/scoring';
import type { HallState } from './hall-state.ts';

/**
 * Scores one month of a hall from its in-memory history. The one place the
 * HTTP side calls the pure scorer, so replay, projection and publication all
 * compute alike.
 */
export function scoreHallMonth(state: HallState, period: string, stage: PeriodStage, version: number | null): MonthScores {
  return scoreMonthFromModel(state.model, period, { stage, version, namedRatings: state.namedRatings });
}
