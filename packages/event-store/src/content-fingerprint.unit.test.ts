import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantOf, parsedInstantOf } from './content-fingerprint.ts';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('instantOf (decision 1851)', () => {
  it('gives what the parse gives, for texts in and out of range, with and without fraction, Z or an offset', () => {
    const timestamp = fc
      .record({
        year: fc.integer({ min: 0, max: 9999 }),
        month: fc.integer({ min: 0, max: 13 }),
        day: fc.integer({ min: 0, max: 32 }),
        hour: fc.integer({ min: 0, max: 24 }),
        minute: fc.integer({ min: 0, max: 60 }),
        second: fc.integer({ min: 0, max: 60 }),
        fraction: fc.option(fc.stringMatching(/^[0-9]{1,9}$/), { nil: undefined }),
        zone: fc.constantFrom('Z', 'z', '+08:00', '-05:30', '+00:00'),
        t: fc.constantFrom('T', 't', ' '),
      })
      .map(
        (f) =>
          `${pad(f.year, 4)}-${pad(f.month, 2)}-${pad(f.day, 2)}${f.t}${pad(f.hour, 2)}:${pad(f.minute, 2)}:${pad(f.second, 2)}` +
          `${f.fraction === undefined ? '' : `.${f.fraction}`}${f.zone}`,
      );
    fc.assert(
      fc.property(timestamp, (t) => {
        expect(instantOf(t)).toBe(parsedInstantOf(t));
      }),
      { numRuns: 20_000 },
    );
  });

  it('keys the same instant alike and rolls over what Date.UTC rolls over', () => {
    expect(instantOf('2026-09-01T08:00:00+08:00')).toBe('2026-09-01T00:00:00Z');
    expect(instantOf('2026-09-01T00:00:00.000Z')).toBe('2026-09-01T00:00:00Z');
    expect(instantOf('2026-09-01T00:00:00.120Z')).toBe('2026-09-01T00:00:00.12Z');
    expect(instantOf('2026-09-01T00:00:00.12Z')).toBe('2026-09-01T00:00:00.12Z');
    expect(instantOf('2026-04-31T00:00:00Z')).toBe('2026-05-01T00:00:00Z');
    expect(instantOf('2026-12-31T23:59:60Z')).toBe('2027-01-01T00:00:00Z');
    expect(instantOf('0099-01-01T00:00:00Z')).toBe(parsedInstantOf('0099-01-01T00:00:00Z'));
  });
});
