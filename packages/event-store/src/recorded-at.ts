import pg from 'pg';

/** PostgreSQL's ISO output of a timestamptz at UTC with at most milliseconds: `2026-02-01 00:00:00.12+00`. */
const UTC_MS = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,3}))?\+00$/;
const parseTimestamptz = pg.types.getTypeParser(1184) as (text: string) => Date;

let lastText = '';
let lastIso = '';

/**
 * `recorded_at::text` as the ISO 8601 UTC string with milliseconds that the
 * hash covers — the same string `new Date(...).toISOString()` of pg's own
 * parser gives, without building a Date per row. The fast path is the
 * session time zone UTC and at most three fraction digits (the store writes
 * `toISOString()` values, so always); anything else (another session time
 * zone, microseconds, years past 9999, BC) goes through pg's parser as before.
 * Events of one append share their recordedAt, so the last conversion is kept.
 */
export function recordedAtIso(text: string): string {
  if (text === lastText) return lastIso;
  const m = UTC_MS.exec(text);
  const iso = m ? `${m[1]}T${m[2]}.${(m[3] ?? '').padEnd(3, '0')}Z` : parseTimestamptz(text).toISOString();
  lastText = text;
  lastIso = iso;
  return iso;
}
