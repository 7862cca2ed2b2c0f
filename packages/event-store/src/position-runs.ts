/**
 * Positions as runs of consecutive positions, for reading chosen events by
 * range scans instead of one index descent each (decision 1461). A carry-over
 * snapshot is mostly the newest month's events, so its tens of thousands of
 * positions are a few dozen runs.
 */

/** `[first, last]` of each run of consecutive positions (sorted, duplicates dropped). */
export function positionRuns(positions: readonly number[]): Array<[number, number]> {
  const sorted = Float64Array.from(positions).sort();
  const runs: Array<[number, number]> = [];
  for (const position of sorted) {
    const last = runs.at(-1);
    if (last && position <= last[1] + 1) last[1] = Math.max(last[1], position);
    else runs.push([position, position]);
  }
  return runs;
}

/**
 * The runs cut into chunks of at most `size` positions each (a run longer
 * than `size` is split), so each read holds a bounded number of rows.
 */
export function chunkRuns(runs: ReadonlyArray<readonly [number, number]>, size: number): Array<Array<[number, number]>> {
  const chunks: Array<Array<[number, number]>> = [];
  let chunk: Array<[number, number]> = [];
  let held = 0;
  for (const [first, last] of runs) {
    let from = first;
    while (from <= last) {
      const to = Math.min(last, from + (size - held) - 1);
      chunk.push([from, to]);
      held += to - from + 1;
      from = to + 1;
      if (held === size) {
        chunks.push(chunk);
        chunk = [];
        held = 0;
      }
    }
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
