// Rental plans in the console.
import { command, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { IdParams, PlanBody, PlanPatchBody, PlanSchema } from '../api-schemas';
import { createPlan } from '../create-plan';
import { getPlan, listPlans } from '../read-catalog';
import { updatePlan } from '../update-plan';

import { actorOf, adminTags, read, write } from './shared';

export const planRoutes: RoutesPlugin = async (app, { ctx }) => {
  const db = ctx.database.db;

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
      data: await listPlans(db, { skuId: request.query.skuId, audience: 'staff' }),
    }),
  );

  app.get(
    '/v1/admin/plans/:id',
    {
      config: read,
      schema: { tags: adminTags, summary: 'A rental plan', params: IdParams, response: { 200: PlanSchema } },
    },
    async (request) => getPlan(db, request.params.id),
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
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, (tx) =>
        createPlan(tx, { input: request.body, actor: actorOf(request), now: ctx.clock.now() }),
      ),
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
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) =>
        updatePlan(tx, {
          planId: request.params.id,
          patch: request.body,
          actor: actorOf(request),
          now: ctx.clock.now(),
        }),
      ),
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
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) =>
        updatePlan(tx, {
          planId: request.params.id,
          patch: { active: false },
          actor: actorOf(request),
          now: ctx.clock.now(),
        }),
      ),
  );
};
