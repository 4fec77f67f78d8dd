// A draft procurement order: lines of SKU × quantity × unit cost from a supplier into a warehouse.
import { getSku } from '@zulin/catalog';
import type { Executor } from '@zulin/db';
import { newId } from '@zulin/kernel';
import { type Actor, audit } from './audit';
import { InventoryLimits } from './limits';
import { FieldProblems } from './problems';
import { orderView, type ProcurementOrderView } from './procurement-orders';
import { inventoryProcurementLines, inventoryProcurementOrders } from './schema';
import { loadSupplier } from './suppliers';
import { loadWarehouse } from './warehouses';

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
