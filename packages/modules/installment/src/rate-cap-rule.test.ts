// Issue #15's check: the cap catalog refuses offers above and the installment policy's cap are one
// rule (kernel's rate-cap.ts), computed the same way — so no offer catalog saves is above the cap the
// installment disclosures are held to, and none is refused that the policy would allow.
import { annualisedRateBps, CatalogLimits } from '@zulin/catalog';
import { defaultRateCapRule, rateCapBpsOf } from '@zulin/kernel';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { checkRateCap, offerAnnualisedRates } from './check-rate-cap';
import { InstallmentErrors } from './errors';
import { defaultInstallmentPolicy, rateCapBps } from './policy';

test('catalog’s cap is the installment policy’s: 4 × an LPR of 3.00 % = 12.00 %', () => {
  expect(rateCapBps(defaultInstallmentPolicy)).toBe(1200);
  expect(CatalogLimits.annualRateCapBps).toBe(rateCapBps(defaultInstallmentPolicy));
  expect(rateCapBpsOf(defaultRateCapRule)).toBe(1200);
});

test('catalog’s annualised rate of any offer is the one the installment module discloses and caps', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(3, 6, 12, 24),
      fc.constantFrom('equal_installment' as const, 'equal_principal' as const),
      fc.oneof(
        fc.record({ annualRateBps: fc.integer({ min: 0, max: 3600 }), feeRateBpsPerPeriod: fc.constant(0) }),
        fc.record({ annualRateBps: fc.constant(0), feeRateBpsPerPeriod: fc.integer({ min: 0, max: 300 }) }),
      ),
      (termMonths, method, price) => {
        const offer = { termMonths, method, ...price };
        const catalogBps = annualisedRateBps(offer);
        expect(catalogBps).toBe(offerAnnualisedRates(offer).aprSimpleBps);
        // Saved by catalog exactly when the installment policy's check lets it through.
        const policyAllows = !InstallmentErrors.INSTALLMENT_RATE_ABOVE_CAP.is(
          (() => {
            try {
              checkRateCap(offer, defaultInstallmentPolicy);
              return null;
            } catch (error) {
              return error;
            }
          })(),
        );
        expect(catalogBps <= CatalogLimits.annualRateCapBps).toBe(policyAllows);
      },
    ),
    { numRuns: 300 },
  );
});
