import Decimal from 'decimal.js';
import { assert } from './assert';
import { KernelErrors } from './errors';
import { Limits } from './limits';

/**
 * An amount as an integer of minor units (分 for CNY). Only a documented alias: the unit lives in
 * the name (`rentMinor`), and every function here asserts the value is a safe integer on entry.
 */
export type Minor = number;

/** Anything decimal.js accepts: a decimal string, a number or a Decimal. */
export type DecimalValue = Decimal.Value;
export type { Decimal };

/**
 * The decimal constructor for rate maths (IRR, APR, amortization factors). Forty significant digits
 * keep intermediate products of safe integers and rates exact, so the only rounding that matters is
 * the single half-up rounding to 分 where an amount is fixed (DOMAIN §1).
 */
export const Dec: Decimal.Constructor = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});

/** The most decimals a major-unit string may carry; real currencies use 0–3. */
const SCALE_MAX = 8;

export function assertMinor(x: number, name = 'amountMinor'): void {
  assert(Number.isSafeInteger(x), `${name} must be a safe integer of minor units: ${x}`);
}

export function assertNonNegativeMinor(x: number, name = 'amountMinor'): void {
  assertMinor(x, name);
  assert(x >= 0, `${name} must not be negative: ${x}`);
}

export function addMinor(...xs: number[]): Minor {
  return sumMinor(xs);
}

/** Sums amounts, asserting every term and every partial sum is a safe integer so the total is exact. */
export function sumMinor(xs: readonly number[]): Minor {
  let totalMinor = 0;
  for (const [index, x] of xs.entries()) {
    assertMinor(x, `amountMinor[${index}]`);
    totalMinor += x;
    assertMinor(totalMinor, 'sum of amounts');
  }
  return totalMinor;
}

/**
 * Rounds to an integer amount of minor units, half-up. decimal.js's ROUND_HALF_UP rounds ties away
 * from zero (2.5 → 3, −2.5 → −3), so a refund is the exact mirror of the charge it reverses.
 */
export function roundHalfUp(value: DecimalValue): Minor {
  const decimal = new Dec(value);
  assert(decimal.isFinite(), `Cannot round a non-finite value: ${decimal.toString()}`);
  const rounded = decimal.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  assertMinor(rounded, 'rounded amount');
  // Adding zero turns −0 into 0, so callers never see a negative zero.
  return rounded + 0;
}

/** amountMinor × factor in decimal arithmetic, rounded once, half-up (ties away from zero). */
export function mulRoundHalfUp(amountMinor: number, factor: DecimalValue): Minor {
  assertMinor(amountMinor);
  const factorDecimal = new Dec(factor);
  assert(factorDecimal.isFinite(), `factor must be finite: ${factorDecimal.toString()}`);
  return roundHalfUp(new Dec(amountMinor).times(factorDecimal));
}

/**
 * amountMinor × numerator / denominator, rounded once, half-up: the product first (exact), then the
 * division, so that an exact half is a tie and rounds up (159 × 999,955 / 30 = 5,299,761.5 → 5,299,762).
 * A factor taken first (999,955 / 30 = 33,331.8333…, cut at 40 digits) can make it 5,299,761.4999…
 * and round down — or not, depending on how the product's own rounding falls.
 */
export function mulDivRoundHalfUp(amountMinor: number, numerator: number, denominator: number): Minor {
  assertMinor(amountMinor);
  assert(Number.isSafeInteger(numerator), `numerator must be a safe integer: ${numerator}`);
  assert(
    Number.isSafeInteger(denominator) && denominator > 0,
    `denominator must be a positive integer: ${denominator}`,
  );
  return roundHalfUp(new Dec(amountMinor).times(numerator).div(denominator));
}

function assertScale(scale: number): void {
  assert(Number.isInteger(scale), `scale must be an integer: ${scale}`);
  assert(scale >= 0, `scale must not be negative: ${scale}`);
  assert(scale <= SCALE_MAX, `scale must be at most ${SCALE_MAX}: ${scale}`);
}

// A plain decimal: optional minus, no leading zeros, no exponent, no grouping, no surrounding space.
const MAJOR_PATTERN = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

/**
 * Parses a major-unit string from a channel ("100.00", "0.01", "-3.5") to minor units exactly.
 * Bad input comes from outside (an Alipay callback, a form), so it is an operating error:
 * VALIDATION_FAILED, not an assertion. The caller adds the field path if it has one.
 */
export function parseMajor(s: string, scale = 2): Minor {
  assertScale(scale);
  const match = MAJOR_PATTERN.exec(s);
  if (match === null) throw invalidMajor(s, scale);
  const [, sign, whole = '', fraction = ''] = match;
  if (fraction.length > scale) throw invalidMajor(s, scale);
  const magnitude = BigInt(whole + fraction.padEnd(scale, '0'));
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) throw invalidMajor(s, scale);
  const minor = Number(magnitude);
  return sign === '-' && minor !== 0 ? -minor : minor;
}

function invalidMajor(s: string, scale: number) {
  // Echo only a prefix of the input: it came from outside and may be arbitrarily long.
  const shown = s.length > 40 ? `${s.slice(0, 40)}…` : s;
  return KernelErrors.VALIDATION_FAILED({
    detail: `Expected a decimal amount with at most ${scale} decimals within the safe range, got "${shown}"`,
  });
}

/** Writes minor units as a major-unit string with exactly `scale` decimals; the inverse of parseMajor. */
export function formatMajor(amountMinor: number, scale = 2): string {
  assertMinor(amountMinor);
  assertScale(scale);
  const digits = Math.abs(amountMinor)
    .toString()
    .padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  const sign = amountMinor < 0 ? '-' : '';
  return scale === 0 ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}

/**
 * A CNY amount for people: "¥1,234.56", "-¥0.05". Both supported locales write CNY this way (it is
 * also what Intl's narrow symbol gives for each); the locale is taken so that a locale with other
 * conventions changes only here. Written by hand rather than with Intl so the output is exact and the
 * same on every runtime.
 */
export function formatCny(amountMinor: number, locale: 'zh-CN' | 'en'): string {
  assert(locale === 'zh-CN' || locale === 'en', `Unsupported locale: ${String(locale)}`);
  const plain = formatMajor(Math.abs(amountMinor), 2);
  const [whole = '', fraction = ''] = plain.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${amountMinor < 0 ? '-' : ''}¥${grouped}.${fraction}`;
}

function assertParts(parts: number): void {
  assert(Number.isInteger(parts), `parts must be an integer: ${parts}`);
  assert(parts >= 1, `parts must be at least 1: ${parts}`);
  assert(parts <= Limits.allocationPartsMax, `parts must be at most ${Limits.allocationPartsMax}: ${parts}`);
}

/**
 * Splits a total into `parts` amounts by the schedule rule of DOMAIN §1 and §6: each of the first
 * parts − 1 is round(total / parts) half-up, but never more than what remains, and the last takes
 * the residue, so the parts add up exactly. A negative total splits as the mirror of its magnitude.
 * Examples: 100 / 3 → [33, 33, 34]; 5 / 4 → [1, 1, 1, 2]; 5 / 8 → [1, 1, 1, 1, 1, 0, 0, 0].
 */
export function splitEvenly(totalMinor: number, parts: number): Minor[] {
  assertMinor(totalMinor, 'totalMinor');
  assertParts(parts);
  const sign = totalMinor < 0 ? -1 : 1;
  const result = splitMagnitude(Math.abs(totalMinor), parts).map((partMinor) => sign * partMinor + 0);
  assert(result.length === parts, 'splitEvenly must return one amount per part');
  assert(sumMinor(result) === totalMinor, 'splitEvenly parts must add up to the total');
  return result;
}

function splitMagnitude(totalMinor: number, parts: number): number[] {
  const shareMinor = divideRoundHalfUp(totalMinor, parts);
  const result: number[] = [];
  let remainingMinor = totalMinor;
  for (let index = 1; index < parts; index++) {
    // Never more than the remaining balance (DOMAIN §6), so no part, the last included, goes negative.
    const partMinor = Math.min(shareMinor, remainingMinor);
    result.push(partMinor);
    remainingMinor -= partMinor;
  }
  result.push(remainingMinor);
  return result;
}

/** round(n / d) half-up for a non-negative safe integer n and a positive integer d, in exact integer steps. */
function divideRoundHalfUp(n: number, d: number): number {
  // n % d and (n − r) / d are exact for safe integers, unlike Math.floor(n / d) near 2^53.
  const remainder = n % d;
  const quotient = (n - remainder) / d;
  return 2 * remainder >= d ? quotient + 1 : quotient;
}

/**
 * Splits a total in proportion to non-negative weights by the largest-remainder method: every part
 * is the exact share rounded down or up (so within 1 of it), and the parts add up exactly. Ties in
 * remainder go to the earlier weight so the result is deterministic. A weight of zero gets nothing.
 * Weights may be decimals (0.3, 0.7); they are scaled to exact integers through their decimal form.
 */
export function allocateProportionally(totalMinor: number, weights: readonly number[]): Minor[] {
  assertMinor(totalMinor, 'totalMinor');
  assertParts(weights.length);
  const scaled = scaleWeights(weights);
  if (totalMinor === 0) return weights.map(() => 0);
  const weightSum = scaled.reduce((sum, weight) => sum + weight, 0n);
  assert(weightSum > 0n, 'allocateProportionally needs at least one positive weight');
  const sign = totalMinor < 0 ? -1 : 1;
  const magnitudes = largestRemainder(BigInt(Math.abs(totalMinor)), scaled, weightSum);
  const result = magnitudes.map((partMinor) => sign * Number(partMinor) + 0);
  assert(sumMinor(result) === totalMinor, 'allocateProportionally parts must add up to the total');
  return result;
}

function largestRemainder(total: bigint, weights: readonly bigint[], weightSum: bigint): bigint[] {
  const floors = weights.map((weight) => (total * weight) / weightSum);
  const remainders = weights.map((weight) => (total * weight) % weightSum);
  const leftover = Number(total - floors.reduce((sum, part) => sum + part, 0n));
  assert(leftover >= 0 && leftover < weights.length, 'the leftover after flooring is fewer than the parts');
  const order = weights.map((_, index) => index);
  order.sort((a, b) => compareBigint(remainders[b] ?? 0n, remainders[a] ?? 0n) || a - b);
  for (const index of order.slice(0, leftover)) {
    floors[index] = (floors[index] ?? 0n) + 1n;
  }
  return floors;
}

function compareBigint(a: bigint, b: bigint): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Turns finite non-negative weights into integers with one common power-of-ten scale, exactly. */
function scaleWeights(weights: readonly number[]): bigint[] {
  const decimals = weights.map((weight, index) => {
    assert(Number.isFinite(weight), `weights[${index}] must be finite: ${weight}`);
    assert(weight >= 0, `weights[${index}] must not be negative: ${weight}`);
    // A number converts through its shortest round-trip decimal string, e.g. 0.1 → "0.1".
    const [whole = '0', fraction = ''] = new Dec(weight).toFixed().split('.');
    return { whole, fraction };
  });
  const scale = Math.max(...decimals.map((d) => d.fraction.length));
  return decimals.map((d) => BigInt(d.whole + d.fraction.padEnd(scale, '0')));
}
