// Warehouses (北京仓, 深圳仓, …) and suppliers: the places units live and the firms they come from.
import type { Executor } from '@zulin/db';
import { newId } from '@zulin/kernel';
import { asc, eq } from 'drizzle-orm';
import { type Actor, audit } from './audit';
import { InventoryErrors } from './errors';
import { inventorySuppliers, inventoryWarehouses } from './schema';

export type WarehouseRow = typeof inventoryWarehouses.$inferSelect;
export type SupplierRow = typeof inventorySuppliers.$inferSelect;

export interface WarehouseView {
  id: string;
  code: string;
  name: string;
  city: string;
  address: string;
  active: boolean;
  createdAt: string;
}

export interface SupplierView {
  id: string;
  name: string;
  contactName: string;
  contactPhone: string;
  partnerId: string | null;
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

export function supplierView(row: SupplierRow): SupplierView {
  return {
    id: row.id,
    name: row.name,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    partnerId: row.partnerId,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function loadWarehouse(tx: Executor, warehouseId: string): Promise<WarehouseRow> {
  const [row] = await tx.select().from(inventoryWarehouses).where(eq(inventoryWarehouses.id, warehouseId));
  if (!row) throw InventoryErrors.INVENTORY_WAREHOUSE_NOT_FOUND({ detail: `No warehouse ${warehouseId}.` });
  return row;
}

export async function loadSupplier(tx: Executor, supplierId: string): Promise<SupplierRow> {
  const [row] = await tx.select().from(inventorySuppliers).where(eq(inventorySuppliers.id, supplierId));
  if (!row) throw InventoryErrors.INVENTORY_SUPPLIER_NOT_FOUND({ detail: `No supplier ${supplierId}.` });
  return row;
}

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

/** All warehouses; a business has a handful, bounded at 200. */
export async function listWarehouses(db: Executor): Promise<WarehouseView[]> {
  const rows = await db.select().from(inventoryWarehouses).orderBy(asc(inventoryWarehouses.code)).limit(200);
  return rows.map(warehouseView);
}

export async function createSupplier(
  tx: Executor,
  options: {
    input: { name: string; contactName?: string; contactPhone?: string; partnerId?: string | null };
    actor: Actor;
    now: Date;
  },
): Promise<SupplierView> {
  const { input, actor, now } = options;
  const name = input.name.trim();
  const [same] = await tx
    .select({ id: inventorySuppliers.id })
    .from(inventorySuppliers)
    .where(eq(inventorySuppliers.name, name));
  if (same) throw InventoryErrors.INVENTORY_SUPPLIER_EXISTS({ detail: `Supplier ${name} exists.` });
  if (input.partnerId) {
    const [linked] = await tx
      .select({ id: inventorySuppliers.id })
      .from(inventorySuppliers)
      .where(eq(inventorySuppliers.partnerId, input.partnerId));
    if (linked)
      throw InventoryErrors.INVENTORY_SUPPLIER_EXISTS({ detail: 'Another supplier is linked to this partner.' });
  }
  const [row] = await tx
    .insert(inventorySuppliers)
    .values({
      id: newId('sup'),
      name,
      contactName: input.contactName?.trim() ?? '',
      contactPhone: input.contactPhone?.trim() ?? '',
      partnerId: input.partnerId ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('insert returns the row');
  await audit(tx, {
    actor,
    action: 'inventory.supplier_created',
    targetType: 'supplier',
    targetId: row.id,
    detail: { name },
    at: now,
  });
  return supplierView(row);
}

export async function listSuppliers(db: Executor): Promise<SupplierView[]> {
  const rows = await db.select().from(inventorySuppliers).orderBy(asc(inventorySuppliers.name)).limit(500);
  return rows.map(supplierView);
}
