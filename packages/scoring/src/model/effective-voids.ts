import type { EventOf } from '@hall/contracts';

/**
 * Ids of the events an effective `EventVoided` names. A voiding can itself be
 * voided, which restores its target: an event is voided when some voiding of
 * it stands, and a voiding stands when every voiding of it is voided (or
 * none exists). Where those rules leave events undecided — voidings that
 * void one another in a cycle, and what hangs only on them — nothing is
 * voided. That is the one answer the rules allow whatever order the voids
 * arrive in (the well-founded reading), so scores stay order-independent.
 *
 * Computed backwards from the voidings nobody voided, each event settled
 * once: linear in the number of voids.
 */
export function effectiveVoids(voids: readonly EventOf<'EventVoided'>[]): Set<string> {
  const voidersOf = new Map<string, string[]>();
  const targetsOf = new Map<string, string[]>();
  for (const v of voids) {
    push(voidersOf, v.data.voidedEventId, v.id);
    push(targetsOf, v.id, v.data.voidedEventId);
  }
  // Voidings of each event not yet known to be voided; at zero the event stands.
  const undecided = new Map<string, number>();
  for (const [target, voiders] of voidersOf) undecided.set(target, new Set(voiders).size);
  const voided = new Set<string>();
  const standing: string[] = [...targetsOf.keys()].filter((id) => !voidersOf.has(id));
  for (let next = standing.pop(); next !== undefined; next = standing.pop()) {
    for (const target of targetsOf.get(next) ?? []) {
      if (voided.has(target)) continue;
      voided.add(target);
      // A voided voiding no longer holds its own targets down.
      for (const freed of new Set(targetsOf.get(target) ?? [])) {
        const left = (undecided.get(freed) ?? 0) - 1;
        undecided.set(freed, left);
        if (left === 0 && !voided.has(freed) && targetsOf.has(freed)) standing.push(freed);
      }
    }
  }
  return voided;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
