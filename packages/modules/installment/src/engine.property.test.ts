// Property tests of the money engine (issue #15). The generators reach the edges on purpose: 1 分
// and ¥1,000,000, terms 1 and 60, rates 0 and 36 %, start dates on the 29th–31st and on 29 February.
import { compoundAnnualBps, Dec, daysInMonth, netPresentValue, sumMinor } from '@zulin/kernel';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { monthlyRateOf } from './amortize';
import { buildPlan } from './build-plan';
import { balanceAfterPeriod } from './plan-state';
import { summarizePlan } from './quote-installment';
import { quotePrepayment } from './quote-prepayment';
import { settlePrepayment } from './settle-prepayment';
import type { InstallmentPlan, InstallmentTerms, ScheduleRow } from './types';

const PRINCIPAL_MAX = 100_000_000;

const principalMinor = fc.oneof(
  fc.constantFrom(1, 2, 3, 59, 60, 61, PRINCIPAL_MAX - 1, PRINCIPAL_MAX),
  fc.integer({ min: 1, max: 10_000 }),
  fc.integer({ min: 1, max: PRINCIPAL_MAX }),
);
const termMonths = fc.oneof(fc.constantFrom(1, 2, 3, 6, 12, 24, 59, 60), fc.integer({ min: 1, max: 60 }));
const annualRateBps = fc.oneof(fc.constantFrom(0, 1, 1200, 2400, 3599, 3600), fc.integer({ min: 0, max: 3600 }));
const feeRateBpsPerPeriod = fc.oneof(fc.constant(0), fc.constantFrom(1, 35, 60, 100), fc.integer({ min: 0, max: 300 }));
const method = fc.constantFrom('equal_installment' as const, 'equal_principal' as const);
const startDate = fc.oneof(
  fc.constantFrom('2024-02-29', '2028-02-29', '2026-01-29', '2026-01-30', '2026-01-31', '2026-12-31', '2027-08-31'),
  fc
    .record({
      year: fc.integer({ min: 2000, max: 2100 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.oneof(fc.integer({ min: 28, max: 31 }), fc.integer({ min: 1, max: 31 })),
    })
    .map(({ year, month, day }) => {
      const clamped = Math.min(day, daysInMonth(year, month));
      return `${year}-${String(month).padStart(2, '0')}-${String(clamped).padStart(2, '0')}`;
    }),
);
const terms: fc.Arbitrary<InstallmentTerms> = fc.record({
  principalMinor,
  termMonths,
  annualRateBps,
  method,
  feeRateBpsPerPeriod,
  startDate,
});

/**
 * A plan with k paid periods and a prepayment X, 0 < X < B_k, reaching X = 1 and X = B_k − 1, and
 * often a few 分 only: that is where rounding could make a prepayment cost interest.
 */
const prepayment = fc
  .record({
    terms: terms.filter((t) => t.principalMinor >= 2),
    kShare: fc.oneof(fc.constantFrom(0, 0.999), fc.double({ min: 0, max: 0.999, noNaN: true })),
    xShare: fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true })),
    fewMinor: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 20 })),
    strategy: fc.constantFrom('reduce_term' as const, 'reduce_installment' as const),
    prepayFeeMinor: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100_000 })),
  })
  .map(({ terms, kShare, xShare, fewMinor, strategy, prepayFeeMinor }) => {
    const plan = buildPlan(terms);
    const paidPeriods = Math.floor(kShare * terms.termMonths);
    const balanceMinor = balanceAfterPeriod(plan, paidPeriods);
    const prepayMinor = Math.min(balanceMinor - 1, Math.max(1, fewMinor ?? Math.round(xShare * balanceMinor)));
    return { plan, paidPeriods, balanceMinor, prepayMinor, strategy, prepayFeeMinor };
  })
  .filter(({ balanceMinor }) => balanceMinor >= 2);

function isNonNegativeInteger(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0;
}

function expectWellFormed(rows: readonly ScheduleRow[], openingMinor: number): void {
  let balanceMinor = openingMinor;
  for (const row of rows) {
    for (const amount of [row.principalMinor, row.interestMinor, row.feeMinor, row.paymentMinor]) {
      expect(isNonNegativeInteger(amount)).toBe(true);
    }
    expect(row.paymentMinor).toBe(row.principalMinor + row.interestMinor + row.feeMinor);
    balanceMinor -= row.principalMinor;
    expect(row.balanceAfterMinor).toBe(balanceMinor);
    expect(isNonNegativeInteger(row.balanceAfterMinor)).toBe(true);
  }
  expect(balanceMinor).toBe(0);
}

function installmentOf(plan: InstallmentPlan): number {
  return plan.rule.kind === 'level_payment' ? plan.rule.installmentMinor : plan.rule.principalPerPeriodMinor;
}

describe('schedules', () => {
  test('principals add up to P, every amount is a non-negative integer, balances fall to 0', () => {
    fc.assert(
      fc.property(terms, (t) => {
        const plan = buildPlan(t);
        expect(plan.schedule).toHaveLength(t.termMonths);
        expect(sumMinor(plan.schedule.map((row) => row.principalMinor))).toBe(t.principalMinor);
        expectWellFormed(plan.schedule, t.principalMinor);
        const fee = new Dec(t.principalMinor).times(t.feeRateBpsPerPeriod).div(10_000).toDecimalPlaces(0).toNumber();
        expect(plan.schedule.every((row) => row.feeMinor === fee)).toBe(true);
      }),
    );
  });

  test('the disclosed rate reproduces the cash flows: the IRR of −P, +payments is aprSimple to ±0.5 bps', () => {
    fc.assert(
      fc.property(terms, (t) => {
        const quote = summarizePlan(buildPlan(t));
        const flows = [-t.principalMinor, ...quote.schedule.map((row) => row.paymentMinor)];
        // The customer's NPV falls as the rate rises, so the IRR lies in [bps − ½, bps + ½] exactly when
        // the NPV is ≥ 0 at the lower end and ≤ 0 at the upper one.
        const low = new Dec(quote.aprSimpleBps).minus(0.5).div(120_000);
        const high = new Dec(quote.aprSimpleBps).plus(0.5).div(120_000);
        expect(netPresentValue(low, flows).gte(0)).toBe(true);
        expect(netPresentValue(high, flows).lte(0)).toBe(true);
        expect(quote.aprCompoundBps).toBeGreaterThanOrEqual(compoundAnnualBps(low));
        expect(quote.aprCompoundBps).toBeLessThanOrEqual(compoundAnnualBps(high));
      }),
      { numRuns: 60 },
    );
  });

  test('等额本息 installments differ only in the last period', () => {
    const withInterest = terms.map((t) => ({ ...t, method: 'equal_installment' as const }));
    fc.assert(
      fc.property(withInterest, (t) => {
        const plan = buildPlan(t);
        if (plan.rule.kind !== 'level_payment') return;
        const level = plan.rule.installmentMinor + plan.periodFeeMinor;
        const r = monthlyRateOf(t.annualRateBps);
        // Rounding M and each interest moves the balance by at most 1 分 a period, compounding, so the
        // balance can run out before period n only when M ≤ n(1 + r)^n — an installment of a few yuan.
        // A period then repays just what is left (never more than the balance) and later ones are 0.
        const tinyBound = r.plus(1).pow(t.termMonths).times(t.termMonths);
        const regular = plan.schedule.slice(0, -1);
        if (new Dec(plan.rule.installmentMinor).gt(tinyBound)) {
          expect(regular.every((row) => row.paymentMinor === level)).toBe(true);
        } else {
          expect(regular.every((row) => row.paymentMinor === level || row.balanceAfterMinor === 0)).toBe(true);
        }
      }),
    );
  });

  test('at rate 0 both methods give the same schedule', () => {
    fc.assert(
      fc.property(terms, (t) => {
        const interestFree = { ...t, annualRateBps: 0 };
        expect(buildPlan({ ...interestFree, method: 'equal_installment' }).schedule).toEqual(
          buildPlan({ ...interestFree, method: 'equal_principal' }).schedule,
        );
      }),
    );
  });
});

describe('partial prepayment', () => {
  test("the new principals add up to B', interest saved is never negative, the quote equals the booking", () => {
    fc.assert(
      fc.property(prepayment, ({ plan, paidPeriods, balanceMinor, prepayMinor, strategy, prepayFeeMinor }) => {
        const settlement = settlePrepayment({
          plan,
          request: { strategy, paidPeriods, prepayMinor, prepayFeeMinor },
        });
        const { quote } = settlement;
        const newBalance = balanceMinor - prepayMinor;
        expect(quote.balanceAfterMinor).toBe(newBalance);
        expect(sumMinor(quote.schedule.map((row) => row.principalMinor))).toBe(newBalance);
        expectWellFormed(quote.schedule, newBalance);
        expect(quote.interestSavedMinor).toBeGreaterThanOrEqual(0);
        const oldInterest = sumMinor(plan.schedule.slice(paidPeriods).map((row) => row.interestMinor));
        expect(quote.interestSavedMinor).toBe(oldInterest - sumMinor(quote.schedule.map((row) => row.interestMinor)));
        // Same due dates and fee per period; numbered from k + 1.
        for (const [index, row] of quote.schedule.entries()) {
          const old = plan.schedule[paidPeriods + index];
          expect(row.period).toBe(paidPeriods + index + 1);
          expect(row.dueDate).toBe(old?.dueDate);
          expect(row.feeMinor).toBe(plan.periodFeeMinor);
        }
        // What is shown is what is booked: the lines add up to the amount due, X plus the fee.
        expect(settlement.totalDueMinor).toBe(prepayMinor + prepayFeeMinor);
        expect(sumMinor(settlement.lines.map((line) => line.amountMinor))).toBe(settlement.totalDueMinor);
        expect(settlement.planAfter.schedule.slice(paidPeriods)).toEqual(quote.schedule);
      }),
      { numRuns: 300 },
    );
  });

  test('reduce term never lengthens and reduce installment never raises the installment', () => {
    fc.assert(
      fc.property(prepayment, ({ plan, paidPeriods, prepayMinor, strategy }) => {
        const settlement = settlePrepayment({
          plan,
          request: { strategy, paidPeriods, prepayMinor, prepayFeeMinor: 0 },
        });
        const rows = settlement.quote.schedule;
        const lastBefore = plan.schedule.at(-1)?.period ?? 0;
        const lastAfter = rows.at(-1)?.period ?? 0;
        if (strategy === 'reduce_term') {
          expect(lastAfter).toBeLessThanOrEqual(lastBefore);
          expect(settlement.planAfter.rule).toEqual(plan.rule);
        } else {
          expect(lastAfter).toBe(lastBefore);
          const before = installmentOf(plan);
          expect(installmentOf(settlement.planAfter)).toBeLessThanOrEqual(before);
          for (const row of rows.slice(0, -1)) {
            const regular = plan.rule.kind === 'level_payment' ? row.paymentMinor - row.feeMinor : row.principalMinor;
            expect(regular).toBeLessThanOrEqual(before);
          }
        }
      }),
    );
  });

  test('the public calculator answers exactly the settlement’s quote', () => {
    fc.assert(
      fc.property(prepayment, ({ plan, paidPeriods, prepayMinor, strategy, prepayFeeMinor }) => {
        const request = { strategy, paidPeriods, prepayMinor, prepayFeeMinor };
        expect(quotePrepayment({ ...plan.terms, ...request })).toEqual(settlePrepayment({ plan, request }).quote);
      }),
      { numRuns: 40 },
    );
  });
});

describe('payoff on any day', () => {
  const payoff = fc
    .record({
      terms,
      kShare: fc.oneof(fc.constantFrom(0, 0.999), fc.double({ min: 0, max: 0.999, noNaN: true })),
      days: fc.oneof(fc.constantFrom(0, 1, 30, 31, 365, 366), fc.integer({ min: 0, max: 800 })),
      prepayFeeMinor: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100_000 })),
    })
    .map(({ terms, kShare, days, prepayFeeMinor }) => {
      const plan = buildPlan(terms);
      return { plan, paidPeriods: Math.floor(kShare * terms.termMonths), days, prepayFeeMinor };
    });

  test('balance + round(B × rate × days / 3,650,000) + fees, equal to the booked lines, rising with the date', () => {
    fc.assert(
      fc.property(payoff, ({ plan, paidPeriods, days, prepayFeeMinor }) => {
        const from = paidPeriods === 0 ? plan.terms.startDate : plan.schedule[paidPeriods - 1]?.dueDate;
        const at = (offset: number) => {
          const payoffDate = new Date(`${from}T00:00:00Z`);
          payoffDate.setUTCDate(payoffDate.getUTCDate() + offset);
          const request = {
            strategy: 'payoff' as const,
            paidPeriods,
            payoffDate: payoffDate.toISOString().slice(0, 10),
            prepayFeeMinor,
          };
          return settlePrepayment({ plan, request });
        };
        const settlement = at(days);
        const { quote } = settlement;
        const balance = BigInt(balanceAfterPeriod(plan, paidPeriods));
        // Half-up in integers: floor((2 × B × bps × days + 3,650,000) / 7,300,000).
        const exact = (2n * balance * BigInt(plan.terms.annualRateBps) * BigInt(days) + 3_650_000n) / 7_300_000n;
        expect(quote.principalMinor).toBe(Number(balance));
        expect(quote.accruedInterestMinor).toBe(Number(exact));
        expect(quote.payoffMinor).toBe(quote.principalMinor + quote.accruedInterestMinor + quote.feeMinor);
        expect(quote.feeMinor).toBeGreaterThanOrEqual(prepayFeeMinor);
        expect(sumMinor(settlement.lines.map((line) => line.amountMinor))).toBe(quote.payoffMinor);
        expect(settlement.totalDueMinor).toBe(quote.payoffMinor);
        const nextDay = at(days + 1).quote;
        expect(nextDay.payoffMinor).toBeGreaterThanOrEqual(quote.payoffMinor);
      }),
    );
  });
});
