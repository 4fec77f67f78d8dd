// Receives phones against an ordered procurement: each becomes a unit by its IMEI at the line's
// unit cost; the order becomes partially received or received.
import { type Executor, emitEvent } from '@zulin/db';
import { type BusinessDate, KernelErrors } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { type Actor, audit } from './audit';
import { InventoryErrors } from './errors';
import { InventoryLimits } from './limits';
import { loadOrder, orderView, type ProcurementOrderView } from './procurement-orders';
import {
  inventoryProcurementLines,
  inventoryProcurementOrders,
  type ProcurementStatus,
  type UnitGrade,
} from './schema';
import { assertImei, insertUnit } from './units';

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
      reason: {
        code: 'procurement_received',
        params: { procurementOrderId: order.id, line: String(line.lineNo) },
      },
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
