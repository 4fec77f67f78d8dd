// Procurement orders: lines of SKU × quantity × unit cost from a supplier into a warehouse,
// draft → ordered → partially_received → received (or cancelled before anything arrived).
// Receiving registers each phone as a unit by its IMEI, at the line's unit cost.
import type { Executor } from '@zulin/db';
import { decodeCursor, KernelErrors, type Page, pageLimit, toPage } from '@zulin/kernel';
import { and, asc, desc, eq, lt, type SQL } from 'drizzle-orm';
import { InventoryErrors } from './errors';
import { InventoryLimits } from './limits';
import { inventoryProcurementLines, inventoryProcurementOrders, type ProcurementStatus } from './schema';

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

export function orderView(order: OrderRow, lines: LineRow[]): ProcurementOrderView {
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

export async function loadOrder(
  tx: Executor,
  orderId: string,
  lock = false,
): Promise<{ order: OrderRow; lines: LineRow[] }> {
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
