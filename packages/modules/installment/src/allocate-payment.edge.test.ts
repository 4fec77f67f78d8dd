import { AssertionError } from '@zulin/kernel';
import { describe, expect, test } from 'vitest';
import { allocatePayment, type PeriodOwed } from './allocate-payment';
import { InstallmentErrors } from './errors';

// Edges of the allocation rule (DOMAIN §6) the mutation run (issue #19) looks for: the largest
// payment, exactly what is owed, two periods due the same day, a period that owes nothing, and the
// guards on what is owed.
const period = (p: Partial<PeriodOwed> & { period: number }): PeriodOwed => ({
  dueDate: '2024-02-29',
  penaltyMinor: 0,
  feeMinor: 0,
  interestMinor: 0,
  principalMinor: 0,
  ...p,
});

describe('allocation at its edges', () => {
  test('a payment of exactly ¥1,000,000.00 (100,000,000 分) is taken, one 分 more is refused', () => {
    const owed = [period({ period: 1, principalMinor: 100_000_000 })];
    const most = allocatePayment({ owed, amountMinor: 100_000_000, order: 'oldest_period_first' });
    expect([most.appliedMinor, most.unappliedMinor]).toEqual([100_000_000, 0]);
    expect(most.owedAfter[0]?.principalMinor).toBe(0);
    expect(() => allocatePayment({ owed, amountMinor: 100_000_001, order: 'oldest_period_first' })).toThrow(
      expect.objectContaining({ code: InstallmentErrors.INSTALLMENT_PAYMENT_INVALID.code }),
    );
    const one = allocatePayment({ owed, amountMinor: 1, order: 'component_first' });
    expect(one.lines).toEqual([{ period: 1, component: 'principal', amountMinor: 1 }]);
  });

  test('exactly what is owed settles everything and leaves nothing; the next 分 is unapplied', () => {
    const owed = [
      period({ period: 1, penaltyMinor: 1, feeMinor: 2, interestMinor: 3, principalMinor: 4 }),
      period({ period: 2, dueDate: '2024-03-29', interestMinor: 5, principalMinor: 6 }),
    ];
    for (const order of ['oldest_period_first', 'component_first'] as const) {
      const exact = allocatePayment({ owed, amountMinor: 21, order });
      expect([exact.appliedMinor, exact.unappliedMinor]).toEqual([21, 0]);
      expect(exact.owedAfter.every((p) => p.penaltyMinor + p.feeMinor + p.interestMinor + p.principalMinor === 0)).toBe(
        true,
      );
      expect(allocatePayment({ owed, amountMinor: 22, order }).unappliedMinor).toBe(1);
    }
    // The input is not changed.
    expect(owed[0]?.principalMinor).toBe(4);
  });

  test('two periods due the same day settle the lower period first; a period owing nothing gets no line', () => {
    const owed = [
      period({ period: 3, principalMinor: 10 }),
      period({ period: 2 }),
      period({ period: 1, principalMinor: 10 }),
    ];
    const result = allocatePayment({ owed, amountMinor: 15, order: 'oldest_period_first' });
    expect(result.lines).toEqual([
      { period: 1, component: 'principal', amountMinor: 10 },
      { period: 3, component: 'principal', amountMinor: 5 },
    ]);
    // owedAfter keeps the order the periods were given in.
    expect(result.owedAfter.map((p) => [p.period, p.principalMinor])).toEqual([
      [3, 5],
      [2, 0],
      [1, 0],
    ]);
  });

  test('the due date decides before the period number', () => {
    const owed = [
      period({ period: 1, dueDate: '2024-03-31', interestMinor: 10 }),
      period({ period: 2, dueDate: '2024-02-29', interestMinor: 10 }),
    ];
    expect(allocatePayment({ owed, amountMinor: 10, order: 'component_first' }).lines).toEqual([
      { period: 2, component: 'interest', amountMinor: 10 },
    ]);
  });

  test('refuses a period listed twice, a negative amount owed and more than 60 periods', () => {
    const run = (owed: PeriodOwed[]) => () => allocatePayment({ owed, amountMinor: 1, order: 'oldest_period_first' });
    expect(run([period({ period: 1 }), period({ period: 1 })])).toThrow(AssertionError);
    expect(run([period({ period: 1, feeMinor: -1 })])).toThrow(AssertionError);
    expect(run([period({ period: 1, penaltyMinor: 0.5 })])).toThrow(AssertionError);
    const sixty = Array.from({ length: 60 }, (_, i) => period({ period: i + 1, principalMinor: 1 }));
    expect(allocatePayment({ owed: sixty, amountMinor: 60, order: 'oldest_period_first' }).lines).toHaveLength(60);
    expect(run([...sixty, period({ period: 61 })])).toThrow(AssertionError);
  });

  test('a payment of 0 or 1 分 too many is refused at /body/amountMinor with the range (allocate-payment 52–54: the problem emptied)', () => {
    const owed = [period({ period: 1, principalMinor: 100 })];
    for (const amountMinor of [0, 100_000_001]) {
      expect(() => allocatePayment({ owed, amountMinor, order: 'oldest_period_first' })).toThrow(
        expect.objectContaining({
          code: InstallmentErrors.INSTALLMENT_PAYMENT_INVALID.code,
          errors: [{ path: '/body/amountMinor', message: 'must be 1 to 100000000' }],
        }),
      );
    }
  });
});
