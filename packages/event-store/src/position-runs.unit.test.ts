import { describe, expect, it } from 'vitest';
import { chunkRuns, positionRuns } from './position-runs.ts';

describe('positionRuns', () => {
  it('joins consecutive positions, in order, without duplicates', () => {
    expect(positionRuns([9, 3, 4, 5, 5, 12, 10, 1])).toEqual([
      [1, 1],
      [3, 5],
      [9, 10],
      [12, 12],
    ]);
    expect(positionRuns([])).toEqual([]);
  });

  it('orders positions as numbers, not as text', () => {
    expect(positionRuns([100, 99, 11, 2])).toEqual([
      [2, 2],
      [11, 11],
      [99, 100],
    ]);
  });
});

describe('chunkRuns', () => {
  it('cuts runs into chunks of at most the size, splitting a long run, covering every position once', () => {
    const runs: Array<[number, number]> = [
      [1, 1],
      [3, 9],
      [20, 21],
    ];
    const chunks = chunkRuns(runs, 3);
    expect(chunks).toEqual([
      [
        [1, 1],
        [3, 4],
      ],
      [[5, 7]],
      [
        [8, 9],
        [20, 20],
      ],
      [[21, 21]],
    ]);
    const covered = chunks.flat().flatMap(([lo, hi]) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i));
    expect(covered).toEqual([1, 3, 4, 5, 6, 7, 8, 9, 20, 21]);
  });

  it('keeps runs whole when they fit', () => {
    expect(chunkRuns([[1, 4]], 5000)).toEqual([[[1, 4]]]);
  });
});
