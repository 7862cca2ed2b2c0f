import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashId, IdTable } from './id-table.ts';

/** Numbers ids on first sight through an IdTable, as TicketBook does; `hashOf` may be made to collide. */
function numbering(hashOf: (id: string) => number = hashId) {
  const ids: string[] = [];
  const table = new IdTable((n) => ids[n]);
  return {
    numberOf(id: string): number {
      const hash = hashOf(id);
      const found = table.find(id, hash);
      if (found >= 0) return found;
      ids.push(id);
      table.insert(hash, ids.length - 1);
      return ids.length - 1;
    },
    find: (id: string) => table.find(id, hashOf(id)),
  };
}

describe('IdTable', () => {
  it('numbers ids on first sight exactly as a Map would, across growth', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 300 }), fc.array(fc.string({ maxLength: 6 }), { maxLength: 20 }), (seen, asked) => {
        const table = numbering();
        const map = new Map<string, number>();
        for (const id of seen) {
          if (!map.has(id)) map.set(id, map.size);
          expect(table.numberOf(id)).toBe(map.get(id));
        }
        for (const id of [...seen, ...asked]) expect(table.find(id)).toBe(map.get(id) ?? -1);
      }),
      { numRuns: 300 },
    );
  });

  it('tells ids apart when every hash is the same (a probe compares the ids)', () => {
    const table = numbering(() => 7);
    for (let i = 0; i < 100; i++) expect(table.numberOf(`t${i}`)).toBe(i);
    expect(table.numberOf('t42')).toBe(42);
    expect(table.find('t100')).toBe(-1);
  });

  it('finds every id of a large numbering after many doublings', () => {
    const table = numbering();
    for (let i = 0; i < 50_000; i++) table.numberOf(`ticket-${i}`);
    expect(table.find('ticket-0')).toBe(0);
    expect(table.find('ticket-49999')).toBe(49_999);
    expect(table.find('ticket-50000')).toBe(-1);
  });
});
