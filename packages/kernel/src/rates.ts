import { AssertionError, assert } from './assert';
import { Dec, type Decimal, type DecimalValue, roundHalfUp } from './money';

/**
 * Rate maths on cash flows with equal periods (DOMAIN §6: the PBOC 〔2021〕 No. 3 disclosure). A cash
 * flow series is `flows[t]` at the end of period t (t = 0 is "now"); its sign convention is free (a
 * customer's −P, +M, +M … and a lender's +P, −M, −M … have the same IRR).
 */

/** Periods per year for monthly schedules. */
const PERIODS_PER_YEAR = 12;
const BPS_PER_UNIT = 10_000;
/** Newton or bisection steps for one IRR; bisection alone halves a width of 2^64 to 1e−28 in ~160. */
const IRR_STEPS_MAX = 300;
/** Doublings (or halvings towards −100 %) allowed while looking for a rate on the far side of the root. */
const BRACKET_STEPS_MAX = 128;
/** Newton steps in floating point for the first guess; it settles in well under 50 from 0. */
const FLOAT_STEPS_MAX = 100;
/** The IRR is settled when it moves by less than this per step: far below one basis point. */
const IRR_TOLERANCE = new Dec('1e-28');

export interface IrrRates {
  /** The IRR per period (per month for monthly schedules), as an exact decimal. */
  periodicRate: Decimal;
  /** 12 × the monthly IRR, in basis points rounded half-up. */
  aprSimpleBps: number;
  /** (1 + monthly IRR)^12 − 1, in basis points rounded half-up. */
  aprCompoundBps: number;
}

/** Σ flows[t] / (1 + rate)^t, evaluated by Horner's rule in v = 1 / (1 + rate). */
export function netPresentValue(rate: DecimalValue, flows: readonly DecimalValue[]): Decimal {
  const onePlusRate = new Dec(rate).plus(1);
  assert(onePlusRate.gt(0), `rate must be above −100 %: ${new Dec(rate).toString()}`);
  const v = new Dec(1).div(onePlusRate);
  let total = new Dec(0);
  for (let t = flows.length - 1; t >= 0; t--) {
    total = total.times(v).plus(flows[t] ?? 0);
  }
  return total;
}

/** NPV and its derivative in the rate: d/dr Σ f_t v^t = −v² Σ t f_t v^(t−1). */
function npvAndSlope(rate: Decimal, flows: readonly Decimal[]): { npv: Decimal; slope: Decimal } {
  const v = new Dec(1).div(rate.plus(1));
  let npv = new Dec(0);
  let dv = new Dec(0);
  for (let t = flows.length - 1; t >= 0; t--) {
    const flow = flows[t] ?? new Dec(0);
    npv = npv.times(v).plus(flow);
    if (t > 0) dv = dv.times(v).plus(flow.times(t));
  }
  return { npv, slope: dv.times(v).times(v).neg() };
}

/**
 * Number of sign changes among the non-zero flows. With exactly one, the NPV polynomial in
 * v = 1/(1 + rate) has exactly one positive root (Descartes' rule of signs), so the IRR is unique.
 */
function signChanges(flows: readonly Decimal[]): number {
  let changes = 0;
  let previous = 0;
  for (const flow of flows) {
    const sign = flow.isZero() ? 0 : flow.isNegative() ? -1 : 1;
    if (sign !== 0 && previous !== 0 && sign !== previous) changes++;
    if (sign !== 0) previous = sign;
  }
  return changes;
}

/**
 * The IRR per period of a series whose non-zero flows change sign exactly once (money in, then
 * money out, or the mirror): the unique rate above −100 % with NPV = 0. Safeguarded Newton: each
 * step stays inside a bracket that holds the root, and falls back to bisection when Newton would
 * leave it. A series that sums to zero has IRR exactly 0 (the interest-free plan).
 */
export function periodicIrr(cashFlows: readonly DecimalValue[]): Decimal {
  const flows = cashFlows.map((flow) => new Dec(flow));
  assert(flows.length >= 2, `an IRR needs at least two cash flows: ${flows.length}`);
  assert(
    flows.every((flow) => flow.isFinite()),
    'cash flows must be finite',
  );
  assert(signChanges(flows) === 1, 'the cash flows must change sign exactly once for a unique IRR');
  const atZero = netPresentValue(0, flows);
  if (atZero.isZero()) return new Dec(0);
  const bracket = bracketRoot(flows, atZero);
  const rate = solveInBracket(flows, bracket, floatGuess(flows));
  assert(rate.gt(-1), 'an IRR lies above −100 %');
  return rate;
}

/**
 * Finds low < root < high. As the rate grows to infinity the NPV tends to the sign of the first
 * non-zero flow, and near −100 % to the sign of the last; so the root lies above 0 exactly when the
 * NPV at 0 has the sign of the last non-zero flow.
 */
interface Bracket {
  low: Decimal;
  high: Decimal;
  /** The sign of the NPV at `low` (0 if `low` is the root itself). */
  lowSign: number;
}

function bracketRoot(flows: readonly Decimal[], atZero: Decimal): Bracket {
  const first = flows.find((flow) => !flow.isZero());
  assert(first !== undefined, 'a series with a sign change has a non-zero flow');
  const signAtInfinity = first.isNegative() ? -1 : 1;
  const zeroSign = atZero.isNegative() ? -1 : 1;
  if (zeroSign !== signAtInfinity) {
    let high = new Dec(1);
    for (let step = 0; sideOf(flows, high) !== signAtInfinity; step++) {
      assert(step < BRACKET_STEPS_MAX, 'no rate found above the IRR');
      high = high.times(2);
    }
    return { low: new Dec(0), high, lowSign: zeroSign };
  }
  let low = new Dec(-0.5);
  let lowSign = sideOf(flows, low);
  for (let step = 0; lowSign === signAtInfinity; step++) {
    assert(step < BRACKET_STEPS_MAX, 'no rate found below the IRR');
    low = low.minus(1).div(2); // halfway to −100 %
    lowSign = sideOf(flows, low);
  }
  return { low, high: new Dec(0), lowSign };
}

function sideOf(flows: readonly Decimal[], rate: Decimal): number {
  const npv = netPresentValue(rate, flows);
  if (npv.isZero()) return 0;
  return npv.isNegative() ? -1 : 1;
}

/**
 * A first guess in binary floating point: Newton on doubles from 0. It costs microseconds where each
 * decimal step costs milliseconds, and lands within about 1e−15 of the root, so the decimal Newton
 * that follows needs two or three steps. It is only a starting point: the result is decimal.
 * Exported for its own test (rates.float-guess.test.ts), not by the kernel's index.
 */
export function floatGuess(flows: readonly Decimal[]): number {
  const xs = flows.map((flow) => flow.toNumber());
  let rate = 0;
  for (let step = 0; step < FLOAT_STEPS_MAX; step++) {
    const v = 1 / (1 + rate);
    let npv = 0;
    let dv = 0;
    for (let t = xs.length - 1; t >= 0; t--) {
      npv = npv * v + (xs[t] ?? 0);
      if (t > 0) dv = dv * v + t * (xs[t] ?? 0);
    }
    const next = rate + npv / (dv * v * v);
    if (!Number.isFinite(next) || next <= -1) return 0;
    if (Math.abs(next - rate) < 1e-16) return next;
    rate = next;
  }
  return rate;
}

/**
 * Safeguarded Newton in decimals: each step stays inside the bracket, which shrinks around the root,
 * and falls back to bisection when Newton would leave it. Starts from the float guess when that lies
 * inside the bracket, else from 0 (an end of every bracket), where a loan's convex, monotone NPV
 * makes Newton approach the root from one side.
 */
function solveInBracket(flows: readonly Decimal[], bracket: Bracket, guess: number): Decimal {
  let { low, high } = bracket;
  const seed = new Dec(guess);
  let rate = seed.gt(low) && seed.lt(high) ? seed : new Dec(0);
  for (let step = 0; step < IRR_STEPS_MAX; step++) {
    const { npv, slope } = npvAndSlope(rate, flows);
    if (npv.isZero()) return rate;
    if ((npv.isNegative() ? -1 : 1) === bracket.lowSign) low = rate;
    else high = rate;
    const middle = low.plus(high).div(2);
    const newton = slope.isZero() ? middle : rate.minus(npv.div(slope));
    const next = newton.gt(low) && newton.lt(high) ? newton : middle;
    if (next.minus(rate).abs().lt(IRR_TOLERANCE) || high.minus(low).lt(IRR_TOLERANCE)) return next;
    rate = next;
  }
  throw new AssertionError(`the IRR did not settle within ${IRR_STEPS_MAX} steps`);
}

/** 12 × a monthly rate, in basis points rounded half-up: the PBOC "simple" annualised rate. */
export function simpleAnnualBps(monthlyRate: DecimalValue): number {
  return roundHalfUp(new Dec(monthlyRate).times(PERIODS_PER_YEAR).times(BPS_PER_UNIT));
}

/** (1 + monthly rate)^12 − 1, in basis points rounded half-up: the compound annualised rate. */
export function compoundAnnualBps(monthlyRate: DecimalValue): number {
  const growth = new Dec(monthlyRate).plus(1).pow(PERIODS_PER_YEAR).minus(1);
  return roundHalfUp(growth.times(BPS_PER_UNIT));
}

/** The monthly IRR of a series of monthly cash flows with both annualised rates of DOMAIN §6. */
export function monthlyIrrRates(cashFlows: readonly DecimalValue[]): IrrRates {
  const periodicRate = periodicIrr(cashFlows);
  return {
    periodicRate,
    aprSimpleBps: simpleAnnualBps(periodicRate),
    aprCompoundBps: compoundAnnualBps(periodicRate),
  };
}
