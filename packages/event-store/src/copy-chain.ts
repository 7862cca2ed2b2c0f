import { hash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { ChainLink, ChainLinkOptions } from './chain-links.ts';
import { chainRowEvent, chainRowHashMatches, type ChainRow } from './read-chain.ts';
import { recordedAtIso } from './recorded-at.ts';

const FIELDS = 11; // the columns of ChainRow, in its order

/**
 * The chain walk's read on PostgreSQL: one `COPY (select …) TO STDOUT` of the
 * hall's rows in position order, checked as the bytes arrive (0307). Each row
 * becomes one string; the canonical text the hash covers is joined from
 * slices of it — the stored `data` text as it is, the other fields as JSON
 * strings — and hashed after the row's own stored `prev_hash`. Only the type
 * and the two hashes become values of their own (and the whole event for
 * `wanted` rows). Compared with reading rows, that saves pg's keyed row, a
 * string per field and most of the garbage: most of the walk's time.
 *
 * Any row the fast path cannot judge alone — a string field holding `"`,
 * `\` or a control character, or a hash that does not match (a row written
 * before 0307, or tampered with) — is decoded field by field, COPY escapes
 * undone, and judged by {@link chainRowHashMatches}, exactly as the row
 * reader would. So the fast path only ever adds speed, never a verdict.
 */
export async function* copyChainLinks(pool: pg.Pool, hallId: string, opts: ChainLinkOptions): AsyncIterable<ChainLink[]> {
  const client = await pool.connect();
  let finished = false;
  try {
    // Without a LIMIT the planner takes a bitmap scan and a parallel sort that
    // spills to disk, half as fast as walking the primary key, which already
    // gives position order (measured on 100k rows: 0.38 s against 0.20 s).
    await client.query('begin read only; set local enable_sort = off; set local enable_bitmapscan = off');
    const select =
      'select position, event_id, type, occurred_at_text, recorded_at::text, client_id, schema_version, data::text, personal_ref, hash, prev_hash ' +
      `from events where hall_id = ${client.escapeLiteral(hallId)} and position <= ${Math.trunc(opts.through)} order by position`;
    const stream = client.query(copyTo(`copy (${select}) to stdout`));
    const parser = new CopyChainParser(hallId, opts.wanted);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const links = parser.push(chunk);
      if (links.length > 0) yield links;
    }
    parser.end();
    await client.query('commit');
    finished = true;
  } finally {
    // A walk that stopped early leaves the COPY running on this connection: it is closed, not reused.
    client.release(finished ? undefined : new Error('chain walk stopped before the end of its COPY'));
  }
}

/** A JSON string needs no escaping, and COPY wrote no escape, when none of these is in it (tab is COPY's separator). */
const NOT_PLAIN = /[\x00-\x08\x0a-\x1f"\\]/;
const DIGITS = /^\d{1,15}$/;

/**
 * Splits COPY text-format rows of {@link FIELDS} columns and checks each one;
 * rows may span chunks. V8 slices and concatenations copy nothing until the
 * hash flattens the joined text once. (Assembling the same bytes in a Buffer
 * measured twice as slow: a native call per piece.)
 */
export class CopyChainParser {
  private readonly decoder = new StringDecoder('utf8');
  private rest = '';
  /** `,"hallId":"<hall>","id":"`: constant for the walk. */
  private readonly hallPart: string;
  /** t[f]: the tab after field f (fields 0–9; field 10 ends at the row's end). */
  private readonly t = new Int32Array(FIELDS - 1);

  constructor(
    private readonly hallId: string,
    private readonly wanted?: (position: number, type: string) => boolean,
  ) {
    this.hallPart = `,"hallId":${JSON.stringify(hallId)},"id":"`;
  }

  push(chunk: Buffer): ChainLink[] {
    const text = this.rest + this.decoder.write(chunk);
    const links: ChainLink[] = [];
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      links.push(this.link(text, start, newline));
      start = newline + 1;
    }
    this.rest = text.slice(start);
    return links;
  }

  /** The stream ended: a partial row left over means it was cut. */
  end(): void {
    if (this.rest + this.decoder.end() !== '') throw new Error('COPY stream ended inside a row');
  }

  // Fields: 0 position, 1 event_id, 2 type, 3 occurred_at_text, 4 recorded_at, 5 client_id,
  // 6 schema_version, 7 data, 8 personal_ref, 9 hash, 10 prev_hash.
  private link(text: string, start: number, end: number): ChainLink {
    const t = this.t;
    let from = start;
    for (let f = 0; f < FIELDS - 1; f += 1) {
      const tab = text.indexOf('\t', from);
      if (tab === -1 || tab > end) throw new Error(`COPY row with ${f + 1} fields, expected ${FIELDS}`);
      t[f] = tab;
      from = tab + 1;
    }
    if (text.lastIndexOf('\t', end) !== t[9]) throw new Error(`COPY row with more than ${FIELDS} fields`);
    const position = Number(text.slice(start, t[0]));
    const type = text.slice(t[1]! + 1, t[2]);
    const storedHash = text.slice(t[8]! + 1, t[9]);
    const prevHash = text.slice(t[9]! + 1, end);
    const link: ChainLink = { position, type, hash: storedHash, prevHash, intact: false };
    const canonical = this.canonical(text, start, prevHash);
    if (canonical !== undefined && hash('sha256', canonical, 'hex') === storedHash) link.intact = true;
    let row: ChainRow | undefined;
    if (!link.intact) {
      row = this.decodeRow(text, start, end);
      link.intact = chainRowHashMatches(prevHash, this.hallId, row);
    }
    if (this.wanted?.(position, type)) link.event = chainRowEvent(row ?? this.decodeRow(text, start, end));
    return link;
  }

  /**
   * `prev_hash ‖ canonical event`, as eventHashOfText writes it, joined from
   * slices of the row; undefined when the row is not in the form the store
   * writes: a string field JSON would escape (or holding a COPY escape), a
   * backslash in `data` (COPY doubled it), a position that is not digits.
   * That check is what makes joining safe: with no quote in any string
   * field, the joined text equals an event's canonical text only if every
   * field equals that event's (0307).
   */
  private canonical(text: string, start: number, prevHash: string): string | undefined {
    const t = this.t;
    // Fields 0–6 lie before data: one test for all of them.
    if (NOT_PLAIN.test(text.slice(start, t[6]))) return undefined;
    const data = text.slice(t[6]! + 1, t[7]);
    if (data.includes('\\')) return undefined;
    const position = text.slice(start, t[0]);
    if (!DIGITS.test(position)) return undefined;
    const personalRef = text.slice(t[7]! + 1, t[8]);
    let personal: string;
    if (personalRef === '\\N') personal = 'null';
    else if (NOT_PLAIN.test(personalRef)) return undefined;
    else personal = `"${personalRef}"`;
    return (
      `${prevHash}{"clientId":"${text.slice(t[4]! + 1, t[5])}","data":${data}${this.hallPart}${text.slice(t[0]! + 1, t[1])}` +
      `","occurredAt":"${text.slice(t[2]! + 1, t[3])}","personalRef":${personal},"position":${position}` +
      `,"recordedAt":"${recordedAtIso(text.slice(t[3]! + 1, t[4]))}","schemaVersion":${text.slice(t[5]! + 1, t[6])}` +
      `,"type":"${text.slice(t[1]! + 1, t[2])}"}`
    );
  }

  /** The row's fields as the row reader gives them, COPY's escapes undone. */
  private decodeRow(text: string, start: number, end: number): ChainRow {
    const t = this.t;
    const field = (f: number) => copyField(text.slice(f === 0 ? start : t[f - 1]! + 1, f === FIELDS - 1 ? end : t[f]));
    return [
      field(0) ?? '',
      field(1) ?? '',
      field(2) ?? '',
      field(3) ?? '',
      field(4) ?? '',
      field(5) ?? '',
      Number(field(6)),
      field(7) ?? 'null',
      field(8),
      field(9) ?? '',
      field(10) ?? '',
    ];
  }
}

const ESCAPED: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/**
 * One field of COPY's text format: `\N` is NULL; a backslash escapes the next
 * character (`\b \f \n \r \t \v`, else the character itself, e.g. `\\`).
 * COPY TO writes no other escapes (the format's octal and hex forms are for
 * input), so those are read as plain characters.
 */
export function copyField(raw: string): string | null {
  if (raw === '\\N') return null;
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(.)/gs, (_, c: string) => ESCAPED[c] ?? c);
}
