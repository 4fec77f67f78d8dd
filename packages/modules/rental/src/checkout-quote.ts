// The checkout quote (API.md `POST /v1/rentals/quote`): the plan from the catalog, the pure quote
// (quote-rental.ts) over an assumed start of rent, and — when a customer asks — the risk pre-check's
// deposit waiver. Nothing is stored. Placing the order (place-order.ts) prices with the same
// function, so the order carries exactly what the quote showed for the same inputs and decision.
import { getPlan, getSku, type PlanView } from '@zulin/catalog';
import type { Executor } from '@zulin/db';
import { addDays, type BusinessDate, today } from '@zulin/kernel';
import type { RentalDeps } from './deps';
import { RentalErrors } from './errors';
import { RentalLimits } from './limits';
import type { AddOnCode, RentalPlanTerms } from './plan-terms';
import { type DepositWaiver, quoteRental, type RentalQuote } from './quote-rental';
import { rentStartDate } from './rent-schedule';

export interface CheckoutInput {
  skuId: string;
  planId: string;
  addOns: readonly AddOnCode[];
  couponCodes: readonly string[];
}

export interface CheckoutItem {
  plan: RentalPlanTerms;
  planId: string;
  skuId: string;
  marketPriceMinor: number;
}

export function planTermsOf(plan: PlanView): RentalPlanTerms {
  return {
    termUnit: plan.termUnit,
    termCount: plan.termCount,
    rentMinor: plan.rentMinor,
    depositMinor: plan.depositMinor,
    buyoutAtEndMinor: plan.buyoutAtEndMinor,
    upfrontPeriods: plan.upfrontPeriods,
    addOns: plan.addOns,
    renewalRentMinor: plan.renewalRentMinor,
  };
}

/** The SKU (on sale) and its active plan, or a refusal naming the field. */
export async function loadCheckoutItem(db: Executor, input: { skuId: string; planId: string }): Promise<CheckoutItem> {
  const sku = await getSku(db, { skuId: input.skuId, audience: 'public' });
  const plan = await getPlan(db, input.planId);
  if (plan.skuId !== sku.id || !plan.active) {
    throw RentalErrors.RENTAL_PLAN_NOT_OFFERED({
      errors: [{ path: '/body/planId', message: 'not an active plan of this SKU' }],
    });
  }
  return { plan: planTermsOf(plan), planId: plan.id, skuId: sku.id, marketPriceMinor: sku.marketPriceMinor };
}

/** Coupons come from marketing, which is not built yet: any code is unknown, and says so. */
export function checkCoupons(codes: readonly string[]): void {
  if (codes.length === 0) return;
  throw RentalErrors.RENTAL_COUPON_UNKNOWN({
    detail: 'No coupon can be redeemed yet.',
    errors: codes.map((code, i) => ({ path: `/body/couponCodes/${i}`, message: `unknown coupon ${code}` })),
  });
}

/** The first day of rent a quote assumes: the day after a delivery `assumedDeliveryDays` from today. */
export function assumedStartDate(deps: RentalDeps): BusinessDate {
  return rentStartDate(addDays(today(deps.clock, deps.timeZone), RentalLimits.assumedDeliveryDays));
}

export function priceCheckout(
  deps: RentalDeps,
  item: CheckoutItem,
  input: CheckoutInput,
  waiver?: DepositWaiver,
): RentalQuote {
  checkCoupons(input.couponCodes);
  return quoteRental({
    plan: item.plan,
    addOns: input.addOns,
    discounts: [],
    shippingMinor: 0,
    ...(waiver !== undefined ? { depositWaiver: waiver } : {}),
    startDate: assumedStartDate(deps),
  });
}
