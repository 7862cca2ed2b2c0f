import type { CatalogueSettings, PeriodStage } from '@hall/contracts';
import { hallClock } from '../calendar/hall-clock.ts';
import { MS_PER_DAY, monthDays, parsePeriod } from '../calendar/civil-days.ts';
import { stageIndex, type PeriodState } from './period-state.ts';

/** The instant a hall-local day starts. */
export function startOfLocalDay(day: number, timeZone: string): number {
  const clock = hallClock(timeZone);
  const guess = day * MS_PER_DAY - clock.offsetMs(day * MS_PER_DAY);
  return day * MS_PER_DAY - clock.offsetMs(guess);
}

/** First instant of a month and first instant after it, in the hall's timezone. */
export function monthBounds(period: string, timeZone: string): { start: number; end: number } {
  const { first, last } = monthDays(parsePeriod(period));
  return { start: startOfLocalDay(first, timeZone), end: startOfLocalDay(last + 1, timeZone) };
}

/**
 * When the schedule moves a month into each stage (docs/domain.md §6): durations come
 * from the catalogue. The collecting week ("sections report in the first
 * week") starts when the month ends, or when the hall joined the service if
 * that was later (`onboardedAt`): a hall taken on today for months already
 * past gets its week to bring them in before the schedule publishes them,
 * instead of having them published empty at the next tick (decision 0009).
 */
export function scheduleOf(
  period: string,
  timeZone: string,
  settings: Pick<CatalogueSettings, 'collectingDays' | 'objectionDays'>,
  onboardedAt = Number.NEGATIVE_INFINITY,
) {
  const { end } = monthBounds(period, timeZone);
  const { last } = monthDays(parsePeriod(period));
  const collectFrom = onboardedAt > end ? Math.max(last + 1, hallClock(timeZone).localDay(onboardedAt)) : last + 1;
  const preliminary = startOfLocalDay(collectFrom + settings.collectingDays, timeZone);
  const final = startOfLocalDay(collectFrom + settings.collectingDays + settings.objectionDays, timeZone);
  return { collecting: end, preliminary, final };
}

/** The stage the schedule says a month should be in at `now` (see {@link scheduleOf} for `onboardedAt`). */
export function dueStage(
  period: string,
  now: number,
  timeZone: string,
  settings: Pick<CatalogueSettings, 'collectingDays' | 'objectionDays'>,
  onboardedAt?: number,
): PeriodStage {
  const at = scheduleOf(period, timeZone, settings, onboardedAt);
  if (now >= at.final) return 'final';
  if (now >= at.preliminary) return 'preliminary';
  if (now >= at.collecting) return 'collecting';
  return 'open';
}

export type TransitionDecision =
  | { ok: true; steps: Array<'collecting' | 'preliminary' | 'final'> }
  | { ok: false; code: 'PERIOD_NOT_ENDED' | 'TRANSITION_OUT_OF_ORDER'; message: string };

/**
 * Decides the transitions that move a month to `target`. Forward only; a
 * target already reached is no change (empty steps); a later target passes
 * through, and publishes, the stages between. A supervisor may act as soon
 * as the month has ended; the 7- and 3-day windows bind only the schedule.
 */
export function decideTransition(state: PeriodState, target: 'collecting' | 'preliminary' | 'final', now: number, timeZone: string): TransitionDecision {
  const { end } = monthBounds(state.period, timeZone);
  if (now < end) return { ok: false, code: 'PERIOD_NOT_ENDED', message: `${state.period} has not ended in ${timeZone}` };
  const from = stageIndex(state.stage);
  const to = stageIndex(target);
  if (to < from) {
    return { ok: false, code: 'TRANSITION_OUT_OF_ORDER', message: `${state.period} is already ${state.stage}; periods move forward only` };
  }
  const all = ['collecting', 'preliminary', 'final'] as const;
  return { ok: true, steps: all.filter((stage) => stageIndex(stage) > from && stageIndex(stage) <= to) };
}
