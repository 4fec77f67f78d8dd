import { AssertionError } from '@zulin/kernel';
import { describe, expect, test } from 'vitest';
import { buildPlan } from './build-plan';
import { rebuildSchedule } from './rebuild-schedule';
import type { InstallmentMethod } from './types';

// Edges of a rebuild (DOMAIN §6) the mutation run (issue #19) looks for: B′ an exact multiple of p,
// a level principal of 0, the last period, due dates at month ends and the per-period fee kept.
function plan(principalMinor: number, termMonths: number, method: InstallmentMethod, fee = 0, start = '2026-01-15') {
  return buildPlan({
    principalMinor,
    termMonths,
    annualRateBps: 0,
    method,
    feeRateBpsPerPeriod: fee,
    startDate: start,
  });
}

describe('a rebuild at its edges', () => {
  test('reduce term: B′ an exact multiple of p takes exactly B′ / p periods (56 / 14 = 4)', () => {
    const p = plan(140, 10, 'equal_principal');
    expect(p.rule).toEqual({ kind: 'level_principal', principalPerPeriodMinor: 14 });
    const { rows } = rebuildSchedule({ plan: p, paidPeriods: 2, balanceMinor: 56, strategy: 'reduce_term' });
    expect(rows.map((row) => [row.period, row.principalMinor, row.balanceAfterMinor])).toEqual([
      [3, 14, 42],
      [4, 14, 28],
      [5, 14, 14],
      [6, 14, 0],
    ]);
    // One 分 more needs a fifth period, which repays that 分.
    const more = rebuildSchedule({ plan: p, paidPeriods: 2, balanceMinor: 57, strategy: 'reduce_term' }).rows;
    expect(more.map((row) => row.principalMinor)).toEqual([14, 14, 14, 14, 1]);
  });

  test('a level principal of 0 (4 分 over 10 months) keeps the term and leaves all to the last period', () => {
    const p = plan(4, 10, 'equal_principal');
    expect(p.rule).toEqual({ kind: 'level_principal', principalPerPeriodMinor: 0 });
    const { rows } = rebuildSchedule({ plan: p, paidPeriods: 0, balanceMinor: 3, strategy: 'reduce_term' });
    expect(rows.map((row) => row.principalMinor)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 3]);
  });

  test('with one period left either strategy repays B′ in it', () => {
    const p = plan(140, 10, 'equal_principal');
    for (const strategy of ['reduce_term', 'reduce_installment'] as const) {
      const { rows } = rebuildSchedule({ plan: p, paidPeriods: 9, balanceMinor: 5, strategy });
      expect(rows.map((row) => [row.period, row.principalMinor, row.balanceAfterMinor])).toEqual([[10, 5, 0]]);
    }
  });

  test('refuses a rebuild with no period left or from a balance of 0', () => {
    const p = plan(140, 10, 'equal_principal');
    expect(() => rebuildSchedule({ plan: p, paidPeriods: 10, balanceMinor: 5, strategy: 'reduce_term' })).toThrow(
      AssertionError,
    );
    expect(() => rebuildSchedule({ plan: p, paidPeriods: 3, balanceMinor: 0, strategy: 'reduce_term' })).toThrow(
      AssertionError,
    );
  });

  test('rebuilt periods keep their month-end due dates (29 February) and the per-period fee', () => {
    // ¥1,200.00 over 12 months from 2024-01-31, fee 0.60 % of the principal a period = 720 分.
    const p = plan(120_000, 12, 'equal_installment', 60, '2024-01-31');
    expect(p.periodFeeMinor).toBe(720);
    const { rows } = rebuildSchedule({ plan: p, paidPeriods: 0, balanceMinor: 60_000, strategy: 'reduce_installment' });
    expect(rows).toHaveLength(12);
    expect(rows[0]).toMatchObject({ period: 1, dueDate: '2024-02-29', principalMinor: 5_000, feeMinor: 720 });
    expect(rows[1]?.dueDate).toBe('2024-03-31');
    expect(rows[2]?.dueDate).toBe('2024-04-30');
    expect(rows.every((row) => row.feeMinor === 720 && row.paymentMinor === row.principalMinor + 720)).toBe(true);
  });
});
