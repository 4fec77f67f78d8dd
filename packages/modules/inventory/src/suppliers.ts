// Suppliers: the firms units come from; their views and reads.

import type { Executor } from '@zulin/db';
import { asc, eq } from 'drizzle-orm';
import { InventoryErrors } from './errors';
import { InventoryLimits } from './limits';
import { inventorySuppliers } from './schema';

export type SupplierRow = typeof inventorySuppliers.$inferSelect;

export interface SupplierView {
  id: string;
  name: string;
  contactName: string;
  contactPhone: string;
  partnerId: string | null;
  active: boolean;
  createdAt: string;
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

export async function loadSupplier(tx: Executor, supplierId: string): Promise<SupplierRow> {
  const [row] = await tx.select().from(inventorySuppliers).where(eq(inventorySuppliers.id, supplierId));
  if (!row) throw InventoryErrors.INVENTORY_SUPPLIER_NOT_FOUND({ detail: `No supplier ${supplierId}.` });
  return row;
}

export async function listSuppliers(db: Executor): Promise<SupplierView[]> {
  const rows = await db
    .select()
    .from(inventorySuppliers)
    .orderBy(asc(inventorySuppliers.name))
    .limit(InventoryLimits.suppliersListMax);
  return rows.map(supplierView);
}
