import type { DraftItem } from './line-item.ts';
import type { CatalogueTimeline, CompiledCatalogue } from '../catalogue/compiled-catalogue.ts';
import { toCents } from '../catalogue/compiled-catalogue.ts';

export interface CategoryTotal {
  readonly code: string;
  readonly base: number;
  readonly score: number;
}

/** One subject's month in hundredths. */
export interface SubjectTotals {
  readonly categories: readonly CategoryTotal[];
  readonly bonusEarned: number;
  readonly bonusCounted: number;
  readonly bonusCap: number;
  readonly total: number;
  readonly veto: boolean;
  /** Counted line items with negative points (a ranking tie-break). */
  readonly deductionItems: number;
}

/**
 * docs/domain.md §4.1 totals over the counted items, all in integer hundredths: a rule's
 * sum is held to its `cap` (absolute) first; each category is
 * clamp(base + Σ, 0, base); the bonus counts clamp(Σ, 0, bonusCap); the total
 * is their sum. Bases, caps and the bonus cap are the month's version's.
 */
export function subjectTotals(
  counted: readonly DraftItem[],
  month: CompiledCatalogue,
  timeline: CatalogueTimeline,
): SubjectTotals {
  const byRule = new Map<string, { category: string; sum: number; version: number | null }>();
  let veto = false;
  let deductionItems = 0;
  for (const item of counted) {
    if (item.veto) veto = true;
    if (item.cents < 0) deductionItems++;
    const key = `${item.category}\u0000${item.ruleCode}`;
    const acc = byRule.get(key);
    if (acc) {
      acc.sum += item.cents;
      if (item.ruleVersion !== null && (acc.version === null || item.ruleVersion > acc.version)) acc.version = item.ruleVersion;
    } else {
      byRule.set(key, { category: item.category, sum: item.cents, version: item.ruleVersion });
    }
  }
  const sums = new Map<string, number>();
  for (const [key, { category, sum, version }] of byRule) {
    const code = key.slice(category.length + 1);
    const rule = month.byCode.get(code) ?? (version === null ? undefined : timeline.byVersion(version)?.byCode.get(code));
    const cap = rule?.cap == null ? null : toCents(Math.abs(rule.cap));
    const capped = cap === null ? sum : Math.max(-cap, Math.min(cap, sum));
    sums.set(category, (sums.get(category) ?? 0) + capped);
  }
  const categories: CategoryTotal[] = [];
  let total = 0;
  const addCategory = (code: string, base: number) => {
    const score = Math.max(0, Math.min(base, base + (sums.get(code) ?? 0)));
    categories.push({ code, base, score });
    total += score;
  };
  for (const [code, base] of month.bases) addCategory(code, base);
  const extra = [...sums.keys()].filter((code) => code !== month.bonusCategory && !month.bases.has(code)).sort();
  for (const code of extra) addCategory(code, timeline.baseOf(code));
  const bonusEarned = sums.get(month.bonusCategory) ?? 0;
  const bonusCounted = Math.max(0, Math.min(month.bonusCapCents, bonusEarned));
  total += bonusCounted;
  return { categories, bonusEarned, bonusCounted, bonusCap: month.bonusCapCents, total, veto, deductionItems };
}
