import { foldBadRatingCases, type BadRatingCase, type HallModel } from '@hall/scoring';
import type { HallState } from './hall-state.ts';

const folded = new WeakMap<HallState, { position: number; model: HallModel; cases: BadRatingCase[] }>();

/**
 * Every case the hall's bounded state folds (those of its open months and the
 * ones carried into them), as of its position; folded once per position. What
 * the projection writes to bad_rating_cases and the scheduler's due marks read.
 * Keyed by the model too: leaving a final month behind (`compact`) replaces the
 * model without moving the position.
 */
export function hallBadRatingCases(state: HallState): BadRatingCase[] {
  const seen = folded.get(state);
  if (seen && seen.position === state.position && seen.model === state.model) return seen.cases;
  const cases = foldBadRatingCases(state.model, { namedRatings: state.namedRatings });
  folded.set(state, { position: state.position, model: state.model, cases });
  return cases;
}
