// Places a draft procurement order with its supplier, or cancels one before anything arrived.
import { type Executor, emitEvent } from '@zulin/db';
import { eq } from 'drizzle-orm';
import { type Actor, audit } from './audit';
import { InventoryErrors } from './errors';
import { loadOrder, orderView, type ProcurementOrderView } from './procurement-orders';
import { inventoryProcurementOrders, type ProcurementStatus } from './schema';

const statusMoves: Record<'place' | 'cancel', { from: readonly ProcurementStatus[]; to: ProcurementStatus }> = {
  place: { from: ['draft'], to: 'ordered' },
  cancel: { from: ['draft', 'ordered'], to: 'cancelled' },
};

/** Places (draft → ordered) or cancels (before anything was received) a procurement order. */
export async function changeProcurementStatus(
  tx: Executor,
  options: { orderId: string; action: 'place' | 'cancel'; actor: Actor; now: Date },
): Promise<ProcurementOrderView> {
  const { orderId, action, actor, now } = options;
  const move = statusMoves[action];
  const { order, lines } = await loadOrder(tx, orderId, true);
  if (!move.from.includes(order.status)) {
    throw InventoryErrors.INVENTORY_PROCUREMENT_INVALID_STATUS({
      detail: `A ${order.status} order cannot be ${action}d.`,
    });
  }
  const [row] = await tx
    .update(inventoryProcurementOrders)
    .set({ status: move.to, updatedAt: now, ...(action === 'place' ? { orderedAt: now } : {}) })
    .where(eq(inventoryProcurementOrders.id, orderId))
    .returning();
  if (!row) throw new Error('the locked order exists');
  const type = action === 'place' ? 'inventory.procurement_ordered' : 'inventory.procurement_cancelled';
  await audit(tx, {
    actor,
    action: type,
    targetType: 'procurement_order',
    targetId: orderId,
    detail: { from: order.status },
    at: now,
  });
  await emitEvent(tx, now, {
    type,
    aggregateType: 'procurement_order',
    aggregateId: orderId,
    payload: { orderId, from: order.status, to: move.to },
  });
  return orderView(row, lines);
}
