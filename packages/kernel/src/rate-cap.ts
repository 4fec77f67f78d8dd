// The cap on an installment offer's annualised rate (DOMAIN §6), defined once for every module that
// checks it: catalog refuses to save an offer above it, and the installment module's policy (penalty
// rate, disclosures) starts from the same numbers. The cap is `capMultiple` × the one-year LPR; the
// offer's annualised rate is the IRR of the customer's cash flows for one unit of principal, interest
// and per-period fees included, whatever the method.
import { assert } from './assert';
import { Dec, type Decimal } from './money';
import { monthlyIrrRates } from './rates';

export interface RateCapRule {
  /** The one-year loan prime rate (贷款市场报价利率), in basis points. */
  lprBps: number;
  /** The cap is this many times the LPR. */
  capMultiple: number;
}

/** LPR 3.00 % and 4 × LPR: a cap of 12.00 %. The one place these numbers are written. */
export const defaultRateCapRule: RateCapRule = Object.freeze({ lprBps: 300, capMultiple: 4 });

export function rateCapBpsOf(rule: RateCapRule): number {
  return rule.lprBps * rule.capMultiple;
}

export type OfferMethod = 'equal_installment' | 'equal_principal';

export interface OfferPricing {
  termMonths: number;
  annualRateBps: number;
  feeRateBpsPerPeriod: number;
  method: OfferMethod;
}

/** Terms beyond this are not an installment offer (also the loop bound below). */
const OFFER_TERM_MONTHS_MAX = 60;

/**
 * The annual rates of an offer for one unit of principal, without rounding to 分: the rate is the
 * offer's, not that of a particular principal (whose rounding moves the quote's rate by a basis
 * point or so for very small principals). A level payment r(1+r)^n/((1+r)^n − 1), or principal
 * 1/n plus interest on the balance, plus the fee rate, every period.
 */
export function offerAnnualisedRates(offer: OfferPricing): { aprSimpleBps: number; aprCompoundBps: number } {
  const n = offer.termMonths;
  assert(Number.isInteger(n) && n >= 1 && n <= OFFER_TERM_MONTHS_MAX, `termMonths must be 1–60: ${n}`);
  const r = new Dec(offer.annualRateBps).div(10_000 * 12);
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
