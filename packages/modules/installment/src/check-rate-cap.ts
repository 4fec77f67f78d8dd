// The cap (DOMAIN §6): no offer may be configured whose annualised rate — the IRR of the customer's
// cash flows, interest and per-period fees included — is above the policy's cap (4 × LPR).
import { assert, Dec, type Decimal, monthlyIrrRates } from '@zulin/kernel';
import { monthlyRateOf } from './amortize';
import { InstallmentErrors } from './errors';
import { InstallmentLimits } from './limits';
import { rateAboveCapText } from './messages';
import { type InstallmentPolicy, rateCapBps } from './policy';
import type { InstallmentMethod } from './types';

export interface OfferPricing {
  termMonths: number;
  annualRateBps: number;
  feeRateBpsPerPeriod: number;
  method: InstallmentMethod;
}

/**
 * The annual rates of an offer for one unit of principal, without rounding to 分: the rate is the
 * offer's, not that of a particular principal (whose rounding moves the quote's rate by a basis
 * point or so for very small principals). A level payment r(1+r)^n/((1+r)^n − 1), or principal
 * 1/n plus interest on the balance, plus the fee rate, every period.
 */
export function offerAnnualisedRates(offer: OfferPricing): { aprSimpleBps: number; aprCompoundBps: number } {
  const n = offer.termMonths;
  assert(Number.isInteger(n) && n >= 1 && n <= InstallmentLimits.termMonthsMax, `termMonths must be 1–60: ${n}`);
  const r = monthlyRateOf(offer.annualRateBps);
  const fee = new Dec(offer.feeRateBpsPerPeriod).div(10_000);
  const flows: Decimal[] = [new Dec(-1)];
  if (offer.method === 'equal_installment' && !r.isZero()) {
    const growth = r.plus(1).pow(n);
    const payment = r.times(growth).div(growth.minus(1)).plus(fee);
    for (let k = 1; k <= n; k++) flows.push(payment);
  } else {
    for (let k = 1; k <= n; k++) {
      const balanceBefore = new Dec(n - k + 1).div(n);
      flows.push(new Dec(1).div(n).plus(balanceBefore.times(r)).plus(fee));
    }
  }
  const { aprSimpleBps, aprCompoundBps } = monthlyIrrRates(flows);
  return { aprSimpleBps, aprCompoundBps };
}

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
