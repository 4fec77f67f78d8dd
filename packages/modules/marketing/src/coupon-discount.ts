// What one coupon takes off (docs/marketing.md, "Amounts"): pure, no I/O. The base is the coupon's
// target before any coupon (the upfront rent, or the whole first payment); the amount is never
// negative and never more than the base; rental's quote then caps it again at what is left of the
// target after the coupons before it.
import { assert, assertNonNegativeMinor, Dec, mulDivRoundHalfUp, mulRoundHalfUp } from '@zulin/kernel';
import { MarketingLimits } from './limits';
import type { CouponKind, CouponTarget } from './schema';

export interface CouponTerms {
  kind: CouponKind;
  amountMinor: number;
  percentBps: number;
  freeDays: number;
  thresholdMinor: number;
  capMinor: number | null;
  target: CouponTarget;
}

/** What the checkout tells marketing: the amounts before coupons and the plan's rent per period. */
export interface CouponBases {
  /** Rent paid at checkout (rent × upfront periods). */
  rentMinor: number;
  /** The first payment before coupons: rent + add-ons + shipping. */
  firstPaymentMinor: number;
  /** Rent of one catalog period, and whether the period is a month or a day. */
  rentPerPeriodMinor: number;
  termUnit: 'month' | 'day';
}

export function baseOf(terms: Pick<CouponTerms, 'target'>, bases: CouponBases): number {
  return terms.target === 'rent' ? bases.rentMinor : bases.firstPaymentMinor;
}

/** Whether the target reaches the threshold (a threshold of 0 always does). */
export function meetsThreshold(terms: CouponTerms, bases: CouponBases): boolean {
  return baseOf(terms, bases) >= terms.thresholdMinor;
}

/** The amount the coupon takes off its target, in 分: 0 ≤ amount ≤ base (and ≤ cap). */
export function couponDiscountMinor(terms: CouponTerms, bases: CouponBases): number {
  const base = baseOf(terms, bases);
  assertNonNegativeMinor(base, 'coupon base');
  if (!meetsThreshold(terms, bases)) return 0;
  let wanted: number;
  switch (terms.kind) {
    case 'threshold':
    case 'fixed':
      wanted = terms.amountMinor;
      break;
    case 'percent':
      assert(terms.percentBps >= 0 && terms.percentBps <= 10_000, 'percentBps is 0–10000');
      wanted = mulRoundHalfUp(base, new Dec(terms.percentBps).div(10_000));
      break;
    case 'free_days': {
      // Days × rent per period, then the division (a per-day rate cut at 40 digits rounded 5,299,761.5 down).
      const daysPerPeriod = bases.termUnit === 'day' ? 1 : MarketingLimits.daysPerMonth;
      wanted = mulDivRoundHalfUp(bases.rentPerPeriodMinor, terms.freeDays, daysPerPeriod);
      break;
    }
  }
  const capped = terms.capMinor === null ? wanted : Math.min(wanted, terms.capMinor);
  return Math.max(0, Math.min(capped, base));
}
