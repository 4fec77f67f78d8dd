// The parcels at our stores' counters (logistics_store_parcels, DOMAIN §11 门店自提): the row, the view
// the store staff see, the list, and what the counter's use cases share — the pick-up code's policy
// (the platform's one-time codes: 6 digits, counted tries, expiring with the shelf time), issuing a
// code and sending it to the customer, and applying a counter scan to the shipment exactly as a
// courier's tracking event is applied (apply-tracking.ts), so a collection is `delivered` like a signature.
import { createHmac } from 'node:crypto';
import type { Executor } from '@zulin/db';
import {
  addDays,
  businessDateOf,
  type Clock,
  decodeCursor,
  KernelErrors,
  newId,
  type Page,
  pageLimit,
  startOfDayInstant,
  toPage,
} from '@zulin/kernel';
import { notify } from '@zulin/notification';
import { type CodePolicy, issueCode } from '@zulin/platform';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { applyCarrierEvents } from './apply-tracking';
import type { TrackingEvent } from './carrier';
import { LogisticsErrors } from './errors';
import { LogisticsLimits } from './limits';
import { type PickupStoreView, storePickupCarrier } from './pickup-stores';
import { logisticsShipments, logisticsStoreParcels } from './schema';
import type { ShipmentState } from './shipment-states';
import { nextStoreScans, type StoreScan, storePickupCarrierCode } from './store-pickup';

export interface StoreCounterDeps {
  clock: Clock;
  timeZone: string;
  masterKey: Buffer;
}

const dayMs = 86_400_000;

export const pickupCodePolicy: CodePolicy = {
  purpose: 'logistics.store_pickup',
  // Covers the whole shelf time from any re-issue; the hand-over also checks the shelf end itself.
  ttlMs: (LogisticsLimits.pickupShelfDays + 1) * dayMs,
  triesMax: LogisticsLimits.pickupCodeTriesMax,
  sendIntervalMs: 0,
  sendsPerDay: LogisticsLimits.pickupCodesPerDay,
};

export function pickupCodeSecret(masterKey: Buffer): Buffer {
  return createHmac('sha256', masterKey).update('zulin:logistics:pickup-code').digest();
}

/** The one-time code's subject: one parcel (its newest code is the only one that counts). */
export const pickupCodeSubject = (waybillNo: string) => `parcel:${waybillNo}`;

export type StoreParcelRow = typeof logisticsStoreParcels.$inferSelect;

export interface StoreParcelView {
  waybillNo: string;
  storeCode: string;
  direction: 'outbound' | 'return';
  orderRef: string;
  shipmentId: string | null;
  state: ShipmentState | null;
  /** Masked, as on the shipment. */
  recipientName: string;
  recipientPhone: string;
  contents: string;
  imei: string | null;
  /** The scans that may come next at the counter. */
  nextScans: StoreScan[];
  shelfUntil: string | null;
  events: TrackingEvent[];
  updatedAt: string;
}

export async function loadStoreParcelForUpdate(tx: Executor, waybillNo: string): Promise<StoreParcelRow> {
  const [row] = await tx
    .select()
    .from(logisticsStoreParcels)
    .where(eq(logisticsStoreParcels.waybillNo, waybillNo))
    .for('update');
  if (row === undefined) throw LogisticsErrors.LOGISTICS_STORE_PARCEL_NOT_FOUND({ detail: `No parcel ${waybillNo}.` });
  return row;
}

async function viewOf(db: Executor, row: StoreParcelRow): Promise<StoreParcelView> {
  const [shipment] = await db
    .select()
    .from(logisticsShipments)
    .where(
      and(eq(logisticsShipments.carrier, storePickupCarrierCode), eq(logisticsShipments.waybillNo, row.waybillNo)),
    );
  return {
    waybillNo: row.waybillNo,
    storeCode: row.storeCode,
    direction: row.parcel.waybill.direction,
    orderRef: row.parcel.waybill.orderRef,
    shipmentId: shipment?.id ?? null,
    state: shipment?.state ?? null,
    recipientName: shipment?.summary.recipientName ?? '',
    recipientPhone: shipment?.summary.recipientPhone ?? '',
    contents: row.parcel.waybill.parcel.contents,
    imei: shipment?.summary.imei ?? null,
    nextScans: [...nextStoreScans(row.parcel)],
    shelfUntil: row.shelfUntil?.toISOString() ?? null,
    events: row.parcel.events,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function getStoreParcel(db: Executor, waybillNo: string): Promise<StoreParcelView> {
  const [row] = await db.select().from(logisticsStoreParcels).where(eq(logisticsStoreParcels.waybillNo, waybillNo));
  if (row === undefined) throw LogisticsErrors.LOGISTICS_STORE_PARCEL_NOT_FOUND({ detail: `No parcel ${waybillNo}.` });
  return viewOf(db, row);
}

/** A store's parcels, newest waybill first (the counter's list); cursor pages over the waybill. */
export async function listStoreParcels(
  db: Executor,
  query: { storeCode?: string | undefined; cursor?: string | undefined; limit?: number | undefined },
): Promise<Page<StoreParcelView>> {
  const limit = Math.min(pageLimit(query.limit), LogisticsLimits.storeParcelsPageMax);
  const where: SQL[] = [];
  if (query.storeCode !== undefined) where.push(eq(logisticsStoreParcels.storeCode, query.storeCode));
  if (query.cursor !== undefined) {
    const [waybillNo] = decodeCursor(query.cursor);
    if (typeof waybillNo !== 'string') {
      throw KernelErrors.VALIDATION_FAILED({
        errors: [{ path: '/query/cursor', message: 'Invalid cursor', code: 'INVALID_CURSOR' }],
      });
    }
    where.push(lt(logisticsStoreParcels.waybillNo, waybillNo));
  }
  const rows = await db
    .select()
    .from(logisticsStoreParcels)
    .where(and(...where))
    .orderBy(desc(logisticsStoreParcels.waybillNo))
    .limit(limit + 1);
  const page = toPage(rows, limit, (r) => [r.waybillNo]);
  return { data: await Promise.all(page.data.map((r) => viewOf(db, r))), nextCursor: page.nextCursor };
}

/**
 * Records a counter scan on the store carrier and applies it to the shipment like a courier's
 * tracking event (the shipment machine, `logistics.shipment_*` events), in the caller's transaction.
 */
export async function applyCounterScan(
  tx: Executor,
  deps: StoreCounterDeps,
  options: { waybillNo: string; scan: StoreScan; staff: string; now: Date },
): Promise<TrackingEvent> {
  const carrier = await storePickupCarrier(tx, deps.clock);
  const event = await carrier.recordStoreScan(options);
  await applyCarrierEvents(tx, { carrier: storePickupCarrierCode, events: [event], now: options.now });
  return event;
}

/**
 * Issues a new pick-up code for a parcel on the shelf (the older one stops counting) and sends it to
 * the customer (in-app and SMS, notification module), in the caller's transaction.
 */
export async function issuePickupCode(
  tx: Executor,
  deps: StoreCounterDeps,
  options: { row: StoreParcelRow; store: PickupStoreView; shelfUntil: Date; now: Date },
): Promise<{ codeId: string }> {
  const { row, now } = options;
  const day = businessDateOf(now, deps.timeZone);
  const outcome = await issueCode(tx, {
    secret: pickupCodeSecret(deps.masterKey),
    policy: pickupCodePolicy,
    subject: pickupCodeSubject(row.waybillNo),
    binding: row.waybillNo,
    id: newId('pkc', deps.clock),
    now,
    dayStart: startOfDayInstant(day, deps.timeZone),
    nextDayStart: startOfDayInstant(addDays(day, 1), deps.timeZone),
  });
  if (outcome.kind !== 'issued') {
    throw LogisticsErrors.LOGISTICS_PICKUP_CODE_SEND_LIMIT({
      detail: `At most ${LogisticsLimits.pickupCodesPerDay} pick-up codes a day for one parcel.`,
    });
  }
  const [shipment] = await tx
    .select({ summary: logisticsShipments.summary })
    .from(logisticsShipments)
    .where(
      and(eq(logisticsShipments.carrier, storePickupCarrierCode), eq(logisticsShipments.waybillNo, row.waybillNo)),
    );
  const customerId = shipment?.summary.customerId ?? null;
  if (customerId !== null) {
    await notify(tx, deps, {
      customerId,
      category: 'orders',
      template: 'logistics.pickup_ready',
      params: {
        store: options.store.name['zh-CN'],
        address: options.store.addressLine,
        pickupCode: outcome.code,
        // The last day on the shelf (the code expires at the end of it).
        shelfUntil: businessDateOf(new Date(options.shelfUntil.getTime() - 1), deps.timeZone),
      },
      dedupeKey: `${outcome.id}:logistics.pickup_ready`,
    });
  }
  await tx
    .update(logisticsStoreParcels)
    .set({ codeId: outcome.id, shelfUntil: options.shelfUntil, updatedAt: now })
    .where(eq(logisticsStoreParcels.waybillNo, row.waybillNo));
  return { codeId: outcome.id };
}

/** The end of the shelf time: the end of the business day `pickupShelfDays` after the arrival's. */
export function shelfEnd(arrivedAt: Date, timeZone: string): Date {
  return startOfDayInstant(addDays(businessDateOf(arrivedAt, timeZone), LogisticsLimits.pickupShelfDays + 1), timeZone);
}

export { dayMs };
