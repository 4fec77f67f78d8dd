// Records a waybill the carrier issued as a shipment (state `created`), in the caller's transaction,
// with `logistics.shipment_created`. The carrier was asked before the transaction (docs/modules.md,
// "Outside systems"); the order's own transition is written in the same transaction by its module.
import { type Executor, emitEvent } from '@zulin/db';
import { newId } from '@zulin/kernel';
import type { Waybill } from './carrier';
import { logisticsShipments, type ShipmentSummary } from './schema';
import type { ShipmentRow } from './shipments';

export async function recordShipment(
  tx: Executor,
  options: { waybill: Waybill; summary: ShipmentSummary; createdBy: string | null; now: Date },
): Promise<ShipmentRow> {
  const { waybill, now } = options;
  const [row] = await tx
    .insert(logisticsShipments)
    .values({
      id: newId('shp'),
      direction: waybill.direction,
      orderRef: waybill.orderRef,
      carrier: waybill.carrier,
      waybillNo: waybill.waybillNo,
      state: 'created',
      summary: options.summary,
      createdBy: options.createdBy,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (row === undefined) throw new Error('insert returned no row');
  await emitEvent(tx, now, {
    type: 'logistics.shipment_created',
    aggregateType: 'shipment',
    aggregateId: row.id,
    payload: {
      shipmentId: row.id,
      orderRef: row.orderRef,
      direction: row.direction,
      carrier: row.carrier,
      waybillNo: row.waybillNo,
    },
  });
  return row;
}
