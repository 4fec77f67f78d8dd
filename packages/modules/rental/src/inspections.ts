// What the inspection use cases share (inspect-return.ts, capture-deposit.ts, dispute-inspection.ts,
// close-settled-orders.ts): the row, what is left of an order's deposit hold, the pricing of a grade
// for this order (settle-inspection.ts, never another formula), and the reads of the returns desk.

import { readSkuNames } from '@zulin/catalog';
import type { Executor } from '@zulin/db';
import { customerLabels } from '@zulin/identity';
import { getUnit } from '@zulin/inventory';
import { type BusinessDate, decodeCursor, KernelErrors, type Page, pageLimit, toPage } from '@zulin/kernel';
import { type DepositAuthorisation, getAuthorisation } from '@zulin/payments';
import { and, asc, desc, eq, gt, inArray, lt, or, type SQL } from 'drizzle-orm';
import { type DamagePriceList, damageUnitPriceMinor, defaultDamagePriceList } from './damage-price-list';
import { RentalErrors } from './errors';
import type { OrderRow } from './order-store';
import { residualValueMinor } from './residual-value';
import { rentalInspections, rentalOrders } from './schema';
import {
  type DepositSettlement,
  type InspectionCharge,
  type InspectionFinding,
  type InspectionGrade,
  settleInspection,
} from './settle-inspection';

export type InspectionRow = typeof rentalInspections.$inferSelect;

const openHoldStates: readonly DepositAuthorisation['state'][] = ['authorised', 'partially_captured'];

/** The order's deposit hold as it stands: what was authorised and what may still be taken or given back. */
export async function depositHold(
  db: Executor,
  order: Pick<OrderRow, 'depositAuthorisationId' | 'depositAuthorisedAt'>,
): Promise<{ authorisation: DepositAuthorisation | null; heldMinor: number }> {
  if (order.depositAuthorisationId === null || order.depositAuthorisedAt === null) {
    return { authorisation: null, heldMinor: 0 };
  }
  const a = await getAuthorisation(db, order.depositAuthorisationId);
  const heldMinor = openHoldStates.includes(a.state) ? a.amountMinor - a.capturedMinor - a.releasedMinor : 0;
  return { authorisation: a, heldMinor };
}

/**
 * The damage price list in force. Operators may change prices (DOMAIN §5); until the console has a
 * screen for it, the defaults of damage-price-list.ts apply.
 */
export function damagePriceListInForce(): DamagePriceList {
  return defaultDamagePriceList;
}

/** The rent's first day, from which the phone depreciates (the delivery day's next day). */
export function valueFromOf(order: OrderRow): BusinessDate {
  const from = order.rentStartDate ?? order.deliveredOn;
  if (from === null) throw RentalErrors.RENTAL_NOT_STARTED();
  return from;
}

/** Prices a grade for this order's phone as of `inspectedOn` and splits it over the hold left now. */
export async function priceReturn(
  db: Executor,
  order: OrderRow,
  options: { grade: InspectionGrade; findings: readonly InspectionFinding[]; inspectedOn: BusinessDate },
): Promise<InspectionCharge & { settlement: DepositSettlement; depositHeldMinor: number }> {
  const { heldMinor } = await depositHold(db, order);
  const priced = settleInspection({
    grade: options.grade,
    findings: options.findings,
    priceList: damagePriceListInForce(),
    marketPriceMinor: order.marketPriceMinor,
    rentStartDate: valueFromOf(order),
    inspectedOn: options.inspectedOn,
    depositHeldMinor: heldMinor,
  });
  return { ...priced, depositHeldMinor: heldMinor };
}

/** The price list as it applies to this phone today: each item's unit price in 分. */
export function priceListFor(order: OrderRow, asOf: BusinessDate) {
  const residual = residualValueMinor({
    marketPriceMinor: order.marketPriceMinor,
    valueFrom: valueFromOf(order),
    asOf,
  });
  return {
    residualValueMinor: residual,
    items: damagePriceListInForce().map((item) => ({
      code: item.code,
      label: item.label,
      countable: item.countable,
      unitMinor: damageUnitPriceMinor(item.price, order.marketPriceMinor, residual),
    })),
  };
}

export async function inspectionOfOrder(db: Executor, orderId: string): Promise<InspectionRow | undefined> {
  const [row] = await db.select().from(rentalInspections).where(eq(rentalInspections.orderId, orderId));
  return row;
}

export async function lockInspection(tx: Executor, id: string): Promise<InspectionRow> {
  const [row] = await tx.select().from(rentalInspections).where(eq(rentalInspections.id, id)).for('update');
  if (row === undefined) throw RentalErrors.RENTAL_INSPECTION_NOT_FOUND();
  return row;
}

/** What the returns desk shows of an order: names, not ids (customer masked, product, IMEI). */
export interface DeskEntry {
  order: OrderRow;
  customer: { nameMasked: string | null; phoneMasked: string; label: string } | null;
  device: { productName: string; imei: string | null } | null;
  inspection: InspectionRow | null;
}

export async function deskEntries(
  db: Executor,
  options: { masterKey: Buffer; today: BusinessDate },
  orders: OrderRow[],
): Promise<DeskEntry[]> {
  const labels = await customerLabels(
    db,
    options.masterKey,
    orders.map((o) => o.customerId),
  );
  const { today } = options;
  const ids = orders.map((o) => o.id);
  const inspections =
    ids.length === 0 ? [] : await db.select().from(rentalInspections).where(inArray(rentalInspections.orderId, ids));
  const names = await readSkuNames(
    db,
    orders.map((o) => o.skuId),
  );
  const out: DeskEntry[] = [];
  for (const order of orders) {
    out.push({
      order,
      customer: labels.get(order.customerId) ?? null,
      device: await deviceOf(db, order, names.get(order.skuId) ?? order.skuId, today),
      inspection: inspections.find((i) => i.orderId === order.id) ?? null,
    });
  }
  return out;
}

async function deviceOf(
  db: Executor,
  order: OrderRow,
  productName: string,
  today: BusinessDate,
): Promise<DeskEntry['device']> {
  if (order.unitId === null) return { productName, imei: null };
  const unit = await getUnit(db, { unitId: order.unitId, today: today }).catch(() => null);
  return { productName, imei: unit?.imei ?? null };
}

/**
 * The returns desk's queue: orders waiting to be graded (`inspecting`, oldest first), with
 * `status: returning` those the courier has collected and not yet delivered (oldest first: the
 * longest in transit, where a lost parcel shows), or with `status: settled` those graded (newest
 * first), by cursor.
 */
export async function listInspectionQueue(
  db: Executor,
  options: {
    status?: 'returning' | 'inspecting' | 'settled' | undefined;
    cursor?: string | undefined;
    limit?: number | undefined;
  },
): Promise<Page<OrderRow>> {
  const limit = pageLimit(options.limit);
  const status = options.status ?? 'inspecting';
  const oldestFirst = status !== 'settled';
  const conditions: (SQL | undefined)[] = [eq(rentalOrders.status, status)];
  if (options.cursor !== undefined) {
    const [at, id] = decodeCursor(options.cursor);
    if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at))) {
      throw KernelErrors.VALIDATION_FAILED({
        errors: [{ path: '/query/cursor', message: 'Invalid cursor', code: 'INVALID_CURSOR' }],
      });
    }
    const after = new Date(at);
    conditions.push(
      oldestFirst
        ? or(gt(rentalOrders.updatedAt, after), and(eq(rentalOrders.updatedAt, after), gt(rentalOrders.id, id)))
        : or(lt(rentalOrders.updatedAt, after), and(eq(rentalOrders.updatedAt, after), lt(rentalOrders.id, id))),
    );
  }
  const rows = await db
    .select()
    .from(rentalOrders)
    .where(and(...conditions))
    .orderBy(
      oldestFirst ? asc(rentalOrders.updatedAt) : desc(rentalOrders.updatedAt),
      oldestFirst ? asc(rentalOrders.id) : desc(rentalOrders.id),
    )
    .limit(limit + 1);
  return toPage(rows, limit, (r) => [r.updatedAt.toISOString(), r.id]);
}

/** One order's row (no lock); with `customerId`, another customer's order is not found. */
export async function readOrderRow(db: Executor, orderId: string, customerId?: string): Promise<OrderRow> {
  const conditions = [eq(rentalOrders.id, orderId)];
  if (customerId !== undefined) conditions.push(eq(rentalOrders.customerId, customerId));
  const [order] = await db
    .select()
    .from(rentalOrders)
    .where(and(...conditions));
  if (order === undefined) throw RentalErrors.RENTAL_ORDER_NOT_FOUND();
  return order;
}

/** My order's inspection: another customer's order, or none graded yet, is not found. */
export async function customerInspection(db: Executor, orderId: string, customerId: string): Promise<InspectionRow> {
  const order = await readOrderRow(db, orderId, customerId);
  const inspection = await inspectionOfOrder(db, order.id);
  if (inspection === undefined) throw RentalErrors.RENTAL_INSPECTION_NOT_FOUND();
  return inspection;
}
