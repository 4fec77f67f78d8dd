// Returning an order's coupons (rental: cancelled, lapsed unpaid, rejected on review), in that
// transaction: they are available again to their holder (until their own validity ends).
// Idempotent: an order with no used coupon returns nothing.
import { type Executor, emitEvent } from '@zulin/db';
import { and, eq } from 'drizzle-orm';
import { customerCoupons } from './schema';

export async function returnCoupons(tx: Executor, now: Date, options: { orderId: string }): Promise<number> {
  const returned = await tx
    .update(customerCoupons)
    .set({ status: 'available', orderId: null, usedAt: null, updatedAt: now })
    .where(and(eq(customerCoupons.orderId, options.orderId), eq(customerCoupons.status, 'used')))
    .returning({ id: customerCoupons.id, customerId: customerCoupons.customerId });
  for (const { id, customerId } of returned) {
    await emitEvent(tx, now, {
      type: 'marketing.coupon_returned',
      aggregateType: 'customer_coupon',
      aggregateId: id,
      payload: { couponId: id, customerId, orderId: options.orderId },
    });
  }
  return returned.length;
}
