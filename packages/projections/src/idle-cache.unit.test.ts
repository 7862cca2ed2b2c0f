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
});
