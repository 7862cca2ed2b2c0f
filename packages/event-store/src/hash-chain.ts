import type { StoredEvent } from './stored-event.ts';
import { hash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';

// canonicalize is CommonJS (`module.exports = fn`); its typings claim an ES default export.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** prevHash of a hall's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** What the chain covers of one event. `occurredAt` is the client's text; `data` has no personal fields. */
export type HashedEvent = Omit<StoredEvent, 'hash' | 'prevHash'> & { hallId: string };

/**
 * RFC 8785 form of a plain JSON value (null, boolean, finite number, string,
 * array without holes, object without `toJSON` whose values are all plain),
 * byte for byte what `canonicalize` gives for it: keys sorted by UTF-16 code
 * units (`Array.prototype.sort`), strings and numbers as `JSON.stringify`
 * writes them. Returns undefined for anything else, which then goes to
 * `canonicalize` itself (so its treatment of undefined, toJSON, symbols, … is
 * kept exactly). About 3× faster than `canonicalize` (0306); the property
 * test in canonical-json.unit.test.ts holds it to `canonicalize`.
 */
function plainCanonical(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : undefined;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i += 1) {
          if (!(i in value)) return undefined;
          const item = plainCanonical(value[i]);
          if (item === undefined) return undefined;
          out += i === 0 ? item : `,${item}`;
        }
        return `${out}]`;
      }
      const record = value as Record<string, unknown>;
      if (typeof record.toJSON === 'function') return undefined;
      const keys = sortedKeys(record);
      let out = '{';
      for (let i = 0; i < keys.length; i += 1) {
        const key = keys[i]!;
        const item = plainCanonical(record[key]);
        if (item === undefined) return undefined;
        out += `${i === 0 ? '' : ','}${JSON.stringify(key)}:${item}`;
      }
      return `${out}}`;
    }
    default:
      return undefined;
  }
}

/**
 * `Object.keys(record).sort()`, sorted in place by insertion for the few keys
 * an event's data has: `Array.prototype.sort` allocated about a kilobyte per
 * call (its work arrays), a tenth of a batched event's garbage (decision
 * 1901). `<` on strings compares UTF-16 code units, exactly the default sort's
 * order; larger objects still go to `sort`.
 */
function sortedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i += 1) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j -= 1;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/**
 * `JSON.stringify` of a string, remembering the last one asked: a batch's
 * events share their client, hall, recording time and mostly their type, so
 * each is written once per batch instead of once per event (decision 1901).
 */
function lastJsonOf(): (value: string) => string {
  let last: string | undefined;
  let json = '';
  return (value) => {
    if (value !== last) {
      json = JSON.stringify(value);
      last = value;
    }
    return json;
  };
}
const clientIdJson = lastJsonOf();
const hallIdJson = lastJsonOf();
const recordedAtJson = lastJsonOf();
const typeJson = lastJsonOf();

/** RFC 8785 canonical JSON; throws on values JSON cannot carry. */
export function canonicalJson(value: unknown): string {
  const text = plainCanonical(value) ?? canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  flatten(text);
  return text;
}

/**
 * Makes V8 store `text` as one flat string now. Built by `+=`, it is a tree
 * of every piece that made it (about 500 bytes for a ticket's ~100-character
 * data text against ~120 flat); an append keeps each event's data text until
 * its batch commits, long enough for the young generation to copy and then
 * promote the whole tree (decision 1921). Reading a character flattens it in
 * place (measured on Node 20's V8 11.3: 500 bytes kept per ticket's data text
 * before, 116 after); on an engine that does not, this only costs the read.
 */
function flatten(text: string): void {
  if (text.length > 0) text.charCodeAt(0);
}

/**
 * `canonicalJson` of exactly the fields of {@link HashedEvent}, written in
 * their sorted order directly (no intermediate object, no key sort).
 * `dataText` is `canonicalJson(e.data)` when the caller has it already (the
 * append path stores that text; verify hashes the stored text, 0307).
 */
function canonicalEvent(hallId: string, e: Omit<HashedEvent, 'hallId' | 'data'> & { data?: unknown }, dataText?: string): string {
  const data = dataText ?? plainCanonical(e.data);
  const position = plainCanonical(e.position);
  const schemaVersion = plainCanonical(e.schemaVersion);
  const personalRef = e.personalRef === null ? 'null' : plainCanonical(e.personalRef);
  if (
    data === undefined ||
    position === undefined ||
    schemaVersion === undefined ||
    personalRef === undefined ||
    typeof e.clientId !== 'string' ||
    typeof hallId !== 'string' ||
    typeof e.id !== 'string' ||
    typeof e.occurredAt !== 'string' ||
    typeof e.recordedAt !== 'string' ||
    typeof e.type !== 'string'
  ) {
    return canonicalJson({
      hallId,
      position: e.position,
      id: e.id,
      type: e.type,
      occurredAt: e.occurredAt,
      recordedAt: e.recordedAt,
      clientId: e.clientId,
      schemaVersion: e.schemaVersion,
      data: dataText === undefined ? e.data : JSON.parse(dataText),
      personalRef: e.personalRef,
    });
  }
  return (
    `{"clientId":${clientIdJson(e.clientId)},"data":${data},"hallId":${hallIdJson(hallId)},"id":${JSON.stringify(e.id)},` +
    `"occurredAt":${JSON.stringify(e.occurredAt)},"personalRef":${personalRef},"position":${position},` +
    `"recordedAt":${recordedAtJson(e.recordedAt)},"schemaVersion":${schemaVersion},"type":${typeJson(e.type)}}`
  );
}

/**
 * `sha256_hex(prevHash ‖ canonicalize(event))` in UTF-8, where `event` holds
 * exactly the fields of {@link HashedEvent}. prevHash is always 64 hex
 * characters, so the concatenation is unambiguous; an auditor can recompute
 * the chain from the `GET .../events` pages with any RFC 8785 library.
 * Given `hallId` apart, `e` needs no hallId: a walk over stored events then
 * builds no copy of each event (a `{ ...e, hallId }` spread cost more than the
 * hash itself, 0306).
 *
 * ### Example
 * ```ts
 * const first = eventHash(GENESIS_HASH, { hallId: 'h1', position: 1, id: 'e1', … });
 * const next = eventHash(first, storedEvent, 'h1');
 * ```
 */
export function eventHash(prevHash: string, e: HashedEvent): string;
export function eventHash(prevHash: string, e: Omit<HashedEvent, 'hallId'>, hallId: string): string;
export function eventHash(prevHash: string, e: Omit<HashedEvent, 'hallId'> & { hallId?: string }, hallId?: string): string {
  return hash('sha256', prevHash + canonicalEvent(hallId ?? (e.hallId as string), e), 'hex');
}

/**
 * {@link eventHash} with `data` given as its canonical JSON text (`dataText`
 * must be exactly `canonicalJson(data)`; the event's own `data` is not read).
 * The append path computes that text once, hashes it and stores it; verify
 * hashes the stored text as it is (0307).
 */
export function eventHashOfText(prevHash: string, e: Omit<HashedEvent, 'hallId' | 'data'>, hallId: string, dataText: string): string {
  return hash('sha256', prevHash + canonicalEvent(hallId, e, dataText), 'hex');
}
