// Applies a carrier's tracking events to our shipments, in the caller's transaction (the inbox
// handler's): each event through the shipment machine (shipment-states.ts: a jump ahead is taken, a
// duplicate ignored, a late or backwards scan kept without moving the state), and the moments the
// rental needs are published once each: the first scan (`logistics.shipment_scanned`), the signature
// (`logistics.shipment_delivered`), an exception, a return to the sender. An event for a waybill we
// do not know is counted and skipped (a carrier pushes for all its customers' parcels).
import { type Executor, emitEvent } from '@zulin/db';
import { and, eq } from 'drizzle-orm';
import type { TrackingEvent } from './carrier';
import { logisticsShipments } from './schema';
import { type ApplyOutcome, applyTrackingEvent, firstScanAt, type ShipmentTrack } from './shipment-states';
import { recordSuspectedLost } from './suspected-lost';

export interface ApplyReport {
  applied: number;
  unchanged: number;
  unknown: number;
}

export async function applyCarrierEvents(
  tx: Executor,
  options: { carrier: string; events: readonly TrackingEvent[]; now: Date },
): Promise<ApplyReport> {
  const report: ApplyReport = { applied: 0, unchanged: 0, unknown: 0 };
  for (const event of options.events) {
    const outcome = await applyOne(tx, options.carrier, event, options.now);
    if (outcome === null) report.unknown++;
    else if (outcome === 'applied') report.applied++;
    else report.unchanged++;
  }
  return report;
}

async function applyOne(tx: Executor, carrier: string, event: TrackingEvent, now: Date): Promise<ApplyOutcome | null> {
  const [row] = await tx
    .select()
    .from(logisticsShipments)
    .where(and(eq(logisticsShipments.carrier, carrier), eq(logisticsShipments.waybillNo, event.waybillNo)))
    .for('update');
  if (row === undefined) return null;
  const track: ShipmentTrack = {
    state: row.state,
    lastEventAt: row.lastEventAt?.toISOString() ?? null,
    events: row.events,
  };
  const { track: next, outcome } = applyTrackingEvent(track, event);
  if (outcome === 'duplicate') return outcome;
  // A withdrawn waybill's scans are kept for staff but start nothing (the order may have a new one).
  const live = row.state !== 'cancelled';
  const firstScan = live && row.firstScanAt === null ? firstScanAt(next.events) : null;
  const delivered = row.deliveredAt === null && next.state === 'delivered' && outcome === 'applied';
  // The suspected-lost flag (for staff, never a state): a carrier's `lost` exception raises it, any
  // other scan taken in order clears it (the parcel moves again). A confirmed loss is left alone.
  const inOrder = outcome === 'applied' || outcome === 'recorded';
  const carrierLost = event.state === 'exception' && event.exceptionReason === 'lost';
  const flag =
    !inOrder || row.state === 'lost' || row.direction !== 'outbound'
      ? {}
      : carrierLost
        ? row.suspectedLostReason === 'carrier_lost'
          ? {}
          : { suspectedLostAt: now, suspectedLostReason: 'carrier_lost' as const }
        : row.suspectedLostAt === null
          ? {}
          : { suspectedLostAt: null, suspectedLostReason: null };
  await tx
    .update(logisticsShipments)
    .set({
      state: next.state,
      events: next.events,
      lastEventAt: next.lastEventAt === null ? null : new Date(next.lastEventAt),
      ...(firstScan !== null ? { firstScanAt: new Date(firstScan) } : {}),
      ...(delivered ? { deliveredAt: new Date(event.occurredAt) } : {}),
      ...flag,
      version: row.version + 1,
      updatedAt: now,
    })
    .where(eq(logisticsShipments.id, row.id));
  const ref = {
    shipmentId: row.id,
    orderRef: row.orderRef,
    direction: row.direction,
    carrier: row.carrier,
    waybillNo: row.waybillNo,
  };
  const emit = { aggregateType: 'shipment', aggregateId: row.id } as const;
  if (flag.suspectedLostReason === 'carrier_lost') {
    // Newly flagged by the carrier: audited, published, the customer told once.
    await recordSuspectedLost(tx, {
      shipment: { ...row, lastEventAt: next.lastEventAt === null ? null : new Date(next.lastEventAt) },
      reason: 'carrier_lost',
      now,
    });
  }
  if (firstScan !== null) {
    await emitEvent(tx, now, { ...emit, type: 'logistics.shipment_scanned', payload: { ...ref, at: firstScan } });
  }
  if (outcome !== 'applied') return outcome;
  if (delivered) {
    await emitEvent(tx, now, {
      ...emit,
      type: 'logistics.shipment_delivered',
      payload: { ...ref, at: event.occurredAt, signedBy: event.signedBy ?? null },
    });
  } else if (next.state === 'exception') {
    await emitEvent(tx, now, {
      ...emit,
      type: 'logistics.shipment_exception',
      payload: { ...ref, at: event.occurredAt, reason: event.exceptionReason ?? null },
    });
  } else if (next.state === 'returned') {
    await emitEvent(tx, now, {
      ...emit,
      type: 'logistics.shipment_returned',
      payload: { ...ref, at: event.occurredAt },
    });
  }
  return outcome;
}
