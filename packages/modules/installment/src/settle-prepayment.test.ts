import { describe, expect, test } from 'vitest';
import { buildPlan } from './build-plan';
import { InstallmentErrors } from './errors';
import { quotePrepayment } from './quote-prepayment';
import { type PartialPrepaymentRequest, type PayoffRequest, settlePrepayment } from './settle-prepayment';
import type { InstallmentMethod } from './types';

const terms = (method: InstallmentMethod) => ({
  principalMinor: 599_900,
  termMonths: 12,
  annualRateBps: 1200,
  method,
  feeRateBpsPerPeriod: 0,
  startDate: '2026-01-15',
});

function settle(method: InstallmentMethod, request: PartialPrepaymentRequest) {
  return settlePrepayment({ plan: buildPlan(terms(method)), request });
}

function payOff(method: InstallmentMethod, request: Omit<PayoffRequest, 'strategy'>) {
  return settlePrepayment({ plan: buildPlan(terms(method)), request: { strategy: 'payoff', ...request } });
}

function errorOf(run: () => unknown) {
  try {
    run();
  } catch (e) {
    return e as { code: string; status: number; errors: { path: string; message: string }[] };
  }
  throw new Error('expected an error');
}

const paidThree = { paidPeriods: 3, prepayMinor: 200_000, prepayFeeMinor: 0 };

describe('等额本息, ¥2,000.00 prepaid after 3 of 12 periods (B_3 = 456573, B′ = 256573)', () => {
  test('reduce term keeps M = 53300 and needs 5 periods instead of 9', () => {
    // m: smallest with 53300 × (1 − 1.01^−m) / 0.01 ≥ 256573:
    //   m = 4 → 53300 × 3.90197 = 207975 (short); m = 5 → 53300 × 4.85343 = 258688 ≥ 256573.
    // 4: interest round(2565.73) = 2566, principal 50734, balance 205839
    // 5: interest round(2058.39) = 2058, principal 51242, balance 154597
    // 8: balance before 50571, interest round(505.71) = 506, pays 51077
    const { quote, totalDueMinor, lines } = settle('equal_installment', { strategy: 'reduce_term', ...paidThree });
    expect(quote.schedule.map((row) => row.period)).toEqual([4, 5, 6, 7, 8]);
    expect(quote.schedule[0]).toEqual({
      period: 4,
      dueDate: '2026-05-15',
      principalMinor: 50_734,
      interestMinor: 2_566,
      feeMinor: 0,
      paymentMinor: 53_300,
      balanceAfterMinor: 205_839,
    });
    expect(quote.schedule[1]).toMatchObject({
      interestMinor: 2_058,
      principalMinor: 51_242,
      balanceAfterMinor: 154_597,
    });
    expect(quote.schedule[4]).toMatchObject({ principalMinor: 50_571, interestMinor: 506, paymentMinor: 51_077 });
    // Original interest of periods 4–12: 4566 + 4078 + 3586 + 3089 + 2587 + 2080 + 1568 + 1050 + 528 = 23132.
    // New: 2566 + 2058 + 1546 + 1028 + 506 = 7704. Saved 23132 − 7704 = 15428.
    expect(quote).toMatchObject({
      principalPrepaidMinor: 200_000,
      feeMinor: 0,
      balanceAfterMinor: 256_573,
      interestSavedMinor: 15_428,
    });
    expect(totalDueMinor).toBe(200_000);
    expect(lines).toEqual([{ kind: 'principal', period: null, amountMinor: 200_000 }]);
  });

  test('reduce installment keeps 9 periods with a new M = 29952', () => {
    // M′ = 256573 × 0.01 × 1.01^9 / (1.01^9 − 1) = 29952.43 → 29952
    // 4: interest 2566, principal 27386, balance 229187
    // 5: interest round(2291.87) = 2292, principal 27660, balance 201527
    // 12: balance before 29660, interest round(296.60) = 297, pays 29957
    const { quote } = settle('equal_installment', { strategy: 'reduce_installment', ...paidThree });
    expect(quote.schedule.map((row) => row.paymentMinor)).toEqual([...Array(8).fill(29_952), 29_957]);
    expect(quote.schedule[0]).toMatchObject({
      principalMinor: 27_386,
      interestMinor: 2_566,
      balanceAfterMinor: 229_187,
    });
    expect(quote.schedule[1]).toMatchObject({
      principalMinor: 27_660,
      interestMinor: 2_292,
      balanceAfterMinor: 201_527,
    });
    expect(quote.schedule[8]).toMatchObject({ period: 12, principalMinor: 29_660, interestMinor: 297 });
    // New interest 2566 + 2292 + 2015 + 1736 + 1454 + 1169 + 881 + 590 + 297 = 13000; 23132 − 13000 = 10132.
    expect(quote.interestSavedMinor).toBe(10_132);
  });
});

describe('等额本金, ¥2,000.00 prepaid after 3 of 12 periods (B_3 = 449924, B′ = 249924)', () => {
  test('reduce term keeps p = 49992: m = ⌈249924 / 49992⌉ = 5', () => {
    // 4–7 repay 49992 each, 8 repays 249924 − 4 × 49992 = 49956.
    // Interest: round(2499.24) = 2499, round(1999.32) = 1999, round(1499.40) = 1499, round(999.48) = 999,
    // round(499.56) = 500 → 7496. Original 4–12: 4499 + 3999 + 3499 + 2999 + 2500 + 2000 + 1500 + 1000 + 500
    // = 22496. Saved 15000.
    const { quote } = settle('equal_principal', { strategy: 'reduce_term', ...paidThree });
    expect(quote.schedule.map((row) => [row.period, row.principalMinor, row.interestMinor])).toEqual([
      [4, 49_992, 2_499],
      [5, 49_992, 1_999],
      [6, 49_992, 1_499],
      [7, 49_992, 999],
      [8, 49_956, 500],
    ]);
    expect(quote.interestSavedMinor).toBe(15_000);
  });

  test('reduce installment: p′ = round(249924 / 9) = 27769, the last repays 27772', () => {
    // Interest: 2499, round(2221.55) = 2222, round(1943.86) = 1944, 1666, 1388, 1111, 833, 555, round(277.72) = 278
    // → 12496; saved 22496 − 12496 = 10000.
    const { quote } = settle('equal_principal', { strategy: 'reduce_installment', ...paidThree });
    expect(quote.schedule.map((row) => row.principalMinor)).toEqual([...Array(8).fill(27_769), 27_772]);
    expect(quote.schedule.slice(0, 3).map((row) => row.interestMinor)).toEqual([2_499, 2_222, 1_944]);
    expect(quote.schedule[8]).toMatchObject({ period: 12, dueDate: '2027-01-15', interestMinor: 278 });
    expect(quote.interestSavedMinor).toBe(10_000);
  });
});

describe('payoff', () => {
  test('mid-month: B_3 plus 16 days of interest plus the prepay fee', () => {
    // Last paid due date 2026-04-15; payoff 2026-05-01: 16 days.
    // Interest round(456573 × 1200 × 16 / (10000 × 365)) = round(2401.70) = 2402; fee 1000.
    const settlement = payOff('equal_installment', {
      paidPeriods: 3,
      payoffDate: '2026-05-01',
      prepayFeeMinor: 1_000,
    });
    expect(settlement.quote).toEqual({
      principalMinor: 456_573,
      accruedInterestMinor: 2_402,
      feeMinor: 1_000,
      payoffMinor: 459_975,
    });
    expect(settlement.accrual).toEqual({
      balanceMinor: 456_573,
      annualRateBps: 1200,
      fromDate: '2026-04-15',
      toDate: '2026-05-01',
      days: 16,
    });
    // The lines the booking posts: each remaining period's principal, the interest, the fee.
    expect(settlement.lines.filter((line) => line.kind === 'principal').map((line) => line.period)).toEqual([
      4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
    expect(settlement.lines.slice(-2)).toEqual([
      { kind: 'interest', period: null, amountMinor: 2_402 },
      { kind: 'prepay_fee', period: null, amountMinor: 1_000 },
    ]);
    expect(settlement.totalDueMinor).toBe(459_975);
  });

  test('on the start date nothing has accrued; on the last paid due date neither', () => {
    const atStart = payOff('equal_principal', {
      paidPeriods: 0,
      payoffDate: '2026-01-15',
      prepayFeeMinor: 0,
    });
    expect(atStart.quote).toEqual({
      principalMinor: 599_900,
      accruedInterestMinor: 0,
      feeMinor: 0,
      payoffMinor: 599_900,
    });
    const onDueDate = payOff('equal_principal', {
      paidPeriods: 3,
      payoffDate: '2026-04-15',
      prepayFeeMinor: 0,
    });
    expect(onDueDate.quote.payoffMinor).toBe(449_924);
  });

  test('a fee plan owes no future fees, but the fee of a period already in arrears', () => {
    // 0.60 % fee plan from 31 January: fee 3599 a period; 2 paid (28 Feb, 31 Mar); B_2 = 599900 − 2 × 49992.
    const plan = buildPlan({
      ...terms('equal_principal'),
      annualRateBps: 0,
      feeRateBpsPerPeriod: 60,
      startDate: '2026-01-31',
    });
    const payoffOn = (payoffDate: string) =>
      settlePrepayment({ plan, request: { strategy: 'payoff', paidPeriods: 2, payoffDate, prepayFeeMinor: 0 } });
    // On period 3's due date (30 April) it is not yet in arrears: principal only, rate 0 so no interest.
    expect(payoffOn('2026-04-30').quote).toEqual({
      principalMinor: 499_916,
      accruedInterestMinor: 0,
      feeMinor: 0,
      payoffMinor: 499_916,
    });
    // On 15 May period 3 is in arrears: its fee is owed; period 4's (due 31 May) is not.
    const late = payoffOn('2026-05-15');
    expect(late.quote).toEqual({
      principalMinor: 499_916,
      accruedInterestMinor: 0,
      feeMinor: 3_599,
      payoffMinor: 503_515,
    });
    expect(late.lines.filter((line) => line.kind === 'period_fee')).toEqual([
      { kind: 'period_fee', period: 3, amountMinor: 3_599 },
    ]);
  });

  test('a payoff date before the last paid due date is refused', () => {
    const error = errorOf(() =>
      payOff('equal_installment', {
        paidPeriods: 3,
        payoffDate: '2026-04-14',
        prepayFeeMinor: 0,
      }),
    );
    expect(error.code).toBe(InstallmentErrors.INSTALLMENT_PREPAYMENT_INVALID.code);
    expect(error.errors).toEqual([expect.objectContaining({ path: '/body/payoffDate' })]);
    expect(error.errors[0]?.message).toContain('2026-04-15');
  });
});

describe('the prepay fee is charged on top, never taken from X', () => {
  test('X reduces the balance in full and the fee is a line of its own', () => {
    const { quote, lines, totalDueMinor } = settle('equal_installment', {
      strategy: 'reduce_term',
      paidPeriods: 3,
      prepayMinor: 200_000,
      prepayFeeMinor: 2_000,
    });
    expect(quote.balanceAfterMinor).toBe(256_573);
    expect(quote.feeMinor).toBe(2_000);
    expect(totalDueMinor).toBe(202_000);
    expect(lines).toEqual([
      { kind: 'principal', period: null, amountMinor: 200_000 },
      { kind: 'prepay_fee', period: null, amountMinor: 2_000 },
    ]);
  });
});

describe('what the booking stores', () => {
  test('the plan after a prepayment keeps periods 1–3, holds the rebuilt ones, and takes a second prepayment', () => {
    const first = settle('equal_installment', { strategy: 'reduce_installment', ...paidThree });
    const plan = first.planAfter;
    expect(plan.schedule.slice(0, 3)).toEqual(buildPlan(terms('equal_installment')).schedule.slice(0, 3));
    expect(plan.schedule.slice(3)).toEqual(first.quote.schedule);
    expect(plan.rule).toEqual({ kind: 'level_payment', installmentMinor: 29_952 });
    expect(first.effectiveDate).toBe('2026-04-15');
    expect(first.periodChanges.map((change) => change.period)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // Six months on, reduce the term: the new M of 29952 is kept and B_6 − X is repaid sooner.
    const second = settlePrepayment({
      plan,
      request: { strategy: 'reduce_term', paidPeriods: 6, prepayMinor: 50_000, prepayFeeMinor: 0 },
    });
    expect(second.quote).toMatchObject({ balanceAfterMinor: 173_590 - 50_000 });
    expect(second.quote.schedule.every((row, i, rows) => i === rows.length - 1 || row.paymentMinor === 29_952)).toBe(
      true,
    );
    expect(second.planAfter.prepayments).toEqual([
      { afterPeriod: 3, principalMinor: 200_000, strategy: 'reduce_installment' },
      { afterPeriod: 6, principalMinor: 50_000, strategy: 'reduce_term' },
    ]);
    // A payoff of that plan starts from what is left after both prepayments.
    const payoff = settlePrepayment({
      plan: second.planAfter,
      request: { strategy: 'payoff', paidPeriods: 6, payoffDate: '2026-07-15', prepayFeeMinor: 0 },
    });
    expect(payoff.quote.principalMinor).toBe(123_590);
  });

  test('reduce term lists the removed periods as changes with nothing after them', () => {
    const { periodChanges } = settle('equal_installment', { strategy: 'reduce_term', ...paidThree });
    expect(periodChanges.map((change) => [change.period, change.after === null])).toEqual([
      [4, false],
      [5, false],
      [6, false],
      [7, false],
      [8, false],
      [9, true],
      [10, true],
      [11, true],
      [12, true],
    ]);
  });
});

describe('the public prepay calculator', () => {
  const body = { ...terms('equal_installment'), paidPeriods: 3 };

  test('answers the settlement’s quote in API.md’s shape', () => {
    const partial = quotePrepayment({ ...body, strategy: 'reduce_term', prepayMinor: 200_000 });
    expect(Object.keys(partial).sort()).toEqual(
      ['principalPrepaidMinor', 'feeMinor', 'balanceAfterMinor', 'interestSavedMinor', 'schedule'].sort(),
    );
    expect(partial).toEqual(settle('equal_installment', { strategy: 'reduce_term', ...paidThree }).quote);
    const payoff = quotePrepayment({ ...body, strategy: 'payoff', payoffDate: '2026-05-01' });
    expect(Object.keys(payoff).sort()).toEqual(
      ['principalMinor', 'accruedInterestMinor', 'feeMinor', 'payoffMinor'].sort(),
    );
  });

  test('422 when k is outside 0…n − 1, X is not below the balance, or a field is missing', () => {
    const k12 = errorOf(() => quotePrepayment({ ...body, paidPeriods: 12, strategy: 'reduce_term', prepayMinor: 1 }));
    expect(k12.errors.map((e) => e.path)).toEqual(['/body/paidPeriods']);
    const wholeBalance = errorOf(() =>
      quotePrepayment({ ...body, strategy: 'reduce_installment', prepayMinor: 456_573 }),
    );
    expect(wholeBalance.status).toBe(422);
    expect(wholeBalance.errors.map((e) => e.path)).toEqual(['/body/prepayMinor']);
    expect(wholeBalance.errors[0]?.message).toContain('456573');
    const missing = errorOf(() => quotePrepayment({ ...body, strategy: 'payoff', prepayFeeMinor: -1 }));
    expect(missing.errors.map((e) => e.path)).toEqual(['/body/prepayFeeMinor', '/body/payoffDate']);
    const badStrategy = errorOf(() => quotePrepayment({ ...body, termMonths: 0, strategy: 'skip' }));
    expect(badStrategy.errors.map((e) => e.path)).toEqual(['/body/termMonths', '/body/strategy']);
  });
});
