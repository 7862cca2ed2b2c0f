import type { RuleCatalogueVersion } from '@hall/contracts';
import { getJson } from '../api.ts';

/** Every published version of the hall's rule catalogue, oldest first (the current one names how many there are). */
export async function loadCatalogues(base: string): Promise<RuleCatalogueVersion[]> {
  const current = (await getJson<RuleCatalogueVersion>(`${base}/rules`)).body;
  const older = await Promise.all(Array.from({ length: current.version - 1 }, (_, i) => getJson<RuleCatalogueVersion>(`${base}/rules/versions/${i + 1}`).then((r) => r.body)));
  const all = [...older, current];
  // Versions published later may take effect later still: the list holds every one, not only those up to today.
  for (let n = current.version + 1; ; n += 1) {
    try {
      all.push((await getJson<RuleCatalogueVersion>(`${base}/rules/versions/${n}`)).body);
    } catch {
      return all;
    }
  }
}

/** The version in force on `date` (YYYY-MM-DD): the latest effective on or before it; the same rule the scorer follows. */
export function versionInForce(versions: readonly RuleCatalogueVersion[], date: string): RuleCatalogueVersion | undefined {
  return [...versions].filter((v) => v.effectiveFrom <= date).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.version - a.version)[0] ?? versions[0];
}
