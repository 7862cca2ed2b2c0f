import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, canonicalJson, eventHash, type HashedEvent } from './hash-chain.ts';
import { contentHashOf, contentHashOfText } from './content-fingerprint.ts';

const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** The chain's definition (0302) written with the reference library, as before 0306. */
function referenceHash(prevHash: string, e: HashedEvent): string {
  const body = {
    hallId: e.hallId,
    position: e.position,
    id: e.id,
    type: e.type,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    clientId: e.clientId,
    schemaVersion: e.schemaVersion,
    data: e.data,
    personalRef: e.personalRef,
  };
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalize(body)!, 'utf8').digest('hex');
}

// Full Unicode (astral characters, lone surrogates, control characters) in keys and strings.
const text = fc.string({ unit: 'binary', maxLength: 12 });
const number = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.constantFrom(0, -0, 1e21, 1e-7, 5e-324, Number.MAX_VALUE));
const { json } = fc.letrec((tie) => ({
  json: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), number, text, fc.array(tie('json'), { maxLength: 5 }), fc.dictionary(text, tie('json'), { maxKeys: 6 })),
}));

describe('canonicalJson', () => {
  it('is byte-identical to canonicalize for any JSON value', () => {
    fc.assert(fc.property(json, (value) => {
      expect(canonicalJson(value)).toBe(canonicalize(value));
    }), { numRuns: 2000 });
  });

  it('sorts the keys of small and large objects as canonicalize does (in-place sort up to 16 keys, Array.prototype.sort above, 1901)', () => {
    const flat = fc.dictionary(text, fc.oneof(text, number, fc.boolean(), fc.constant(null)), { minKeys: 10, maxKeys: 24 });
    fc.assert(fc.property(flat, (value) => {
      expect(canonicalJson(value)).toBe(canonicalize(value));
    }), { numRuns: 500 });
  });

  it('is byte-identical to canonicalize for parsed JSON (what the store reads)', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const parsed: unknown = JSON.parse(JSON.stringify(value));
      expect(canonicalJson(parsed)).toBe(canonicalize(parsed));
    }), { numRuns: 1000 });
  });

  it('leaves values that are not plain JSON to canonicalize', () => {
    const odd: unknown[] = [
      { a: undefined, b: 1 },
      [1, undefined, 2],
      { at: new Date(Date.UTC(2026, 0, 1)) },
      { toJSON: () => ({ z: 1, a: 2 }) },
      { s: Symbol('x'), t: 'y' },
      // eslint-disable-next-line no-sparse-arrays
      [1, , 3],
      Object.assign(Object.create(null), { b: 2, a: 1 }),
    ];
    for (const value of odd) expect(canonicalJson(value)).toBe(canonicalize(value));
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson({ x: Infinity })).toThrow();
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});

describe('eventHash', () => {
  const event = fc.record({
    hallId: text,
    position: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    id: text,
    type: text,
    occurredAt: text,
    recordedAt: text,
    clientId: text,
    schemaVersion: fc.integer({ min: 1, max: 100 }),
    data: fc.dictionary(text, json, { maxKeys: 6 }),
    personalRef: fc.option(text, { nil: null }),
  });

  it('equals sha256(prevHash ‖ canonicalize(event)) for any event', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(GENESIS_HASH), fc.stringMatching(/^[0-9a-f]{64}$/)), event, (prev, e) => {
        expect(eventHash(prev, e)).toBe(referenceHash(prev, e));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same hash with the hall given apart (a stored event carries no hallId)', () => {
    fc.assert(
      fc.property(event, (e) => {
        const { hallId, ...stored } = e;
        const row = { ...stored, hash: 'h', prevHash: GENESIS_HASH };
        expect(eventHash(GENESIS_HASH, row, hallId)).toBe(referenceHash(GENESIS_HASH, e));
      }),
      { numRuns: 500 },
    );
  });

  it('matches the reference for an event whose fields are not plain (fallback path)', () => {
    const e = { hallId: 'h1', position: 1, id: 'e1', type: 'T', occurredAt: 'x', recordedAt: 'y', clientId: 'c', schemaVersion: 1, data: { at: new Date(0), u: undefined }, personalRef: null };
    expect(eventHash(GENESIS_HASH, e)).toBe(referenceHash(GENESIS_HASH, e));
    const missingRef = { ...e, data: {}, personalRef: undefined } as unknown as HashedEvent;
    expect(eventHash(GENESIS_HASH, missingRef)).toBe(referenceHash(GENESIS_HASH, missingRef));
  });
});

describe('contentHashOfText', () => {
  it('is the fingerprint contentHashOf gives, from the data text the chain already made', () => {
    const personalRef = fc.option(fc.stringMatching(/^[0-9a-f]{64}$/), { nil: null });
    const occurredAt = fc.constantFrom('2026-09-01T09:00:00+08:00', '2026-09-01T01:00:00.000100Z', '2026-03-01T00:00:00-05:30');
    const data = fc.dictionary(text, json, { maxKeys: 6 });
    fc.assert(
      fc.property(text, occurredAt, data, personalRef, (type, at, value, ref) => {
        const e = { type, occurredAt: at, data: value, personalRef: ref };
        expect(contentHashOfText({ ...e, dataText: canonicalJson(value) })).toBe(contentHashOf(e));
      }),
      { numRuns: 1000 },
    );
  });
});
