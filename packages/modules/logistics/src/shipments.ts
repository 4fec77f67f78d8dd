// Shipments (logistics_shipments): the row, the view the console reads, and the reads (list with
// filters, one with its tracking events). What several use cases of a shipment share lives here.
import type { Executor } from '@zulin/db';
import { decodeCursor, KernelErrors, type Page, pageLimit, toPage } from '@zulin/kernel';
import { and, desc, eq, inArray, isNotNull, isNull, lt, notInArray, or, type SQL } from 'drizzle-orm';
import type { ShipmentDirection, TrackingEvent } from './carrier';
import { LogisticsErrors } from './errors';
import { type LostSettlement, logisticsShipments, type ShipmentSummary, type SuspectedLostReason } from './schema';
import { finalShipmentStates, type ShipmentState } from './shipment-states';

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
  /** Flagged for staff as possibly lost (a carrier's lost exception, or no scan for days); not lost. */
  suspectedLostAt: string | null;
  suspectedLostReason: SuspectedLostReason | null;
  /** Confirmed lost by staff (state `lost`). */
  lostAt: string | null;
  lostBy: string | null;
  lostReason: string | null;
  /** A lost parcel decided: another parcel went instead (补发) or the order was cancelled. */
  lostSettledAt: string | null;
  lostSettlement: LostSettlement | null;
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
    suspectedLostAt: row.suspectedLostAt?.toISOString() ?? null,
    suspectedLostReason: row.suspectedLostReason,
    lostAt: row.lostAt?.toISOString() ?? null,
    lostBy: row.lostBy,
    lostReason: row.lostReason,
    lostSettledAt: row.lostSettledAt?.toISOString() ?? null,
    lostSettlement: row.lostSettlement,
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
  /** Only parcels flagged as suspected lost and not finished (the desk's 疑似丢失 list). */
  suspectedLost?: boolean | undefined;
  /**
   * Only outbound parcels that still need a decision at the desk's 丢失处理 card: flagged as possibly
   * lost and not finished, or confirmed lost and neither re-shipped nor its order cancelled.
   */
  awaitingLostDecision?: boolean | undefined;
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
  if (query.suspectedLost === true) {
    conditions.push(isNotNull(logisticsShipments.suspectedLostAt));
    conditions.push(notInArray(logisticsShipments.state, [...finalShipmentStates]));
  }
  if (query.awaitingLostDecision === true) {
    conditions.push(eq(logisticsShipments.direction, 'outbound'));
    const pending = or(
      and(
        isNotNull(logisticsShipments.suspectedLostAt),
        notInArray(logisticsShipments.state, [...finalShipmentStates]),
      ),
      and(eq(logisticsShipments.state, 'lost'), isNull(logisticsShipments.lostSettledAt)),
    );
    if (pending) conditions.push(pending);
  }
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
