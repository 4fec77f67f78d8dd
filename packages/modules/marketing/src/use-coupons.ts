// Using coupons on an order (rental's place-order.ts, in the order's transaction): the coupons
// priceCoupons checked and locked become `used` by the order. A refusal of the order afterwards
// rolls this back with it.
import { type Executor, emitEvent } from '@zulin/db';
import { assert } from '@zulin/kernel';
import { and, eq, inArray } from 'drizzle-orm';
import { customerCoupons } from './schema';

export async function useCoupons(
  tx: Executor,
  now: Date,
  options: { customerId: string; orderId: string; codes: readonly string[] },
): Promise<void> {
  if (options.codes.length === 0) return;
  const used = await tx
    .update(customerCoupons)
    .set({ status: 'used', orderId: options.orderId, usedAt: now, updatedAt: now })
    .where(
      and(
        inArray(customerCoupons.id, [...options.codes]),
        eq(customerCoupons.customerId, options.customerId),
        eq(customerCoupons.status, 'available'),
      ),
    )
    .returning({ id: customerCoupons.id });
  assert(used.length === options.codes.length, 'every coupon was checked and locked before it is used');
  for (const { id } of used) {
    await emitEvent(tx, now, {
      type: 'marketing.coupon_used',
      aggregateType: 'customer_coupon',
      aggregateId: id,
      payload: { couponId: id, customerId: options.customerId, orderId: options.orderId },
    });
  }
}
