// The rounding corners of a rebuild, where §6's formulas alone would lengthen a term, raise an
// installment or make a prepayment cost interest. Each case is small enough to check by hand.
import { sumMinor } from '@zulin/kernel';
import { describe, expect, test } from 'vitest';
import { amortize, monthlyRateOf } from './amortize';
import { buildPlan } from './build-plan';
import { rebuildSchedule } from './rebuild-schedule';
import type { InstallmentMethod } from './types';

function plan(principalMinor: number, termMonths: number, annualRateBps: number, method: InstallmentMethod) {
  return buildPlan({
    principalMinor,
    termMonths,
    annualRateBps,
    method,
    feeRateBpsPerPeriod: 0,
    startDate: '2026-01-15',
  });
}

const principals = (rows: { principalMinor: number }[]) => rows.map((row) => row.principalMinor);

describe('reduce term', () => {
  test('never lengthens: ⌈B′/p⌉ above the periods left is cut to them, the last absorbing the rest', () => {
    // 144 分 over 10 months at rate 0: p = round(14.4) = 14, the last repays 144 − 9 × 14 = 18.
    // X = 1 at k = 0: B′ = 143, ⌈143 / 14⌉ = 11 > 10 periods left, so m = 10 and the last repays 17.
    const interestFree = plan(144, 10, 0, 'equal_principal');
    const { rows, rule } = rebuildSchedule({
      plan: interestFree,
      paidPeriods: 0,
      balanceMinor: 143,
      strategy: 'reduce_term',
    });
    expect(principals(rows)).toEqual([14, 14, 14, 14, 14, 14, 14, 14, 14, 17]);
    expect(rule).toEqual({ kind: 'level_principal', principalPerPeriodMinor: 14 });
  });

  test('drops periods that rounding left with nothing to repay', () => {
    // 50 分 over 12 months at 12 %: M = round(50 × 0.01 × 1.01^12 / (1.01^12 − 1)) = round(4.44) = 4.
    // Period 1: interest round(0.50) = 1, principal 3, B_1 = 47. X = 15 → B′ = 32.
    // The formula: 4 × (1 − 1.01^−8) / 0.01 = 30.61 < 32 ≤ 4 × (1 − 1.01^−9) / 0.01 = 34.26, so m = 9.
    // But every later interest rounds to 0 (32 × 1 % = 0.32 …), so 8 periods of 4 repay B′ and the ninth
    // would repay nothing: it is dropped.
    const tiny = plan(50, 12, 1200, 'equal_installment');
    expect(tiny.rule).toEqual({ kind: 'level_payment', installmentMinor: 4 });
    const { rows } = rebuildSchedule({ plan: tiny, paidPeriods: 1, balanceMinor: 32, strategy: 'reduce_term' });
    expect(rows.map((row) => [row.period, row.principalMinor, row.interestMinor])).toEqual(
      [2, 3, 4, 5, 6, 7, 8, 9].map((period) => [period, 4, 0]),
    );
  });
});

describe('reduce installment', () => {
  test('never raises the installment: round(B′/(n − k)) above p is capped at p', () => {
    // 144 分 / 10 months, p = 14; after k = 5, B_5 = 74; X = 1 → B′ = 73; round(73 / 5) = round(14.6) = 15 > 14.
    // Capped at 14: 14 × 4 and the last 73 − 56 = 17.
    const interestFree = plan(144, 10, 0, 'equal_principal');
    const { rows, rule } = rebuildSchedule({
      plan: interestFree,
      paidPeriods: 5,
      balanceMinor: 73,
      strategy: 'reduce_installment',
    });
    expect(principals(rows)).toEqual([14, 14, 14, 14, 17]);
    expect(rule).toEqual({ kind: 'level_principal', principalPerPeriodMinor: 14 });
  });

  test('never costs interest: a new M that rounding puts too low is raised towards the old one', () => {
    // 4822 分 over 58 months at 9.72 %: M = 105. X = 1 at k = 0 → B′ = 4821, and the §6 amount
    // round(4821 × r(1+r)^58 / ((1+r)^58 − 1)) = 104. Paying 1 分 less for 57 months keeps more
    // balance outstanding, and the interest on it is more than the 1 分 prepaid saves.
    const long = plan(4822, 58, 972, 'equal_installment');
    expect(long.rule).toEqual({ kind: 'level_payment', installmentMinor: 105 });
    const oldInterest = sumMinor(long.schedule.map((row) => row.interestMinor));
    const withFreshM = amortize({
      startDate: '2026-01-15',
      monthlyRate: monthlyRateOf(972),
      openingBalanceMinor: 4821,
      firstPeriod: 1,
      lastPeriod: 58,
      rule: { kind: 'level_payment', installmentMinor: 104 },
      periodFeeMinor: 0,
    });
    expect(sumMinor(withFreshM.map((row) => row.interestMinor)) - oldInterest).toBe(16);
    // So M′ is raised to 105, the old M: the same payments, and the last period repays 1 分 less.
    const { rows, rule } = rebuildSchedule({
      plan: long,
      paidPeriods: 0,
      balanceMinor: 4821,
      strategy: 'reduce_installment',
    });
    expect(rule).toEqual({ kind: 'level_payment', installmentMinor: 105 });
    expect(sumMinor(rows.map((row) => row.interestMinor))).toBe(oldInterest);
    expect(rows.at(-1)?.principalMinor).toBe((long.schedule.at(-1)?.principalMinor ?? 0) - 1);
  });
});
