// Withdrawing a waybill before the courier collected it (a return the customer dropped): the carrier
// is told first, outside the transaction (`withdrawWaybill`: it refuses once the parcel was collected,
// LOGISTICS_CANCEL_TOO_LATE), then the shipment is moved created → cancelled in the caller's
// transaction (`cancelShipment`), which frees the order for another waybill of that direction.
import type { Executor } from '@zulin/db';
import { and, desc, eq, notInArray } from 'drizzle-orm';
import type { CarrierAdapter, ShipmentDirection } from './carrier';
import { logisticsShipments } from './schema';
import { deadShipmentStates, moveShipment } from './shipment-states';
import { loadShipment, type ShipmentRow } from './shipments';

/** The order's live (not cancelled, lost or sent back) shipment of a direction, if it has one. */
export async function liveShipmentOf(
  db: Executor,
  options: { orderRef: string; direction: ShipmentDirection },
): Promise<ShipmentRow | null> {
  const [row] = await db
    .select()
    .from(logisticsShipments)
    .where(
      and(
        eq(logisticsShipments.orderRef, options.orderRef),
        eq(logisticsShipments.direction, options.direction),
        notInArray(logisticsShipments.state, [...deadShipmentStates]),
      ),
    )
    .orderBy(desc(logisticsShipments.id))
    .limit(1);
  return row ?? null;
}

export async function withdrawWaybill(
  carrier: CarrierAdapter,
  options: { shipment: ShipmentRow; now: Date },
): Promise<void> {
  if (options.shipment.carrier !== carrier.code) return;
  await carrier.cancel(options.shipment.waybillNo, options.now);
}

export async function cancelShipment(tx: Executor, options: { shipmentId: string; now: Date }): Promise<ShipmentRow> {
  const row = await loadShipment(tx, options.shipmentId, true);
  if (row.state === 'cancelled') return row;
  const state = moveShipment(row.state, 'cancelled');
  const [updated] = await tx
    .update(logisticsShipments)
    .set({ state, version: row.version + 1, updatedAt: options.now })
    .where(eq(logisticsShipments.id, row.id))
    .returning();
  return updated ?? row;
}
