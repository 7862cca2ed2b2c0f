import { describe, expect, it } from 'vitest';
import { classifyIds } from './classify-ids.ts';
import type { StoredIds } from './append-types.ts';

describe('classifyIds', () => {
  it('asks no fingerprint when every id is new (decision 1881, 1901)', () => {
    const asked: number[] = [];
    const { classified, conflicts } = classifyIds([{ id: 'a' }, { id: 'b' }, { id: 'c' }], (i) => (asked.push(i), 'fp'), new Map());
    expect(classified.map((c) => c.status)).toEqual(['new', 'new', 'new']);
    expect(conflicts).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('compares fingerprints only for ids that come again: a stored id, then an id used earlier in the batch', () => {
    const asked: number[] = [];
    const stored: StoredIds = new Map([['old', { position: 7, contentHash: () => 'fp-old' }]]);
    const fingerprints = ['fp-x', 'fp-old', 'fp-x', 'fp-other', 'fp-y'];
    const { classified, conflicts } = classifyIds(
      [{ id: 'x' }, { id: 'old' }, { id: 'x' }, { id: 'x' }, { id: 'y' }],
      (i) => (asked.push(i), fingerprints[i]!),
      stored,
    );
    expect(classified).toEqual([
      { status: 'new' },
      { status: 'duplicate', position: 7 },
      { status: 'duplicate-in-batch', of: 0 },
      { status: 'duplicate-in-batch', of: 0 },
      { status: 'new' },
    ]);
    expect(conflicts).toEqual([{ path: '/events/3/id', message: 'event id used by /events/0 with other content' }]);
    expect(new Set(asked)).toEqual(new Set([0, 1, 2, 3]));
  });
});
