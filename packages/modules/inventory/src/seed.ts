// Demo stock for `zulin seed`: two warehouses (北京仓, 深圳仓), two suppliers, and units of the
// demo catalog's SKUs with valid IMEIs — new SKUs in both warehouses, every other 99新 SKU in one —,
// purchase dates over the last six months, and a few units out on rent or in repair.
// Idempotent: nothing is added once the Beijing warehouse exists.
import { getProduct, listSkusForStaff, type SkuView } from '@zulin/catalog';
import { type Executor, emitEvents, transaction } from '@zulin/db';
import { recordAudits } from '@zulin/identity';
import { addDays, today as businessToday, newId } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { createSupplier } from './create-supplier';
import { createWarehouse } from './create-warehouse';
import { tacOf, withCheckDigit } from './imei';
import { moveOrderUnit } from './move-order-unit';
import { reserveUnit } from './reserve-unit';
import { inventoryUnitHistory, inventoryUnits, inventoryWarehouses } from './schema';
import { transitionUnit } from './unit-transitions';

const actor = { kind: 'system' as const };

// Real-looking Type Allocation Codes per brand (8 digits); the serial part is generated.
const tacByBrand: Record<string, string> = {
  apple: '35391711',
  huawei: '86751104',
  xiaomi: '86281906',
  oppo: '86957305',
  vivo: '86384106',
  honor: '86093407',
  samsung: '35469828',
};

const skuPagesMax = 50;

export async function seedInventory(
  db: Executor,
  options: { now: Date; timeZone: string },
): Promise<{ created: number }> {
  const { now } = options;
  const [seeded] = await db
    .select({ id: inventoryWarehouses.id })
    .from(inventoryWarehouses)
    .where(eq(inventoryWarehouses.code, 'BJ01'));
  if (seeded) return { created: 0 };
  const today = businessToday({ now: () => now }, options.timeZone);
  const beijing = await createWarehouse(db, {
    input: { code: 'BJ01', name: '北京仓', city: '北京', address: '北京市大兴区亦庄经济开发区科创十三街 18 号' },
    actor,
    now,
  });
  const shenzhen = await createWarehouse(db, {
    input: { code: 'SZ01', name: '深圳仓', city: '深圳', address: '深圳市龙华区观澜街道观光路 1288 号' },
    actor,
    now,
  });
  const suppliers = [
    await createSupplier(db, {
      input: { name: '深圳华强北数码供应链有限公司', contactName: '王经理', contactPhone: '0755-8888 6612' },
      actor,
      now,
    }),
    await createSupplier(db, {
      input: { name: '北京中关村优品通讯器材有限公司', contactName: '李经理', contactPhone: '010-6255 3108' },
      actor,
      now,
    }),
  ];
  let created = 4;

  const skus: SkuView[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < skuPagesMax; page++) {
    const result = await listSkusForStaff(db, { limit: 100, ...(cursor ? { cursor } : {}) });
    skus.push(...result.data);
    if (result.nextCursor === null) break;
    cursor = result.nextCursor;
  }
  skus.sort((a, b) => a.id.localeCompare(b.id));
  const brandOfProduct = new Map<string, string>();
  let serial = 0;
  await transaction(db, async (tx) => {
    // The units go in as one statement per table (units, their history, the audit log, the outbox):
    // the demo has hundreds of units, and one use case call per unit made the first start slow.
    const units: (typeof inventoryUnits.$inferInsert & { id: string; skuId: string })[] = [];
    for (const [index, sku] of skus.entries()) {
      if (!brandOfProduct.has(sku.productId)) {
        brandOfProduct.set(
          sku.productId,
          (await getProduct(tx, { productId: sku.productId, audience: 'staff' })).brand,
        );
      }
      const tac = tacByBrand[brandOfProduct.get(sku.productId) ?? ''] ?? '35000000';
      const places =
        // Two new phones of each SKU per warehouse and two of each used one: the demo's rentals and
        // installment orders take some, and a visitor can still rent or buy any phone the shop shows
        // (the product page does not yet say which versions are out of stock).
        sku.condition === 'new'
          ? [beijing, beijing, shenzhen, shenzhen]
          : index % 2 === 0
            ? [beijing, beijing]
            : [shenzhen, shenzhen];
      for (const warehouse of places) {
        serial++;
        const imei = withCheckDigit(
          `${tac}${String(100_000 + serial * 37)
            .padStart(6, '0')
            .slice(-6)}`,
        );
        units.push({
          id: newId('unit'),
          skuId: sku.id,
          imei,
          tac: tacOf(imei),
          serialNumber: `${tac.slice(0, 2)}${String(serial).padStart(6, '0')}ZL`,
          grade: sku.condition === 'new' ? 'new' : 'A',
          state: 'in_stock',
          warehouseId: warehouse.id,
          location: `${warehouse.code === 'BJ01' ? 'A' : 'B'}-${String((serial % 12) + 1).padStart(2, '0')}-${String((serial % 40) + 1).padStart(2, '0')}`,
          costMinor: Math.round((sku.marketPriceMinor * (sku.condition === 'new' ? 0.86 : 0.7)) / 100) * 100,
          supplierId: suppliers[serial % 2]?.id ?? null,
          purchaseDate: addDays(today, -(serial % 180)),
          createdAt: now,
          updatedAt: now,
        });
      }
    }
    if (units.length === 0) return;
    await tx.insert(inventoryUnits).values(units);
    await tx.insert(inventoryUnitHistory).values(
      units.map((unit) => ({
        id: newId('uhis'),
        unitId: unit.id,
        fromState: null,
        toState: 'in_stock' as const,
        actorKind: actor.kind,
        actorId: null,
        reason: null,
        reasonCode: 'demo_stock',
        reasonParams: {},
        orderRef: null,
        at: now,
      })),
    );
    await recordAudits(
      tx,
      units.map((unit) => ({
        actor,
        action: 'inventory.unit_received',
        targetType: 'unit',
        targetId: unit.id,
        detail: { from: null, to: 'in_stock', reasonCode: 'demo_stock', reasonParams: {} },
        at: now,
      })),
    );
    await emitEvents(
      tx,
      now,
      units.map((unit) => ({
        type: 'inventory.unit_received',
        aggregateType: 'unit',
        aggregateId: unit.id,
        payload: {
          unitId: unit.id,
          skuId: unit.skuId,
          from: null,
          to: 'in_stock',
          orderRef: null,
          reason: null,
          reasonCode: 'demo_stock',
          reasonParams: {},
        },
      })),
    );
    created += units.length;
    for (const [index, unit] of units.entries()) await demoLife(tx, unit.id, unit.skuId, index + 1, now);
  });
  return { created };
}

/** Some demo units are out on rent or in repair, so the console's lists look like a working fleet. */
async function demoLife(tx: Executor, unitId: string, skuId: string, serial: number, now: Date): Promise<void> {
  if (serial % 7 === 0) {
    const orderRef = `demo_order_${serial}`;
    const held = await reserveUnit(tx, { skuId, orderRef, now });
    for (const step of ['ship', 'deliver'] as const)
      await moveOrderUnit(tx, { unitId: held.unitId, orderRef, step, now });
  } else if (serial % 23 === 0) {
    await transitionUnit(tx, { unitId, to: 'repair', actor, reason: '质检发现电池健康度低于 85%，送修更换电池', now });
  }
}
