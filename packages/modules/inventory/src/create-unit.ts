// Registers one phone as a unit by its IMEI by hand, outside a procurement order.
import { getSku } from '@zulin/catalog';
import type { Executor } from '@zulin/db';
import type { BusinessDate } from '@zulin/kernel';
import type { Actor } from './audit';
import { loadSupplier } from './suppliers';
import { assertImei, insertUnit, type UnitInput, type UnitView, unitView } from './units';
import { loadWarehouse } from './warehouses';

export async function createUnit(
  tx: Executor,
  options: { input: UnitInput; actor: Actor; now: Date; today: BusinessDate },
): Promise<UnitView> {
  const { input } = options;
  assertImei(input.imei);
  await getSku(tx, { skuId: input.skuId, audience: 'staff' });
  await loadWarehouse(tx, input.warehouseId);
  if (input.supplierId) await loadSupplier(tx, input.supplierId);
  const row = await insertUnit(tx, {
    ...options,
    reason: { code: 'unit_registered' },
  });
  return unitView(row, options.today);
}
