// Waivers and refunds shared with the funder by the split rule (issue #15): unit cases to the cent on
// the ¥6,000.00 12 × 等额本息 12 % order funded 80 % / 75 %, and a property over any sequence of
// collections, interest/penalty waivers and refunds: funder + platform = net collected, neither ever
// negative, the funder never above its exact share, and an order repaid in full (whatever was refunded
// and paid again on the way) pays the funder exactly its disbursement + ⌊interest collected × s_i⌋.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type CollectedBefore, funderDisbursementMinor, splitCollection, splitMovement } from './funders-split';
import { quoteInstallment } from './quote-installment';

const shares = { principalShareBps: 8000, interestShareBps: 7500 };

describe('the ¥6,000.00 order funded 80 % / 75 %', () => {
  test('period 1 paid (¥533.09 → ¥423.47 to the funder), then refunded: the funder gives back exactly ¥423.47', () => {
    const paid = splitMovement(
      shares,
      { principalMinor: 0, interestMinor: 0 },
      { kind: 'collection', principalMinor: 47_309, interestMinor: 6_000, otherMinor: 0 },
    );
    expect(paid).toMatchObject({ funderPrincipalMinor: 37_847, funderInterestMinor: 4_500, funderShareMinor: 42_347 });
    const refunded = splitMovement(shares, paid.after, {
      kind: 'refund',
      principalMinor: 47_309,
      interestMinor: 6_000,
      otherMinor: 0,
    });
    expect(refunded).toMatchObject({
      netCollectedMinor: -53_309,
      funderPrincipalMinor: -37_847,
      funderInterestMinor: -4_500,
      funderShareMinor: -42_347,
      platformShareMinor: -10_962,
      after: { principalMinor: 0, interestMinor: 0 },
    });
  });

  test('a refund of ¥10.00 of interest after period 2 takes back ⌊11,527 × 75 %⌋ − ⌊10,527 × 75 %⌋ = 750', () => {
    const before: CollectedBefore = { principalMinor: 95_091, interestMinor: 11_527 };
    const r = splitMovement(shares, before, { kind: 'refund', principalMinor: 0, interestMinor: 1_000, otherMinor: 0 });
    // ⌊8645.25⌋ − ⌊7895.25⌋ = 8645 − 7895 = 750
    expect(r).toMatchObject({ funderInterestMinor: -750, funderPrincipalMinor: 0, platformShareMinor: -250 });
  });

  test('period 1’s interest ¥60.00 waived: the funder earns none of it, and nothing of the principal changes', () => {
    const waived = splitMovement(
      shares,
      { principalMinor: 0, interestMinor: 0 },
      { kind: 'waiver', principalMinor: 0, interestMinor: 6_000, otherMinor: 0 },
    );
    expect(waived).toMatchObject({ netCollectedMinor: 0, funderShareMinor: 0, platformShareMinor: 0 });
    // then the principal alone is paid: the funder gets ⌊47,309 × 80 %⌋ = 37,847 and no interest
    const paid = splitMovement(shares, waived.after, {
      kind: 'collection',
      principalMinor: 47_309,
      interestMinor: 0,
      otherMinor: 0,
    });
    expect(paid).toMatchObject({ funderPrincipalMinor: 37_847, funderInterestMinor: 0, platformShareMinor: 9_462 });
  });

  test('a collection by splitMovement equals splitCollection to the cent', () => {
    const parts = { principalMinor: 47_782, interestMinor: 5_527, otherMinor: 140 };
    const before = { principalMinor: 47_309, interestMinor: 6_000 };
    const a = splitMovement(shares, before, { kind: 'collection', ...parts });
    const b = splitCollection(shares, before, parts);
    expect([a.funderPrincipalMinor, a.funderInterestMinor, a.platformShareMinor]).toEqual([
      b.funderPrincipalMinor,
      b.funderInterestMinor,
      b.platformShareMinor,
    ]);
  });
});

const bps = fc.oneof(fc.constantFrom(0, 1, 3333, 5000, 8000, 9999, 10_000), fc.integer({ min: 0, max: 10_000 }));
const step = fc.record({
  kind: fc.constantFrom('collection' as const, 'refund' as const, 'waiver' as const),
  fraction: fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true })),
  /** Which of the period's lines a waiver touches: interest, penalty or both. */
  waives: fc.constantFrom('interest' as const, 'penalty' as const, 'both' as const),
  penaltyMinor: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50_000 })),
});

test('any collections, interest/penalty waivers and refunds: funder + platform = net collected, none negative, repaid = disbursement + interest share', () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.constantFrom(1, 100, 600_000, 100_000_000), fc.integer({ min: 1, max: 100_000_000 })),
      fc.integer({ min: 1, max: 36 }),
      fc.oneof(fc.constantFrom(0, 1200, 3600), fc.integer({ min: 0, max: 3600 })),
      fc.constantFrom('equal_installment' as const, 'equal_principal' as const),
      bps,
      bps,
      fc.array(step, { minLength: 0, maxLength: 60 }),
      (principal, termMonths, annualRateBps, method, principalShareBps, interestShareBps, steps) => {
        const s = { principalShareBps, interestShareBps };
        const { schedule } = quoteInstallment({
          principalMinor: principal,
          termMonths,
          annualRateBps,
          method,
          startDate: '2026-01-31',
        });
        let net: CollectedBefore = { principalMinor: 0, interestMinor: 0 };
        let netOther = 0;
        let funderPrincipal = 0;
        let funderInterest = 0;
        let platform = 0;
        // what is still owed of everything billed, by kind (a waiver takes interest/penalty off it; a refund puts it back)
        const owed = { principal: 0, interest: 0, other: 0 };
        let billed = 0;
        const bill = () => {
          const row = schedule[billed];
          if (!row) return;
          owed.principal += row.principalMinor;
          owed.interest += row.interestMinor;
          billed += 1;
        };
        bill();
        const apply = (m: Parameters<typeof splitMovement>[2]) => {
          const r = splitMovement(s, net, m);
          net = r.after;
          funderPrincipal += r.funderPrincipalMinor;
          funderInterest += r.funderInterestMinor;
          platform += r.platformShareMinor;
          if (m.kind === 'collection') netOther += m.otherMinor;
          if (m.kind === 'refund') netOther -= m.otherMinor;
          // the rule after every movement
          expect(funderPrincipal).toBe(Math.floor((net.principalMinor * principalShareBps) / 10_000));
          expect(funderInterest).toBe(Math.floor((net.interestMinor * interestShareBps) / 10_000));
          expect(funderPrincipal + funderInterest + platform).toBe(net.principalMinor + net.interestMinor + netOther);
          expect(funderPrincipal).toBeGreaterThanOrEqual(0);
          expect(funderInterest).toBeGreaterThanOrEqual(0);
          expect(platform).toBeGreaterThanOrEqual(0);
          if (m.kind === 'collection') {
            expect(r.funderPrincipalMinor).toBeGreaterThanOrEqual(0);
            expect(r.funderInterestMinor).toBeGreaterThanOrEqual(0);
            expect(r.platformShareMinor).toBeGreaterThanOrEqual(m.otherMinor);
          }
          if (m.kind === 'refund') {
            expect(r.funderShareMinor).toBeLessThanOrEqual(0);
            expect(r.platformShareMinor).toBeLessThanOrEqual(0);
          }
          if (m.kind === 'waiver') expect(r.funderShareMinor).toBe(0);
        };
        for (const st of steps) {
          if (st.penaltyMinor > 0 && st.kind === 'waiver') owed.other += st.penaltyMinor;
          if (st.kind === 'collection') {
            // penalty first, then interest, then principal (billing's order)
            const left = owed.principal + owed.interest + owed.other;
            const amount = Math.min(left, Math.round(left * st.fraction));
            const other = Math.min(owed.other, amount);
            const interest = Math.min(owed.interest, amount - other);
            const p = amount - other - interest;
            owed.other -= other;
            owed.interest -= interest;
            owed.principal -= p;
            apply({ kind: 'collection', principalMinor: p, interestMinor: interest, otherMinor: other });
            if (owed.principal + owed.interest + owed.other === 0) bill();
          } else if (st.kind === 'refund') {
            const p = Math.round(net.principalMinor * st.fraction);
            const i = Math.round(net.interestMinor * st.fraction);
            const o = Math.round(netOther * st.fraction);
            owed.principal += p;
            owed.interest += i;
            owed.other += o;
            apply({ kind: 'refund', principalMinor: p, interestMinor: i, otherMinor: o });
          } else {
            const i = st.waives === 'penalty' ? 0 : Math.round(owed.interest * st.fraction);
            const o = st.waives === 'interest' ? 0 : Math.round(owed.other * st.fraction);
            owed.interest -= i;
            owed.other -= o;
            apply({ kind: 'waiver', principalMinor: 0, interestMinor: i, otherMinor: o });
          }
        }
        // then repay everything: each period in full
        for (let guard = 0; guard <= schedule.length + 1; guard++) {
          if (owed.principal + owed.interest + owed.other > 0) {
            apply({
              kind: 'collection',
              principalMinor: owed.principal,
              interestMinor: owed.interest,
              otherMinor: owed.other,
            });
            owed.principal = 0;
            owed.interest = 0;
            owed.other = 0;
          }
          if (billed >= schedule.length) break;
          bill();
        }
        expect(net.principalMinor).toBe(principal);
        expect(funderPrincipal).toBe(funderDisbursementMinor(principal, principalShareBps));
        expect(funderPrincipal + funderInterest).toBe(
          funderDisbursementMinor(principal, principalShareBps) +
            Math.floor((net.interestMinor * interestShareBps) / 10_000),
        );
      },
    ),
    { numRuns: 300 },
  );
});
