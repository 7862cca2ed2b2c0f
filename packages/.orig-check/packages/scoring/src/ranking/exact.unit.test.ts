import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareFractions, decimalToFraction, fraction, placesFor, roundHalfUpCents, roundHalfUpInteger } from './exact.ts';

describe('exact arithmetic', () => {
  it('rounds half up to hundredths, away from zero on a tie', () => {
    expect(roundHalfUpCents(2345n, 1000n)).toBe(2.35);
    expect(roundHalfUpCents(2344n, 1000n)).toBe(2.34);
    expect(roundHalfUpCents(-2345n, 1000n)).toBe(-2.35);
    expect(roundHalfUpCents(1n, 3n)).toBe(0.33);
    expect(roundHalfUpCents(2n, 3n)).toBe(0.67);
    expect(roundHalfUpCents(180_015n, 2000n)).toBe(90.01); // 90.0075
    expect(roundHalfUpCents(1n, -8n)).toBe(-0.13);
  });

  it('rounds to integers half up', () => {
    expect(roundHalfUpInteger(3n, 2n)).toBe(2n);
    expect(roundHalfUpInteger(5n, 4n)).toBe(1n);
    expect(() => roundHalfUpInteger(1n, 0n)).toThrow(RangeError);
  });

  it('reads decimals as written, not as their binary neighbours', () => {
    expect(decimalToFraction(0.3)).toEqual({ num: 3n, den: 10n });
    expect(decimalToFraction(87.335)).toEqual({ num: 87335n, den: 1000n });
    expect(decimalToFraction(-2.5)).toEqual({ num: -25n, den: 10n });
    expect(decimalToFraction(1e21)).toEqual({ num: 10n ** 21n, den: 1n });
    expect(decimalToFraction(1e-7)).toEqual({ num: 1n, den: 10n ** 7n });
    expect(() => decimalToFraction(Number.NaN)).toThrow(RangeError);
  });

  it('computes honour and quota places exactly (10 × 0.15 = 1.5 → 2, 30 × 0.15 = 4.5 → 5)', () => {
    expect(placesFor(10, 0.15)).toBe(2);
    expect(placesFor(30, 0.15)).toBe(5);
    expect(placesFor(7, 0.15)).toBe(1);
    expect(placesFor(0, 0.3)).toBe(0);
  });

  it('agrees with a correctly rounded decimal for every two-place mean', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_500 }), { minLength: 1, maxLength: 12 }), (cents) => {
        const sum = cents.reduce((a, b) => a + b, 0);
        const rounded = roundHalfUpCents(BigInt(sum), BigInt(cents.length * 100));
        // exact check in integers: |mean − rounded| ≤ 0.005 and a tie goes up
        const diff = sum * 100 - Math.round(rounded * 100) * cents.length * 100; // in 1/10000ths × n
        expect(diff).toBeLessThan(50 * cents.length);
        expect(diff).toBeGreaterThanOrEqual(-50 * cents.length);
        expect(compareFractions(fraction(BigInt(sum), BigInt(cents.length)), fraction(BigInt(sum), BigInt(cents.length)))).toBe(0);
      }),
    );
  });
});
