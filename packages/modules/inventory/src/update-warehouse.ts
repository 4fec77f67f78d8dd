// Renames, moves or deactivates a warehouse.
import type { Executor } from '@zulin/db';
import { eq } from 'drizzle-orm';
import { type Actor, audit } from './audit';
import { inventoryWarehouses } from './schema';
import { loadWarehouse, type WarehouseView, warehouseView } from './warehouses';

export async function updateWarehouse(
  tx: Executor,
  options: {
    warehouseId: string;
    patch: { name?: string; city?: string; address?: string; active?: boolean };
    actor: Actor;
    now: Date;
  },
): Promise<WarehouseView> {
  const { warehouseId, patch, actor, now } = options;
  await loadWarehouse(tx, warehouseId);
  const [row] = await tx
    .update(inventoryWarehouses)
    .set({
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.city !== undefined ? { city: patch.city.trim() } : {}),
      ...(patch.address !== undefined ? { address: patch.address.trim() } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      updatedAt: now,
    })
    .where(eq(inventoryWarehouses.id, warehouseId))
    .returning();
  if (!row) throw new Error('the warehouse exists');
  await audit(tx, {
    actor,
    action: 'inventory.warehouse_updated',
    targetType: 'warehouse',
    targetId: warehouseId,
    detail: { ...patch },
    at: now,
  });
  return warehouseView(row);
}
