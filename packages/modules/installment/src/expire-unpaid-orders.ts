// The unpaid-order timer for installment orders (issue #15; rental's rule, DOMAIN §5): an order placed
// approved must be signed and its down payment paid within `InstallmentLimits.unpaidOrderMinutes`
// (120 min) of being placed — the deadline is fixed on the order then (`paymentDeadlineAt`). The sweep
// `installment.expire_unpaid_orders` cancels every order still `awaiting_signature` or
// `awaiting_down_payment` past its deadline, with the cancellation's own booking (cancel-order.ts: an
// unpaid or partly paid down-payment bill withdrawn, the sale reversed, a part paid refunded, the
// reserved phone released to stock), marks it `expiredAt` and tells the customer. Each order under its
// row lock (SKIP LOCKED: an order being signed or cancelled right now is left to that command). An order
// whose down-payment bill is already settled is left alone: its activation (the `bill_paid`
// subscriber) is on its way. Set-based, bounded, idempotent: a second run finds nothing.
import { getBill } from '@zulin/billing';
import { type Executor, transaction } from '@zulin/db';
import { notify } from '@zulin/notification';
import { and, asc, inArray, lte } from 'drizzle-orm';
import { cancelInstallmentOrder } from './cancel-order';
import { systemCancelReason } from './cancel-reasons';
import type { InstallmentDeps } from './deps';
import { InstallmentLimits } from './limits';
import { deviceNameOf, type InstallmentOrderRow, orderBills } from './orders';
import { installmentOrders } from './schema';

/** The reason an expired order records (`cancelReason`): a code the console translates. */
export const unpaidExpiryReason = systemCancelReason('unpaid_expired');

export async function expireUnpaidOrders(db: Executor, deps: InstallmentDeps): Promise<{ cancelled: number }> {
  let cancelled = 0;
  for (let batch = 0; batch < InstallmentLimits.expireBatchesPerRun; batch++) {
    const { seen, expired } = await transaction(db, async (tx) => {
      const now = deps.clock.now();
      const due = await tx
        .select()
        .from(installmentOrders)
        .where(
          and(
            inArray(installmentOrders.status, ['awaiting_signature', 'awaiting_down_payment']),
            lte(installmentOrders.paymentDeadlineAt, now),
          ),
        )
        .orderBy(asc(installmentOrders.paymentDeadlineAt), asc(installmentOrders.id))
        .limit(InstallmentLimits.expireBatchSize)
        .for('update', { skipLocked: true });
      let expiredHere = 0;
      for (const order of due) {
        if (await downPaymentSettled(tx, deps, order)) continue;
        const ended = await cancelInstallmentOrder(tx, deps, {
          orderId: order.id,
          reason: unpaidExpiryReason,
          by: { expiry: true },
        });
        await tellCustomer(tx, deps, ended);
        expiredHere += 1;
      }
      return { seen: due.length, expired: expiredHere };
    });
    cancelled += expired;
    // A short batch was the last; a batch of paid orders awaiting activation would only come back.
    if (seen < InstallmentLimits.expireBatchSize || expired === 0) break;
  }
  return { cancelled };
}

/** Paid in full already (the activation follows in the `bill_paid` subscriber): not to expire. */
async function downPaymentSettled(tx: Executor, deps: InstallmentDeps, order: InstallmentOrderRow): Promise<boolean> {
  if (order.status !== 'awaiting_down_payment') return false;
  const down = (await orderBills(tx, order.id)).find((b) => b.kind === 'down_payment');
  if (down === undefined) return false;
  const bill = await getBill(tx, deps, down.billId, order.customerId);
  return bill.status === 'paid';
}

async function tellCustomer(tx: Executor, deps: InstallmentDeps, order: InstallmentOrderRow): Promise<void> {
  const deadlineAt = (order.paymentDeadlineAt ?? order.cancelledAt ?? deps.clock.now()).toISOString();
  const deviceName = await deviceNameOf(tx, order.skuId);
  const refundMinor = order.refundedMinor ?? 0;
  await notify(tx, deps, {
    customerId: order.customerId,
    category: 'orders',
    ...(refundMinor > 0
      ? { template: 'installment.order_expired_refunded', params: { deviceName, deadlineAt, refundMinor } }
      : { template: 'installment.order_expired', params: { deviceName, deadlineAt } }),
    dedupeKey: `installment.order_expired:${order.id}`,
  });
}
