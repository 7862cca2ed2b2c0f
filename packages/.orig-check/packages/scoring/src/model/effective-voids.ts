import type { EventOf } from '@hall/contracts';

/**
 * Ids of the events an effective `EventVoided` names. A voiding can itself be
 * voided (which restores its target); a cycle of voidings voids nothing.
 */
export function effectiveVoids(voids: readonly EventOf<'EventVoided'>[]): Set<string> {
  const voidersOf = new Map<string, string[]>();
  for (const v of voids) {
    const list = voidersOf.get(v.data.voidedEventId);
    if (list) list.push(v.id);
    else voidersOf.set(v.data.voidedEventId, [v.id]);
  }
  const memo = new Map<string, boolean>();
  const visiting = new Set<string>();
  const isVoided = (id: string): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return false;
    visiting.add(id);
    let result = false;
    for (const voider of voidersOf.get(id) ?? []) {
      if (!isVoided(voider)) {
        result = true;
        break;
      }
    }
    visiting.delete(id);
    memo.set(id, result);
    return result;
  };
  const voided = new Set<string>();
  for (const target of voidersOf.keys()) if (isVoided(target)) voided.add(target);
  return voided;
}
