// Warehouses (北京仓, 深圳仓, …): the places units live; their views and reads (suppliers.ts holds the firms units come from).

import type { Executor } from '@zulin/db';
import { asc, eq } from 'drizzle-orm';
import { InventoryErrors } from './errors';
import { InventoryLimits } from './limits';
import { inventoryWarehouses } from './schema';

export type WarehouseRow = typeof inventoryWarehouses.$inferSelect;

export interface WarehouseView {
  id: string;
  code: string;
  name: string;
  city: string;
  address: string;
  active: boolean;
  createdAt: string;
}

export function warehouseView(row: WarehouseRow): WarehouseView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    city: row.city,
    address: row.address,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function loadWarehouse(tx: Executor, warehouseId: string): Promise<WarehouseRow> {
  const [row] = await tx.select().from(inventoryWarehouses).where(eq(inventoryWarehouses.id, warehouseId));
  if (!row) throw InventoryErrors.INVENTORY_WAREHOUSE_NOT_FOUND({ detail: `No warehouse ${warehouseId}.` });
  return row;
}

/** All warehouses; a business has a handful (bounded by InventoryLimits.warehousesListMax). */
export async function listWarehouses(db: Executor): Promise<WarehouseView[]> {
  const rows = await db
    .select()
    .from(inventoryWarehouses)
    .orderBy(asc(inventoryWarehouses.code))
    .limit(InventoryLimits.warehousesListMax);
  return rows.map(warehouseView);
}
