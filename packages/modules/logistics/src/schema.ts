// Tables owned by the logistics module (DOMAIN §11, phase 2): the shipments (one per waybill, outbound
// or return, with every tracking event received), the sandbox courier's memory (its parcels and its
// waybill serial counter: the "carrier's side" in sandbox mode) and the webhook nonces already seen
// (the replay guard, kept only while a nonce's timestamp could still pass the window).
import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Address, ShipmentDirection, TrackingEvent } from './carrier';
import type { SandboxParcel } from './sandbox-carrier';
import type { ShipmentState } from './shipment-states';
import type { StoreParcel } from './store-pickup';

export type SuspectedLostReason = 'carrier_lost' | 'no_scan';
/** What became of a parcel confirmed lost: another parcel went instead (补发), or the order was cancelled. */
export type LostSettlement = 'reshipped' | 'order_cancelled';

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
    /**
     * Flagged for staff as possibly lost (not lost): the carrier reported a `lost` exception
     * (`carrier_lost`), or an outbound parcel had no scan for `suspectedLostAfterDays` (`no_scan`).
     * A later scan clears it.
     */
    suspectedLostAt: instant('suspected_lost_at'),
    suspectedLostReason: text('suspected_lost_reason').$type<SuspectedLostReason>(),
    /** Confirmed lost by staff (state `lost`): when, who, why. */
    lostAt: instant('lost_at'),
    lostBy: text('lost_by'),
    lostReason: text('lost_reason'),
    /**
     * A lost parcel that needs no more decision: the order module re-shipped it (补发) or cancelled its
     * order (settleLostShipment); it then leaves the desk's 丢失处理 list.
     */
    lostSettledAt: instant('lost_settled_at'),
    lostSettlement: text('lost_settlement').$type<LostSettlement>(),
    createdBy: text('created_by'),
    version: integer('version').notNull().default(0),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('logistics_shipments_waybill_uq').on(t.carrier, t.waybillNo),
    // One live parcel per order and direction: a second waybill only after the first was cancelled,
    // confirmed lost (补发) or sent back (deadShipmentStates).
    uniqueIndex('logistics_shipments_order_live_uq')
      .on(t.orderRef, t.direction)
      .where(sql`${t.state} not in ('cancelled', 'lost', 'returned')`),
    index('logistics_shipments_list_idx').on(t.createdAt, t.id),
    index('logistics_shipments_state_idx').on(t.state, t.createdAt),
  ],
);

/**
 * The module's settings an operator may change (logistics-settings.ts): one JSON value per key,
 * checked when saved, audited, with who changed it. Defaults apply while a key is absent.
 */
export const logisticsSettings = pgTable('logistics_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

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

/** Our pick-up stores (门店自提, DOMAIN §11): where a customer collects a phone or drops a return. */
export const logisticsPickupStores = pgTable('logistics_pickup_stores', {
  /** Short code printed on the label as the sort code (e.g. SH-JA01). */
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  /** The store as a postal address (the counter's contact as name and phone). */
  address: jsonb('address').$type<Address>().notNull(),
  /** Opening hours, Beijing time, whole hours. */
  openHour: integer('open_hour').notNull(),
  closeHour: integer('close_hour').notNull(),
  active: integer('active').notNull().default(1),
  createdAt: instant('created_at').notNull(),
});

/**
 * The store carrier's parcels: the waybill as issued, the counter scans so far, and while the parcel
 * waits on the shelf, the pick-up code (platform one-time code) and the day the shelf time ends.
 */
export const logisticsStoreParcels = pgTable(
  'logistics_store_parcels',
  {
    waybillNo: text('waybill_no').primaryKey(),
    storeCode: text('store_code').notNull(),
    parcel: jsonb('parcel').$type<StoreParcel>().notNull(),
    /** Set by the arrival scan: after this instant an uncollected parcel goes back to the warehouse. */
    shelfUntil: instant('shelf_until'),
    /** The newest pick-up code issued (platform one_time_codes id); its subject is the waybill. */
    codeId: text('code_id'),
    /** Collected, sent back, or a return received: no more counter scans. */
    finished: integer('finished').notNull().default(0),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('logistics_store_parcels_store_idx').on(t.storeCode, t.updatedAt),
    index('logistics_store_parcels_shelf_idx').on(t.shelfUntil).where(sql`${t.finished} = 0`),
  ],
);
