import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { AssertionError } from './assert';
import { Dec } from './money';
import { compoundAnnualBps, monthlyIrrRates, netPresentValue, periodicIrr, simpleAnnualBps } from './rates';

/** An exact level payment per unit of principal: r(1+r)^n / ((1+r)^n − 1), or 1/n at rate 0. */
function levelPayment(monthlyRate: InstanceType<typeof Dec>, n: number) {
  if (monthlyRate.isZero()) return new Dec(1).div(n);
  const growth = monthlyRate.plus(1).pow(n);
  return monthlyRate.times(growth).div(growth.minus(1));
}

/** Within 1e−28 of the exact rate: the solver stops once a step moves the rate by less than 1e−30. */
function near(rate: InstanceType<typeof Dec>, exact: string): boolean {
  return rate.minus(exact).abs().lt('1e-26');
}

describe('the PBOC 〔2021〕 No. 3 worked example', () => {
  test('100,000 lent, 1,000 fee taken at the start, 12 × 8,833.30 → 12.80 % simple, 13.58 % compound', () => {
    // The customer receives 100,000 − 1,000 = 99,000.00 = 9,900,000 分 and pays 883,330 分 a month.
    const flows = [-9_900_000, ...Array.from({ length: 12 }, () => 883_330)];
    const rates = monthlyIrrRates(flows);
    expect(rates.aprSimpleBps).toBe(1280);
    expect(rates.aprCompoundBps).toBe(1358);
    // The monthly IRR is 1.06700 %: 12 × 1.067 % = 12.804 % → 1280; 1.01067^12 − 1 = 13.579 % → 1358.
    expect(rates.periodicRate.toFixed(5)).toBe('0.01067');
    expect(netPresentValue(rates.periodicRate, flows).abs().lt('1e-20')).toBe(true);
  });

  test('the lender’s view of the same loan (signs mirrored) has the same rate', () => {
    const flows = [9_900_000, ...Array.from({ length: 12 }, () => -883_330)];
    expect(monthlyIrrRates(flows)).toMatchObject({ aprSimpleBps: 1280, aprCompoundBps: 1358 });
  });
});

describe('periodicIrr', () => {
  test('is exactly 0 for an interest-free loan', () => {
    const flows = [-599_900, ...Array.from({ length: 11 }, () => 49_992), 49_988];
    const rates = monthlyIrrRates(flows);
    expect(rates.periodicRate.isZero()).toBe(true);
    expect(rates.aprSimpleBps).toBe(0);
    expect(rates.aprCompoundBps).toBe(0);
  });

  test('solves one-period loans exactly, from low rates to far above 36 %', () => {
    expect(near(periodicIrr([-100, 101]), '0.01')).toBe(true);
    expect(near(periodicIrr([-100, 125]), '0.25')).toBe(true); // 300 % a year
    expect(near(periodicIrr([-100, 1000]), '9')).toBe(true); // 900 % a month: the bracket grows to find it
  });

  test('solves a negative rate (less paid back than received)', () => {
    expect(near(periodicIrr([-100, 90]), '-0.1')).toBe(true);
    expect(periodicIrr([-100, 0, 1]).toFixed(10)).toBe('-0.9000000000');
  });

  test('counts periods from t = 0, so leading zeros delay the loan', () => {
    expect(near(periodicIrr([0, -100, 110]), '0.1')).toBe(true);
  });

  test('a 36 % plan of 60 exact level payments has a monthly IRR of exactly 3 %', () => {
    const payment = levelPayment(new Dec('0.03'), 60).times(100_000_000);
    const flows = [new Dec(-100_000_000), ...Array.from({ length: 60 }, () => payment)];
    expect(periodicIrr(flows).minus('0.03').abs().lt('1e-25')).toBe(true);
  });

  test('finds the rate of any level-payment loan, 0 to 600 % a year, 1 to 60 months', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 1, max: 60 }), (rateMicro, n) => {
        // rateMicro is the monthly rate in units of 1e−5: 0 to 0.5 a month.
        const rate = new Dec(rateMicro).div(100_000);
        const payment = levelPayment(rate, n);
        const flows = [new Dec(-1), ...Array.from({ length: n }, () => payment)];
        expect(periodicIrr(flows).minus(rate).abs().lt('1e-24')).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  test('refuses series whose IRR is not unique or does not exist', () => {
    expect(() => periodicIrr([100, 100])).toThrow(AssertionError);
    expect(() => periodicIrr([0, 0])).toThrow(AssertionError);
    expect(() => periodicIrr([-100, 230, -132])).toThrow(/exactly once/);
    expect(() => periodicIrr([-100])).toThrow(/at least two/);
  });
});

describe('annualised rates in basis points', () => {
  test('simple is 12 × monthly and compound is (1 + monthly)^12 − 1, both rounded half-up', () => {
    expect(simpleAnnualBps('0.01')).toBe(1200);
    // 1.01^12 − 1 = 0.126825030… → 1268.25 bps → 1268.
    expect(compoundAnnualBps('0.01')).toBe(1268);
    // 12 × 0.0000125 = 0.00015 = 1.5 bps: a tie rounds up, and a negative tie away from zero.
    expect(simpleAnnualBps('0.0000125')).toBe(2);
    expect(simpleAnnualBps('-0.0000125')).toBe(-2);
    expect(compoundAnnualBps(0)).toBe(0);
  });

  test('netPresentValue refuses a rate at or below −100 %', () => {
    expect(() => netPresentValue(-1, [1, 1])).toThrow(AssertionError);
  });
});

describe('edges of the IRR search (issue #19 mutation survivors)', () => {
  test('refuses non-finite cash flows', () => {
    expect(() => periodicIrr([-100, Number.POSITIVE_INFINITY])).toThrow(/finite/);
    expect(() => periodicIrr([Number.NaN, -100, 200])).toThrow(/finite/);
  });

  test('gives up on a rate beyond 2^128 per period or within 2^−129 of −100 %', () => {
    expect(() => periodicIrr([-1, '1e40'])).toThrow(/above the IRR/);
    expect(() => periodicIrr([-1, '1e-45'])).toThrow(/below the IRR/);
    expect(periodicIrr([-1, 2 ** 20 + 1]).toString()).toBe(String(2 ** 20));
    expect(periodicIrr([-1, '1e-20']).toString()).toBe('-0.99999999999999999999');
  });
});
