import { command, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import {
  IdParams,
  SupplierBody,
  SupplierSchema,
  WarehouseBody,
  WarehousePatchBody,
  WarehouseSchema,
} from '../api-schemas';
import { createSupplier } from '../create-supplier';
import { createWarehouse } from '../create-warehouse';
import { listSuppliers } from '../suppliers';
import { updateWarehouse } from '../update-warehouse';
import { listWarehouses } from '../warehouses';

import { actorOf, procure, read, tags, write } from './shared';

export const warehouseRoutes: RoutesPlugin = async (app, { ctx }) => {
  const db = ctx.database.db;

  app.get(
    '/v1/admin/warehouses',
    {
      config: read,
      schema: {
        tags,
        summary: 'All warehouses',
        response: { 200: Type.Object({ data: Type.Array(WarehouseSchema) }) },
      },
    },
    async () => ({ data: await listWarehouses(db) }),
  );

  app.post(
    '/v1/admin/warehouses',
    {
      config: write,
      schema: { tags, summary: 'Create a warehouse', body: WarehouseBody, response: { 201: WarehouseSchema } },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, (tx) =>
        createWarehouse(tx, { input: request.body, actor: actorOf(request), now: ctx.clock.now() }),
      ),
  );

  app.patch(
    '/v1/admin/warehouses/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Edit or deactivate a warehouse',
        params: IdParams,
        body: WarehousePatchBody,
        response: { 200: WarehouseSchema },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) =>
        updateWarehouse(tx, {
          warehouseId: request.params.id,
          patch: request.body,
          actor: actorOf(request),
          now: ctx.clock.now(),
        }),
      ),
  );

  app.get(
    '/v1/admin/suppliers',
    {
      config: read,
      schema: {
        tags,
        summary: 'All suppliers',
        response: { 200: Type.Object({ data: Type.Array(SupplierSchema) }) },
      },
    },
    async () => ({ data: await listSuppliers(db) }),
  );

  app.post(
    '/v1/admin/suppliers',
    {
      config: procure,
      schema: { tags, summary: 'Create a supplier', body: SupplierBody, response: { 201: SupplierSchema } },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, (tx) =>
        createSupplier(tx, { input: request.body, actor: actorOf(request), now: ctx.clock.now() }),
      ),
  );
};
