import { AssertionError } from '@zulin/kernel';
import { describe, expect, test } from 'vitest';
import { accruePenalty } from './accrue-penalty';

// Edges of the penalty rule (DOMAIN §6) the mutation run (issue #19) looks for: the half 分 of the
// single rounding, payments before the due date and after asOfDate, 29 February, and the guards.
const base = { dueDate: '2024-02-28', principalPayments: [] as { date: string; amountMinor: number }[] };

describe('penalty interest at its edges', () => {
  test('the single rounding is half-up: 1,000 分 for one day at 18.25 % is exactly 0.5 分 → 1', () => {
    // 1,000 × 1 × 1825 / 3,650,000 = 0.5; 999 gives 0.4995 → 0.
    const oneDay = (principalMinor: number) =>
      accruePenalty({ ...base, asOfDate: '2024-02-29', principalMinor, penaltyAnnualRateBps: 1825 });
    expect(oneDay(1_000)).toEqual({ penaltyMinor: 1, daysPastDue: 1, principalDaysMinor: 1_000 });
    expect(oneDay(999).penaltyMinor).toBe(0);
    expect(oneDay(3_000).penaltyMinor).toBe(2); // 1.5 → 2
  });

  test('29 February counts as a day: due 2024-02-28, as of 2024-03-01 is two days', () => {
    const result = accruePenalty({
      ...base,
      asOfDate: '2024-03-01',
      principalMinor: 73_000,
      penaltyAnnualRateBps: 1200,
    });
    // 73,000 × 2 × 1200 / 3,650,000 = 48 exactly.
    expect(result).toEqual({ penaltyMinor: 48, daysPastDue: 2, principalDaysMinor: 146_000 });
  });

  test('a payment before the due date lowers the base from the first overdue day', () => {
    const result = accruePenalty({
      ...base,
      asOfDate: '2024-03-09',
      principalMinor: 73_000,
      penaltyAnnualRateBps: 1200,
      principalPayments: [{ date: '2024-02-20', amountMinor: 36_500 }],
    });
    // 36,500 × 10 days × 1200 / 3,650,000 = 120.
    expect(result).toEqual({ penaltyMinor: 120, daysPastDue: 10, principalDaysMinor: 365_000 });
  });

  test('payments count in date order whatever order they come in; one on asOfDate stops that day', () => {
    const payments = [
      { date: '2024-03-09', amountMinor: 10_000 },
      { date: '2024-03-04', amountMinor: 30_000 },
      { date: '2024-03-01', amountMinor: 3_000 },
    ];
    const result = accruePenalty({
      ...base,
      asOfDate: '2024-03-09',
      principalMinor: 73_000,
      penaltyAnnualRateBps: 1200,
      principalPayments: payments,
    });
    // 2 days on 73,000 + 3 on 70,000 + 5 on 40,000 (the payment on 03-09 counts from 03-09 on).
    expect(result.principalDaysMinor).toBe(146_000 + 210_000 + 200_000);
    expect(result.penaltyMinor).toBe(183); // 556,000 × 1200 / 3,650,000 = 182.79
    expect(
      accruePenalty({
        ...base,
        asOfDate: '2024-03-09',
        principalMinor: 73_000,
        penaltyAnnualRateBps: 1200,
        principalPayments: [...payments].reverse(),
      }),
    ).toEqual(result);
  });

  test('a rate of 0 owes nothing; before the due date nothing is past due', () => {
    expect(
      accruePenalty({ ...base, asOfDate: '2024-12-31', principalMinor: 73_000, penaltyAnnualRateBps: 0 }).penaltyMinor,
    ).toBe(0);
    expect(
      accruePenalty({ ...base, asOfDate: '2024-02-01', principalMinor: 73_000, penaltyAnnualRateBps: 1200 }),
    ).toEqual({
      penaltyMinor: 0,
      daysPastDue: 0,
      principalDaysMinor: 0,
    });
  });

  test('refuses a negative rate, overpayment, a negative payment and more than 100 payments', () => {
    const ok = { ...base, asOfDate: '2024-03-09', principalMinor: 100, penaltyAnnualRateBps: 1200 };
    expect(() => accruePenalty({ ...ok, penaltyAnnualRateBps: -1 })).toThrow(AssertionError);
    expect(() => accruePenalty({ ...ok, penaltyAnnualRateBps: 0.5 })).toThrow(AssertionError);
    expect(() => accruePenalty({ ...ok, principalPayments: [{ date: '2024-03-01', amountMinor: 101 }] })).toThrow(
      AssertionError,
    );
    expect(
      accruePenalty({ ...ok, principalPayments: [{ date: '2024-03-01', amountMinor: 100 }] }).principalDaysMinor,
    ).toBe(200);
    expect(() =>
      accruePenalty({
        ...ok,
        principalPayments: [
          { date: '2024-03-01', amountMinor: 50 },
          { date: '2024-03-02', amountMinor: -10 },
        ],
      }),
    ).toThrow(AssertionError);
    const hundred = Array.from({ length: 100 }, () => ({ date: '2024-03-01', amountMinor: 1 }));
    expect(accruePenalty({ ...ok, principalPayments: hundred }).principalDaysMinor).toBe(200);
    expect(() => accruePenalty({ ...ok, principalMinor: 101, principalPayments: [...hundred, hundred[0]!] })).toThrow(
      AssertionError,
    );
  });
});
