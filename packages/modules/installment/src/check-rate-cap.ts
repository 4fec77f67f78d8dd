// The cap (DOMAIN §6): no offer may be configured whose annualised rate — the IRR of the customer's
// cash flows, interest and per-period fees included — is above the cap (the operator's LPR × multiple,
// catalog's `readRateCap`; default 4 × 3.00 %). Nor may an order be placed on one: an offer left above
// a lowered cap cannot be ordered until it is edited.
import { type OfferPricing, offerAnnualisedRates, type RateCapRule, rateCapBpsOf } from '@zulin/kernel';
import { InstallmentErrors } from './errors';
import { rateAboveCapText } from './messages';

// The rate computation is kernel's (rate-cap.ts), shared with catalog's offer check: one rule.
export { type OfferPricing, offerAnnualisedRates } from '@zulin/kernel';

/**
 * Refuses an offer above the cap with INSTALLMENT_RATE_ABOVE_CAP, whose detail names the offer's
 * rate and the cap. A rate equal to the cap is allowed. Returns both rates for display. `refusal`
 * says what is refused: saving the offer (the field that makes the rate), or ordering it (the offer).
 */
export function checkRateCap(
  offer: OfferPricing,
  rule: RateCapRule,
  refusal: 'save' | 'order' = 'save',
): { aprSimpleBps: number; capBps: number } {
  const { aprSimpleBps } = offerAnnualisedRates(offer);
  const capBps = rateCapBpsOf(rule);
  if (aprSimpleBps > capBps) {
    const path =
      refusal === 'order'
        ? '/body/offerId'
        : offer.feeRateBpsPerPeriod > 0
          ? '/body/feeRateBpsPerPeriod'
          : '/body/annualRateBps';
    const detail = rateAboveCapText('en', aprSimpleBps, capBps, refusal);
    throw InstallmentErrors.INSTALLMENT_RATE_ABOVE_CAP({
      detail,
      errors: [{ path, message: detail, code: 'rate_above_cap' }],
    });
  }
  return { aprSimpleBps, capBps };
}
