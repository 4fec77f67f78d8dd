// Procurement orders: lines of SKU × quantity × unit cost from a supplier into a warehouse,
// draft → ordered → partially_received → received (or cancelled before anything arrived).
// Receiving registers each phone as a unit by its IMEI, at the line's unit cost.
import { getSku } from '@zulin/catalog';
import { type Executor, emitEvent } from '@zulin/db';
import { type BusinessDate, decodeCursor, KernelErrors, newId, type Page, pageLimit, toPage } from '@zulin/kernel';
import { and, asc, desc, eq, lt, type SQL } from 'drizzle-orm';
import { type Actor, audit } from './audit';
import { InventoryErrors } from './errors';
import { InventoryLimits } from './limits';
import { FieldProblems } from './problems';
import {
  inventoryProcurementLines,
  inventoryProcurementOrders,
  type ProcurementStatus,
  type UnitGrade,
} from './schema';
import { assertImei, insertUnit } from './units';
import { loadSupplier, loadWarehouse } from './warehouses';

export interface ProcurementLineView {
  id: string;
  lineNo: number;
  skuId: string;
  quantity: number;
  unitCostMinor: number;
  receivedQuantity: number;
}

export interface ProcurementOrderView {
  id: string;
  supplierId: string;
  warehouseId: string;
  status: ProcurementStatus;
  note: string;
  currency: string;
  totalCostMinor: number;
  lines: ProcurementLineView[];
  createdAt: string;
  orderedAt: string | null;
  receivedAt: string | null;
}

type OrderRow = typeof inventoryProcurementOrders.$inferSelect;
type LineRow = typeof inventoryProcurementLines.$inferSelect;

function orderView(order: OrderRow, lines: LineRow[]): ProcurementOrderView {
  return {
    id: order.id,
    supplierId: order.supplierId,
    warehouseId: order.warehouseId,
    status: order.status,
    note: order.note,
    currency: order.currency,
    totalCostMinor: lines.reduce((sum, l) => sum + l.quantity * l.unitCostMinor, 0),
    lines: lines.map((l) => ({
      id: l.id,
      lineNo: l.lineNo,
      skuId: l.skuId,
      quantity: l.quantity,
      unitCostMinor: l.unitCostMinor,
      receivedQuantity: l.receivedQuantity,
    })),
    createdAt: order.createdAt.toISOString(),
    orderedAt: order.orderedAt?.toISOString() ?? null,
    receivedAt: order.receivedAt?.toISOString() ?? null,
  };
}

async function loadOrder(tx: Executor, orderId: string, lock = false): Promise<{ order: OrderRow; lines: LineRow[] }> {
  const query = tx.select().from(inventoryProcurementOrders).where(eq(inventoryProcurementOrders.id, orderId));
  const [order] = lock ? await query.for('update') : await query;
  if (!order) throw InventoryErrors.INVENTORY_PROCUREMENT_NOT_FOUND({ detail: `No procurement order ${orderId}.` });
  const lines = await tx
    .select()
    .from(inventoryProcurementLines)
    .where(eq(inventoryProcurementLines.orderId, orderId))
    .orderBy(asc(inventoryProcurementLines.lineNo))
    .limit(InventoryLimits.linesPerProcurementMax);
  return { order, lines };
}

export async function getProcurementOrder(db: Executor, orderId: string): Promise<ProcurementOrderView> {
  const { order, lines } = await loadOrder(db, orderId);
  return orderView(order, lines);
}

export async function createProcurementOrder(
  tx: Executor,
  options: {
    input: {
      supplierId: string;
      warehouseId: string;
      note?: string;
      lines: { skuId: string; quantity: number; unitCostMinor: number }[];
    };
    actor: Actor;
    now: Date;
  },
): Promise<ProcurementOrderView> {
  const { input, actor, now } = options;
  const problems = new FieldProblems();
  problems.check(
    input.lines.length >= 1 && input.lines.length <= InventoryLimits.linesPerProcurementMax,
    '/body/lines',
    `an order has 1 to ${InventoryLimits.linesPerProcurementMax} lines`,
  );
  input.lines.forEach((line, i) => {
    problems.check(
      Number.isInteger(line.quantity) && line.quantity >= 1 && line.quantity <= InventoryLimits.quantityPerLineMax,
      `/body/lines/${i}/quantity`,
      `must be an integer from 1 to ${InventoryLimits.quantityPerLineMax}`,
    );
    problems.check(
      Number.isSafeInteger(line.unitCostMinor) &&
        line.unitCostMinor >= 0 &&
        line.unitCostMinor <= InventoryLimits.amountMinorMax,
      `/body/lines/${i}/unitCostMinor`,
      'must be a non-negative integer of 分',
    );
  });
  problems.throwIfAny();
  await loadSupplier(tx, input.supplierId);
  await loadWarehouse(tx, input.warehouseId);
  for (const line of input.lines) await getSku(tx, { skuId: line.skuId, audience: 'staff' });
  const [order] = await tx
    .insert(inventoryProcurementOrders)
    .values({
      id: newId('po'),
      supplierId: input.supplierId,
      warehouseId: input.warehouseId,
      status: 'draft',
      note: input.note?.trim() ?? '',
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!order) throw new Error('insert returns the row');
  const lines = await tx
    .insert(inventoryProcurementLines)
    .values(input.lines.map((line, i) => ({ id: newId('pol'), orderId: order.id, lineNo: i + 1, ...line })))
    .returning();
  await audit(tx, {
    actor,
    action: 'inventory.procurement_created',
    targetType: 'procurement_order',
    targetId: order.id,
    at: now,
  });
  return orderView(order, lines);
}

const statusMoves: Record<'place' | 'cancel', { from: readonly ProcurementStatus[]; to: ProcurementStatus }> = {
  place: { from: ['draft'], to: 'ordered' },
  cancel: { from: ['draft', 'ordered'], to: 'cancelled' },
};

/** Places (draft → ordered) or cancels (before anything was received) a procurement order. */
export async function changeProcurementStatus(
  tx: Executor,
  options: { orderId: string; action: 'place' | 'cancel'; actor: Actor; now: Date },
): Promise<ProcurementOrderView> {
  const { orderId, action, actor, now } = options;
  const move = statusMoves[action];
  const { order, lines } = await loadOrder(tx, orderId, true);
  if (!move.from.includes(order.status)) {
    throw InventoryErrors.INVENTORY_PROCUREMENT_INVALID_STATUS({
      detail: `A ${order.status} order cannot be ${action}d.`,
    });
  }
  const [row] = await tx
    .update(inventoryProcurementOrders)
    .set({ status: move.to, updatedAt: now, ...(action === 'place' ? { orderedAt: now } : {}) })
    .where(eq(inventoryProcurementOrders.id, orderId))
    .returning();
  if (!row) throw new Error('the locked order exists');
  const type = action === 'place' ? 'inventory.procurement_ordered' : 'inventory.procurement_cancelled';
  await audit(tx, {
    actor,
    action: type,
    targetType: 'procurement_order',
    targetId: orderId,
    detail: { from: order.status },
    at: now,
  });
  await emitEvent(tx, now, {
    type,
    aggregateType: 'procurement_order',
    aggregateId: orderId,
    payload: { orderId, from: order.status, to: move.to },
  });
  return orderView(row, lines);
}

export interface ReceivedUnitInput {
  lineId: string;
  imei: string;
  serialNumber: string;
  grade?: UnitGrade;
  location?: string;
}

/**
 * Receives phones into stock, one unit per IMEI, all in one transaction: a bad IMEI or a duplicate
 * fails the whole receipt, so a half-scanned box is never half-booked.
 */
export async function receiveProcurement(
  tx: Executor,
  options: { orderId: string; units: ReceivedUnitInput[]; actor: Actor; now: Date; today: BusinessDate },
): Promise<ProcurementOrderView> {
  const { orderId, units, actor, now, today } = options;
  if (units.length < 1 || units.length > InventoryLimits.unitsPerReceiptMax) {
    throw KernelErrors.VALIDATION_FAILED({
      errors: [{ path: '/body/units', message: `a receipt has 1 to ${InventoryLimits.unitsPerReceiptMax} units` }],
    });
  }
  for (const [i, u] of units.entries()) assertImei(u.imei, `/body/units/${i}/imei`);
  const { order, lines } = await loadOrder(tx, orderId, true);
  if (order.status !== 'ordered' && order.status !== 'partially_received') {
    throw InventoryErrors.INVENTORY_PROCUREMENT_INVALID_STATUS({
      detail: `A ${order.status} order cannot receive units.`,
    });
  }
  const lineById = new Map(lines.map((l) => [l.id, { ...l }]));
  for (const [i, unit] of units.entries()) {
    const line = lineById.get(unit.lineId);
    if (!line) {
      throw KernelErrors.VALIDATION_FAILED({
        errors: [{ path: `/body/units/${i}/lineId`, message: 'not a line of this order' }],
      });
    }
    if (line.receivedQuantity >= line.quantity) {
      throw InventoryErrors.INVENTORY_PROCUREMENT_OVER_RECEIVED({
        detail: `Line ${line.lineNo} ordered ${line.quantity} units.`,
      });
    }
    line.receivedQuantity += 1;
    await insertUnit(tx, {
      input: {
        skuId: line.skuId,
        imei: unit.imei,
        serialNumber: unit.serialNumber,
        warehouseId: order.warehouseId,
        costMinor: line.unitCostMinor,
        grade: unit.grade ?? 'new',
        location: unit.location ?? '',
        supplierId: order.supplierId,
        purchaseDate: today,
        procurementOrderId: order.id,
      },
      actor,
      now,
      today,
      reason: `received on procurement order ${order.id} line ${line.lineNo}`,
    });
  }
  const updated = [...lineById.values()];
  for (const line of updated) {
    await tx
      .update(inventoryProcurementLines)
      .set({ receivedQuantity: line.receivedQuantity })
      .where(eq(inventoryProcurementLines.id, line.id));
  }
  const complete = updated.every((l) => l.receivedQuantity >= l.quantity);
  const status: ProcurementStatus = complete ? 'received' : 'partially_received';
  const [row] = await tx
    .update(inventoryProcurementOrders)
    .set({ status, updatedAt: now, ...(complete ? { receivedAt: now } : {}) })
    .where(eq(inventoryProcurementOrders.id, orderId))
    .returning();
  if (!row) throw new Error('the locked order exists');
  await audit(tx, {
    actor,
    action: 'inventory.procurement_received',
    targetType: 'procurement_order',
    targetId: orderId,
    detail: { units: units.length, status },
    at: now,
  });
  await emitEvent(tx, now, {
    type: 'inventory.procurement_received',
    aggregateType: 'procurement_order',
    aggregateId: orderId,
    payload: { orderId, units: units.length, status },
  });
  return orderView(
    row,
    updated.sort((a, b) => a.lineNo - b.lineNo),
  );
}

export async function listProcurementOrders(
  db: Executor,
  options: { status?: ProcurementStatus; supplierId?: string; limit?: number; cursor?: string },
): Promise<Page<ProcurementOrderView>> {
  const limit = pageLimit(options.limit);
  const conditions: (SQL | undefined)[] = [];
  if (options.status) conditions.push(eq(inventoryProcurementOrders.status, options.status));
  if (options.supplierId) conditions.push(eq(inventoryProcurementOrders.supplierId, options.supplierId));
  if (options.cursor !== undefined) {
    const [id] = decodeCursor(options.cursor);
    if (typeof id !== 'string') {
      throw KernelErrors.VALIDATION_FAILED({
        errors: [{ path: '/query/cursor', message: 'Invalid cursor', code: 'INVALID_CURSOR' }],
      });
    }
    conditions.push(lt(inventoryProcurementOrders.id, id));
  }
  const orders = await db
    .select()
    .from(inventoryProcurementOrders)
    .where(and(...conditions))
    .orderBy(desc(inventoryProcurementOrders.id))
    .limit(limit + 1);
  const page = toPage(orders, limit, (o) => [o.id]);
  const data: ProcurementOrderView[] = [];
  for (const order of page.data) {
    const { lines } = await loadOrder(db, order.id);
    data.push(orderView(order, lines));
  }
  return { data, nextCursor: page.nextCursor };
}
