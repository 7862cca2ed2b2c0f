import type { Rule, RuleCatalogueVersion, RuleTrigger } from '@hall/contracts';
import { parseIsoDate } from '../calendar/civil-days.ts';

/** Decimal points (−2.5) → integer hundredths (−250). */
export function toCents(points: number): number {
  return Math.round(points * 100);
}

/** A catalogue version indexed for the scorer; built once per version object. */
export interface CompiledCatalogue {
  readonly source: RuleCatalogueVersion;
  readonly version: number;
  readonly effectiveDay: number;
  readonly byCode: ReadonlyMap<string, Rule>;
  /** The rules each trigger fires: those switched on (`enabled` not false). */
  readonly byTrigger: ReadonlyMap<RuleTrigger, readonly Rule[]>;
  /** Category code → base in hundredths, in catalogue order. */
  readonly bases: ReadonlyMap<string, number>;
  readonly bonusCategory: string;
  readonly bonusCapCents: number;
}

const compiled = new WeakMap<RuleCatalogueVersion, CompiledCatalogue>();

export function compileCatalogue(source: RuleCatalogueVersion): CompiledCatalogue {
  let result = compiled.get(source);
  if (result) return result;
  const byCode = new Map<string, Rule>();
  const byTrigger = new Map<RuleTrigger, Rule[]>();
  for (const rule of source.rules) {
    byCode.set(rule.code, rule);
    // A rule switched off in this version fires nothing; it stays known by its code.
    if (rule.enabled === false) continue;
    const list = byTrigger.get(rule.trigger);
    if (list) list.push(rule);
    else byTrigger.set(rule.trigger, [rule]);
  }
  const bases = new Map<string, number>();
  for (const category of source.categories) {
    if (category.code !== source.bonusCategory) bases.set(category.code, toCents(category.base));
  }
  result = {
    source,
    version: source.version,
    effectiveDay: parseIsoDate(source.effectiveFrom),
    byCode,
    byTrigger,
    bases,
    bonusCategory: source.bonusCategory,
    bonusCapCents: toCents(source.bonusCap),
  };
  compiled.set(source, result);
  return result;
}

const none: readonly Rule[] = [];

export function rulesFor(catalogue: CompiledCatalogue, trigger: RuleTrigger): readonly Rule[] {
  return catalogue.byTrigger.get(trigger) ?? none;
}

/**
 * Versions ordered for look-up by hall-local epoch day: same selection as
 * `catalogueAt` (greatest effectiveFrom ≤ day, highest version on ties, the
 * earliest before all of them), memoised per day.
 */
export class CatalogueTimeline {
  private readonly ordered: CompiledCatalogue[];
  private readonly memo = new Map<number, CompiledCatalogue>();

  constructor(versions: readonly RuleCatalogueVersion[]) {
    this.ordered = versions
      .map(compileCatalogue)
      .sort((a, b) => a.effectiveDay - b.effectiveDay || a.version - b.version);
  }

  /** A version by number (the latest-effective one if the number repeats). */
  byVersion(version: number): CompiledCatalogue | undefined {
    let found: CompiledCatalogue | undefined;
    for (const c of this.ordered) if (c.version === version) found = c;
    return found;
  }

  /** Base (hundredths) of a category in the latest version that has it; 0 when none does. */
  baseOf(category: string): number {
    for (let i = this.ordered.length - 1; i >= 0; i--) {
      const base = this.ordered[i].bases.get(category);
      if (base !== undefined) return base;
    }
    return 0;
  }

  at(day: number): CompiledCatalogue {
    let found = this.memo.get(day);
    if (found) return found;
    found = this.ordered[0];
    for (const c of this.ordered) {
      if (c.effectiveDay <= day) found = c;
      else break;
    }
    this.memo.set(day, found);
    return found;
  }
}
