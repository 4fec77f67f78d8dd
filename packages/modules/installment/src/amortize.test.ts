import { AssertionError, Dec, sumMinor } from '@zulin/kernel';
import { describe, expect, test } from 'vitest';
import { amortize, levelPaymentMinor, levelPrincipalMinor, monthlyRateOf } from './amortize';

// Expected level payments computed independently (Python decimal, 50 digits):
// ¥10,000 at 12 % for 12 months → 88,848.7887 分; ¥1,000,000 at 36 % for 60 → 3,613,295.87 分;
// ¥6,000 at 0.01 % for 60 → 10,002.54 分.
describe('the level payment and level principal (DOMAIN §6)', () => {
  test('the monthly rate is the annual rate over 12, exactly', () => {
    expect(monthlyRateOf(1200).toString()).toBe('0.01');
    expect(monthlyRateOf(3600).toString()).toBe('0.03');
    expect(monthlyRateOf(1).eq(new Dec(1).div(120_000))).toBe(true);
    expect(monthlyRateOf(0).isZero()).toBe(true);
  });

  test('M = B·r(1+r)^n / ((1+r)^n − 1) rounded half-up to 分', () => {
    expect(levelPaymentMinor(1_000_000, monthlyRateOf(1200), 12)).toBe(88_849);
    expect(levelPaymentMinor(100_000_000, monthlyRateOf(3600), 60)).toBe(3_613_296);
    expect(levelPaymentMinor(600_000, monthlyRateOf(1), 60)).toBe(10_003);
    // One period repays B plus one month's interest.
    expect(levelPaymentMinor(10_000, monthlyRateOf(1200), 1)).toBe(10_100);
    expect(levelPaymentMinor(0, monthlyRateOf(1200), 12)).toBe(0);
  });

  test('at rate 0 both are round(B / n) half-up: 5 / 2 → 3, 144 / 10 → 14, 145 / 10 → 15', () => {
    for (const [balance, periods, expected] of [
      [5, 2, 3],
      [144, 10, 14],
      [145, 10, 15],
      [100, 3, 33],
      [1, 60, 0],
      [30, 60, 1],
    ] as const) {
      expect(levelPaymentMinor(balance, monthlyRateOf(0), periods)).toBe(expected);
      expect(levelPrincipalMinor(balance, periods)).toBe(expected);
    }
  });

  test('refuse a negative or fractional balance and a period count below 1 or fractional', () => {
    for (const fn of [
      () => levelPaymentMinor(-1, monthlyRateOf(1200), 12),
      () => levelPaymentMinor(100, monthlyRateOf(1200), 0),
      () => levelPaymentMinor(100, monthlyRateOf(0), 1.5),
      () => levelPrincipalMinor(0.5, 2),
      () => levelPrincipalMinor(100, 0),
      () => levelPrincipalMinor(100, 2.5),
    ]) {
      expect(fn).toThrow(AssertionError);
    }
  });
});

describe('amortize', () => {
  const base = {
    startDate: '2024-01-31',
    monthlyRate: monthlyRateOf(1200),
    openingBalanceMinor: 1_000_000,
    firstPeriod: 1,
    lastPeriod: 12,
    rule: { kind: 'level_payment' as const, installmentMinor: 88_849 },
    periodFeeMinor: 0,
  };

  test('¥10,000 at 12 % over 12 months: interest on the balance before, the last period takes the rest', () => {
    const rows = amortize(base);
    expect(rows).toHaveLength(12);
    expect(rows[0]).toEqual({
      period: 1,
      dueDate: '2024-02-29',
      principalMinor: 78_849,
      interestMinor: 10_000,
      feeMinor: 0,
      paymentMinor: 88_849,
      balanceAfterMinor: 921_151,
    });
    // round(921,151 × 1 %) = round(9,211.51) = 9,212.
    expect(rows[1]?.interestMinor).toBe(9_212);
    expect(rows[1]?.dueDate).toBe('2024-03-31');
    expect(rows[11]?.balanceAfterMinor).toBe(0);
    expect(sumMinor(rows.map((row) => row.principalMinor))).toBe(1_000_000);
    expect(rows.map((row) => row.period)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  test('a level principal never takes more than the balance; later periods pay 0 and the fee', () => {
    const rows = amortize({
      ...base,
      monthlyRate: monthlyRateOf(0),
      openingBalanceMinor: 100,
      lastPeriod: 3,
      rule: { kind: 'level_principal', principalPerPeriodMinor: 60 },
      periodFeeMinor: 7,
    });
    expect(rows.map((row) => row.principalMinor)).toEqual([60, 40, 0]);
    expect(rows.map((row) => row.paymentMinor)).toEqual([67, 47, 7]);
    expect(rows.map((row) => row.balanceAfterMinor)).toEqual([40, 0, 0]);
  });

  test('one period from the middle of a plan repays the whole balance on its own due date', () => {
    const rows = amortize({ ...base, firstPeriod: 7, lastPeriod: 7, openingBalanceMinor: 500_000 });
    expect(rows).toEqual([
      {
        period: 7,
        dueDate: '2024-08-31',
        principalMinor: 500_000,
        interestMinor: 5_000,
        feeMinor: 0,
        paymentMinor: 505_000,
        balanceAfterMinor: 0,
      },
    ]);
  });

  test('runs to period 60 and no further, from period 1 on, and never backwards', () => {
    const sixty = amortize({
      ...base,
      lastPeriod: 60,
      rule: { kind: 'level_payment', installmentMinor: levelPaymentMinor(1_000_000, monthlyRateOf(1200), 60) },
    });
    expect(sixty).toHaveLength(60);
    expect(sixty[59]?.dueDate).toBe('2029-01-31');
    expect(() => amortize({ ...base, lastPeriod: 61 })).toThrow(AssertionError);
    expect(() => amortize({ ...base, firstPeriod: 0 })).toThrow(AssertionError);
    expect(() => amortize({ ...base, firstPeriod: 5, lastPeriod: 4 })).toThrow(AssertionError);
    expect(() => amortize({ ...base, openingBalanceMinor: -1 })).toThrow(AssertionError);
    expect(() => amortize({ ...base, periodFeeMinor: -1 })).toThrow(AssertionError);
  });

  test('refuses an installment that does not cover the first interest (10,000 分 at 1 %)', () => {
    expect(() => amortize({ ...base, rule: { kind: 'level_payment', installmentMinor: 9_999 } })).toThrow(
      AssertionError,
    );
    // Exactly the interest is allowed: no principal until the last period.
    const interestOnly = amortize({
      ...base,
      lastPeriod: 2,
      rule: { kind: 'level_payment', installmentMinor: 10_000 },
    });
    expect(interestOnly.map((row) => row.principalMinor)).toEqual([0, 1_000_000]);
  });
});
