// Opens a warehouse (one code once).
import type { Executor } from '@zulin/db';
import { newId } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { type Actor, audit } from './audit';
import { InventoryErrors } from './errors';
import { inventoryWarehouses } from './schema';
import { type WarehouseView, warehouseView } from './warehouses';

export async function createWarehouse(
  tx: Executor,
  options: { input: { code: string; name: string; city: string; address?: string }; actor: Actor; now: Date },
): Promise<WarehouseView> {
  const { input, actor, now } = options;
  const code = input.code.trim().toUpperCase();
  const [same] = await tx
    .select({ id: inventoryWarehouses.id })
    .from(inventoryWarehouses)
    .where(eq(inventoryWarehouses.code, code));
  if (same) throw InventoryErrors.INVENTORY_WAREHOUSE_EXISTS({ detail: `Warehouse code ${code} is taken.` });
  const [row] = await tx
    .insert(inventoryWarehouses)
    .values({
      id: newId('wh'),
      code,
      name: input.name.trim(),
      city: input.city.trim(),
      address: input.address?.trim() ?? '',
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('insert returns the row');
  await audit(tx, {
    actor,
    action: 'inventory.warehouse_created',
    targetType: 'warehouse',
    targetId: row.id,
    detail: { code },
    at: now,
  });
  return warehouseView(row);
}
