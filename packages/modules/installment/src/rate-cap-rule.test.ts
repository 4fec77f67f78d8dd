// Issue #15's check: the cap catalog refuses offers above and the installment policy's cap are one
// rule (kernel's rate-cap.ts, configured by the operator through catalog's rate cap setting), computed
// the same way — so no offer catalog saves is above the cap the installment disclosures are held to,
// and none is refused that the policy would allow, whatever LPR and multiple are configured.
import { annualisedRateBps } from '@zulin/catalog';
import { defaultRateCapRule, type RateCapRule, rateCapBpsOf } from '@zulin/kernel';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { checkRateCap, offerAnnualisedRates } from './check-rate-cap';
import { InstallmentErrors } from './errors';
import { defaultInstallmentPolicy, rateCapBps } from './policy';

test('the default cap is the installment policy’s: 4 × an LPR of 3.00 % = 12.00 %', () => {
  expect(rateCapBps(defaultInstallmentPolicy)).toBe(1200);
  expect(rateCapBpsOf(defaultRateCapRule)).toBe(1200);
  expect(rateCapBpsOf({ lprBps: 345, capMultiple: 4 })).toBe(1380);
});

test('catalog’s annualised rate of any offer is the one the installment module discloses and caps, under any configured cap', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(3, 6, 12, 24),
      fc.constantFrom('equal_installment' as const, 'equal_principal' as const),
      fc.oneof(
        fc.record({ annualRateBps: fc.integer({ min: 0, max: 3600 }), feeRateBpsPerPeriod: fc.constant(0) }),
        fc.record({ annualRateBps: fc.constant(0), feeRateBpsPerPeriod: fc.integer({ min: 0, max: 300 }) }),
      ),
      fc.oneof(
        fc.constant<RateCapRule>(defaultRateCapRule),
        fc.record({ lprBps: fc.integer({ min: 100, max: 600 }), capMultiple: fc.integer({ min: 1, max: 6 }) }),
      ),
      (termMonths, method, price, rule) => {
        const offer = { termMonths, method, ...price };
        const catalogBps = annualisedRateBps(offer);
        expect(catalogBps).toBe(offerAnnualisedRates(offer).aprSimpleBps);
        // Saved by catalog (its rate at most the cap in force) exactly when the installment check lets it through.
        const policyAllows = !InstallmentErrors.INSTALLMENT_RATE_ABOVE_CAP.is(
          (() => {
            try {
              checkRateCap(offer, rule);
              return null;
            } catch (error) {
              return error;
            }
          })(),
        );
        expect(catalogBps <= rateCapBpsOf(rule)).toBe(policyAllows);
      },
    ),
    { numRuns: 300 },
  );
});
