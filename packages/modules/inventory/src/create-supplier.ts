// Registers a supplier (one name once).
import type { Executor } from '@zulin/db';
import { newId } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { type Actor, audit } from './audit';
import { InventoryErrors } from './errors';
import { inventorySuppliers } from './schema';
import { type SupplierView, supplierView } from './suppliers';

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
