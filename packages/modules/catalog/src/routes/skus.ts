// SKUs in the console.
import { command, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { IdParams, PageQuery, pageOf, SkuBody, SkuPatchBody, SkuSchema } from '../api-schemas';
import { createSku } from '../create-sku';
import { getSku, listSkusForStaff } from '../read-catalog';
import { updateSku } from '../update-sku';

import { actorOf, adminTags, read, write } from './shared';

export const skuRoutes: RoutesPlugin = async (app, { ctx }) => {
  const db = ctx.database.db;

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
    async (request) => listSkusForStaff(db, request.query),
  );

  app.get(
    '/v1/admin/skus/:id',
    { config: read, schema: { tags: adminTags, summary: 'A SKU', params: IdParams, response: { 200: SkuSchema } } },
    async (request) => getSku(db, { skuId: request.params.id, audience: 'staff' }),
  );

  app.post(
    '/v1/admin/skus',
    {
      config: write,
      schema: { tags: adminTags, summary: 'Add a SKU to a product', body: SkuBody, response: { 201: SkuSchema } },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, (tx) =>
        createSku(tx, { input: request.body, actor: actorOf(request), now: ctx.clock.now() }),
      ),
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
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) =>
        updateSku(tx, {
          skuId: request.params.id,
          patch: request.body,
          actor: actorOf(request),
          now: ctx.clock.now(),
        }),
      ),
  );
};
