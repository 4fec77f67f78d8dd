import { describe, expect, test } from 'vitest';
import { buildPlan, ruleFor } from './build-plan';
import { rebuildSchedule } from './rebuild-schedule';
import type { InstallmentTerms } from './types';

// "At rate 0 both methods give the same schedule" (DOMAIN §6): a 0 % 等额本息 plan repays a level
// principal. The mutation run of 2026-12-03 (issue #19) showed the schedule alone cannot tell: a level
// payment of round(B/n) at rate 0 lays out the same rows. The rule is what a later prepayment keeps.
const terms = (o: Partial<InstallmentTerms> = {}): InstallmentTerms => ({
  principalMinor: 120_000,
  termMonths: 12,
  annualRateBps: 0,
  method: 'equal_installment',
  feeRateBpsPerPeriod: 0,
  startDate: '2026-01-31',
  ...o,
});

describe('a 0 % 等额本息 plan', () => {
  test('repays a level principal of round(B/n), 10,000 分 a month (build-plan 13: `annualRateBps > 0` → `>= 0` / true)', () => {
    expect(ruleFor(terms(), 120_000, 12)).toEqual({ kind: 'level_principal', principalPerPeriodMinor: 10_000 });
    // 1 bps is a rate: the level payment rule.
    expect(ruleFor(terms({ annualRateBps: 1 }), 120_000, 12).kind).toBe('level_payment');
  });

  test('prepaid down to 25,000 分 after 2 periods, reduce term takes ⌈25,000 / 10,000⌉ = 3 periods, not 1', () => {
    // With a level-payment rule at rate 0, reduce term's test M·(1 − v^m) ≥ B′·r is 0 ≥ 0 at m = 1.
    const plan = buildPlan(terms());
    const { rows } = rebuildSchedule({ plan, paidPeriods: 2, balanceMinor: 25_000, strategy: 'reduce_term' });
    expect(rows.map((row) => [row.period, row.dueDate, row.principalMinor, row.balanceAfterMinor])).toEqual([
      [3, '2026-04-30', 10_000, 15_000],
      [4, '2026-05-31', 10_000, 5_000],
      [5, '2026-06-30', 5_000, 0],
    ]);
  });
});
