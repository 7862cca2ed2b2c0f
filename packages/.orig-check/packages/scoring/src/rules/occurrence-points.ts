import type { Rule } from '@hall/contracts';
import { toCents } from '../catalogue/compiled-catalogue.ts';

/**
 * Points (hundredths) of one occurrence of a rule named by a finding or fired
 * once by an event: the rule's `points`, or a whole day's for an absence rule.
 * Rules computed on a period ratio have no per-occurrence points (null).
 */
export function occurrencePoints(rule: Rule): number | null {
  const c = rule.computation;
  switch (c.kind) {
    case 'per_occurrence':
    case 'per_person_per_day':
    case 'per_overdue_working_day':
    case 'period_threshold':
      return toCents(c.points);
    case 'per_day_or_half_day':
      return toCents(c.pointsPerDay);
    case 'ratio_band':
    case 'shortfall':
      return null;
    default: {
      const unknown: never = c;
      throw new Error(`unknown computation ${JSON.stringify(unknown)}`);
    }
  }
}
