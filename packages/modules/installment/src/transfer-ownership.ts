// Ownership at pay-off (issue #15): an installment order that is paid off — its last period paid or
// paid off early — and whose phone has shipped makes the phone the customer's: the unit moves to
// inventory's `sold` (through inventory's public step, the order as its reference) and the order
// records `ownershipTransferredAt`. An order paid off before it shipped transfers when it ships
// (ship-order.ts). Idempotent: an order already transferred is returned as it is.
import { type Executor, emitEvent } from '@zulin/db';
import { moveOrderUnit } from '@zulin/inventory';
import { assert } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import type { InstallmentDeps } from './deps';
import type { InstallmentOrderRow } from './orders';
import { installmentOrders } from './schema';

export async function transferOwnership(
  tx: Executor,
  deps: Pick<InstallmentDeps, 'clock'>,
  order: InstallmentOrderRow,
): Promise<InstallmentOrderRow> {
  if (order.status !== 'paid_off' || order.ownershipTransferredAt !== null) return order;
  if (order.fulfilment !== 'shipped' && order.fulfilment !== 'delivered') return order;
  assert(order.unitId !== null, 'a shipped order names its unit');
  const now = deps.clock.now();
  await moveOrderUnit(tx, {
    unitId: order.unitId,
    orderRef: order.id,
    step: 'sell',
    now,
    reason: { code: 'installment_paid_off', params: { orderRef: order.id } },
  });
  const [owned] = await tx
    .update(installmentOrders)
    .set({ ownershipTransferredAt: now, updatedAt: now })
    .where(eq(installmentOrders.id, order.id))
    .returning();
  assert(owned !== undefined, 'the order exists');
  await emitEvent(tx, now, {
    type: 'installment.ownership_transferred',
    aggregateType: 'installment_order',
    aggregateId: order.id,
    payload: { orderId: order.id, customerId: order.customerId, unitId: order.unitId },
  });
  return owned;
}
