// Products in the console: list, edit, publish, images.
import { command, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { addProductImage } from '../add-product-image';
import {
  IdParams,
  ImageColourBody,
  PageQuery,
  ProductBody,
  ProductDetailSchema,
  ProductPatchBody,
  ProductSchema,
  ProductStatusSchema,
  pageOf,
} from '../api-schemas';
import { publishProduct, unpublishProduct } from '../change-product-status';
import { createProduct } from '../create-product';
import { CatalogErrors } from '../errors';
import { CatalogLimits } from '../limits';
import { getProduct, listProductsForStaff } from '../read-catalog';
import { removeProductImage } from '../remove-product-image';
import { setProductImageColour } from '../set-image-colour';
import { updateProduct } from '../update-product';

import { actorOf, adminTags, read, write } from './shared';

export const productRoutes: RoutesPlugin = async (app, { ctx }) => {
  const db = ctx.database.db;

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
          q: Type.Optional(
            Type.String({
              maxLength: 100,
              description:
                'Search words as customers type them (brand in Chinese or English, model, storage, colour): every word must match',
            }),
          ),
          ...PageQuery,
        }),
        response: { 200: pageOf(ProductSchema, 'ProductPage') },
      },
    },
    async (request) => listProductsForStaff(db, request.query),
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
    async (request) => getProduct(db, { productId: request.params.id, audience: 'staff' }),
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
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, (tx) =>
        createProduct(tx, { input: request.body, actor: actorOf(request), now: ctx.clock.now() }),
      ),
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
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) =>
        updateProduct(tx, {
          productId: request.params.id,
          patch: request.body,
          actor: actorOf(request),
          now: ctx.clock.now(),
        }),
      ),
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
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) =>
        publishProduct(tx, {
          productId: request.params.id,
          actor: actorOf(request),
          now: ctx.clock.now(),
        }),
      ),
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
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) =>
        unpublishProduct(tx, {
          productId: request.params.id,
          actor: actorOf(request),
          now: ctx.clock.now(),
          ...(request.body?.reason ? { reason: request.body.reason } : {}),
        }),
      ),
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
      return command(ctx, request, reply, { status: 201 }, (tx) =>
        addProductImage(tx, {
          productId: request.params.id,
          bytes,
          dataDir: ctx.config.dataDir,
          actor: actorOf(request),
          now: ctx.clock.now(),
        }),
      );
    },
  );

  app.patch(
    '/v1/admin/products/:id/images/:file',
    {
      config: write,
      schema: {
        tags: adminTags,
        summary: 'Tag an image with the SKU colour it shows, or clear the tag (null)',
        description:
          'The colour must be one of the product’s SKU colours (CATALOG_IMAGE_COLOUR_UNKNOWN otherwise); the H5 product page shows the image when that colour is picked.',
        params: Type.Object({ id: Type.String({ maxLength: 64 }), file: Type.String({ maxLength: 80 }) }),
        body: ImageColourBody,
        response: { 200: ProductSchema },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) =>
        setProductImageColour(tx, {
          productId: request.params.id,
          file: request.params.file,
          colour: request.body.colour,
          actor: actorOf(request),
          now: ctx.clock.now(),
        }),
      ),
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
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) =>
        removeProductImage(tx, {
          productId: request.params.id,
          file: request.params.file,
          actor: actorOf(request),
          now: ctx.clock.now(),
        }),
      ),
  );
};
