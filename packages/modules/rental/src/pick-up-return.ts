// The carrier's first scan of a return parcel (logistics.shipment_scanned, direction `return`):
// return_requested → returning with the fact carrier_scanned. Rent stops here (DOMAIN §5): the
// schedule was already stopped when the return was asked for (no further period is billed), and the
// day of the scan is kept on the return as `rentStoppedOn`. The unit is `returning` in inventory.
import type { Executor } from '@zulin/db';
import { moveOrderUnit } from '@zulin/inventory';
import { businessDateOf } from '@zulin/kernel';
import { and, eq, sql } from 'drizzle-orm';
import type { RentalDeps } from './deps';
import { loadOrderForUpdate, moveOrder, type OrderRow } from './order-store';
import { rentalAfterSales } from './schema';

export async function pickUpReturn(
  tx: Executor,
  deps: RentalDeps,
  options: { orderId: string; scannedAt: Date; waybillNo: string },
): Promise<OrderRow> {
  const order = await loadOrderForUpdate(tx, options.orderId);
  const now = deps.clock.now();
  const rentStoppedOn = businessDateOf(options.scannedAt, deps.timeZone);
  const moved = await moveOrder(tx, {
    order,
    action: 'pick_up_return',
    by: { actor: 'carrier', audit: { kind: 'system' } },
    now,
    facts: { carrier_scanned: true },
    set: { nextBillDueDate: null },
    detail: { waybillNo: options.waybillNo, scannedAt: options.scannedAt.toISOString(), rentStoppedOn },
  });
  await tx
    .update(rentalAfterSales)
    .set({
      detail: sql`${rentalAfterSales.detail} || ${JSON.stringify({ pickedUpAt: options.scannedAt.toISOString(), rentStoppedOn })}::jsonb`,
    })
    .where(
      and(
        eq(rentalAfterSales.orderId, order.id),
        eq(rentalAfterSales.kind, 'return'),
        eq(rentalAfterSales.status, 'open'),
      ),
    );
  if (order.unitId !== null) {
    await moveOrderUnit(tx, { unitId: order.unitId, orderRef: order.id, step: 'start_return', now });
  }
  return moved;
}
