// The supplier partner feed: what suppliers can deliver.
import { partnerOf } from '@zulin/identity';
import { command, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { FeedBody, FeedItemSchema, PageQuery, pageOf } from '../api-schemas';
import { recordSupplierFeed } from '../record-supplier-feed';
import { listSupplierFeed } from '../supplier-feed';

import { read, tags } from './shared';

export const supplierFeedRoutes: RoutesPlugin = async (app, { ctx }) => {
  const db = ctx.database.db;

  app.post(
    '/v1/partner/inventory-feed',
    {
      config: { auth: { partnerScope: 'inventory.feed' } },
      schema: {
        tags: ['partners'],
        summary:
          'A supplier reports what it can deliver: model, quantity and price (replaces its last report per model)',
        security: [{ bearer: [] }],
        body: FeedBody,
        response: { 200: Type.Object({ accepted: Type.Integer() }) },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) => {
        const partner = partnerOf(request);
        return recordSupplierFeed(tx, {
          partnerId: partner.partnerId,
          items: request.body.items,
          actor: partner,
          now: ctx.clock.now(),
        });
      }),
  );

  app.get(
    '/v1/admin/supplier-feed',
    {
      config: read,
      schema: {
        tags,
        summary: 'What suppliers report they can deliver, latest first',
        querystring: Type.Object({
          supplierId: Type.Optional(Type.String({ maxLength: 64 })),
          partnerId: Type.Optional(Type.String({ maxLength: 64 })),
          ...PageQuery,
        }),
        response: { 200: pageOf(FeedItemSchema, 'SupplierFeedPage') },
      },
    },
    async (request) => listSupplierFeed(db, request.query),
  );
};
