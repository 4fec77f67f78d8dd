// The inventory feed suppliers push through the partner API: per model, the quantity they can
// deliver and their price. The latest report per (partner, model) is kept and shown to operators.
import type { Executor } from '@zulin/db';
import { decodeCursor, KernelErrors, newId, type Page, pageLimit, toPage } from '@zulin/kernel';
import { and, desc, eq, lt, type SQL, sql } from 'drizzle-orm';
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

export interface FeedItemView {
  id: string;
  partnerId: string;
  supplierId: string | null;
  supplierName: string | null;
  model: string;
  description: string;
  skuId: string | null;
  quantity: number;
  priceMinor: number;
  currency: string;
  reportedAt: string;
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

export async function listSupplierFeed(
  db: Executor,
  options: { supplierId?: string; partnerId?: string; limit?: number; cursor?: string },
): Promise<Page<FeedItemView>> {
  const limit = pageLimit(options.limit);
  const conditions: (SQL | undefined)[] = [];
  if (options.supplierId) conditions.push(eq(inventorySupplierFeed.supplierId, options.supplierId));
  if (options.partnerId) conditions.push(eq(inventorySupplierFeed.partnerId, options.partnerId));
  if (options.cursor !== undefined) {
    const [id] = decodeCursor(options.cursor);
    if (typeof id !== 'string') {
      throw KernelErrors.VALIDATION_FAILED({
        errors: [{ path: '/query/cursor', message: 'Invalid cursor', code: 'INVALID_CURSOR' }],
      });
    }
    conditions.push(lt(inventorySupplierFeed.id, id));
  }
  const rows = await db
    .select({ feed: inventorySupplierFeed, supplierName: inventorySuppliers.name })
    .from(inventorySupplierFeed)
    .leftJoin(inventorySuppliers, eq(inventorySuppliers.id, inventorySupplierFeed.supplierId))
    .where(and(...conditions))
    .orderBy(desc(inventorySupplierFeed.id))
    .limit(limit + 1);
  const page = toPage(rows, limit, (r) => [r.feed.id]);
  return {
    data: page.data.map(({ feed, supplierName }) => ({
      id: feed.id,
      partnerId: feed.partnerId,
      supplierId: feed.supplierId,
      supplierName,
      model: feed.model,
      description: feed.description,
      skuId: feed.skuId,
      quantity: feed.quantity,
      priceMinor: feed.priceMinor,
      currency: feed.currency,
      reportedAt: feed.reportedAt.toISOString(),
    })),
    nextCursor: page.nextCursor,
  };
}
