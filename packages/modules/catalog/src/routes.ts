// The catalog's HTTP API: the public catalog (search, product page, plans, offers, images) and the
// console's editors under /v1/admin. Thin: validate, authorize, call the use case, shape the reply.
import multipart from '@fastify/multipart';
import type { AppContext } from '@zulin/platform';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  ConditionSchema,
  IdParams,
  OfferBody,
  OfferPatchBody,
  OfferSchema,
  PageQuery,
  PlanBody,
  PlanPatchBody,
  PlanSchema,
  ProductBody,
  ProductCardSchema,
  ProductDetailSchema,
  ProductPatchBody,
  ProductSchema,
  ProductStatusSchema,
  pageOf,
  SkuBody,
  SkuPatchBody,
  SkuSchema,
} from './api-schemas';
import type { Actor } from './audit';
import { publishProduct, unpublishProduct } from './change-product-status';
import { createInstallmentOffer } from './create-installment-offer';
import { createPlan } from './create-plan';
import { createProduct } from './create-product';
import { createSku } from './create-sku';
import { CatalogErrors } from './errors';
import { addProductImage, readImage, removeProductImage } from './images';
import { CatalogLimits } from './limits';
import {
  getInstallmentOffer,
  getPlan,
  getProduct,
  getSku,
  listInstallmentOffers,
  listPlans,
  listProductsForStaff,
  listSkusForStaff,
} from './read-catalog';
import { type SearchSort, searchProducts, searchSorts } from './search-products';
import { updateInstallmentOffer } from './update-installment-offer';
import { updatePlan } from './update-plan';
import { updateProduct } from './update-product';
import { updateSku } from './update-sku';

export function actorOf(request: FastifyRequest): Actor {
  const principal = request.principal;
  if (principal?.kind === 'staff') return principal;
  if (principal?.kind === 'customer') return principal;
  if (principal?.kind === 'partner') return principal;
  return { kind: 'system' };
}

const read = { auth: { permission: 'catalog.read' as const } };
const write = { auth: { permission: 'catalog.write' as const } };
const adminTags = ['catalog (admin)'];
const publicTags = ['catalog'];

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

export function catalogRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const db = ctx.database.db;
    await app.register(multipart, { limits: { fileSize: CatalogLimits.imageBytesMax, files: 1, fields: 5 } });

    // ---- public ----------------------------------------------------------------------------
    app.get(
      '/v1/products',
      {
        config: { auth: 'public' },
        schema: {
          tags: publicTags,
          summary: 'Search published products (Chinese and English), filter, sort and page',
          description:
            'Every query token must match a SKU of the product (brand in Chinese or English, model, storage such as 256G, colour, condition). One card per product with the figures of its matching SKUs.',
          querystring: SearchQuery,
          response: { 200: pageOf(ProductCardSchema, 'ProductCardPage') },
        },
      },
      async (request) => {
        const query = request.query as Record<string, unknown> & { sort?: SearchSort };
        return searchProducts(db, query);
      },
    );

    app.get(
      '/v1/products/:id',
      {
        config: { auth: 'public' },
        schema: {
          tags: publicTags,
          summary: 'A published product with its SKUs',
          params: IdParams,
          response: { 200: ProductDetailSchema },
        },
      },
      async (request) => getProduct(db, { productId: (request.params as { id: string }).id, audience: 'public' }),
    );

    app.get(
      '/v1/skus/:id/plans',
      {
        config: { auth: 'public' },
        schema: {
          tags: publicTags,
          summary: 'The active rental plans of a SKU',
          params: IdParams,
          response: { 200: Type.Object({ data: Type.Array(PlanSchema) }) },
        },
      },
      async (request) => ({
        data: await listPlans(db, { skuId: (request.params as { id: string }).id, audience: 'public' }),
      }),
    );

    app.get(
      '/v1/skus/:id/installment-offers',
      {
        config: { auth: 'public' },
        schema: {
          tags: publicTags,
          summary: 'The active installment offers of a SKU',
          params: IdParams,
          response: { 200: Type.Object({ data: Type.Array(OfferSchema) }) },
        },
      },
      async (request) => ({
        data: await listInstallmentOffers(db, { skuId: (request.params as { id: string }).id, audience: 'public' }),
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
          response: { 200: Type.String({ contentEncoding: 'binary', description: 'The image bytes' }) },
        },
      },
      async (request, reply) => {
        const image = await readImage(ctx.config.dataDir, (request.params as { file: string }).file);
        return reply
          .type(image.contentType)
          .header('cache-control', 'public, max-age=31536000, immutable')
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
          .header('x-content-type-options', 'nosniff')
          .send(image.bytes);
      },
    );

    // ---- admin: products -------------------------------------------------------------------
    app.get(
      '/v1/admin/products',
      {
        config: read,
        schema: {
          tags: adminTags,
          summary: 'List products of any status, newest first',
          querystring: Type.Object({
            status: Type.Optional(ProductStatusSchema),
            brand: Type.Optional(Type.String({ maxLength: 40 })),
            q: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the model or series' })),
            ...PageQuery,
          }),
          response: { 200: pageOf(ProductSchema, 'ProductPage') },
        },
      },
      async (request) => listProductsForStaff(db, request.query as Parameters<typeof listProductsForStaff>[1]),
    );

    app.get(
      '/v1/admin/products/:id',
      {
        config: read,
        schema: {
          tags: adminTags,
          summary: 'A product with all its SKUs',
          params: IdParams,
          response: { 200: ProductDetailSchema },
        },
      },
      async (request) => getProduct(db, { productId: (request.params as { id: string }).id, audience: 'staff' }),
    );

    app.post(
      '/v1/admin/products',
      {
        config: write,
        schema: {
          tags: adminTags,
          summary: 'Create a product (draft)',
          body: ProductBody,
          response: { 201: ProductSchema },
        },
      },
      async (request, reply) => {
        const product = await createProduct(db, {
          input: request.body as Parameters<typeof createProduct>[1]['input'],
          actor: actorOf(request),
          now: ctx.clock.now(),
        });
        return reply.status(201).send(product);
      },
    );

    app.patch(
      '/v1/admin/products/:id',
      {
        config: write,
        schema: {
          tags: adminTags,
          summary: 'Edit a product',
          params: IdParams,
          body: ProductPatchBody,
          response: { 200: ProductSchema },
        },
      },
      async (request) =>
        updateProduct(db, {
          productId: (request.params as { id: string }).id,
          patch: request.body as Parameters<typeof updateProduct>[1]['patch'],
          actor: actorOf(request),
          now: ctx.clock.now(),
        }),
    );

    app.post(
      '/v1/admin/products/:id/publish',
      {
        config: write,
        schema: {
          tags: adminTags,
          summary: 'Publish a product (needs a SKU with a rental plan)',
          params: IdParams,
          response: { 200: ProductSchema },
        },
      },
      async (request) =>
        publishProduct(db, {
          productId: (request.params as { id: string }).id,
          actor: actorOf(request),
          now: ctx.clock.now(),
        }),
    );

    app.post(
      '/v1/admin/products/:id/unpublish',
      {
        config: write,
        schema: {
          tags: adminTags,
          summary: 'Take a product off the public catalog',
          params: IdParams,
          body: Type.Optional(
            Type.Object({ reason: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
          ),
          response: { 200: ProductSchema },
        },
      },
      async (request) =>
        unpublishProduct(db, {
          productId: (request.params as { id: string }).id,
          actor: actorOf(request),
          now: ctx.clock.now(),
          ...((request.body as { reason?: string } | undefined)?.reason
            ? { reason: (request.body as { reason: string }).reason }
            : {}),
        }),
    );

    app.post(
      '/v1/admin/products/:id/images',
      {
        config: write,
        schema: {
          tags: adminTags,
          summary: 'Upload a product image (multipart field "file"; PNG, JPEG or WebP)',
          description: `At most ${CatalogLimits.imageBytesMax} bytes and ${CatalogLimits.imagesPerProductMax} images per product; the type is read from the file's first bytes.`,
          params: IdParams,
          consumes: ['multipart/form-data'],
          response: { 201: ProductSchema },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart()) {
          throw CatalogErrors.CATALOG_IMAGE_TYPE_UNSUPPORTED({
            detail: 'Send multipart/form-data with a "file" field.',
          });
        }
        const part = await request.file();
        if (part === undefined) {
          throw CatalogErrors.CATALOG_IMAGE_TYPE_UNSUPPORTED({ detail: 'The form has no file.' });
        }
        let bytes: Buffer;
        try {
          bytes = await part.toBuffer();
        } catch (error) {
          if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw CatalogErrors.CATALOG_IMAGE_TOO_LARGE({
              detail: `Images may be at most ${CatalogLimits.imageBytesMax} bytes.`,
            });
          }
          throw error;
        }
        const product = await addProductImage(db, {
          productId: (request.params as { id: string }).id,
          bytes,
          dataDir: ctx.config.dataDir,
          actor: actorOf(request),
          now: ctx.clock.now(),
        });
        return reply.status(201).send(product);
      },
    );

    app.delete(
      '/v1/admin/products/:id/images/:file',
      {
        config: write,
        schema: {
          tags: adminTags,
          summary: 'Remove an image from a product',
          params: Type.Object({ id: Type.String({ maxLength: 64 }), file: Type.String({ maxLength: 80 }) }),
          response: { 200: ProductSchema },
        },
      },
      async (request) => {
        const params = request.params as { id: string; file: string };
        return removeProductImage(db, {
          productId: params.id,
          file: params.file,
          actor: actorOf(request),
          now: ctx.clock.now(),
        });
      },
    );

    // ---- admin: SKUs -----------------------------------------------------------------------
    app.get(
      '/v1/admin/skus',
      {
        config: read,
        schema: {
          tags: adminTags,
          summary: 'List SKUs, optionally of one product',
          querystring: Type.Object({ productId: Type.Optional(Type.String({ maxLength: 64 })), ...PageQuery }),
          response: { 200: pageOf(SkuSchema, 'SkuPage') },
        },
      },
      async (request) => listSkusForStaff(db, request.query as Parameters<typeof listSkusForStaff>[1]),
    );

    app.get(
      '/v1/admin/skus/:id',
      { config: read, schema: { tags: adminTags, summary: 'A SKU', params: IdParams, response: { 200: SkuSchema } } },
      async (request) => getSku(db, { skuId: (request.params as { id: string }).id, audience: 'staff' }),
    );

    app.post(
      '/v1/admin/skus',
      {
        config: write,
        schema: { tags: adminTags, summary: 'Add a SKU to a product', body: SkuBody, response: { 201: SkuSchema } },
      },
      async (request, reply) => {
        const sku = await createSku(db, {
          input: request.body as Parameters<typeof createSku>[1]['input'],
          actor: actorOf(request),
          now: ctx.clock.now(),
        });
        return reply.status(201).send(sku);
      },
    );

    app.patch(
      '/v1/admin/skus/:id',
      {
        config: write,
        schema: {
          tags: adminTags,
          summary: 'Edit a SKU',
          params: IdParams,
          body: SkuPatchBody,
          response: { 200: SkuSchema },
        },
      },
      async (request) =>
        updateSku(db, {
          skuId: (request.params as { id: string }).id,
          patch: request.body as Parameters<typeof updateSku>[1]['patch'],
          actor: actorOf(request),
          now: ctx.clock.now(),
        }),
    );

    // ---- admin: rental plans ---------------------------------------------------------------
    app.get(
      '/v1/admin/plans',
      {
        config: read,
        schema: {
          tags: adminTags,
          summary: 'The rental plans of a SKU, retired ones included',
          querystring: Type.Object({ skuId: Type.String({ maxLength: 64 }) }),
          response: { 200: Type.Object({ data: Type.Array(PlanSchema) }) },
        },
      },
      async (request) => ({
        data: await listPlans(db, { skuId: (request.query as { skuId: string }).skuId, audience: 'staff' }),
      }),
    );

    app.get(
      '/v1/admin/plans/:id',
      {
        config: read,
        schema: { tags: adminTags, summary: 'A rental plan', params: IdParams, response: { 200: PlanSchema } },
      },
      async (request) => getPlan(db, (request.params as { id: string }).id),
    );

    app.post(
      '/v1/admin/plans',
      {
        config: write,
        schema: {
          tags: adminTags,
          summary: 'Add a rental plan to a SKU',
          body: PlanBody,
          response: { 201: PlanSchema },
        },
      },
      async (request, reply) => {
        const plan = await createPlan(db, {
          input: request.body as Parameters<typeof createPlan>[1]['input'],
          actor: actorOf(request),
          now: ctx.clock.now(),
        });
        return reply.status(201).send(plan);
      },
    );

    app.patch(
      '/v1/admin/plans/:id',
      {
        config: write,
        schema: {
          tags: adminTags,
          summary: 'Edit or retire a rental plan',
          params: IdParams,
          body: PlanPatchBody,
          response: { 200: PlanSchema },
        },
      },
      async (request) =>
        updatePlan(db, {
          planId: (request.params as { id: string }).id,
          patch: request.body as Parameters<typeof updatePlan>[1]['patch'],
          actor: actorOf(request),
          now: ctx.clock.now(),
        }),
    );

    app.delete(
      '/v1/admin/plans/:id',
      {
        config: write,
        schema: {
          tags: adminTags,
          summary: 'Retire a rental plan (kept for the orders placed on it)',
          params: IdParams,
          response: { 200: PlanSchema },
        },
      },
      async (request) =>
        updatePlan(db, {
          planId: (request.params as { id: string }).id,
          patch: { active: false },
          actor: actorOf(request),
          now: ctx.clock.now(),
        }),
    );

    // ---- admin: installment offers ---------------------------------------------------------
    app.get(
      '/v1/admin/installment-offers',
      {
        config: read,
        schema: {
          tags: adminTags,
          summary: 'The installment offers of a SKU, retired ones included',
          querystring: Type.Object({ skuId: Type.String({ maxLength: 64 }) }),
          response: { 200: Type.Object({ data: Type.Array(OfferSchema) }) },
        },
      },
      async (request) => ({
        data: await listInstallmentOffers(db, { skuId: (request.query as { skuId: string }).skuId, audience: 'staff' }),
      }),
    );

    app.get(
      '/v1/admin/installment-offers/:id',
      {
        config: read,
        schema: { tags: adminTags, summary: 'An installment offer', params: IdParams, response: { 200: OfferSchema } },
      },
      async (request) => getInstallmentOffer(db, (request.params as { id: string }).id),
    );

    app.post(
      '/v1/admin/installment-offers',
      {
        config: write,
        schema: {
          tags: adminTags,
          summary: 'Add an installment offer to a SKU',
          description: `Refused (422 CATALOG_OFFER_RATE_ABOVE_CAP) when its annualised rate exceeds ${CatalogLimits.annualRateCapBps} bps.`,
          body: OfferBody,
          response: { 201: OfferSchema },
        },
      },
      async (request, reply) => {
        const offer = await createInstallmentOffer(db, {
          input: request.body as Parameters<typeof createInstallmentOffer>[1]['input'],
          actor: actorOf(request),
          now: ctx.clock.now(),
        });
        return reply.status(201).send(offer);
      },
    );

    app.patch(
      '/v1/admin/installment-offers/:id',
      {
        config: write,
        schema: {
          tags: adminTags,
          summary: 'Edit or retire an installment offer',
          params: IdParams,
          body: OfferPatchBody,
          response: { 200: OfferSchema },
        },
      },
      async (request) =>
        updateInstallmentOffer(db, {
          offerId: (request.params as { id: string }).id,
          patch: request.body as Parameters<typeof updateInstallmentOffer>[1]['patch'],
          actor: actorOf(request),
          now: ctx.clock.now(),
        }),
    );

    app.delete(
      '/v1/admin/installment-offers/:id',
      {
        config: write,
        schema: {
          tags: adminTags,
          summary: 'Retire an installment offer',
          params: IdParams,
          response: { 200: OfferSchema },
        },
      },
      async (request) =>
        updateInstallmentOffer(db, {
          offerId: (request.params as { id: string }).id,
          patch: { active: false },
          actor: actorOf(request),
          now: ctx.clock.now(),
        }),
    );
  };
}
