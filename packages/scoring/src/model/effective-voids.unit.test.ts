import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventOf } from '@hall/contracts';
import { effectiveVoids } from './effective-voids.ts';

const voiding = (id: string, target: string): EventOf<'EventVoided'> =>
  ({ id, type: 'EventVoided', occurredAt: '2026-09-29T00:00:00Z', recordedAt: '2026-09-29T00:00:00Z', position: 1, clientId: 'c', data: { voidedEventId: target, reason: 'r' } }) as EventOf<'EventVoided'>;

/** The rule read directly, for histories without cycles: voided iff some voiding of it is not voided. */
function reference(voids: ReadonlyArray<EventOf<'EventVoided'>>, id: string): boolean {
  return voids.some((v) => v.data.voidedEventId === id && !reference(voids, v.id));
}

/** Voidings v0…v(n-1) each naming a plain event or a voiding; `acyclic` lets v_i name only v_j with j > i. */
const voidGraph = (acyclic: boolean) =>
  fc.integer({ min: 1, max: 8 }).chain((n) =>
    fc.tuple(...Array.from({ length: n }, (_, i) => fc.oneof(fc.constantFrom('x1', 'x2'), fc.integer({ min: acyclic ? i + 1 : 0, max: n + 1 }).map((j) => (j < n ? `v${j}` : 'x3'))))).map((targets) =>
      targets.map((target, i) => voiding(`v${i}`, target)),
    ),
  );

describe('effectiveVoids', () => {
  it('restores an event whose voiding was voided, and voids it again when that voiding is voided', () => {
    expect([...effectiveVoids([voiding('v1', 'x')])]).toEqual(['x']);
    expect([...effectiveVoids([voiding('v1', 'x'), voiding('v2', 'v1')])]).toEqual(['v1']);
    expect(new Set(effectiveVoids([voiding('v1', 'x'), voiding('v2', 'v1'), voiding('v3', 'v2')]))).toEqual(new Set(['v2', 'x']));
  });

  it('voids nothing through a cycle of voidings, in either order', () => {
    expect(effectiveVoids([voiding('a', 'b'), voiding('b', 'a')]).size).toBe(0);
    expect(effectiveVoids([voiding('b', 'a'), voiding('a', 'b')]).size).toBe(0);
    expect(effectiveVoids([voiding('a', 'b'), voiding('b', 'a'), voiding('c', 'x'), voiding('a2', 'c')]))
      .toEqual(new Set(['c']));
  });

  it('settles a cycle member that a standing voiding voids', () => {
    // c stands and voids a; then b (voided only by a) stands and voids its own target… a.
    expect(effectiveVoids([voiding('a', 'b'), voiding('b', 'a'), voiding('c', 'a')])).toEqual(new Set(['a']));
  });

  it('agrees with the rule read directly when there is no cycle', () => {
    fc.assert(
      fc.property(voidGraph(true), (voids) => {
        const ids = new Set(voids.flatMap((v) => [v.id, v.data.voidedEventId]));
        const result = effectiveVoids(voids);
        for (const id of ids) expect(result.has(id)).toBe(reference(voids, id));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same answer whatever order the voids arrive in, cycles included', () => {
    fc.assert(
      fc.property(voidGraph(false).chain((voids) => fc.tuple(fc.constant(voids), fc.shuffledSubarray(voids, { minLength: voids.length }))), ([voids, reordered]) => {
        expect(effectiveVoids(reordered)).toEqual(effectiveVoids(voids));
      }),
      { numRuns: 500 },
    );
  });
});
