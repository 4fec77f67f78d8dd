// Cancelling before shipping (DOMAIN §5): the customer or staff, from any state before shipping; the
// reserved unit goes back in stock and its coupons to their holder in the same transaction. A paid order is cancelled only with its
// refund started (the machine's `refund_started` fact): the first payment's booking is reversed and
// its full refund requested in the same transaction (first-payment.ts). A deposit hold is released
// after the commit by the release sweep (release-deposits.ts), and a first payment still open at the
// channel is closed there by payments' janitor: the channel is never called inside.
import type { Executor } from '@zulin/db';
import type { AuditActor } from '@zulin/identity';
import { releaseReservation } from '@zulin/inventory';
import { returnCoupons } from '@zulin/marketing';
import { abandonOpenPayments } from '@zulin/payments';
import type { RentalDeps } from './deps';
import { refundFirstPayment } from './first-payment';
import { loadOrderForUpdate, moveOrder, type OrderRow } from './order-store';
import { firstPaymentPurpose } from './pay-order';
import { transition } from './transition-order';

export async function cancelOrder(
  tx: Executor,
  deps: RentalDeps,
  options: {
    orderId: string;
    by: { actor: 'customer'; audit: AuditActor & { kind: 'customer' } } | { actor: 'staff'; audit: AuditActor };
    reason: string;
  },
): Promise<OrderRow> {
  const now = deps.clock.now();
  const order = await loadOrderForUpdate(
    tx,
    options.orderId,
    options.by.actor === 'customer' ? { customerId: options.by.audit.customerId } : {},
  );
  // The machine is asked first (with the refund assumed), so a wrong state refunds nothing.
  transition(
    { status: order.status, openAfterSale: order.openAfterSale },
    { action: 'cancel', actor: options.by.actor, facts: { refund_started: true } },
  );
  const refundId = order.status === 'paid' ? await refundFirstPayment(tx, deps, order) : null;
  const moved = await moveOrder(tx, {
    order,
    action: 'cancel',
    by: options.by,
    now,
    facts: order.status === 'paid' ? { refund_started: refundId !== null || order.firstPaymentMinor === 0 } : {},
    set: { closedAt: now, closeReason: options.reason, firstPaymentRefundId: refundId },
    detail: { reason: options.reason, ...(refundId === null ? {} : { refundId }) },
  });
  await releaseUnitOf(tx, order, now);
  await returnCoupons(tx, now, { orderId: order.id });
  await abandonFirstPayments(tx, deps, order);
  return moved;
}

/**
 * The order's first-payment attempts still open at the channel are abandoned with it: payments' janitor
 * closes them there, so the cashier cannot take money for an order that no longer exists (one paid
 * just before the close is refunded in full, `onFirstPaymentSucceeded`).
 */
export async function abandonFirstPayments(tx: Executor, deps: RentalDeps, order: OrderRow): Promise<void> {
  await abandonOpenPayments(tx, deps.clock, { purpose: firstPaymentPurpose, reference: order.id });
}

/** Puts the order's reserved unit back in stock (idempotent: a unit already released is left alone). */
export async function releaseUnitOf(
  tx: Executor,
  order: OrderRow,
  now: Date,
  code: 'order_cancelled' | 'order_unpaid_expired' | 'order_rejected_on_review' = 'order_cancelled',
): Promise<void> {
  if (order.unitId === null) return;
  await releaseReservation(tx, {
    unitId: order.unitId,
    orderRef: order.id,
    reason: { code, params: { orderRef: order.id } },
    now,
  });
}
