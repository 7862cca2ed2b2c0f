import type { RuleCatalogueDraft, RuleCatalogueVersion } from '@hall/contracts';
import { ruleCatalogueVersion } from '@hall/contracts';

/**
 * The complete version a supervisor's draft publishes: the draft's rules, and
 * for every part the draft omits (categories, bonus category and cap, sections,
 * individual settings) the previous version's.
 */
export function completeDraft(
  previous: RuleCatalogueVersion,
  draft: RuleCatalogueDraft,
  version: number,
): RuleCatalogueVersion {
  const settings = draft.settings ?? {};
  return ruleCatalogueVersion.parse({
    version,
    effectiveFrom: draft.effectiveFrom,
    categories: draft.categories ?? previous.categories,
    bonusCategory: draft.bonusCategory ?? previous.bonusCategory,
    bonusCap: draft.bonusCap ?? previous.bonusCap,
    sectionCategories: draft.sectionCategories ?? previous.sectionCategories,
    rules: draft.rules,
    settings: {
      ...previous.settings,
      ...Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)),
    },
  });
}
