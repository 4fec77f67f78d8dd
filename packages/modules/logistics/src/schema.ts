// Tables owned by the logistics module (DOMAIN §11, phase 2): the shipments (one per waybill, outbound
// or return, with every tracking event received), the sandbox courier's memory (its parcels and its
// waybill serial counter: the "carrier's side" in sandbox mode) and the webhook nonces already seen
// (the replay guard, kept only while a nonce's timestamp could still pass the window).
import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { ShipmentDirection, TrackingEvent } from './carrier';
import type { SandboxParcel } from './sandbox-carrier';
import type { ShipmentState } from './shipment-states';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** What the console shows of a shipment without reaching into other modules: masked, never clear. */
export interface ShipmentSummary {
  /** 张* */
  recipientName: string;
  /** 138****8000 */
  recipientPhone: string;
  /** The destination city (the warehouse's for a return). */
  city: string;
  /** As printed on the label ("Apple iPhone 16 Pro 256GB ×1"). */
  contents: string;
  /** The phone inside, when the parcel carries one of our units. */
  imei: string | null;
  unitId: string | null;
  customerId: string | null;
  /** Return pick-up: the booked window. */
  pickupWindowStart?: string;
  pickupWindowEnd?: string;
}

export const logisticsShipments = pgTable(
  'logistics_shipments',
  {
    id: text('id').primaryKey(),
    direction: text('direction').$type<ShipmentDirection>().notNull(),
    /** The order the parcel belongs to (a rental order id). */
    orderRef: text('order_ref').notNull(),
    carrier: text('carrier').notNull(),
    waybillNo: text('waybill_no').notNull(),
    state: text('state').$type<ShipmentState>().notNull(),
    summary: jsonb('summary').$type<ShipmentSummary>().notNull(),
    /** Every tracking event received, each once, in the order received (shipment-states.ts). */
    events: jsonb('events').$type<TrackingEvent[]>().notNull().default(sql`'[]'::jsonb`),
    /** The latest event applied to the state. */
    lastEventAt: instant('last_event_at'),
    /** The carrier's first scan: a return's rent stops here. */
    firstScanAt: instant('first_scan_at'),
    /** Signed for: an outbound rental's rent starts the next day. */
    deliveredAt: instant('delivered_at'),
    createdBy: text('created_by'),
    version: integer('version').notNull().default(0),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('logistics_shipments_waybill_uq').on(t.carrier, t.waybillNo),
    // One live parcel per order and direction: a second waybill only after the first was cancelled.
    uniqueIndex('logistics_shipments_order_live_uq').on(t.orderRef, t.direction).where(sql`${t.state} <> 'cancelled'`),
    index('logistics_shipments_list_idx').on(t.createdAt, t.id),
    index('logistics_shipments_state_idx').on(t.state, t.createdAt),
  ],
);

/** The sandbox courier's parcels (sandbox mode only): the waybill, the booked pick-up, how much was pushed. */
export const logisticsSandboxParcels = pgTable(
  'logistics_sandbox_parcels',
  {
    waybillNo: text('waybill_no').primaryKey(),
    parcel: jsonb('parcel').$type<SandboxParcel>().notNull(),
    /** How many of the parcel's planned scans were pushed to the webhook and acknowledged. */
    pushedEvents: integer('pushed_events').notNull().default(0),
    /** No more scans will come (signed, returned, lost or cancelled, and all pushed). */
    finished: integer('finished').notNull().default(0),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('logistics_sandbox_parcels_open_idx').on(t.updatedAt).where(sql`${t.finished} = 0`)],
);

/** Counters a carrier numbers its waybills with (the sandbox's S10 serial). */
export const logisticsCounters = pgTable('logistics_counters', {
  name: text('name').primaryKey(),
  value: bigint('value', { mode: 'number' }).notNull(),
});

/** Webhook deliveries seen, per carrier, until they could no longer pass the timestamp window. */
export const logisticsWebhookNonces = pgTable(
  'logistics_webhook_nonces',
  {
    carrier: text('carrier').notNull(),
    nonce: text('nonce').notNull(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.carrier, t.nonce] }), index('logistics_webhook_nonces_expiry_idx').on(t.expiresAt)],
);
