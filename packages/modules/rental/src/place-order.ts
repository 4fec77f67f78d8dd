// Placing a rental order (API.md `POST /v1/rentals`), in two halves (docs/modules.md, "Outside
// systems"): `prepareOrder` checks the input, reads the plan and asks risk's outside systems with no
// transaction open; `placeOrder` then does everything else in the command's ONE transaction:
//   the risk decision (stored) → the coupons (locked) → the quote with its waiver and coupons → the order (draft → pending_review)
//   → approve or reject → the coupons used (unless rejected) → the unit's reservation (inventory) → on approval the contract's draft
//   (contracts) → the outbox event.
// Out of stock refuses the whole command: nothing of it is kept, the decision included.
import { outstandingSummary } from '@zulin/billing';
import { type Executor, emitEvent } from '@zulin/db';
import { type CustomerPrincipal, encryptPii } from '@zulin/identity';
import { confirmReservation, InventoryErrors, reserveUnit } from '@zulin/inventory';
import { AppError, newId } from '@zulin/kernel';
import { type Address, checkAddress, getPickupStore } from '@zulin/logistics';
import { useCoupons } from '@zulin/marketing';
import {
  type ApplicationInput,
  type PreparedApplication,
  prepareApplication,
  type RecordedDecision,
  type RiskDeps,
  recordApplication,
} from '@zulin/risk';
import { and, count, eq, notInArray } from 'drizzle-orm';
import {
  type CheckoutInput,
  type CheckoutItem,
  checkoutDiscounts,
  loadCheckoutItem,
  priceCheckout,
} from './checkout-quote';
import type { RentalDeps } from './deps';
import { draftOrderContract } from './draft-order-contract';
import { RentalErrors } from './errors';
import { RentalLimits } from './limits';
import { finalOrderStates, type OrderState } from './order-machine';
import { moveOrder, type OrderRow } from './order-store';
import { rentalOrders } from './schema';

export interface PlaceOrderInput extends CheckoutInput {
  address: Address;
  /** 门店自提: the store the phone is sent to (logistics' store code); absent = 快递到家 to `address`. */
  pickupStoreCode?: string | null;
  deviceFingerprint: string | null;
  ip: string | null;
}

export interface PreparedOrder {
  orderId: string;
  customerId: string;
  input: PlaceOrderInput;
  item: CheckoutItem;
  application: PreparedApplication;
}

/** Orders that no longer count as the customer's active rentals for risk. */
const inactiveStates: readonly OrderState[] = [...finalOrderStates, 'bought_out', 'defaulted'];

/** First half: checks, reads and the outside calls, with no transaction open. */
export async function prepareOrder(
  db: Executor,
  deps: RentalDeps & { risk: RiskDeps },
  options: { customerId: string; input: PlaceOrderInput },
): Promise<PreparedOrder> {
  const { customerId, input } = options;
  checkAddress(input.address, '/body/address');
  if (input.pickupStoreCode != null) await getPickupStore(db, input.pickupStoreCode);
  const item = await loadCheckoutItem(db, input);
  // Checked here too, so a bad add-on or coupon is refused before anyone outside is asked.
  priceCheckout(deps, item, input, undefined, await checkoutDiscounts(db, deps, { customerId, item, input }));
  const orderId = newId('rord', deps.clock);
  const application = await prepareApplication(db, deps.risk, {
    customerId,
    purpose: 'rental',
    reference: orderId,
    deviceFingerprint: input.deviceFingerprint,
    ip: input.ip,
    address: `${input.address.province}${input.address.city}${input.address.district}${input.address.line}`,
    orderValueMinor: item.marketPriceMinor,
    depositMinor: item.plan.depositMinor,
    history: await customerHistory(db, customerId),
  } satisfies ApplicationInput);
  return { orderId, customerId, input, item, application };
}

/** What risk is told of the customer's history here: active rentals and what they owe now. */
export async function customerHistory(db: Executor, customerId: string): Promise<ApplicationInput['history']> {
  const [active] = await db
    .select({ n: count() })
    .from(rentalOrders)
    .where(and(eq(rentalOrders.customerId, customerId), notInArray(rentalOrders.status, [...inactiveStates])));
  const owed = await outstandingSummary(db, customerId);
  return {
    activeOrders: active?.n ?? 0,
    openBalanceMinor: owed.unpaidMinor,
    // Billing does not yet report payment punctuality or days past due (docs/rental.md, gaps).
    onTimeRateBps: 10_000,
    maxDaysPastDue: 0,
  };
}

export interface PlacedOrder {
  order: OrderRow;
  decision: RecordedDecision;
}

/** Second half, in the command's transaction. */
export async function placeOrder(
  tx: Executor,
  deps: RentalDeps & { risk: RiskDeps },
  prepared: PreparedOrder,
): Promise<PlacedOrder> {
  const now = deps.clock.now();
  const { orderId, customerId, input } = prepared;
  // Read again inside the transaction: the plan may have changed since the first half.
  const item = await loadCheckoutItem(tx, input);
  const decision = await recordApplication(tx, deps.risk, prepared.application);
  // The coupons checked again and locked in this transaction: used below by this order, or by none.
  const discounts = await checkoutDiscounts(tx, deps, { customerId, item, input, lock: true });
  const quote = priceCheckout(deps, item, input, { waivedMinor: decision.depositWaivedMinor }, discounts);
  const depositWaivedMinor = quote.depositWaivedMinor ?? 0;
  const depositToHoldMinor = quote.depositToHoldMinor ?? quote.depositMinor;
  const [draft] = await tx
    .insert(rentalOrders)
    .values({
      id: orderId,
      customerId,
      skuId: item.skuId,
      planId: item.planId,
      status: 'draft',
      openAfterSale: null,
      plan: item.plan,
      addOns: [...input.addOns],
      marketPriceMinor: item.marketPriceMinor,
      quote: {
        rentMinor: quote.rentMinor,
        upfrontPeriods: quote.upfrontPeriods,
        upfrontMinor: quote.upfrontMinor,
        addOnsMinor: quote.addOnsMinor,
        shippingMinor: quote.shippingMinor,
        discountMinor: quote.discountMinor,
        firstPaymentMinor: quote.firstPaymentMinor,
        depositMinor: quote.depositMinor,
        depositWaivedMinor,
        depositToHoldMinor,
        buyoutAtEndMinor: quote.buyoutAtEndMinor,
        totalRentMinor: quote.totalRentMinor,
        schedule: quote.schedule,
      },
      firstPaymentMinor: quote.firstPaymentMinor,
      depositMinor: quote.depositMinor,
      depositWaivedMinor,
      depositToHoldMinor,
      decisionId: decision.decisionId,
      decisionOutcome: decision.outcome,
      decisionReasonCodes: decision.reasonCodes,
      addressCiphertext: await encryptPii(tx, deps.masterKey, JSON.stringify(input.address)),
      city: input.address.city.trim(),
      pickupStoreCode: input.pickupStoreCode ?? null,
      version: 0,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (draft === undefined) throw new Error('the order insert returned no row');
  const customer: CustomerPrincipal = { kind: 'customer', customerId };
  let order = await moveOrder(tx, {
    order: draft,
    action: 'submit',
    by: { actor: 'customer', audit: customer },
    now,
    detail: { decisionId: decision.decisionId },
  });
  const system = { actor: 'system' as const, audit: { kind: 'system' as const } };
  if (decision.outcome === 'reject') {
    order = await moveOrder(tx, {
      order,
      action: 'reject',
      by: system,
      now,
      set: { closedAt: now, closeReason: 'decision_rejected' },
      detail: { decisionId: decision.decisionId, reasonCodes: decision.reasonCodes },
    });
  } else {
    // The coupons are this order's while it lives; cancelling or lapsing unpaid returns them.
    await useCoupons(tx, now, { customerId, orderId, codes: input.couponCodes });
    const unit = await reserve(tx, { skuId: item.skuId, orderRef: orderId, now });
    order = { ...order, unitId: unit.unitId };
    await tx.update(rentalOrders).set({ unitId: unit.unitId }).where(eq(rentalOrders.id, orderId));
    if (decision.outcome === 'approve') {
      // Approved: the unit is held for this order until it is paid, cancelled or lapses unpaid
      // (the order's own timers release it, not the inventory's 30-minute reservation window).
      await confirmReservation(tx, { unitId: unit.unitId, orderRef: orderId, now });
      order = await moveOrder(tx, {
        order,
        action: 'approve',
        by: system,
        now,
        facts: { decision_approved: true },
        detail: { decisionId: decision.decisionId },
      });
      order = await draftOrderContract(tx, deps, order);
    }
    // review / block_and_review: risk opened a case for a person; the order waits in pending_review
    // until risk's `risk.review_case_closed` (review-case-closed.ts).
  }
  await emitEvent(tx, now, {
    type: 'rental.order_placed',
    aggregateType: 'rental_order',
    aggregateId: orderId,
    payload: {
      orderId,
      customerId,
      skuId: item.skuId,
      planId: item.planId,
      status: order.status,
      firstPaymentMinor: order.firstPaymentMinor,
      depositToHoldMinor: order.depositToHoldMinor,
      unitId: order.unitId,
    },
  });
  return { order, decision };
}

async function reserve(tx: Executor, options: { skuId: string; orderRef: string; now: Date }) {
  try {
    return await reserveUnit(tx, { ...options, ttlMs: RentalLimits.reviewReservationMs });
  } catch (error) {
    if (error instanceof AppError && error.code === InventoryErrors.INVENTORY_UNIT_UNAVAILABLE.code) {
      throw RentalErrors.RENTAL_OUT_OF_STOCK({
        detail: 'Every phone of this model is taken; try another colour or storage.',
      });
    }
    throw error;
  }
}
