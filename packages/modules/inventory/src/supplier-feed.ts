// The inventory feed suppliers push through the partner API: per model, the quantity they can
// deliver and their price. The latest report per (partner, model) is kept and shown to operators.
import type { Executor } from '@zulin/db';
import { decodeCursor, KernelErrors, type Page, pageLimit, toPage } from '@zulin/kernel';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { inventorySupplierFeed, inventorySuppliers } from './schema';

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
