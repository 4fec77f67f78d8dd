// Installment offers in the console.
import { command, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { IdParams, OfferBody, OfferPatchBody, OfferSchema, RateCapInForceSchema } from '../api-schemas';
import { createInstallmentOffer } from '../create-installment-offer';
import { readRateCap } from '../rate-cap-settings';
import { getInstallmentOffer, listInstallmentOffers } from '../read-catalog';
import { updateInstallmentOffer } from '../update-installment-offer';

import { actorOf, adminTags, read, write } from './shared';

export const offerRoutes: RoutesPlugin = async (app, { ctx }) => {
  const db = ctx.database.db;

  app.get(
    '/v1/admin/installment-offers',
    {
      config: read,
      schema: {
        tags: adminTags,
        summary: 'The installment offers of a SKU, retired ones included, and the rate cap in force',
        description:
          'An active offer whose aprSimpleBps is above rateCap.capBps is not shown to customers nor orderable.',
        querystring: Type.Object({ skuId: Type.String({ maxLength: 64 }) }),
        response: { 200: Type.Object({ data: Type.Array(OfferSchema), rateCap: RateCapInForceSchema }) },
      },
    },
    async (request) => ({
      data: await listInstallmentOffers(db, { skuId: request.query.skuId, audience: 'staff', at: ctx.clock.now() }),
      rateCap: await readRateCap(db, { at: ctx.clock.now() }),
    }),
  );

  app.get(
    '/v1/admin/installment-offers/:id',
    {
      config: read,
      schema: { tags: adminTags, summary: 'An installment offer', params: IdParams, response: { 200: OfferSchema } },
    },
    async (request) => getInstallmentOffer(db, request.params.id),
  );

  app.post(
    '/v1/admin/installment-offers',
    {
      config: write,
      schema: {
        tags: adminTags,
        summary: 'Add an installment offer to a SKU',
        description:
          'Refused (422 CATALOG_OFFER_RATE_ABOVE_CAP, naming the offer’s rate and the cap) when its annualised rate ' +
          'exceeds the rate cap in force (GET /v1/admin/installment-rate-cap; default 4 × LPR 3.00 % = 1200 bps).',
        body: OfferBody,
        response: { 201: OfferSchema },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, (tx) =>
        createInstallmentOffer(tx, { input: request.body, actor: actorOf(request), now: ctx.clock.now() }),
      ),
  );

  app.patch(
    '/v1/admin/installment-offers/:id',
    {
      config: write,
      schema: {
        tags: adminTags,
        summary: 'Edit or retire an installment offer',
        description:
          'An active offer is held to the rate cap in force (422 CATALOG_OFFER_RATE_ABOVE_CAP); retiring one is not.',
        params: IdParams,
        body: OfferPatchBody,
        response: { 200: OfferSchema },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) =>
        updateInstallmentOffer(tx, {
          offerId: request.params.id,
          patch: request.body,
          actor: actorOf(request),
          now: ctx.clock.now(),
        }),
      ),
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
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) =>
        updateInstallmentOffer(tx, {
          offerId: request.params.id,
          patch: { active: false },
          actor: actorOf(request),
          now: ctx.clock.now(),
        }),
      ),
  );
};
