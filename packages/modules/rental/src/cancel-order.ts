// Cancelling before shipping (DOMAIN §5): the customer or staff, from any state before `paid`; the
// reserved unit goes back in stock in the same transaction. A paid order is cancelled only with its
// refund started (the machine's `refund_started` fact), which comes with the payments module.
import type { Executor } from '@zulin/db';
import type { AuditActor } from '@zulin/identity';
import { releaseReservation } from '@zulin/inventory';
import type { RentalDeps } from './deps';
import { loadOrderForUpdate, moveOrder, type OrderRow } from './order-store';

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
  const moved = await moveOrder(tx, {
    order,
    action: 'cancel',
    by: options.by,
    now,
    set: { closedAt: now, closeReason: options.reason },
    detail: { reason: options.reason },
  });
  await releaseUnitOf(tx, order, `order ${order.id} cancelled`, now);
  return moved;
}

/** Puts the order's reserved unit back in stock (idempotent: a unit already released is left alone). */
export async function releaseUnitOf(tx: Executor, order: OrderRow, reason: string, now: Date): Promise<void> {
  if (order.unitId === null) return;
  await releaseReservation(tx, { unitId: order.unitId, orderRef: order.id, reason, now });
}
