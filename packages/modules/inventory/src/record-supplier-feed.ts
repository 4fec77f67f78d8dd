// Records the inventory feed a supplier pushes (per model: quantity, price), the latest per (partner, model); audited.
import type { Executor } from '@zulin/db';
import { newId } from '@zulin/kernel';
import { eq, sql } from 'drizzle-orm';
import { type Actor, audit } from './audit';
import { InventoryLimits } from './limits';
import { FieldProblems } from './problems';
import { inventorySupplierFeed, inventorySuppliers } from './schema';

export interface FeedItemInput {
  model: string;
  description?: string;
  skuId?: string | null;
  quantity: number;
  priceMinor: number;
}

export async function recordSupplierFeed(
  tx: Executor,
  options: { partnerId: string; items: FeedItemInput[]; actor: Actor; now: Date },
): Promise<{ accepted: number }> {
  const { partnerId, items, actor, now } = options;
  const problems = new FieldProblems();
  problems.check(
    items.length >= 1 && items.length <= InventoryLimits.feedItemsMax,
    '/body/items',
    `send 1 to ${InventoryLimits.feedItemsMax} items`,
  );
  const seen = new Set<string>();
  items.forEach((item, i) => {
    problems.check(
      !seen.has(item.model),
      `/body/items/${i}/model`,
      'each model may appear once per report',
      'duplicate',
    );
    seen.add(item.model);
    problems.check(
      Number.isInteger(item.quantity) && item.quantity >= 0,
      `/body/items/${i}/quantity`,
      'must be a non-negative integer',
    );
    problems.check(
      Number.isSafeInteger(item.priceMinor) &&
        item.priceMinor >= 0 &&
        item.priceMinor <= InventoryLimits.amountMinorMax,
      `/body/items/${i}/priceMinor`,
      'must be a non-negative integer of 分',
    );
  });
  problems.throwIfAny();
  const [supplier] = await tx
    .select({ id: inventorySuppliers.id })
    .from(inventorySuppliers)
    .where(eq(inventorySuppliers.partnerId, partnerId));
  for (const item of items) {
    await tx
      .insert(inventorySupplierFeed)
      .values({
        id: newId('feed'),
        partnerId,
        supplierId: supplier?.id ?? null,
        model: item.model.trim(),
        description: item.description?.trim() ?? '',
        skuId: item.skuId ?? null,
        quantity: item.quantity,
        priceMinor: item.priceMinor,
        reportedAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [inventorySupplierFeed.partnerId, inventorySupplierFeed.model],
        set: {
          supplierId: supplier?.id ?? null,
          description: sql`excluded.description`,
          skuId: sql`excluded.sku_id`,
          quantity: sql`excluded.quantity`,
          priceMinor: sql`excluded.price_minor`,
          reportedAt: now,
          updatedAt: now,
        },
      });
  }
  await audit(tx, {
    actor,
    action: 'inventory.supplier_feed_received',
    targetType: 'partner',
    targetId: partnerId,
    detail: { items: items.length },
    at: now,
  });
  return { accepted: items.length };
}
