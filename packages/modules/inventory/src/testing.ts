// Helpers for other modules' tests: a SKU with units in stock, without going through HTTP.

import { randomInt } from 'node:crypto';
import { createPlan, createProduct, createSku } from '@zulin/catalog';
import { type Executor, transaction } from '@zulin/db';
import { createWarehouse } from './create-warehouse';
import { withCheckDigit } from './imei';
import { insertUnit } from './units';

/** A random valid IMEI under a test TAC (99 is the GSMA's prefix for test equipment). */
export function randomTestImei(): string {
  return withCheckDigit(
    `99${String(randomInt(0, 1_000_000)).padStart(6, '0')}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`,
  );
}

let counter = 0;

/** Creates a product, a SKU with a 12-month plan, a warehouse and `units` units in stock. */
export async function createTestStock(
  db: Executor,
  options: { units: number; now: Date; today?: string; marketPriceMinor?: number },
): Promise<{ productId: string; skuId: string; planId: string; warehouseId: string; unitIds: string[] }> {
  counter++;
  const actor = { kind: 'system' as const };
  const now = options.now;
  const tag = `${counter}-${randomInt(0, 1_000_000)}`;
  const product = await createProduct(db, { input: { brand: 'Apple', model: `Test Phone ${tag}` }, actor, now });
  const sku = await createSku(db, {
    input: {
      productId: product.id,
      storageGb: 256,
      colour: '黑色',
      condition: 'new',
      marketPriceMinor: options.marketPriceMinor ?? 599_900,
    },
    actor,
    now,
  });
  const plan = await createPlan(db, {
    input: { skuId: sku.id, termUnit: 'month', termCount: 12, rentMinor: 25_900, buyoutAtEndMinor: 150_000 },
    actor,
    now,
  });
  const warehouse = await createWarehouse(db, {
    input: { code: `T${tag}`, name: `测试仓 ${tag}`, city: '北京' },
    actor,
    now,
  });
  const today = options.today ?? now.toISOString().slice(0, 10);
  const unitIds = await transaction(db, async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < options.units; i++) {
      const unit = await insertUnit(tx, {
        input: {
          skuId: sku.id,
          imei: randomTestImei(),
          serialNumber: `SN${tag}-${i}`,
          warehouseId: warehouse.id,
          costMinor: 450_000,
        },
        actor,
        now,
        today,
        reason: { code: 'demo_stock' },
      });
      ids.push(unit.id);
    }
    return ids;
  });
  return { productId: product.id, skuId: sku.id, planId: plan.id, warehouseId: warehouse.id, unitIds };
}
