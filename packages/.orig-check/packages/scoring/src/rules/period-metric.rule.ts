import type { Rule, RuleTrigger } from '@hall/contracts';
import type { MonthContext } from '../score/month-context.ts';
import type { ItemSink } from '../score/line-item.ts';
import type { MetricsAcc } from '../score/metrics-book.ts';
import { rulesFor, toCents } from '../catalogue/compiled-catalogue.ts';

/** Fixed-point scale for comparing a ratio with a catalogue decimal exactly (6 decimal places). */
const SCALE = 1_000_000;

/** A period metric as an exact fraction; `den` 0 means "no data: rule not applied". */
interface Fraction {
  readonly num: number;
  readonly den: number;
  readonly eventIds: readonly string[];
}

/**
 * Period-metric rules (windows only), with the month's catalogue version:
 * cases accepted, rating rate, peer-review good share and satisfaction rate,
 * each compared in integers (cross-multiplication), never by float division.
 */
export function scorePeriodMetrics(ctx: MonthContext, sink: ItemSink, windowId: string, m: MetricsAcc): void {
  const catalogue = ctx.monthCatalogue;
  const metric = (trigger: RuleTrigger): Fraction => {
    switch (trigger) {
      case 'period_cases_accepted':
        return { num: m.casesAccepted, den: 1, eventIds: m.acceptedIds };
      case 'period_rating_rate':
        return { num: m.ratedTickets.size, den: m.ticketsCompleted, eventIds: [...m.completionIds, ...m.ratedIds] };
      case 'period_peer_review':
        return { num: m.peerGood, den: m.peerReviews, eventIds: m.peerIds };
      default:
        return { num: m.goodRatings, den: m.ratingsCounted, eventIds: m.countedIds };
    }
  };
  for (const trigger of ['period_cases_accepted', 'period_rating_rate', 'period_peer_review', 'period_satisfaction'] as const) {
    for (const rule of rulesFor(catalogue, trigger)) {
      const value = metric(trigger);
      if (value.den === 0) continue;
      const cents = periodPoints(rule, value);
      if (cents === 0) continue;
      sink.fire(rule, catalogue.version, cents, windowId, null, [...value.eventIds], { seed: 'period' });
    }
  }
}

/** Points (hundredths) a period rule gives for a metric num/den (den > 0). */
export function periodPoints(rule: Rule, { num, den }: { num: number; den: number }): number {
  const c = rule.computation;
  switch (c.kind) {
    case 'period_threshold':
      return num * SCALE < Math.round(c.below * SCALE) * den ? toCents(c.points) : 0;
    case 'ratio_band': {
      for (const band of c.bands) {
        const lhs = num * SCALE;
        const rhs = Math.round(band.min * SCALE) * den;
        if (band.minExclusive ? lhs > rhs : lhs >= rhs) return toCents(band.points);
      }
      return 0;
    }
    case 'shortfall': {
      const missing = 100 * (den - num);
      const fullPoints = (missing - (missing % den)) / den;
      return toCents(c.pointsPerPercent) * fullPoints;
    }
    default:
      return 0;
  }
}
