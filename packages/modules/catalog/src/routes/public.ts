// The public catalog: search, product pages, plans, offers and images.
import type { RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import {
  ConditionSchema,
  IdParams,
  OfferSchema,
  PageQuery,
  PlanSchema,
  ProductCardSchema,
  ProductDetailSchema,
  pageOf,
} from '../api-schemas';
import { readImage } from '../images';
import { CatalogLimits } from '../limits';
import { openCatalogReadCache, searchKey } from '../read-cache';
import { getProduct, listInstallmentOffers, listPlans } from '../read-catalog';
import { searchProducts, searchSorts } from '../search-products';

import { publicCaching, publicTags, sendAnswer, serialised } from './shared';

const SearchQuery = Type.Object({
  q: Type.Optional(
    Type.String({
      maxLength: CatalogLimits.searchQueryLengthMax,
      description: 'Chinese or English: "苹果 256G", "iphone pro"',
    }),
  ),
  brand: Type.Optional(Type.String({ maxLength: 40, description: 'Brand key or name: apple, 苹果, Huawei' })),
  storageGb: Type.Optional(Type.Integer({ minimum: 1 })),
  condition: Type.Optional(ConditionSchema),
  term: Type.Optional(Type.String({ pattern: '^(7d|15d|30d|3m|6m|12m|24m)$', description: 'A plan term: 7d … 24m' })),
  minRentMinor: Type.Optional(Type.Integer({ minimum: 0, description: 'Lowest monthly rent at least (分)' })),
  maxRentMinor: Type.Optional(Type.Integer({ minimum: 0, description: 'Lowest monthly rent at most (分)' })),
  minPriceMinor: Type.Optional(Type.Integer({ minimum: 0, description: 'Market price at least (分)' })),
  maxPriceMinor: Type.Optional(Type.Integer({ minimum: 0, description: 'Market price at most (分)' })),
  sort: Type.Optional(
    Type.Union(
      searchSorts.map((s) => Type.Literal(s)),
      { description: 'Default: relevance with a query, popularity without' },
    ),
  ),
  ...PageQuery,
});

export const publicRoutes: RoutesPlugin = async (app, { ctx }) => {
  const db = ctx.database.db;
  // Search, product pages and plans are answered from this process's read cache, cleared at every
  // catalog change (read-cache.ts); a hit sends the kept body and tag without a database round trip.
  const reads = openCatalogReadCache(ctx);
  app.addHook('onClose', async () => reads.close());
  const cache = reads.cache;

  app.get(
    '/v1/products',
    {
      config: { auth: 'public' },
      onSend: publicCaching,
      schema: {
        tags: publicTags,
        summary: 'Search published products (Chinese and English), filter, sort and page',
        description:
          'Every query token must match a SKU of the product (brand in Chinese or English, model, storage such as 256G, colour, condition). One card per product with the figures of its matching SKUs.',
        querystring: SearchQuery,
        response: { 200: pageOf(ProductCardSchema, 'ProductCardPage') },
      },
    },
    async (request, reply) =>
      sendAnswer(
        reply,
        await cache.read(searchKey(request.query), async () =>
          serialised(reply, await searchProducts(db, request.query)),
        ),
      ),
  );

  app.get(
    '/v1/products/:id',
    {
      config: { auth: 'public' },
      onSend: publicCaching,
      schema: {
        tags: publicTags,
        summary: 'A published product with its SKUs',
        params: IdParams,
        response: { 200: ProductDetailSchema },
      },
    },
    async (request, reply) =>
      sendAnswer(
        reply,
        await cache.read(JSON.stringify(['product', request.params.id]), async () =>
          serialised(reply, await getProduct(db, { productId: request.params.id, audience: 'public' })),
        ),
      ),
  );

  app.get(
    '/v1/skus/:id/plans',
    {
      config: { auth: 'public' },
      onSend: publicCaching,
      schema: {
        tags: publicTags,
        summary: 'The active rental plans of a SKU',
        params: IdParams,
        response: { 200: Type.Object({ data: Type.Array(PlanSchema) }) },
      },
    },
    async (request, reply) =>
      sendAnswer(
        reply,
        await cache.read(JSON.stringify(['plans', request.params.id]), async () =>
          serialised(reply, { data: await listPlans(db, { skuId: request.params.id, audience: 'public' }) }),
        ),
      ),
  );

  // Not cached: the public list hides offers above the rate cap, a setting saved outside the
  // catalog's audited use cases (read-cache.ts).
  app.get(
    '/v1/skus/:id/installment-offers',
    {
      config: { auth: 'public' },
      onSend: publicCaching,
      schema: {
        tags: publicTags,
        summary: 'The active installment offers of a SKU',
        params: IdParams,
        response: { 200: Type.Object({ data: Type.Array(OfferSchema) }) },
      },
    },
    async (request) => ({
      data: await listInstallmentOffers(db, { skuId: request.params.id, audience: 'public', at: ctx.clock.now() }),
    }),
  );

  app.get(
    '/v1/images/:file',
    {
      config: { auth: 'public' },
      schema: {
        tags: publicTags,
        summary: 'A product image (content-addressed, cacheable forever)',
        params: Type.Object({ file: Type.String({ maxLength: 80 }) }),
        response: {
          200: Type.Unsafe<Buffer>(Type.String({ contentEncoding: 'binary', description: 'The image bytes' })),
        },
      },
    },
    async (request, reply) => {
      const image = await readImage(ctx.config.dataDir, request.params.file);
      return reply
        .type(image.contentType)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .header('x-content-type-options', 'nosniff')
        .send(image.bytes);
    },
  );
};
