// Publish and unpublish: the transitions of a product's status. A product can be published only
// with at least one active SKU that has at least one active plan, so a customer never opens a
// product page with nothing to rent.
import { type Executor, emitEvent } from '@zulin/db';
import { and, eq, gt } from 'drizzle-orm';
import { type Actor, audit } from './audit';
import { CatalogErrors } from './errors';
import { catalogProducts, catalogSkus, type ProductStatus } from './schema';
import { loadProduct, type ProductView, productView } from './views';

const allowed: Record<'publish' | 'unpublish', { from: readonly ProductStatus[]; to: ProductStatus }> = {
  publish: { from: ['draft', 'unpublished'], to: 'published' },
  unpublish: { from: ['published'], to: 'unpublished' },
};

export async function publishProduct(
  tx: Executor,
  options: { productId: string; actor: Actor; now: Date },
): Promise<ProductView> {
  return changeProductStatus(tx, { ...options, action: 'publish' });
}

export async function unpublishProduct(
  tx: Executor,
  options: { productId: string; actor: Actor; now: Date; reason?: string },
): Promise<ProductView> {
  return changeProductStatus(tx, { ...options, action: 'unpublish' });
}

async function changeProductStatus(
  tx: Executor,
  options: { productId: string; action: 'publish' | 'unpublish'; actor: Actor; now: Date; reason?: string },
): Promise<ProductView> {
  const { productId, action, actor, now } = options;
  const rule = allowed[action];
  const current = await loadProduct(tx, productId, true);
  if (!rule.from.includes(current.status)) {
    throw CatalogErrors.CATALOG_INVALID_TRANSITION({
      detail: `A ${current.status} product cannot be ${action}ed.`,
    });
  }
  if (action === 'publish') {
    const [ready] = await tx
      .select({ id: catalogSkus.id })
      .from(catalogSkus)
      .where(and(eq(catalogSkus.productId, productId), eq(catalogSkus.active, true), gt(catalogSkus.planCount, 0)))
      .limit(1);
    if (!ready) throw CatalogErrors.CATALOG_PUBLISH_NOT_READY({ detail: 'Add a SKU and a rental plan first.' });
  }
  const [row] = await tx
    .update(catalogProducts)
    .set({
      status: rule.to,
      updatedAt: now,
      ...(action === 'publish' ? { publishedAt: current.publishedAt ?? now } : {}),
    })
    .where(eq(catalogProducts.id, productId))
    .returning();
  if (!row) throw new Error('the locked product exists');
  const eventType = action === 'publish' ? 'catalog.product_published' : 'catalog.product_unpublished';
  await audit(tx, {
    actor,
    action: eventType,
    targetType: 'product',
    targetId: productId,
    detail: { from: current.status, to: rule.to, ...(options.reason ? { reason: options.reason } : {}) },
    at: now,
  });
  await emitEvent(tx, now, {
    type: eventType,
    aggregateType: 'product',
    aggregateId: productId,
    payload: { productId, from: current.status, to: rule.to },
  });
  return productView(row);
}
