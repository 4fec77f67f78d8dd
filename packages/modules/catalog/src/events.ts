// The catalog module's events (docs/modules.md, "Events").
import { defineEvents, type EventPayloads } from '@zulin/db';
import type { ProductStatus } from './schema';

type StatusChange = { productId: string; from: ProductStatus; to: ProductStatus };

export const CatalogEvents = defineEvents({
  'catalog.product_published': (p: StatusChange) => p,
  'catalog.product_unpublished': (p: StatusChange) => p,
  'catalog.sku_price_changed': (p: { skuId: string; fromMinor: number; toMinor: number }) => p,
  /** The operator changed the rate cap (LPR, multiple): rate-cap-settings.ts. */
  'catalog.rate_cap_changed': (p: { changedBy: string; keys: string[]; effectiveFrom: string }) => p,
});

declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof CatalogEvents> {}
}
