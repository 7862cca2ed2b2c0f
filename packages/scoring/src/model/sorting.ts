import { type Rec, byTime } from './records.ts';

/*
 * The scorer's two big sorts, done as a native typed-array sort of packed
 * numbers: a month's ratings by time (~16,000 in a busy hall) and the event
 * ids of line items (~50,000 in all). `Array.prototype.sort` costs a call
 * and two reads of objects scattered in memory per comparison; here each
 * element is read once to pack its key. Both give exactly the order of the
 * sort they replace.
 */

/** Largest integer below which every integer is exact in a double: 2^53. */
const EXACT = 2 ** 53;

/**
 * Sorts records by occurredAt, then id (`byTime`), in place. Each record's
 * instant (minus the earliest) and position are packed into one integer
 * below 2^53, `(t − min) × 2^k + i`, and those are sorted as a
 * `Float64Array`; records with equal instants are then put in id order. When
 * the span × count does not fit (more than a few months of records) or an
 * instant is not whole milliseconds, it falls back to `sort(byTime)`.
 */
export function sortByTime<R extends Rec>(recs: R[]): R[] {
  const n = recs.length;
  if (n < 2) return recs;
  const keys = new Float64Array(n);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t = recs[i].t;
    if (!Number.isInteger(t)) return recs.sort(byTime);
    if (t < min) min = t;
    if (t > max) max = t;
    keys[i] = t;
  }
  let scale = 1;
  while (scale < n) scale *= 2;
  if ((max - min + 1) * scale > EXACT) return recs.sort(byTime);
  for (let i = 0; i < n; i++) keys[i] = (keys[i] - min) * scale + i;
  keys.sort();
  const byInstant = new Array<R>(n);
  for (let i = 0; i < n; i++) byInstant[i] = recs[keys[i] % scale];
  for (let i = 0; i < n; i++) recs[i] = byInstant[i];
  // Runs of equal instants (the packed keys differ only in position): put them in id order.
  for (let from = 0; from < n; ) {
    const instant = Math.floor(keys[from] / scale);
    let to = from + 1;
    while (to < n && Math.floor(keys[to] / scale) === instant) to++;
    if (to - from > 1) {
      const run = recs.slice(from, to).sort(byTime);
      for (let i = 0; i < run.length; i++) recs[from + i] = run[i];
    }
    from = to;
  }
  return recs;
}

/** Runs this short are insertion-sorted (before merging, or as a run of equal packed chars). */
const RUN = 8;

/** Char codes packed per key position: 0 for "no char" (a shorter string), else code + 1 (Latin-1 only). */
const CHAR_BASE = 257;

/**
 * Sorts strings in place in the order of `Array.prototype.sort()` with no
 * callback (UTF-16 code units). The strings' common prefix is skipped and the
 * next few chars of each are packed, with its position, into one integer
 * below 2^53; those are sorted as a `Float64Array`, and strings whose packed
 * chars are equal are then compared in full. Event ids are ASCII, so the few
 * chars after a common prefix ("ev-", a hall's own scheme) nearly always
 * decide. Strings with a char beyond Latin-1 are merge-sorted instead.
 */
export function sortStrings(values: string[]): string[] {
  const n = values.length;
  if (n < 2) return values;
  let scale = 1;
  while (scale < n) scale *= 2;
  let width = 0;
  while (CHAR_BASE ** (width + 1) * scale <= EXACT) width++;
  const skip = commonPrefixLength(values);
  const prefixes = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const prefix = packedChars(values[i], skip, width);
    if (prefix < 0) return mergeSortStrings(values);
    prefixes[i] = prefix;
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = prefixes[i] * scale + i;
  keys.sort();
  const byPrefix = new Array<string>(n);
  const sortedPrefixes = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const at = keys[i] % scale;
    byPrefix[i] = values[at];
    sortedPrefixes[i] = prefixes[at];
  }
  for (let i = 0; i < n; i++) values[i] = byPrefix[i];
  // Runs with equal packed chars: compare in full.
  for (let from = 0; from < n; ) {
    let to = from + 1;
    while (to < n && sortedPrefixes[to] === sortedPrefixes[from]) to++;
    if (to - from <= RUN) insertionSort(values, from, to);
    else {
      const run = mergeSortStrings(values.slice(from, to));
      for (let i = 0; i < run.length; i++) values[from + i] = run[i];
    }
    from = to;
  }
  return values;
}

function commonPrefixLength(values: readonly string[]): number {
  const first = values[0];
  let length = first.length;
  for (let i = 1; i < values.length && length > 0; i++) {
    const value = values[i];
    let j = 0;
    while (j < length && j < value.length && value.charCodeAt(j) === first.charCodeAt(j)) j++;
    length = j;
  }
  return length;
}

/** Chars `skip … skip + width − 1` of `value` as one base-257 number (order preserving); −1 when one is beyond Latin-1. */
function packedChars(value: string, skip: number, width: number): number {
  let packed = 0;
  for (let j = skip; j < skip + width; j++) {
    let digit = 0;
    if (j < value.length) {
      const code = value.charCodeAt(j);
      if (code > 255) return -1;
      digit = code + 1;
    }
    packed = packed * CHAR_BASE + digit;
  }
  return packed;
}

/** `sortStrings` by a bottom-up merge sort. */
function mergeSortStrings(values: string[]): string[] {
  const n = values.length;
  for (let lo = 0; lo < n; lo += RUN) insertionSort(values, lo, Math.min(n, lo + RUN));
  if (n <= RUN) return values;
  let from = values;
  let to = new Array<string>(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) merge(from, to, lo, Math.min(n, lo + width), Math.min(n, lo + 2 * width));
    [from, to] = [to, from];
  }
  if (from !== values) for (let i = 0; i < n; i++) values[i] = from[i];
  return values;
}

function insertionSort(values: string[], lo: number, hi: number): void {
  for (let i = lo + 1; i < hi; i++) {
    const value = values[i];
    let j = i - 1;
    while (j >= lo && values[j] > value) {
      values[j + 1] = values[j];
      j--;
    }
    values[j + 1] = value;
  }
}

/** Merges the sorted `from[lo..mid)` and `from[mid..hi)` into `to[lo..hi)`, the left first on ties. */
function merge(from: string[], to: string[], lo: number, mid: number, hi: number): void {
  let i = lo;
  let j = mid;
  let k = lo;
  while (i < mid && j < hi) to[k++] = from[j] < from[i] ? from[j++] : from[i++];
  while (i < mid) to[k++] = from[i++];
  while (j < hi) to[k++] = from[j++];
}
