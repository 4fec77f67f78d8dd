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
  /**
   * Flagged as possibly lost (not lost): the carrier's `lost` exception (`carrier_lost`) or no scan for
   * the configured business days (`no_scan`); `lastEventAt` is the last scan's time (ISO 8601).
   */
  'logistics.shipment_suspected_lost': (
    p: ShipmentRef & { at: string; reason: 'carrier_lost' | 'no_scan'; lastEventAt: string | null },
  ) => p,
  /** Confirmed lost by staff (confirm-shipment-lost.ts): the parcel will not arrive. */
  'logistics.shipment_lost': (p: ShipmentRef & { at: string; reason: string; lostBy: string }) => p,
  /** Staff changed the logistics settings (logistics-settings.ts); `keys` are the settings that changed. */
  'logistics.settings_changed': (p: { changedBy: string; keys: string[] }) => p,
  /** Went back to the sender (refused, undeliverable). */
  'logistics.shipment_returned': (p: ShipmentRef & { at: string }) => p,
});

declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof LogisticsEvents> {}
}
