// A rental order's parcels with their tracking, for the customer's order page (the rental module's
// customer route reads it through index.ts): each parcel's direction, carrier, waybill and state,
// and its events oldest first with the time in the business time zone. Nothing about the recipient
// (the customer knows their own address; the summary's masked fields are for the console).

import type { Executor } from '@zulin/db';
import { localDateTimeOf } from '@zulin/kernel';
import { asc, eq } from 'drizzle-orm';
import type { ExceptionReason, ShipmentDirection, Text } from './carrier';
import { logisticsShipments } from './schema';
import type { ShipmentState } from './shipment-states';

export interface TrackedEvent {
  state: ShipmentState;
  /** ISO 8601 instant. */
  at: string;
  /** `YYYY-MM-DD HH:mm` in the business time zone. */
  localTime: string;
  location: string;
  description: Text;
  exceptionReason: ExceptionReason | null;
}

export interface TrackedParcel {
  direction: ShipmentDirection;
  carrier: string;
  waybillNo: string;
  state: ShipmentState;
  deliveredAt: string | null;
  events: TrackedEvent[];
}

/** The order's parcels, oldest first, each with its events oldest first. */
export async function orderTracking(db: Executor, orderRef: string, timeZone: string): Promise<TrackedParcel[]> {
  const rows = await db
    .select()
    .from(logisticsShipments)
    .where(eq(logisticsShipments.orderRef, orderRef))
    .orderBy(asc(logisticsShipments.createdAt), asc(logisticsShipments.id));
  return rows.map((row) => ({
    direction: row.direction,
    carrier: row.carrier,
    waybillNo: row.waybillNo,
    state: row.state,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    events: [...row.events]
      .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt))
      .map((e) => ({
        state: e.state,
        at: new Date(e.occurredAt).toISOString(),
        localTime: localDateTimeOf(new Date(e.occurredAt), timeZone).slice(0, 16),
        location: e.location,
        description: e.description,
        exceptionReason: e.exceptionReason ?? null,
      })),
  }));
}
