import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AssessmentEvent } from '@hall/contracts';
import { EventIndex, hashId, withoutRepeatedIds } from './event-index.ts';

const ev = (id: string, n = 0) => ({ id, type: 'TicketIssued', position: n }) as unknown as AssessmentEvent;
const hashesOf = (events: readonly AssessmentEvent[]) => Uint32Array.from(events, (e) => hashId(e.id));

describe('EventIndex', () => {
  it('finds every event by id and refuses a known id, across growth, from an empty index', () => {
    const index = new EventIndex();
    for (let i = 0; i < 1000; i++) expect(index.add(ev(`e${i}`, i))).toBe(true);
    expect(index.add(ev('e500', 2000))).toBe(false);
    expect(index.size).toBe(1000);
    expect(index.get('e500')?.position).toBe(500);
    expect(index.has('e1000')).toBe(false);
    expect(index.values().map((e) => e.id).slice(0, 3)).toEqual(['e0', 'e1', 'e2']);
  });

  it('builds its look-up table from the events it was given when first asked', () => {
    const index = new EventIndex([ev('a'), ev('b'), ev('c')]);
    expect(index.has('b')).toBe(true);
    expect(index.add(ev('a', 9))).toBe(false);
    expect(index.add(ev('d'))).toBe(true);
    expect(index.values().map((e) => e.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('withoutRepeatedIds', () => {
  it('keeps the first event of each id, in order, and returns the list itself when no id repeats', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'ev-1', 'ev-10'), { maxLength: 30 }), (idList) => {
        const events = idList.map((id, n) => ev(id, n));
        const distinct = withoutRepeatedIds(events, hashesOf(events));
        const expected = events.filter((e, i) => events.findIndex((f) => f.id === e.id) === i);
        expect(distinct).toEqual(expected);
        if (new Set(idList).size === idList.length) expect(distinct).toBe(events);
      }),
    );
  });

  it('compares ids, not hashes: different ids with one hash are both kept', () => {
    const events = [ev('x'), ev('y'), ev('x', 2)];
    const collide = Uint32Array.from([7, 7, 7]);
    expect(withoutRepeatedIds(events, collide).map((e) => e.id)).toEqual(['x', 'y']);
  });
});
