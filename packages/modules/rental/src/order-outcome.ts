// What an order went through, as feedback reads it for its analysis and its classification (issue
// #16, seed 001 "分析反馈数据与租赁订单的关联"): when the phone was delivered against the delivery the
// checkout promised, the faults the customer reported, what the return inspection charged, and the
// payments of the order and its bills that failed. A read of rental's own tables and of billing's
// and payments' public reads; it changes nothing. Another customer's order is not found.
import { listBills } from '@zulin/billing';
import type { Executor } from '@zulin/db';
import { addDays, type BusinessDate, businessDateOf, diffDays } from '@zulin/kernel';
import { paymentsOfReferences } from '@zulin/payments';
import { and, count, eq } from 'drizzle-orm';
import type { RentalDeps } from './deps';
import { RentalErrors } from './errors';
import { inspectionOfOrder } from './inspections';
import { RentalLimits } from './limits';
import { rentalBillSources } from './read-order-bills';
import { rentalFaults, rentalOrders } from './schema';

export interface OrderOutcome {
  orderId: string;
  customerId: string;
  skuId: string;
  /** The phone the customer has (or had): a swap after a fault moves the order to the replacement. */
  unitId: string | null;
  /**
   * The delivery the checkout promised: the day the order was placed plus `assumedDeliveryDays`,
   * the delivery the quote's rent schedule assumed and showed (checkout-quote.ts).
   */
  promisedDeliveryOn: BusinessDate;
  deliveredOn: BusinessDate | null;
  /** Whole days signed for after the promised day (0 or less: on time); null until delivered. */
  deliveryLateDays: number | null;
  /** Faults the customer reported on the order, whatever became of them. */
  faultsReported: number;
  /** Damage charged at the return inspection (0 for a clean phone); null before an inspection. */
  inspectionChargedMinor: number | null;
  /** Payment orders for the order or one of its bills that failed (declined, refused by the channel). */
  failedPayments: number;
}

/** One order's outcome; with `customerId`, only that customer's (RENTAL_ORDER_NOT_FOUND otherwise). */
export async function readOrderOutcome(
  db: Executor,
  deps: Pick<RentalDeps, 'clock' | 'timeZone'>,
  options: { orderId: string; customerId?: string },
): Promise<OrderOutcome> {
  const conditions = [eq(rentalOrders.id, options.orderId)];
  if (options.customerId !== undefined) conditions.push(eq(rentalOrders.customerId, options.customerId));
  const [order] = await db
    .select({
      id: rentalOrders.id,
      customerId: rentalOrders.customerId,
      skuId: rentalOrders.skuId,
      unitId: rentalOrders.unitId,
      deliveredOn: rentalOrders.deliveredOn,
      createdAt: rentalOrders.createdAt,
    })
    .from(rentalOrders)
    .where(and(...conditions));
  if (order === undefined) throw RentalErrors.RENTAL_ORDER_NOT_FOUND();
  const promisedDeliveryOn = addDays(businessDateOf(order.createdAt, deps.timeZone), RentalLimits.assumedDeliveryDays);
  const deliveredOn = order.deliveredOn as BusinessDate | null;
  const [faults] = await db.select({ n: count() }).from(rentalFaults).where(eq(rentalFaults.orderId, order.id));
  const inspection = await inspectionOfOrder(db, order.id);
  const bills = await listBills(db, deps, {
    customerId: order.customerId,
    sourceType: rentalBillSources,
    sourceId: order.id,
    limit: RentalLimits.detailBillsMax,
  });
  const payments = await paymentsOfReferences(db, [order.id, ...bills.data.map((b) => b.id)]);
  return {
    orderId: order.id,
    customerId: order.customerId,
    skuId: order.skuId,
    unitId: order.unitId,
    promisedDeliveryOn,
    deliveredOn,
    deliveryLateDays: deliveredOn === null ? null : diffDays(promisedDeliveryOn, deliveredOn),
    faultsReported: Number(faults?.n ?? 0),
    inspectionChargedMinor: inspection?.chargeMinor ?? null,
    failedPayments: payments.filter((p) => p.state === 'failed').length,
  };
}
