// The checkout quote (API.md `POST /v1/rentals/quote`): the plan from the catalog, the pure quote
// (quote-rental.ts) over an assumed start of rent, and — when a customer asks — the risk pre-check's
// deposit waiver, and the customer's coupons priced by marketing (checkoutDiscounts). Nothing is stored. Placing the order (place-order.ts) prices with the same
// function, so the order carries exactly what the quote showed for the same inputs and decision.
import { getPlan, getSku, type PlanView } from '@zulin/catalog';
import type { Executor } from '@zulin/db';
import { addDays, type BusinessDate, today } from '@zulin/kernel';
import { priceCoupons } from '@zulin/marketing';
import { and, eq, notInArray } from 'drizzle-orm';
import type { RentalDeps } from './deps';
import { RentalErrors } from './errors';
import { RentalLimits } from './limits';
import type { AddOnCode, RentalPlanTerms } from './plan-terms';
import { type DepositWaiver, type Discount, quoteRental, type RentalQuote } from './quote-rental';
import { rentStartDate } from './rent-schedule';
import { rentalOrders } from './schema';

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

/**
 * The coupons the customer sends, checked and priced by marketing (docs/marketing.md) on the bases of
 * this checkout before coupons: the upfront rent and the whole first payment. A first order is one
 * the customer places with no other order of theirs that went beyond cancelled or rejected. With
 * `lock` (placing the order, in its transaction) the coupons are locked until it commits.
 */
export async function checkoutDiscounts(
  db: Executor,
  deps: RentalDeps,
  options: { customerId: string | null; item: CheckoutItem; input: CheckoutInput; lock?: boolean },
): Promise<Discount[]> {
  const { item, input, customerId } = options;
  if (input.couponCodes.length === 0) return [];
  const before = priceCheckout(deps, item, input);
  const priced = await priceCoupons(db, {
    customerId,
    codes: input.couponCodes,
    today: today(deps.clock, deps.timeZone),
    firstOrder: customerId !== null && (await isFirstOrder(db, customerId)),
    bases: {
      rentMinor: before.upfrontMinor,
      firstPaymentMinor: before.firstPaymentMinor,
      rentPerPeriodMinor: item.plan.rentMinor,
      termUnit: item.plan.termUnit,
    },
    ...(options.lock === true ? { lock: true } : {}),
  });
  return priced.map((c) => ({ code: c.code, amountMinor: c.amountMinor, appliesTo: c.target }));
}

/** The customer has no order that went beyond cancelled or rejected (a coupon's "first order"). */
async function isFirstOrder(db: Executor, customerId: string): Promise<boolean> {
  const [other] = await db
    .select({ id: rentalOrders.id })
    .from(rentalOrders)
    .where(and(eq(rentalOrders.customerId, customerId), notInArray(rentalOrders.status, ['cancelled', 'rejected'])))
    .limit(1);
  return other === undefined;
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
  discounts: readonly Discount[] = [],
): RentalQuote {
  return quoteRental({
    plan: item.plan,
    addOns: input.addOns,
    discounts,
    shippingMinor: 0,
    ...(waiver !== undefined ? { depositWaiver: waiver } : {}),
    startDate: assumedStartDate(deps),
  });
}
