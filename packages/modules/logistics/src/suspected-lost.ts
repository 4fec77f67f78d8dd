// What follows when an outbound parcel is flagged as possibly lost (by the sweep, flag-silent-parcels.ts,
// or by the carrier's `lost` exception, apply-tracking.ts), in the transaction that sets the flag: an
// audit entry (actor system: nobody decided it), the event `logistics.shipment_suspected_lost`, and
// one notice to the customer — "物流异常，我们正在与快递公司核实" in-app and by SMS — sent once per
// parcel (the dedupe key names the shipment), however often the flag is cleared and raised again.
import { type Executor, emitEvent } from '@zulin/db';
import { recordAudit } from '@zulin/identity';
import { notify } from '@zulin/notification';
import type { SuspectedLostReason } from './schema';
import type { ShipmentRow } from './shipments';

export const suspectedLostNotice = 'logistics.parcel_suspected_lost';

export async function recordSuspectedLost(
  tx: Executor,
  options: {
    shipment: Pick<ShipmentRow, 'id' | 'orderRef' | 'direction' | 'carrier' | 'waybillNo' | 'summary' | 'lastEventAt'>;
    reason: SuspectedLostReason;
    now: Date;
  },
): Promise<void> {
  const { shipment: row, reason, now } = options;
  const lastEventAt = row.lastEventAt?.toISOString() ?? null;
  await recordAudit(tx, {
    actor: { kind: 'system' },
    action: 'logistics.parcel_flagged_lost',
    targetType: 'shipment',
    targetId: row.id,
    detail: { waybillNo: row.waybillNo, orderRef: row.orderRef, reason, lastEventAt },
    at: now,
  });
  await emitEvent(tx, now, {
    type: 'logistics.shipment_suspected_lost',
    aggregateType: 'shipment',
    aggregateId: row.id,
    payload: {
      shipmentId: row.id,
      orderRef: row.orderRef,
      direction: row.direction,
      carrier: row.carrier,
      waybillNo: row.waybillNo,
      at: now.toISOString(),
      reason,
      lastEventAt,
    },
  });
  const customerId = row.summary.customerId;
  if (customerId !== null) {
    await notify(
      tx,
      { clock: { now: () => now } },
      {
        customerId,
        category: 'orders',
        template: suspectedLostNotice,
        params: { waybillNo: row.waybillNo },
        dedupeKey: `${suspectedLostNotice}:${row.id}`,
      },
    );
  }
}
