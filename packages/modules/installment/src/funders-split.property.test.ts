// The split of collections between a funder and the platform: unit cases to the cent and a property
// over any schedule and any sequence of (partial) payments.
import { allocatePayment } from '@zulin/billing';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { funderDisbursementMinor, splitCollection } from './funders-split';
import { quoteInstallment } from './quote-installment';

const PRINCIPAL_MAX = 100_000_000;

describe('a ¥6,000.00 12-month 等额本息 order at 12 % funded 80 % of principal, 75 % of interest', () => {
  const quote = quoteInstallment({
    principalMinor: 600_000,
    termMonths: 12,
    annualRateBps: 1200,
    method: 'equal_installment',
    startDate: '2026-01-15',
  });
  const shares = { principalShareBps: 8000, interestShareBps: 7500 };

  test('the funder pays ⌊600,000 × 80 %⌋ = ¥4,800.00 at disbursement', () => {
    expect(funderDisbursementMinor(600_000, 8000)).toBe(480_000);
    expect(funderDisbursementMinor(600_001, 8000)).toBe(480_000); // 480,000.8 → rounded down, the 分 stays with the platform
  });

  test('period 1 (¥533.09 = principal ¥473.09 + interest ¥60.00) splits ¥423.47 to the funder, ¥109.62 to the platform', () => {
    // M = 600000 × 0.01 × 1.01^12 / (1.01^12 − 1) = 53309.27 → 53309; interest round(600000 × 0.01) = 6000.
    expect(quote.schedule[0]).toMatchObject({ principalMinor: 47_309, interestMinor: 6_000, paymentMinor: 53_309 });
    const split = splitCollection(
      shares,
      { principalMinor: 0, interestMinor: 0 },
      { principalMinor: 47_309, interestMinor: 6_000, otherMinor: 0 },
    );
    // funder principal ⌊47309 × 0.8⌋ = ⌊37847.2⌋ = 37847; funder interest ⌊6000 × 0.75⌋ = 4500.
    expect(split).toEqual({
      collectedMinor: 53_309,
      funderPrincipalMinor: 37_847,
      funderInterestMinor: 4_500,
      funderShareMinor: 42_347,
      platformShareMinor: 10_962,
    });
  });

  test('period 2 carries period 1’s 0.2 分 forward: ⌊(47309 + 47782) × 0.8⌋ − 37847 = 38225', () => {
    // period 2: interest round(552691 × 0.01) = 5527, principal 53309 − 5527 = 47782
    expect(quote.schedule[1]).toMatchObject({ principalMinor: 47_782, interestMinor: 5_527 });
    const split = splitCollection(
      shares,
      { principalMinor: 47_309, interestMinor: 6_000 },
      { principalMinor: 47_782, interestMinor: 5_527, otherMinor: 0 },
    );
    // ⌊95091 × 0.8⌋ = ⌊76072.8⌋ = 76072 → 76072 − 37847 = 38225; interest ⌊11527 × 0.75⌋ = 8645 → 4145
    expect(split.funderPrincipalMinor).toBe(38_225);
    expect(split.funderInterestMinor).toBe(4_145);
    expect(split.platformShareMinor).toBe(53_309 - 38_225 - 4_145);
  });

  test('all 12 periods: the funder’s principal adds up to the ¥4,800.00 it disbursed', () => {
    let before = { principalMinor: 0, interestMinor: 0 };
    let funderPrincipal = 0;
    for (const row of quote.schedule) {
      const split = splitCollection(shares, before, {
        principalMinor: row.principalMinor,
        interestMinor: row.interestMinor,
        otherMinor: 0,
      });
      funderPrincipal += split.funderPrincipalMinor;
      before = {
        principalMinor: before.principalMinor + row.principalMinor,
        interestMinor: before.interestMinor + row.interestMinor,
      };
    }
    expect(funderPrincipal).toBe(480_000);
  });
});

const principalMinor = fc.oneof(
  fc.constantFrom(1, 2, 3, 99, 100, 101, PRINCIPAL_MAX - 1, PRINCIPAL_MAX),
  fc.integer({ min: 1, max: 10_000 }),
  fc.integer({ min: 1, max: PRINCIPAL_MAX }),
);
const bps = fc.oneof(fc.constantFrom(0, 1, 3333, 5000, 6667, 8000, 9999, 10_000), fc.integer({ min: 0, max: 10_000 }));
const startDate = fc.constantFrom('2026-01-31', '2026-02-28', '2028-02-29', '2026-12-31', '2026-06-15');

test('any schedule, any payment sequence: funder + platform = collected, nothing negative, the remainder to the platform', () => {
  fc.assert(
    fc.property(
      principalMinor,
      fc.integer({ min: 1, max: 60 }),
      fc.oneof(fc.constantFrom(0, 1, 1200, 3600), fc.integer({ min: 0, max: 3600 })),
      fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 300 })),
      fc.constantFrom('equal_installment' as const, 'equal_principal' as const),
      startDate,
      bps,
      bps,
      // payments as fractions of what the current bill still owes (1 = pay the rest, tiny = 1 分)
      fc.array(fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 80 }),
      (
        principal,
        termMonths,
        annualRateBps,
        feeRateBpsPerPeriod,
        method,
        start,
        principalShareBps,
        interestShareBps,
        fractions,
      ) => {
        const { schedule } = quoteInstallment({
          principalMinor: principal,
          termMonths,
          annualRateBps,
          feeRateBpsPerPeriod,
          method,
          startDate: start,
        });
        const shares = { principalShareBps, interestShareBps };
        const before = { principalMinor: 0, interestMinor: 0 };
        let funderPrincipal = 0;
        let funderInterest = 0;
        let period = 0;
        let owed = [
          { position: 1, kind: 'fee' as const, owedMinor: schedule[0]?.feeMinor ?? 0 },
          { position: 2, kind: 'interest' as const, owedMinor: schedule[0]?.interestMinor ?? 0 },
          { position: 3, kind: 'principal' as const, owedMinor: schedule[0]?.principalMinor ?? 0 },
        ];
        // the fractions first, then whatever is left period by period, so every run ends repaid in full
        const payments = [...fractions, ...schedule.map(() => 1), ...schedule.map(() => 1)];
        for (const fraction of payments) {
          if (period >= schedule.length) break;
          const left = owed.reduce((s, l) => s + l.owedMinor, 0);
          const amount = Math.min(left, Math.max(1, Math.round(left * fraction)));
          if (left > 0) {
            const allocation = allocatePayment(
              owed.filter((l) => l.owedMinor > 0),
              amount,
            );
            const got = (kind: string) =>
              allocation
                .filter((a) => owed.find((l) => l.position === a.position)?.kind === kind)
                .reduce((s, a) => s + a.amountMinor, 0);
            const parts = { principalMinor: got('principal'), interestMinor: got('interest'), otherMinor: got('fee') };
            const split = splitCollection(shares, before, parts);
            expect(split.collectedMinor).toBe(amount);
            expect(split.funderShareMinor + split.platformShareMinor).toBe(amount);
            expect(split.funderPrincipalMinor).toBeGreaterThanOrEqual(0);
            expect(split.funderInterestMinor).toBeGreaterThanOrEqual(0);
            expect(split.platformShareMinor).toBeGreaterThanOrEqual(parts.otherMinor);
            expect(split.funderPrincipalMinor).toBeLessThanOrEqual(parts.principalMinor);
            expect(split.funderInterestMinor).toBeLessThanOrEqual(parts.interestMinor);
            before.principalMinor += parts.principalMinor;
            before.interestMinor += parts.interestMinor;
            funderPrincipal += split.funderPrincipalMinor;
            funderInterest += split.funderInterestMinor;
            // the funder never gets more than its exact share; the platform keeps what rounding leaves (< 1 分 each)
            expect(funderPrincipal * 10_000).toBeLessThanOrEqual(before.principalMinor * principalShareBps);
            expect(before.principalMinor * principalShareBps - funderPrincipal * 10_000).toBeLessThan(10_000);
            expect(funderInterest * 10_000).toBeLessThanOrEqual(before.interestMinor * interestShareBps);
            for (const line of owed) {
              line.owedMinor -= allocation.find((a) => a.position === line.position)?.amountMinor ?? 0;
            }
          }
          if (owed.every((l) => l.owedMinor === 0)) {
            period += 1;
            const row = schedule[period];
            if (row)
              owed = [
                { position: 1, kind: 'fee', owedMinor: row.feeMinor },
                { position: 2, kind: 'interest', owedMinor: row.interestMinor },
                { position: 3, kind: 'principal', owedMinor: row.principalMinor },
              ] as typeof owed;
          }
        }
        // repaid in full: the funder got back exactly what it disbursed
        expect(before.principalMinor).toBe(principal);
        expect(funderPrincipal).toBe(funderDisbursementMinor(principal, principalShareBps));
      },
    ),
    { numRuns: 300 },
  );
});
