import type { RuleCatalogueVersion } from '@hall/contracts';

/**
 * The version in force on a hall-local date `YYYY-MM-DD`: the greatest
 * `effectiveFrom` ≤ date, the highest version number among equal dates; a date
 * before every version gets the earliest. Throws on an empty list (a hall
 * always has version 1).
 */
export function catalogueAt(catalogues: readonly RuleCatalogueVersion[], date: string): RuleCatalogueVersion {
  if (catalogues.length === 0) throw new Error('catalogueAt: no catalogue version');
  let best: RuleCatalogueVersion | undefined;
  let earliest = catalogues[0];
  for (const c of catalogues) {
    if (c.effectiveFrom < earliest.effectiveFrom || (c.effectiveFrom === earliest.effectiveFrom && c.version < earliest.version)) {
      earliest = c;
    }
    if (c.effectiveFrom > date) continue;
    if (!best || c.effectiveFrom > best.effectiveFrom || (c.effectiveFrom === best.effectiveFrom && c.version > best.version)) {
      best = c;
    }
  }
  return best ?? earliest;
}
