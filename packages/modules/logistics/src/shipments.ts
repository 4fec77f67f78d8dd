// Shipments (logistics_shipments): the row, the view the console reads, and the reads (list with
// filters, one with its tracking events). What several use cases of a shipment share lives here.
import type { Executor } from '@zulin/db';
import { decodeCursor, KernelErrors, type Page, pageLimit, toPage } from '@zulin/kernel';
import { and, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import type { ShipmentDirection, TrackingEvent } from './carrier';
import { LogisticsErrors } from './errors';
import { logisticsShipments, type ShipmentSummary } from './schema';
import type { ShipmentState } from './shipment-states';

export type ShipmentRow = typeof logisticsShipments.$inferSelect;

export interface ShipmentView {
  id: string;
  direction: ShipmentDirection;
  orderRef: string;
  carrier: string;
  waybillNo: string;
  state: ShipmentState;
  summary: ShipmentSummary;
  lastEventAt: string | null;
  firstScanAt: string | null;
  deliveredAt: string | null;
  /** The latest event received, for a list row. */
  lastEvent: TrackingEvent | null;
  createdAt: string;
}

export interface ShipmentDetail extends ShipmentView {
  /** Every event received, oldest first by when it happened. */
  events: TrackingEvent[];
}

export function shipmentView(row: ShipmentRow): ShipmentView {
  const byTime = sortedEvents(row.events);
  return {
    id: row.id,
    direction: row.direction,
    orderRef: row.orderRef,
    carrier: row.carrier,
    waybillNo: row.waybillNo,
    state: row.state,
    summary: row.summary,
    lastEventAt: row.lastEventAt?.toISOString() ?? null,
    firstScanAt: row.firstScanAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    lastEvent: byTime.at(-1) ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function shipmentDetail(row: ShipmentRow): ShipmentDetail {
  return { ...shipmentView(row), events: sortedEvents(row.events) };
}

function sortedEvents(events: readonly TrackingEvent[]): TrackingEvent[] {
  return [...events].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
}

export interface ShipmentQuery {
  direction?: ShipmentDirection | undefined;
  states?: readonly ShipmentState[] | undefined;
  orderRef?: string | undefined;
  waybillNo?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** Shipments, newest first, by direction, states, order or waybill. */
export async function listShipments(db: Executor, query: ShipmentQuery): Promise<Page<ShipmentView>> {
  const limit = pageLimit(query.limit);
  const conditions: SQL[] = [];
  if (query.direction) conditions.push(eq(logisticsShipments.direction, query.direction));
  if (query.states && query.states.length > 0) conditions.push(inArray(logisticsShipments.state, [...query.states]));
  if (query.orderRef) conditions.push(eq(logisticsShipments.orderRef, query.orderRef));
  if (query.waybillNo)
    conditions.push(eq(logisticsShipments.waybillNo, query.waybillNo.replaceAll(' ', '').toUpperCase()));
  if (query.cursor !== undefined) {
    const [id] = decodeCursor(query.cursor);
    if (typeof id !== 'string') {
      throw KernelErrors.VALIDATION_FAILED({
        errors: [{ path: '/query/cursor', message: 'Invalid cursor', code: 'INVALID_CURSOR' }],
      });
    }
    conditions.push(lt(logisticsShipments.id, id));
  }
  const rows = await db
    .select()
    .from(logisticsShipments)
    .where(and(...conditions))
    .orderBy(desc(logisticsShipments.id))
    .limit(limit + 1);
  const page = toPage(rows, limit, (r) => [r.id]);
  return { data: page.data.map(shipmentView), nextCursor: page.nextCursor };
}

export async function loadShipment(db: Executor, shipmentId: string, lock = false): Promise<ShipmentRow> {
  const query = db.select().from(logisticsShipments).where(eq(logisticsShipments.id, shipmentId));
  const [row] = lock ? await query.for('update') : await query;
  if (row === undefined) throw LogisticsErrors.LOGISTICS_SHIPMENT_NOT_FOUND();
  return row;
}

export async function getShipment(db: Executor, shipmentId: string): Promise<ShipmentDetail> {
  return shipmentDetail(await loadShipment(db, shipmentId));
}

/** The live (not cancelled) shipments of an order, newest first. */
export async function shipmentsOfOrder(db: Executor, orderRef: string): Promise<ShipmentView[]> {
  const rows = await db
    .select()
    .from(logisticsShipments)
    .where(eq(logisticsShipments.orderRef, orderRef))
    .orderBy(desc(logisticsShipments.id));
  return rows.map(shipmentView);
}
