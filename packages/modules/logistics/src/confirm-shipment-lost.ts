// Staff confirm a parcel lost, with a reason: an outbound parcel at the shipping desk (`logistics.write`,
// rental's confirm-parcel-lost.ts) or a return parcel at the returns desk (`inventory.write`, rental's
// confirm-return-lost.ts). The caller names the direction it expects and a parcel of the other one is
// refused. The shipment moves to `lost` (only from picked up, in transit, out for delivery or an
// exception: terminal, a later scan is kept for staff and moves nothing), who and why are kept, and
// `logistics.shipment_lost` is published with the direction — in the caller's transaction, where the
// rental moves the phone to inventory's `lost` and notes it on the order. The parcel no longer counts
// as the order's live parcel of its direction, so a new one may be sent (补发).
import { type Executor, emitEvent } from '@zulin/db';
import { eq } from 'drizzle-orm';
import type { ShipmentDirection } from './carrier';
import { LogisticsErrors } from './errors';
import { LogisticsLimits } from './limits';
import { logisticsShipments } from './schema';
import { moveShipment } from './shipment-states';
import { loadShipment, type ShipmentRow } from './shipments';

export async function confirmShipmentLost(
  tx: Executor,
  options: { shipmentId: string; direction: ShipmentDirection; reason: string; staffId: string; now: Date },
): Promise<ShipmentRow> {
  const reason = options.reason.trim();
  if (reason.length < LogisticsLimits.lostReasonLengthMin || reason.length > LogisticsLimits.lostReasonLengthMax) {
    throw LogisticsErrors.LOGISTICS_LOST_REASON_INVALID({
      errors: [{ path: '/body/reason', message: `${reason.length} characters` }],
    });
  }
  const row = await loadShipment(tx, options.shipmentId, true);
  if (row.direction !== options.direction) {
    throw options.direction === 'outbound'
      ? LogisticsErrors.LOGISTICS_SHIPMENT_NOT_OUTBOUND()
      : LogisticsErrors.LOGISTICS_SHIPMENT_NOT_RETURN();
  }
  const state = moveShipment(row.state, 'lost');
  const [updated] = await tx
    .update(logisticsShipments)
    .set({
      state,
      lostAt: options.now,
      lostBy: options.staffId,
      lostReason: reason,
      version: row.version + 1,
      updatedAt: options.now,
    })
    .where(eq(logisticsShipments.id, row.id))
    .returning();
  if (updated === undefined) throw new Error('the locked shipment exists');
  await emitEvent(tx, options.now, {
    type: 'logistics.shipment_lost',
    aggregateType: 'shipment',
    aggregateId: row.id,
    payload: {
      shipmentId: row.id,
      orderRef: row.orderRef,
      direction: row.direction,
      carrier: row.carrier,
      waybillNo: row.waybillNo,
      at: options.now.toISOString(),
      reason,
      lostBy: options.staffId,
    },
  });
  return updated;
}
