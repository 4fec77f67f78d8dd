import { AssertionError, sumMinor } from '@zulin/kernel';
import { describe, expect, test } from 'vitest';
import { amortize, monthlyRateOf } from './amortize';
import { buildPlan } from './build-plan';
import { rebuildSchedule } from './rebuild-schedule';

// Rounding edges of a rebuild (DOMAIN §6) found for mutants the 2026-12-03 mutation run (issue #19)
// left alive: ¥100.00 over 12 months at 24 % (M = 946 分), prepaid after period 1 (B₁ = 9,254 分).
const plan = buildPlan({
  principalMinor: 10_000,
  termMonths: 12,
  annualRateBps: 2400,
  method: 'equal_installment',
  feeRateBpsPerPeriod: 0,
  startDate: '2026-01-31',
});
const interestOf = (rows: readonly { interestMinor: number }[]) => sumMinor(rows.map((row) => row.interestMinor));

describe('a rebuild where rounding decides', () => {
  test('the plan: M = 946 分, 9,254 分 left after period 1', () => {
    expect(plan.rule).toEqual({ kind: 'level_payment', installmentMinor: 946 });
    expect(plan.schedule[0]?.balanceAfterMinor).toBe(9254);
  });

  test('reduce installment by 1 分 keeps 946: 945 would cost more interest over periods 2–12 than the old schedule (rebuild 67: `schedule.slice(k)` → the whole schedule)', () => {
    const laidOut = (installmentMinor: number) =>
      amortize({
        startDate: plan.terms.startDate,
        monthlyRate: monthlyRateOf(2400),
        openingBalanceMinor: 9253,
        firstPeriod: 2,
        lastPeriod: 12,
        rule: { kind: 'level_payment', installmentMinor },
        periodFeeMinor: 0,
      });
    const oldInterest = interestOf(plan.schedule.slice(1));
    // The fresh level payment on 9,253 分 over 11 periods rounds to 945, whose slower repayment costs
    // more than periods 2–12 of the old schedule — though less than the whole old schedule's interest.
    expect(interestOf(laidOut(945))).toBeGreaterThan(oldInterest);
    expect(interestOf(laidOut(945))).toBeLessThanOrEqual(interestOf(plan.schedule));
    const rebuilt = rebuildSchedule({ plan, paidPeriods: 1, balanceMinor: 9253, strategy: 'reduce_installment' });
    expect(rebuilt.rule).toEqual({ kind: 'level_payment', installmentMinor: 946 });
    expect(interestOf(rebuilt.rows)).toBeLessThanOrEqual(oldInterest);
  });

  test('reduce term to 2,728 分 takes 3 periods, the last absorbing 1 分 — no 4th period of 1 分 (rebuild 109–111: the m loop skipped)', () => {
    // 946 × (1 − 1.02^−3) / 0.02 = 2,728.15: three payments repay 2,728 exactly, but the rounded
    // interest leaves 1 分, which the third (last) period takes rather than a period of its own.
    const { rows } = rebuildSchedule({ plan, paidPeriods: 1, balanceMinor: 2728, strategy: 'reduce_term' });
    expect(rows.map((row) => [row.period, row.principalMinor, row.interestMinor, row.balanceAfterMinor])).toEqual([
      [2, 891, 55, 1837],
      [3, 909, 37, 928],
      [4, 928, 19, 0],
    ]);
    expect(rows[2]?.paymentMinor).toBe(947);
  });

  test('a rebuild needs a period left and a positive balance (rebuild 27–28: the guards → true, `> 0` → `>= 0`)', () => {
    expect(() => rebuildSchedule({ plan, paidPeriods: 12, balanceMinor: 100, strategy: 'reduce_term' })).toThrow(
      AssertionError,
    );
    expect(() => rebuildSchedule({ plan, paidPeriods: 12, balanceMinor: 100, strategy: 'reduce_term' })).toThrow(
      /at least one period left/,
    );
    expect(() => rebuildSchedule({ plan, paidPeriods: 1, balanceMinor: 0, strategy: 'reduce_term' })).toThrow(
      /positive balance: 0/,
    );
    expect(() => rebuildSchedule({ plan, paidPeriods: 1, balanceMinor: 0, strategy: 'reduce_installment' })).toThrow(
      /positive balance: 0/,
    );
  });
});
