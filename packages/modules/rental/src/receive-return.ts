// A return parcel signed for at the warehouse (logistics.shipment_delivered, direction `return`):
// returning → inspecting with the fact unit_received; the unit is `inspecting` in inventory. Grading
// and the deposit settlement follow from `inspecting` (settle-inspection.ts).
import type { Executor } from '@zulin/db';
import { moveOrderUnit } from '@zulin/inventory';
import { and, eq, sql } from 'drizzle-orm';
import type { RentalDeps } from './deps';
import { loadOrderForUpdate, moveOrder, type OrderRow } from './order-store';
import { rentalAfterSales } from './schema';

export async function receiveReturn(
  tx: Executor,
  deps: RentalDeps,
  options: { orderId: string; receivedAt: Date; waybillNo: string; signedBy: string | null },
): Promise<OrderRow> {
  const order = await loadOrderForUpdate(tx, options.orderId);
  const now = deps.clock.now();
  const moved = await moveOrder(tx, {
    order,
    action: 'receive_return',
    by: { actor: 'carrier', audit: { kind: 'system' } },
    now,
    facts: { unit_received: true },
    detail: { waybillNo: options.waybillNo, receivedAt: options.receivedAt.toISOString(), signedBy: options.signedBy },
  });
  await tx
    .update(rentalAfterSales)
    .set({
      detail: sql`${rentalAfterSales.detail} || ${JSON.stringify({ receivedAt: options.receivedAt.toISOString() })}::jsonb`,
    })
    .where(
      and(
        eq(rentalAfterSales.orderId, order.id),
        eq(rentalAfterSales.kind, 'return'),
        eq(rentalAfterSales.status, 'open'),
      ),
    );
  if (order.unitId !== null) {
    await moveOrderUnit(tx, { unitId: order.unitId, orderRef: order.id, step: 'receive_return', now });
  }
  return moved;
}
