// The logistics module's events (docs/modules.md, "Events"). The rental module subscribes: an outbound
// parcel signed for delivers the order; a return's first scan stops the rent; a return signed for at
// the warehouse starts the inspection.
import { defineEvents, type EventPayloads } from '@zulin/db';
import type { ExceptionReason, ShipmentDirection } from './carrier';

interface ShipmentRef {
  shipmentId: string;
  orderRef: string;
  direction: ShipmentDirection;
  carrier: string;
  waybillNo: string;
}

export const LogisticsEvents = defineEvents({
  'logistics.shipment_created': (p: ShipmentRef) => p,
  /** The carrier's first scan (collected); `at` is when the carrier says it happened (ISO 8601). */
  'logistics.shipment_scanned': (p: ShipmentRef & { at: string }) => p,
  /** Signed for by the recipient (for a return: our warehouse). */
  'logistics.shipment_delivered': (p: ShipmentRef & { at: string; signedBy: string | null }) => p,
  'logistics.shipment_exception': (p: ShipmentRef & { at: string; reason: ExceptionReason | null }) => p,
  /** Went back to the sender (refused, undeliverable). */
  'logistics.shipment_returned': (p: ShipmentRef & { at: string }) => p,
});

declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof LogisticsEvents> {}
}
