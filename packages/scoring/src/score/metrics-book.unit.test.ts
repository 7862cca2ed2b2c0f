import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nthSmallest } from './metrics-book.ts';

describe('nthSmallest', () => {
  it('is the k-th of the sorted values, repeated values and all', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 200 }), fc.nat(), (values, pick) => {
        const k = pick % values.length;
        const sorted = [...values].sort((a, b) => a - b);
        expect(nthSmallest([...values], k)).toBe(sorted[k]);
      }),
    );
  });

  it('stays exact on inputs that make middle pivots lopsided', () => {
    const n = 5000;
    const organPipe = Array.from({ length: n }, (_, i) => (i < n / 2 ? i : n - i));
    const sorted = [...organPipe].sort((a, b) => a - b);
    for (const k of [0, 1, n >> 1, n - 2, n - 1]) expect(nthSmallest([...organPipe], k)).toBe(sorted[k]);
  });
});
