import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdleCache } from './idle-cache.ts';

describe('the runner’s bounded cache of halls', () => {
  it('keeps at most its capacity, dropping the least recently used', () => {
    const cache = new IdleCache<number>(2, 1000, () => 0);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the more recent
    cache.set('c', 3);
    expect([...cache.keys()]).toEqual(['a', 'c']);
    expect(cache.get('b')).toBeUndefined();
  });

  it('evicts the halls idle for longer than the timeout, and only those', () => {
    let now = 0;
    const cache = new IdleCache<string>(10, 100, () => now);
    cache.set('old', 'x');
    now = 60;
    cache.set('recent', 'y');
    now = 150;
    expect(cache.evictIdle()).toEqual(['old']);
    expect(cache.size).toBe(1);
    now = 161;
    expect(cache.evictIdle()).toEqual(['recent']);
    expect(cache.size).toBe(0);
  });

  it('orders and evicts as a plain least-recently-used list would, whatever the calls', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('get' as const), key: fc.constantFrom('a', 'b', 'c', 'd') }),
      fc.record({ kind: fc.constant('set' as const), key: fc.constantFrom('a', 'b', 'c', 'd'), value: fc.integer() }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.constantFrom('a', 'b', 'c', 'd') }),
      fc.record({ kind: fc.constant('evict' as const) }),
      fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 60 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        let now = 0;
        const cache = new IdleCache<number>(3, 100, () => now);
        // The reference: an array, least recently used first.
        let model: { key: string; value: number; usedAt: number }[] = [];
        for (const o of ops) {
          if (o.kind === 'wait') now += o.ms;
          else if (o.kind === 'get') {
            const i = model.findIndex((e) => e.key === o.key);
            const expected = i < 0 ? undefined : model[i]!.value;
            if (i >= 0) model.push({ ...model.splice(i, 1)[0]!, usedAt: now });
            expect(cache.get(o.key)).toBe(expected);
          } else if (o.kind === 'set') {
            model = model.filter((e) => e.key !== o.key);
            model.push({ key: o.key, value: o.value, usedAt: now });
            if (model.length > 3) model.shift();
            cache.set(o.key, o.value);
          } else if (o.kind === 'delete') {
            model = model.filter((e) => e.key !== o.key);
            cache.delete(o.key);
          } else {
            const gone: string[] = [];
            while (model.length > 0 && model[0]!.usedAt <= now - 100) gone.push(model.shift()!.key);
            expect(cache.evictIdle()).toEqual(gone);
          }
          expect([...cache.keys()]).toEqual(model.map((e) => e.key));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
