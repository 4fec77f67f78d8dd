import { AssertionError } from '@zulin/kernel';
import { describe, expect, test } from 'vitest';
import { amortize, levelPaymentMinor, levelPrincipalMinor, monthlyRateOf } from './amortize';

// Mutants of the 2026-12-03 mutation run (issue #19) that the tests in amortize.test.ts let live:
// 0 periods fails anyway (a division by zero), so only a negative count shows the guard is there.
describe('amortize guards that only a negative count or an empty balance reach', () => {
  test('−1 periods is refused, not answered with a negative payment (amortize 27 and 36: `periods >= 1` → true)', () => {
    // Without the guard: round(100 / −1) = −100, and (1.01)^−1 − 1 < 0 gives a negative level payment.
    expect(() => levelPrincipalMinor(100, -1)).toThrow(AssertionError);
    expect(() => levelPrincipalMinor(100, -1)).toThrow(/periods must be a positive integer/);
    expect(() => levelPaymentMinor(100, monthlyRateOf(1200), -1)).toThrow(/periods must be a positive integer/);
  });

  test('periods 5…4 of a zero balance are refused, not an empty schedule (amortize 63: `lastPeriod >= firstPeriod` → true)', () => {
    const zero = {
      startDate: '2026-01-31',
      monthlyRate: monthlyRateOf(1200),
      openingBalanceMinor: 0,
      rule: { kind: 'level_principal', principalPerPeriodMinor: 0 },
      periodFeeMinor: 0,
    } as const;
    // A balance of 0 over periods 5…5 is one row of zeros; over 5…4 there is no period at all.
    expect(amortize({ ...zero, firstPeriod: 5, lastPeriod: 5 }).map((row) => row.paymentMinor)).toEqual([0]);
    expect(() => amortize({ ...zero, firstPeriod: 5, lastPeriod: 4 })).toThrow(/must not precede firstPeriod/);
  });
});
