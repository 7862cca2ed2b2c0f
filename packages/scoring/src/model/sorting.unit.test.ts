import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AssessmentEvent } from '@hall/contracts';
import { type Rec, byTime } from './records.ts';
import { sortByTime, sortStrings } from './sorting.ts';

const rec = (id: string, t: number): Rec => ({ id, t, day: 0, e: {} as AssessmentEvent });
const ids = (recs: readonly Rec[]) => recs.map((r) => `${r.id}@${r.t}`);

/** Ids sharing prefixes, as event ids do, with the odd NUL, non-Latin-1 char and empty id. */
const id = fc.tuple(fc.constantFrom('', 'ev-', 'ev-1', 'hall-7-ticket-'), fc.string({ unit: fc.constantFrom('0', '1', '9', 'a', 'Z', '-', '\u0000', 'ÿ', 'Ā', '界'), maxLength: 10 })).map(([p, s]) => p + s);

describe('sortByTime', () => {
  it('orders like sort(byTime): instant, then id, ties and all', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(id, fc.integer({ min: 0, max: 40 })), { maxLength: 300 }), fc.boolean(), (pairs, spread) => {
        const recs = pairs.map(([i, t]) => rec(i, 1_790_000_000_000 + t * (spread ? 86_400_000 : 1000)));
        expect(ids(sortByTime([...recs]))).toEqual(ids([...recs].sort(byTime)));
      }),
    );
  });

  it('falls back to sort(byTime) for instants too far apart to pack or not whole milliseconds', () => {
    const far = [rec('b', 8.6e15), rec('a', -8.6e15), rec('c', 0)];
    expect(ids(sortByTime([...far]))).toEqual(ids([...far].sort(byTime)));
    const fractional = [rec('b', 1.5), rec('a', 1.5), rec('c', 0)];
    expect(ids(sortByTime([...fractional]))).toEqual(['c@0', 'a@1.5', 'b@1.5']);
  });

  it('sorts in place and returns its argument', () => {
    const recs = [rec('b', 2), rec('a', 1)];
    expect(sortByTime(recs)).toBe(recs);
    expect(ids(recs)).toEqual(['a@1', 'b@2']);
  });
});

describe('sortStrings', () => {
  it('orders like Array.prototype.sort() with no callback', () => {
    fc.assert(
      fc.property(fc.array(id, { maxLength: 400 }), (values) => {
        expect(sortStrings([...values])).toEqual([...values].sort());
      }),
    );
  });

  it('handles many ids with a long common prefix, and long runs of equal chars after it', () => {
    const values = Array.from({ length: 5000 }, (_, i) => `hall-0001-ticket-${String((i * 7919) % 5000).padStart(9, '0')}`);
    expect(sortStrings([...values])).toEqual([...values].sort());
    const twoHalls = Array.from({ length: 4000 }, (_, i) => `${i % 2 === 0 ? 'A' : 'B'}-ticket-${String((i * 7919) % 4000).padStart(9, '0')}`);
    expect(sortStrings([...twoHalls])).toEqual([...twoHalls].sort());
  });
});
