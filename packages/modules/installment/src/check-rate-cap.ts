// The cap (DOMAIN §6): no offer may be configured whose annualised rate — the IRR of the customer's
// cash flows, interest and per-period fees included — is above the policy's cap (4 × LPR).
import { type OfferPricing, offerAnnualisedRates } from '@zulin/kernel';
import { InstallmentErrors } from './errors';
import { rateAboveCapText } from './messages';
import { type InstallmentPolicy, rateCapBps } from './policy';

// The rate computation is kernel's (rate-cap.ts), shared with catalog's offer check: one rule.
export { type OfferPricing, offerAnnualisedRates } from '@zulin/kernel';

/**
 * Refuses an offer above the cap with INSTALLMENT_RATE_ABOVE_CAP, whose detail names the offer's
 * rate and the cap. A rate equal to the cap is allowed. Returns both rates for display.
 */
export function checkRateCap(offer: OfferPricing, policy: InstallmentPolicy): { aprSimpleBps: number; capBps: number } {
  const { aprSimpleBps } = offerAnnualisedRates(offer);
  const capBps = rateCapBps(policy);
  if (aprSimpleBps > capBps) {
    const path = offer.feeRateBpsPerPeriod > 0 ? '/body/feeRateBpsPerPeriod' : '/body/annualRateBps';
    const detail = rateAboveCapText('en', aprSimpleBps, capBps);
    throw InstallmentErrors.INSTALLMENT_RATE_ABOVE_CAP({
      detail,
      errors: [{ path, message: detail, code: 'rate_above_cap' }],
    });
  }
  return { aprSimpleBps, capBps };
}
