/**
 * Exact arithmetic for scores and quotas (docs/domain.md §4.1: never binary floats).
 * Values are non-negative or signed rationals held as bigint numerator/denominator.
 */

/**
 * Rounds `numerator / denominator` half up (away from zero on a tie: 2.345 → 2.35,
 * −2.345 → −2.35) to hundredths and returns the decimal number.
 *
 * @example roundHalfUpCents(1n, 3n) // 0.33
 */
export function roundHalfUpCents(numerator: bigint, denominator: bigint): number {
  return Number(roundHalfUpInteger(numerator * 100n, denominator)) / 100;
}

/** Rounds `numerator / denominator` half up (ties away from zero) to an integer. */
export function roundHalfUpInteger(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('denominator must not be zero');
  if (denominator < 0n) return roundHalfUpInteger(-numerator, -denominator);
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const rounded = (2n * magnitude + denominator) / (2n * denominator);
  return negative ? -rounded : rounded;
}

/** Shares are catalogue decimals such as 0.15; four places are kept exactly. */
export const SHARE_SCALE = 10_000n;

/** A decimal share (0.15) as an exact count of ten-thousandths (1500n). */
export function shareToTenThousandths(share: number): bigint {
  return BigInt(Math.round(share * Number(SHARE_SCALE)));
}

/** round_half_up(count × share), computed exactly: 10 × 0.15 = 1.5 → 2. */
export function placesFor(count: number, share: number): number {
  return Number(roundHalfUpInteger(BigInt(count) * shareToTenThousandths(share), SHARE_SCALE));
}

/** A decimal with at most two places (93.5) as exact hundredths (9350n). */
export function toCents(value: number): bigint {
  return BigInt(Math.round(value * 100));
}

/** An exact rational; `den` is always positive. */
export interface Fraction {
  num: bigint;
  den: bigint;
}

/**
 * The exact value of a decimal as written (its shortest round-trip form), so
 * 0.3 is 3/10 and 87.335 is 87335/1000, not the binary float's neighbour.
 */
export function decimalToFraction(value: number): Fraction {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(value));
  if (match === null) throw new RangeError(`cannot read ${value} as a decimal`);
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  const digits = BigInt(`${sign}${whole}${fraction}`);
  const scale = Number(exponent) - fraction.length;
  return scale >= 0 ? { num: digits * 10n ** BigInt(scale), den: 1n } : { num: digits, den: 10n ** BigInt(-scale) };
}

export function fraction(num: bigint, den: bigint = 1n): Fraction {
  if (den === 0n) throw new RangeError('denominator must not be zero');
  return den < 0n ? { num: -num, den: -den } : { num, den };
}

export function addFractions(a: Fraction, b: Fraction): Fraction {
  return { num: a.num * b.den + b.num * a.den, den: a.den * b.den };
}

export function subtractFractions(a: Fraction, b: Fraction): Fraction {
  return { num: a.num * b.den - b.num * a.den, den: a.den * b.den };
}

export function multiplyFractions(a: Fraction, b: Fraction): Fraction {
  return { num: a.num * b.num, den: a.den * b.den };
}

export function divideFractions(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.den, a.den * b.num);
}

/** Negative, zero or positive as a is below, equal to or above b. */
export function compareFractions(a: Fraction, b: Fraction): number {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The fraction rounded half up to hundredths, as a decimal number. */
export function fractionToCents(value: Fraction): number {
  return roundHalfUpCents(value.num, value.den);
}
