import { Dec, netPresentValue } from '@zulin/kernel';
import { describe, expect, test } from 'vitest';
import { InstallmentErrors } from './errors';
import { quoteInstallment } from './quote-installment';

const phone = { principalMinor: 599_900, termMonths: 12, annualRateBps: 1200, startDate: '2026-01-15' };

function errorOf(run: () => unknown) {
  try {
    run();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('等额本息 (equal installments): ¥5,999.00 over 12 months at 12.00 %', () => {
  const quote = quoteInstallment({ ...phone, method: 'equal_installment' });

  test('M, the first two periods and the last, to the cent', () => {
    // r = 1200 / 12 / 10000 = 0.01; (1.01)^12 = 1.12682503…
    // M = 599900 × 0.01 × 1.12682503 / 0.12682503 = 53300.388… → 53300
    // 1: interest round(599900 × 0.01) = 5999; principal 53300 − 5999 = 47301; balance 552599
    // 2: interest round(5525.99) = 5526; principal 47774; balance 504825
    // 12: balance before 52777; interest round(527.77) = 528; pays 52777 + 528 = 53305
    expect(quote.schedule[0]).toEqual({
      period: 1,
      dueDate: '2026-02-15',
      principalMinor: 47_301,
      interestMinor: 5_999,
      feeMinor: 0,
      paymentMinor: 53_300,
      balanceAfterMinor: 552_599,
    });
    expect(quote.schedule[1]).toEqual({
      period: 2,
      dueDate: '2026-03-15',
      principalMinor: 47_774,
      interestMinor: 5_526,
      feeMinor: 0,
      paymentMinor: 53_300,
      balanceAfterMinor: 504_825,
    });
    expect(quote.schedule[11]).toEqual({
      period: 12,
      dueDate: '2027-01-15',
      principalMinor: 52_777,
      interestMinor: 528,
      feeMinor: 0,
      paymentMinor: 53_305,
      balanceAfterMinor: 0,
    });
  });

  test('totals and the disclosed rates', () => {
    // 11 × 53300 + 53305 = 639605 paid; 639605 − 599900 = 39705 interest.
    // Monthly IRR ≈ 1 % (rounding moves it far less than a basis point): 12 % simple, 1.01^12 − 1 = 12.68 %.
    expect(quote).toMatchObject({
      currency: 'CNY',
      principalMinor: 599_900,
      totalInterestMinor: 39_705,
      totalFeeMinor: 0,
      totalPaymentMinor: 639_605,
      aprSimpleBps: 1200,
      aprCompoundBps: 1268,
    });
  });

  test('has exactly the fields API.md fixes', () => {
    expect(Object.keys(quote).sort()).toEqual(
      [
        'currency',
        'principalMinor',
        'totalInterestMinor',
        'totalFeeMinor',
        'totalPaymentMinor',
        'aprSimpleBps',
        'aprCompoundBps',
        'schedule',
      ].sort(),
    );
    expect(Object.keys(quote.schedule[0] ?? {}).sort()).toEqual(
      ['period', 'dueDate', 'principalMinor', 'interestMinor', 'feeMinor', 'paymentMinor', 'balanceAfterMinor'].sort(),
    );
  });
});

describe('等额本金 (equal principal): ¥5,999.00 over 12 months at 12.00 %', () => {
  const quote = quoteInstallment({ ...phone, method: 'equal_principal' });

  test('the first two periods and the last, to the cent', () => {
    // p = round(599900 / 12) = round(49991.67) = 49992
    // 1: interest 5999, pays 55991, balance 549908
    // 2: interest round(5499.08) = 5499, pays 55491, balance 499916
    // 12: principal 599900 − 11 × 49992 = 49988; interest round(499.88) = 500; pays 50488
    expect(quote.schedule.slice(0, 2).map((row) => [row.principalMinor, row.interestMinor, row.paymentMinor])).toEqual([
      [49_992, 5_999, 55_991],
      [49_992, 5_499, 55_491],
    ]);
    expect(quote.schedule[1]?.balanceAfterMinor).toBe(499_916);
    expect(quote.schedule[11]).toMatchObject({ principalMinor: 49_988, interestMinor: 500, paymentMinor: 50_488 });
  });

  test('total interest is the sum of round(balance × 1 %) over the twelve balances', () => {
    // 5999 + 5499 + 4999 + 4499 + 3999 + 3499 + 2999 (2999.48) + 2500 (2499.56) + 2000 + 1500 + 1000 + 500
    expect(quote.totalInterestMinor).toBe(38_993);
    expect(quote.totalPaymentMinor).toBe(638_893);
    // Interest on the declining balance at exactly 1 % a month: the IRR is 1 %.
    expect([quote.aprSimpleBps, quote.aprCompoundBps]).toEqual([1200, 1268]);
  });
});

describe('rate 0 and the per-period fee plan', () => {
  test('at rate 0 both methods give the same schedule: round(P/n), the rest last', () => {
    const level = quoteInstallment({ ...phone, annualRateBps: 0, method: 'equal_installment' });
    const principal = quoteInstallment({ ...phone, annualRateBps: 0, method: 'equal_principal' });
    expect(level).toEqual(principal);
    expect(level.schedule.map((row) => row.paymentMinor)).toEqual([...Array(11).fill(49_992), 49_988]);
    expect([level.totalInterestMinor, level.aprSimpleBps, level.aprCompoundBps]).toEqual([0, 0, 0]);
  });

  test('interest-free with a 0.60 % fee each period, from 31 January', () => {
    // fee = round(599900 × 0.006) = round(3599.4) = 3599 every period; principal as at rate 0.
    const quote = quoteInstallment({
      ...phone,
      annualRateBps: 0,
      feeRateBpsPerPeriod: 60,
      method: 'equal_installment',
      startDate: '2026-01-31',
    });
    expect(quote.schedule[0]).toEqual({
      period: 1,
      dueDate: '2026-02-28',
      principalMinor: 49_992,
      interestMinor: 0,
      feeMinor: 3_599,
      paymentMinor: 53_591,
      balanceAfterMinor: 549_908,
    });
    expect(quote.schedule[11]).toMatchObject({ dueDate: '2027-01-31', principalMinor: 49_988, paymentMinor: 53_587 });
    expect([quote.totalInterestMinor, quote.totalFeeMinor, quote.totalPaymentMinor]).toEqual([0, 43_188, 643_088]);
    // A "0.6 % a month" fee costs 13.03 % a year by IRR, not 7.2 %: the fee is on the original
    // principal while the balance falls. The IRR lies between 1302.5 and 1303.5 bps (NPV changes sign).
    expect([quote.aprSimpleBps, quote.aprCompoundBps]).toEqual([1303, 1384]);
    const flows = [-599_900, ...quote.schedule.map((row) => row.paymentMinor)];
    expect(netPresentValue(new Dec(1302.5).div(120_000), flows).gt(0)).toBe(true);
    expect(netPresentValue(new Dec(1303.5).div(120_000), flows).lt(0)).toBe(true);
  });
});

describe('due dates keep the start day and clamp to the month end (DOMAIN §1)', () => {
  test('31 January → 28 February → 31 March → 30 April', () => {
    const quote = quoteInstallment({ ...phone, termMonths: 4, method: 'equal_principal', startDate: '2026-01-31' });
    expect(quote.schedule.map((row) => row.dueDate)).toEqual(['2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31']);
  });

  test('29 February 2024 → 29 March … 28 February 2025 … 29 February 2028', () => {
    const quote = quoteInstallment({ ...phone, termMonths: 48, method: 'equal_principal', startDate: '2024-02-29' });
    expect(quote.schedule[0]?.dueDate).toBe('2024-03-29');
    expect(quote.schedule[11]?.dueDate).toBe('2025-02-28');
    expect(quote.schedule[12]?.dueDate).toBe('2025-03-29');
    expect(quote.schedule[47]?.dueDate).toBe('2028-02-29');
  });
});

describe('the smallest and largest plans', () => {
  test('1 分 over 60 months: 59 periods of 0 and the 分 in the last', () => {
    const quote = quoteInstallment({ ...phone, principalMinor: 1, termMonths: 60, method: 'equal_principal' });
    expect(quote.schedule.slice(0, 59).every((row) => row.paymentMinor === 0)).toBe(true);
    expect(quote.schedule[59]).toMatchObject({ principalMinor: 1, interestMinor: 0, paymentMinor: 1 });
    expect(quote.aprSimpleBps).toBe(0);
  });

  test('¥1,000,000 in one month at 36 %: one payment of principal and 3 % interest', () => {
    const quote = quoteInstallment({
      ...phone,
      principalMinor: 100_000_000,
      termMonths: 1,
      annualRateBps: 3600,
      method: 'equal_installment',
    });
    expect(quote.schedule).toEqual([
      {
        period: 1,
        dueDate: '2026-02-15',
        principalMinor: 100_000_000,
        interestMinor: 3_000_000,
        feeMinor: 0,
        paymentMinor: 103_000_000,
        balanceAfterMinor: 0,
      },
    ]);
    expect([quote.aprSimpleBps, quote.aprCompoundBps]).toEqual([3600, 4258]); // 1.03^12 − 1 = 42.58 %
  });
});

describe('invalid input is a 422 naming every field', () => {
  test('non-integer amount, term outside 1–60, negative rate, bad method and date, all at once', () => {
    const error = errorOf(() =>
      quoteInstallment({
        principalMinor: 599.5,
        termMonths: 61,
        annualRateBps: -1,
        feeRateBpsPerPeriod: 1.5,
        method: 'balloon',
        startDate: '2026-02-30',
      }),
    );
    expect(InstallmentErrors.INSTALLMENT_TERMS_INVALID.is(error)).toBe(true);
    expect((error as { status: number }).status).toBe(422);
    expect((error as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual([
      '/body/principalMinor',
      '/body/termMonths',
      '/body/annualRateBps',
      '/body/feeRateBpsPerPeriod',
      '/body/method',
      '/body/startDate',
    ]);
  });

  test('a principal of 0 or below and a term of 0 are refused', () => {
    for (const [principalMinor, termMonths] of [
      [0, 12],
      [-100, 12],
      [100, 0],
      [100_000_001, 12],
    ] as const) {
      const error = errorOf(() =>
        quoteInstallment({ ...phone, principalMinor, termMonths, method: 'equal_principal' }),
      );
      expect(InstallmentErrors.INSTALLMENT_TERMS_INVALID.is(error)).toBe(true);
    }
  });
});
