// What a feedback about an order records of it (issue #16, seed 001 "分析反馈数据与租赁订单的关联"): the
// phone — its product, its model as the console names the unit's SKU, the warehouse it shipped from —
// and the outbound carrier, kept on the entry for the analysis breakdowns; and the order's facts the
// classification rules weigh (a late delivery, a shipment exception, a fault reported, an inspection
// charge, failed payments). Read only through the public reads of rental, catalog, inventory and
// logistics, in the caller's transaction. Named and anonymous entries keep the same: they describe the
// phone, not the person (docs/feedback.md, "Anonymous storage").

import { readSkuProducts } from '@zulin/catalog';
import type { Executor } from '@zulin/db';
import { getUnit } from '@zulin/inventory';
import { isAppError, today } from '@zulin/kernel';
import { type ShipmentState, shipmentsOfOrder } from '@zulin/logistics';
import { readOrderOutcome } from '@zulin/rental';
import type { OrderFacts } from './classify/rules';
import type { FeedbackDeps } from './deps';

/** The analysis dimensions of an entry: null when the order does not tell (not shipped yet, no unit). */
export interface OrderDimensions {
  /** The catalog product of the rented SKU. */
  productId: string | null;
  /** The unit's SKU as the console names it: "苹果 iPhone 16 Pro 256GB 黑色". */
  model: string | null;
  /** The warehouse of the unit that shipped (inventory). */
  warehouseId: string | null;
  /** The outbound shipment's carrier code (`sandbox_express`, `store_pickup`). */
  carrier: string | null;
}

export interface OrderContext extends OrderDimensions {
  facts: OrderFacts;
}

/** A parcel that ended in the carrier's exception, was sent back or was lost. */
const troubledStates: readonly ShipmentState[] = ['exception', 'returned', 'lost'];

/** The order's dimensions and facts; with `customerId`, only that customer's order (rental's 404 otherwise). */
export async function readOrderContext(
  db: Executor,
  deps: FeedbackDeps,
  options: { orderId: string; customerId?: string },
): Promise<OrderContext> {
  const outcome = await readOrderOutcome(db, deps, options);
  const sku = (await readSkuProducts(db, [outcome.skuId])).get(outcome.skuId);
  const unit =
    outcome.unitId === null
      ? null
      : await getUnit(db, { unitId: outcome.unitId, today: today(deps.clock, deps.timeZone) }).catch(
          (error: unknown) => {
            if (isAppError(error) && error.code === 'INVENTORY_UNIT_NOT_FOUND') return null;
            throw error;
          },
        );
  const outbound = (await shipmentsOfOrder(db, outcome.orderId)).filter(
    (s) => s.direction === 'outbound' && s.state !== 'cancelled',
  );
  // The parcel that reached the customer; before that (or when none did), the newest one sent.
  const shipped = outbound.find((s) => s.state === 'delivered') ?? outbound[0] ?? null;
  const facts: OrderFacts = {
    faultReportedDuringRental: outcome.faultsReported > 0,
    paymentIssues: outcome.failedPayments,
    ...(outcome.deliveryLateDays === null ? {} : { deliveryLateDays: outcome.deliveryLateDays }),
    ...(outbound.length === 0 ? {} : { shipmentException: outbound.some((s) => troubledStates.includes(s.state)) }),
    ...(outcome.inspectionChargedMinor === null ? {} : { inspectionChargedMinor: outcome.inspectionChargedMinor }),
  };
  return {
    productId: sku?.productId ?? null,
    model: sku?.skuName ?? null,
    warehouseId: unit?.warehouseId ?? null,
    carrier: shipped?.carrier ?? null,
    facts,
  };
}
