// The checkout quote of POST /v1/rentals/quote (API.md, DOMAIN §5):
//   first payment = rent × upfront periods + add-ons + shipping − coupons
//   deposit to hold = deposit − waiver
// The deposit is held (authorised), never charged, so it is not part of the first payment. Coupons
// arrive already validated by marketing as amounts; each is capped at what it discounts, so the
// first payment never goes below zero.
import {
  assert,
  assertNonNegativeMinor,
  type BusinessDate,
  Dec,
  isBusinessDate,
  mulRoundHalfUp,
  sumMinor,
} from '@zulin/kernel';
import { RentalErrors } from './errors';
import { RentalLimits } from './limits';
import type { AddOnCode, RentalPlanTerms } from './plan-terms';
import { buildRentSchedule, chosenAddOns, type RentPeriod, termEndDate } from './rent-schedule';

/** What a coupon discounts: one part of the first payment, or the whole of it (rent, then add-ons, then shipping). */
export type DiscountTarget = 'rent' | 'add_ons' | 'shipping' | 'first_payment';

/** A coupon already validated by marketing, as the amount it takes off. */
export interface Discount {
  code: string;
  amountMinor: number;
  appliesTo?: DiscountTarget;
}

/** The share of the deposit the risk decision waives, in basis points, or as an amount. */
export type DepositWaiver = { waivedBps: number } | { waivedMinor: number };

export interface QuoteRentalOptions {
  plan: RentalPlanTerms;
  addOns: readonly AddOnCode[];
  discounts?: readonly Discount[];
  shippingMinor?: number;
  depositWaiver?: DepositWaiver;
  /** The assumed first day of rent (the day after an expected delivery). */
  startDate: BusinessDate;
}

export interface QuotePeriod extends RentPeriod {
  /** Paid with the first payment at checkout. */
  paidAtCheckout: boolean;
}

export interface RentalQuote {
  currency: 'CNY';
  /** Rent per catalog period (month, or day for a day plan). */
  rentMinor: number;
  upfrontPeriods: number;
  /** Rent paid at checkout. */
  upfrontMinor: number;
  /** Add-ons paid at checkout: once-only ones, and per-period ones for the periods paid at checkout. */
  addOnsMinor: number;
  shippingMinor: number;
  discountMinor: number;
  discounts: { code: string; amountMinor: number }[];
  firstPaymentMinor: number;
  depositMinor: number;
  depositWaivedMinor?: number;
  depositToHoldMinor?: number;
  buyoutAtEndMinor: number;
  /** All rent and per-period add-ons over the term, checkout included. */
  totalRentMinor: number;
  startDate: BusinessDate;
  endDate: BusinessDate;
  schedule: QuotePeriod[];
}

export function quoteRental(options: QuoteRentalOptions): RentalQuote {
  const { plan, startDate } = options;
  assert(isBusinessDate(startDate), `startDate must be a business date: ${startDate}`);
  const addOns = takeAddOns(plan, options.addOns);
  const schedule = buildRentSchedule({ plan, startDate, addOns });
  // A day plan is one period paid at checkout; a monthly plan pays its upfront months.
  const upfrontPeriods = plan.termUnit === 'day' ? 1 : plan.upfrontPeriods;
  const quoted = schedule.map((p) => ({ ...p, paidAtCheckout: p.period <= upfrontPeriods }));
  const atCheckout = quoted.filter((p) => p.paidAtCheckout);
  const upfrontMinor = sumMinor(atCheckout.map((p) => p.rentMinor));
  const onceMinor = sumMinor(addOns.filter((a) => a.per === 'once').map((a) => a.priceMinor));
  const addOnsMinor = sumMinor([onceMinor, ...atCheckout.map((p) => p.addOnsMinor)]);
  const shippingMinor = options.shippingMinor ?? 0;
  assertNonNegativeMinor(shippingMinor, 'shippingMinor');
  const applied = applyDiscounts(options.discounts ?? [], {
    rent: upfrontMinor,
    add_ons: addOnsMinor,
    shipping: shippingMinor,
  });
  const discountMinor = sumMinor(applied.map((d) => d.amountMinor));
  const firstPaymentMinor = upfrontMinor + addOnsMinor + shippingMinor - discountMinor;
  assert(firstPaymentMinor >= 0, 'the first payment is never negative');
  assert(Number.isSafeInteger(firstPaymentMinor), 'the first payment is an integer');
  const quote: RentalQuote = {
    currency: 'CNY',
    rentMinor: plan.rentMinor,
    upfrontPeriods: plan.termUnit === 'day' ? plan.termCount : plan.upfrontPeriods,
    upfrontMinor,
    addOnsMinor,
    shippingMinor,
    discountMinor,
    discounts: applied,
    firstPaymentMinor,
    depositMinor: plan.depositMinor,
    buyoutAtEndMinor: plan.buyoutAtEndMinor,
    totalRentMinor: sumMinor(schedule.map((p) => p.amountMinor)),
    startDate,
    endDate: termEndDate(schedule),
    schedule: quoted,
  };
  if (options.depositWaiver !== undefined) {
    const depositWaivedMinor = waivedMinor(plan.depositMinor, options.depositWaiver);
    quote.depositWaivedMinor = depositWaivedMinor;
    quote.depositToHoldMinor = plan.depositMinor - depositWaivedMinor;
    assert(quote.depositToHoldMinor >= 0, 'the deposit to hold is never negative');
  }
  return quote;
}

function takeAddOns(plan: RentalPlanTerms, codes: readonly AddOnCode[]) {
  for (const [index, code] of codes.entries()) {
    if (!plan.addOns.some((a) => a.code === code) || codes.indexOf(code) !== index) {
      throw RentalErrors.RENTAL_ADD_ON_NOT_OFFERED({
        detail: `The plan does not offer "${code}", or it was chosen twice.`,
        errors: [{ path: `/body/addOns/${index}`, message: 'not offered by this plan, or chosen twice' }],
      });
    }
  }
  return chosenAddOns(plan, codes);
}

type Buckets = Record<'rent' | 'add_ons' | 'shipping', number>;
const wholeFirstPayment = ['rent', 'add_ons', 'shipping'] as const;

/**
 * Applies coupons in the order given, each capped at what is left of its target after the ones
 * before it, so no coupon takes off more than what it discounts.
 */
export function applyDiscounts(
  discounts: readonly Discount[],
  totals: Buckets,
): { code: string; amountMinor: number }[] {
  assert(discounts.length <= RentalLimits.discountsMax, `at most ${RentalLimits.discountsMax} coupons per quote`);
  const left: Buckets = { ...totals };
  return discounts.map((discount) => {
    assertNonNegativeMinor(discount.amountMinor, `discount ${discount.code}`);
    const target = discount.appliesTo ?? 'first_payment';
    const buckets = target === 'first_payment' ? wholeFirstPayment : [target];
    let wantedMinor = discount.amountMinor;
    let takenMinor = 0;
    for (const bucket of buckets) {
      const partMinor = Math.min(wantedMinor, left[bucket]);
      left[bucket] -= partMinor;
      wantedMinor -= partMinor;
      takenMinor += partMinor;
    }
    return { code: discount.code, amountMinor: takenMinor };
  });
}

/** The waived part of the deposit: bps of it rounded half-up, or an amount, never more than the deposit. */
export function waivedMinor(depositMinor: number, waiver: DepositWaiver): number {
  assertNonNegativeMinor(depositMinor, 'depositMinor');
  if ('waivedBps' in waiver) {
    assert(Number.isInteger(waiver.waivedBps), 'waivedBps must be an integer');
    assert(waiver.waivedBps >= 0 && waiver.waivedBps <= 10_000, `waivedBps must be 0–10000: ${waiver.waivedBps}`);
    return mulRoundHalfUp(depositMinor, new Dec(waiver.waivedBps).div(10_000));
  }
  assertNonNegativeMinor(waiver.waivedMinor, 'waivedMinor');
  return Math.min(waiver.waivedMinor, depositMinor);
}
