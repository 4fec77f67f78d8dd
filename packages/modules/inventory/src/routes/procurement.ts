import { type BusinessDate, today } from '@zulin/kernel';
import { command, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import {
  IdParams,
  PageQuery,
  ProcurementBody,
  ProcurementOrderSchema,
  ProcurementStatusSchema,
  pageOf,
  ReceiveBody,
} from '../api-schemas';
import { changeProcurementStatus } from '../change-procurement-status';
import { createProcurementOrder } from '../create-procurement-order';
import { getProcurementOrder, listProcurementOrders } from '../procurement-orders';
import { receiveProcurement } from '../receive-procurement';

import { actorOf, procure, read, tags } from './shared';

export const procurementRoutes: RoutesPlugin = async (app, { ctx }) => {
  const db = ctx.database.db;
  const businessDate = (): BusinessDate => today(ctx.clock, ctx.config.timeZone);

  app.get(
    '/v1/admin/procurement-orders',
    {
      config: read,
      schema: {
        tags,
        summary: 'List procurement orders, newest first',
        querystring: Type.Object({
          status: Type.Optional(ProcurementStatusSchema),
          supplierId: Type.Optional(Type.String({ maxLength: 64 })),
          ...PageQuery,
        }),
        response: { 200: pageOf(ProcurementOrderSchema, 'ProcurementOrderPage') },
      },
    },
    async (request) => listProcurementOrders(db, request.query),
  );

  app.get(
    '/v1/admin/procurement-orders/:id',
    {
      config: read,
      schema: { tags, summary: 'A procurement order', params: IdParams, response: { 200: ProcurementOrderSchema } },
    },
    async (request) => getProcurementOrder(db, request.params.id),
  );

  app.post(
    '/v1/admin/procurement-orders',
    {
      config: procure,
      schema: {
        tags,
        summary: 'Create a procurement order (draft)',
        body: ProcurementBody,
        response: { 201: ProcurementOrderSchema },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, (tx) =>
        createProcurementOrder(tx, { input: request.body, actor: actorOf(request), now: ctx.clock.now() }),
      ),
  );

  for (const action of ['place', 'cancel'] as const) {
    app.post(
      `/v1/admin/procurement-orders/:id/${action}`,
      {
        config: procure,
        schema: {
          tags,
          summary:
            action === 'place'
              ? 'Place the order with the supplier (draft → ordered)'
              : 'Cancel the order before anything is received',
          params: IdParams,
          response: { 200: ProcurementOrderSchema },
        },
      },
      (request, reply) =>
        command(ctx, request, reply, {}, (tx) =>
          changeProcurementStatus(tx, {
            orderId: request.params.id,
            action,
            actor: actorOf(request),
            now: ctx.clock.now(),
          }),
        ),
    );
  }

  app.post(
    '/v1/admin/procurement-orders/:id/receive',
    {
      config: procure,
      schema: {
        tags,
        summary: 'Receive phones into stock, one unit per IMEI (all or none)',
        params: IdParams,
        body: ReceiveBody,
        response: { 200: ProcurementOrderSchema },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) =>
        receiveProcurement(tx, {
          orderId: request.params.id,
          units: request.body.units,
          actor: actorOf(request),
          now: ctx.clock.now(),
          today: businessDate(),
        }),
      ),
  );
};
