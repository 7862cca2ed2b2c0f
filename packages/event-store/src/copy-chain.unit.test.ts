import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CopyChainParser, copyField } from './copy-chain.ts';
import { GENESIS_HASH, canonicalJson, eventHash } from './hash-chain.ts';
import type { StoredEvent } from './stored-event.ts';

const HALL = 'hall-"1"';

/** A field as PostgreSQL's COPY TO writes it in text format. */
function copyEscape(value: string | number | null): string {
  if (value === null) return '\\N';
  return String(value).replace(/[\\\t\n\r\b\f\v]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v' })[c]!);
}

/** `recorded_at::text` at session time zone UTC, as the server sends it. */
function pgTimestamp(iso: string): string {
  return iso.replace('T', ' ').replace(/\.000Z$|Z$/, '').replace(/(\.\d*?)0+$/, '$1') + '+00';
}

/** The COPY line of a stored event: the columns of ChainRow, `data` as the stored text. */
function copyLine(e: StoredEvent, dataText = canonicalJson(e.data)): string {
  const fields = [e.position, e.id, e.type, e.occurredAt, pgTimestamp(e.recordedAt), e.clientId, e.schemaVersion, dataText, e.personalRef, e.hash, e.prevHash];
  return `${fields.map(copyEscape).join('\t')}\n`;
}

function chain(events: Array<Omit<StoredEvent, 'position' | 'hash' | 'prevHash'>>, hall = HALL): StoredEvent[] {
  let prevHash = GENESIS_HASH;
  return events.map((e, i) => {
    const stored = { ...e, position: i + 1, prevHash, hash: '' };
    stored.hash = eventHash(prevHash, stored, hall);
    prevHash = stored.hash;
    return stored;
  });
}

function parse(text: string | Buffer, cuts: number[] = [], wanted?: (position: number, type: string) => boolean, hall = HALL) {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const parser = new CopyChainParser(hall, wanted);
  const links = [];
  let from = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length)].sort((a, b) => a - b).concat(bytes.length)) {
    links.push(...parser.push(bytes.subarray(from, cut)));
    from = cut;
  }
  parser.end();
  return links;
}

// Any text PostgreSQL can hold: full Unicode without NUL or lone surrogates.
const pgText = fc.string({ unit: 'grapheme', maxLength: 10 }).filter((s) => !s.includes('\u0000'));
const someText = fc.oneof(pgText, fc.constantFrom('"', '\\', '\t', '\n', '\r', '\u0001', '\\N', '窗口 "A"\\b', 'a\tb'));
const data = fc.dictionary(someText, fc.oneof(someText, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null), fc.array(someText, { maxLength: 3 })), { maxKeys: 4 });
const event = fc.record({
  id: fc.oneof(fc.stringMatching(/^[a-z0-9-]{1,12}$/), someText),
  type: fc.constantFrom('TicketCalled', 'PeriodAdvanced', 'Odd"Type'),
  occurredAt: fc.oneof(fc.constant('2026-09-30T23:30:00+08:00'), someText),
  recordedAt: fc.constantFrom('2026-02-01T00:00:00.000Z', '2026-02-01T00:00:00.120Z', '2026-12-31T23:59:59.999Z'),
  clientId: fc.oneof(fc.constant('c_kiosk'), someText),
  schemaVersion: fc.integer({ min: 1, max: 3 }),
  data,
  personalRef: fc.oneof(fc.constant(null), fc.stringMatching(/^[0-9a-f]{64}$/), someText),
});

describe('CopyChainParser', () => {
  it('finds every row of a COPY stream intact, however the stream is cut into chunks', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(4000), { maxLength: 6 }), (events, cuts) => {
        const stored = chain(events);
        const links = parse(stored.map((e) => copyLine(e)).join(''), cuts, () => true);
        expect(links.map((l) => [l.position, l.type, l.hash, l.prevHash, l.intact])).toEqual(stored.map((e) => [e.position, e.type, e.hash, e.prevHash, true]));
        // The events as stored: data is JSON text (−0 comes back as 0).
        expect(links.map((l) => l.event)).toEqual(stored.map((e) => ({ ...e, data: JSON.parse(canonicalJson(e.data)) })));
      }),
      { numRuns: 500 },
    );
  });

  it('finds a row intact whose data text is the same content in another form (written before 0307)', () => {
    const [e] = chain([{ id: 'e1', type: 'TicketCalled', occurredAt: '2026-01-05T09:00:00+08:00', recordedAt: '2026-02-01T00:00:00.000Z', clientId: 'c', schemaVersion: 1, data: { windowId: 'w1', staffId: 's1' }, personalRef: null }]);
    const [link] = parse(copyLine(e!, '{"windowId": "w1", "staffId": "s1"}'));
    expect(link!.intact).toBe(true);
  });

  it('finds a row broken when any one of its fields changed', () => {
    fc.assert(
      fc.property(event, fc.integer({ min: 0, max: 8 }), someText, (input, field, replacement) => {
        const [e] = chain([input]);
        const fields = [e!.position, e!.id, e!.type, e!.occurredAt, pgTimestamp(e!.recordedAt), e!.clientId, e!.schemaVersion, canonicalJson(e!.data), e!.personalRef];
        const changed: Array<string | number | null> = [...fields];
        changed[field] = field === 0 || field === 6 ? Number(fields[field]) + 1 : field === 4 ? '2026-02-01 00:00:01+00' : field === 7 ? canonicalJson({ ...e!.data, x: replacement }) : `${String(fields[field])}${replacement}x`;
        const line = `${[...changed, e!.hash, e!.prevHash].map(copyEscape).join('\t')}\n`;
        expect(parse(line)[0]!.intact).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('does not take a row whose fields were shifted into one another for intact, though the joined text is the same', () => {
    // data may hold, unescaped, the text that joins data to id; a forger can then move the cut.
    const hall = 'h1';
    const [e] = chain([{ id: 'e1', type: 'TicketCalled', occurredAt: 'T', recordedAt: '2026-02-01T00:00:00.000Z', clientId: 'c', schemaVersion: 1, data: { a: 1, hallId: hall, id: 'q' }, personalRef: null }], hall);
    const original = canonicalJson(e!.data);
    const join = `,"hallId":"${hall}","id":"`;
    expect(original).toContain(join);
    const [before, after] = original.split(join) as [string, string];
    const forged = copyLine({ ...e!, id: `${after}${join}e1` }, before);
    expect(forged).not.toBe(copyLine(e!));
    expect(parse(forged, [], undefined, hall)[0]!.intact).toBe(false);
    expect(parse(copyLine(e!), [], undefined, hall)[0]!.intact).toBe(true);
  });

  it('keeps a multi-byte character cut between two chunks', () => {
    const [e] = chain([{ id: '窗口一', type: 'TicketCalled', occurredAt: '2026-01-05T09:00:00+08:00', recordedAt: '2026-02-01T00:00:00.000Z', clientId: '客户端', schemaVersion: 1, data: { name: '张三' }, personalRef: null }]);
    const bytes = Buffer.from(copyLine(e!));
    for (let cut = 1; cut < bytes.length; cut += 1) expect(parse(bytes, [cut])[0]!.intact).toBe(true);
  });

  it('refuses a stream that ends inside a row, or a row with too few or too many fields', () => {
    const [e] = chain([{ id: 'e1', type: 'TicketCalled', occurredAt: 'T', recordedAt: '2026-02-01T00:00:00.000Z', clientId: 'c', schemaVersion: 1, data: {}, personalRef: null }]);
    const line = copyLine(e!);
    expect(() => parse(line.slice(0, -5))).toThrow(/inside a row/);
    expect(() => parse(line.replace('\tc\t', '\t'))).toThrow(/fields/);
    expect(() => parse(line.replace('\tc\t', '\tc\tx\t'))).toThrow(/more than/);
  });
});

describe('copyField', () => {
  it('undoes COPY text-format escapes and reads \\N as NULL', () => {
    expect(copyField('\\N')).toBeNull();
    expect(copyField('a\\\\b\\tc\\nd\\re\\bf\\fg\\vh')).toBe('a\\b\tc\nd\re\bf\fg\vh');
    expect(copyField('\\\\N')).toBe('\\N');
    expect(copyField('plain')).toBe('plain');
  });
});
