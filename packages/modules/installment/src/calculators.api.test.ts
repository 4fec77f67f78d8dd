// The public calculators over HTTP (API.md), against hand-computed schedules: ¥5,999.00 over 12
// months at 12.00 % by both methods, the fee plan, a reduce-term prepayment and a payoff; and the
// PBOC check of DOMAIN §6 (12.80 % simple, 13.58 % compound).
import { describeDb } from '@zulin/db/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';

const phone = { principalMinor: 599_900, termMonths: 12, annualRateBps: 1200, startDate: '2026-01-15' };

describeDb('installment calculators', (get) => {
  let s: TestServer;
  const post = (url: string, payload: object) => s.app.inject({ method: 'POST', url, payload });

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('等额本息: M = 53,300 分, period 1 interest 5,999, the last period absorbs the rest (53,305)', async () => {
    const res = await post('/v1/installments/quote', { ...phone, method: 'equal_installment' });
    expect(res.statusCode).toBe(200);
    const quote = res.json();
    expect(quote).toMatchObject({
      currency: 'CNY',
      principalMinor: 599_900,
      totalInterestMinor: 39_705,
      totalFeeMinor: 0,
      totalPaymentMinor: 639_605,
      aprSimpleBps: 1200,
      aprCompoundBps: 1268,
    });
    expect(quote.schedule).toHaveLength(12);
    expect(quote.schedule[0]).toEqual({
      period: 1,
      dueDate: '2026-02-15',
      principalMinor: 47_301,
      interestMinor: 5_999,
      feeMinor: 0,
      paymentMinor: 53_300,
      balanceAfterMinor: 552_599,
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

  test('等额本金: principal round(599900/12) = 49,992 for 11 periods, 49,988 in the last; interest on the balance', async () => {
    const quote = (await post('/v1/installments/quote', { ...phone, method: 'equal_principal' })).json();
    // Interest: 5999, 5499, 4999, 4499, 3999, 3499, 2999, 2500 (2499.56), 2000, 1500, 1000, 500 = 38,993.
    expect(quote.schedule.map((row: { interestMinor: number }) => row.interestMinor)).toEqual([
      5999, 5499, 4999, 4499, 3999, 3499, 2999, 2500, 2000, 1500, 1000, 500,
    ]);
    expect(quote.schedule[0]).toEqual({
      period: 1,
      dueDate: '2026-02-15',
      principalMinor: 49_992,
      interestMinor: 5_999,
      feeMinor: 0,
      paymentMinor: 55_991,
      balanceAfterMinor: 549_908,
    });
    expect(quote.schedule[11]).toMatchObject({ principalMinor: 49_988, interestMinor: 500, paymentMinor: 50_488 });
    expect(quote).toMatchObject({ totalInterestMinor: 38_993, totalPaymentMinor: 638_893 });
  });

  test('interest free with a 0.50 % fee a period: fee round(2999.5) = 3,000 every period; the rate disclosed counts the fee', async () => {
    const quote = (
      await post('/v1/installments/quote', {
        ...phone,
        annualRateBps: 0,
        feeRateBpsPerPeriod: 50,
        method: 'equal_installment',
      })
    ).json();
    expect(quote.schedule[0]).toMatchObject({
      principalMinor: 49_992,
      interestMinor: 0,
      feeMinor: 3000,
      paymentMinor: 52_992,
    });
    expect(quote.schedule[11]).toMatchObject({ principalMinor: 49_988, feeMinor: 3000, paymentMinor: 52_988 });
    expect(quote).toMatchObject({ totalInterestMinor: 0, totalFeeMinor: 36_000, totalPaymentMinor: 635_900 });
    // A flat 0.5 % a month on the original principal costs about 10.9 % a year on the falling balance.
    expect(quote.aprSimpleBps).toBeGreaterThan(1000);
    expect(quote.aprSimpleBps).toBeLessThan(1200);
  });

  test('the PBOC check of DOMAIN §6: a plan whose monthly IRR is 12.80 %/12 discloses 12.80 % simple and 13.58 % compound', async () => {
    const quote = (
      await post('/v1/installments/quote', {
        ...phone,
        principalMinor: 10_000_000,
        annualRateBps: 1280,
        method: 'equal_installment',
      })
    ).json();
    expect(quote).toMatchObject({ aprSimpleBps: 1280, aprCompoundBps: 1358 });
  });

  test('bad input: one 422 naming every field (fractional amount, term 61, negative rate)', async () => {
    const res = await post('/v1/installments/quote', {
      ...phone,
      principalMinor: 1.5,
      termMonths: 61,
      annualRateBps: -1,
      method: 'equal_installment',
    });
    expect(res.statusCode).toBe(422);
    const problem = res.json();
    expect(problem.code).toBe('INSTALLMENT_TERMS_INVALID');
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      '/body/annualRateBps',
      '/body/principalMinor',
      '/body/termMonths',
    ]);
    const method = await post('/v1/installments/quote', { ...phone, method: 'balloon' });
    expect(method.statusCode).toBe(422);
  });

  test('reduce term after 3 periods, X = ¥2,000.00: M 53,300 kept, 5 periods left instead of 9, 15,428 分 of interest saved', async () => {
    // B_3 = 456,573; B' = 256,573. 4: interest 2566, principal 50734 → 205839; 5: 2058 → 154597;
    // 6: 1546 → 102843; 7: 1028 → 50571; 8: interest 506, pays the whole 50571 (51,077).
    // Interest before for 4–12: 39705 − (5999 + 5526 + 5048) = 23,132; after: 7,704.
    const res = await post('/v1/installments/prepay-quote', {
      ...phone,
      method: 'equal_installment',
      paidPeriods: 3,
      strategy: 'reduce_term',
      prepayMinor: 200_000,
    });
    expect(res.statusCode).toBe(200);
    const quote = res.json();
    expect(quote).toMatchObject({
      principalPrepaidMinor: 200_000,
      feeMinor: 0,
      balanceAfterMinor: 256_573,
      interestSavedMinor: 15_428,
    });
    expect(
      quote.schedule.map((r: { period: number; interestMinor: number; paymentMinor: number }) => [
        r.period,
        r.interestMinor,
        r.paymentMinor,
      ]),
    ).toEqual([
      [4, 2566, 53_300],
      [5, 2058, 53_300],
      [6, 1546, 53_300],
      [7, 1028, 53_300],
      [8, 506, 51_077],
    ]);
    expect(quote.schedule[4]).toMatchObject({ dueDate: '2026-09-15', balanceAfterMinor: 0 });
  });

  test('reduce installment keeps the 9 periods and lowers the payment', async () => {
    const quote = (
      await post('/v1/installments/prepay-quote', {
        ...phone,
        method: 'equal_installment',
        paidPeriods: 3,
        strategy: 'reduce_installment',
        prepayMinor: 200_000,
        prepayFeeMinor: 1000,
      })
    ).json();
    expect(quote.schedule).toHaveLength(9);
    expect(quote).toMatchObject({ principalPrepaidMinor: 200_000, feeMinor: 1000, balanceAfterMinor: 256_573 });
    // New M on 256,573 over 9 periods at 1 %: 256573 × 0.01 × 1.01^9 / (1.01^9 − 1) = 29,951.6… → 29,952.
    expect(quote.schedule[0]).toMatchObject({ period: 4, interestMinor: 2566, paymentMinor: 29_952 });
  });

  test('payoff 16 days after the third due date: 456,573 + round(456573 × 1200 × 16 / 3,650,000) = 2,402 + the fee', async () => {
    const res = await post('/v1/installments/prepay-quote', {
      ...phone,
      method: 'equal_installment',
      paidPeriods: 3,
      strategy: 'payoff',
      payoffDate: '2026-05-01',
      prepayFeeMinor: 5000,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      principalMinor: 456_573,
      accruedInterestMinor: 2402,
      feeMinor: 5000,
      payoffMinor: 463_975,
    });
    const early = await post('/v1/installments/prepay-quote', {
      ...phone,
      method: 'equal_installment',
      paidPeriods: 3,
      strategy: 'payoff',
      payoffDate: '2026-04-14',
    });
    expect(early.statusCode).toBe(422);
    expect(early.json().code).toBe('INSTALLMENT_PREPAYMENT_INVALID');
  });
});
