// The inventory's HTTP API: units (register, import, list, history, state changes), warehouses,
// suppliers, procurement orders, and the supplier partner feed. Thin: validate, authorize, call
// the use case, shape the reply.
import multipart from '@fastify/multipart';
import { partnerOf } from '@zulin/identity';
import { type BusinessDate, today } from '@zulin/kernel';
import type { AppContext } from '@zulin/platform';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  FeedBody,
  FeedItemSchema,
  IdParams,
  ImportReportSchema,
  PageQuery,
  ProcurementBody,
  ProcurementOrderSchema,
  ProcurementStatusSchema,
  pageOf,
  ReceiveBody,
  SupplierBody,
  SupplierSchema,
  TransitionBody,
  UnitBody,
  UnitDetailSchema,
  UnitSchema,
  UnitStateSchema,
  WarehouseBody,
  WarehousePatchBody,
  WarehouseSchema,
} from './api-schemas';
import type { Actor } from './audit';
import { changeUnitState } from './change-unit-state';
import { InventoryErrors } from './errors';
import { importUnits } from './import-units';
import { InventoryLimits } from './limits';
import {
  changeProcurementStatus,
  createProcurementOrder,
  getProcurementOrder,
  listProcurementOrders,
  receiveProcurement,
} from './procurement';
import { availabilityBySku } from './reservations';
import { listSupplierFeed, recordSupplierFeed } from './supplier-feed';
import { createUnit, getUnit, listUnits } from './units';
import { createSupplier, createWarehouse, listSuppliers, listWarehouses, updateWarehouse } from './warehouses';

function actorOf(request: FastifyRequest): Actor {
  return request.principal ?? { kind: 'system' };
}

const read = { auth: { permission: 'inventory.read' as const } };
const write = { auth: { permission: 'inventory.write' as const } };
const procure = { auth: { permission: 'procurement.write' as const } };
const tags = ['inventory (admin)'];

export function inventoryRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const db = ctx.database.db;
    const businessDate = (): BusinessDate => today(ctx.clock, ctx.config.timeZone);
    await app.register(multipart, { limits: { fileSize: InventoryLimits.importBytesMax, files: 1, fields: 5 } });
    app.addContentTypeParser(
      'text/csv',
      { parseAs: 'string', bodyLimit: InventoryLimits.importBytesMax },
      (_request, body, done) => done(null, body),
    );

    // ---- units -----------------------------------------------------------------------------
    app.post(
      '/v1/admin/units',
      {
        config: write,
        schema: {
          tags,
          summary: 'Register a physical phone (unit) in stock',
          description:
            '422 INVENTORY_IMEI_INVALID for an IMEI that is not 15 digits with a valid Luhn check digit; 409 INVENTORY_IMEI_DUPLICATE for a known IMEI.',
          body: UnitBody,
          response: { 201: UnitSchema },
        },
      },
      async (request, reply) => {
        const unit = await createUnit(db, {
          input: request.body as Parameters<typeof createUnit>[1]['input'],
          actor: actorOf(request),
          now: ctx.clock.now(),
          today: businessDate(),
        });
        return reply.status(201).send(unit);
      },
    );

    app.post(
      '/v1/admin/units/import',
      {
        config: write,
        schema: {
          tags,
          summary: 'Import units from CSV (text/csv body or multipart field "file")',
          description:
            'Header: skuId,imei,serialNumber,warehouse,costMinor (or cost in 元) and optionally grade,location,supplierId,purchaseDate. ' +
            'Every row is validated first. If any row is invalid nothing is imported and the answer is 422 INVENTORY_IMPORT_INVALID whose errors name each bad row (`/body/lines/{line}/{column}`); ' +
            'with skipInvalid=true the valid rows are imported together (201) and the bad ones listed in invalidRows; dryRun=true only validates (200).',
          consumes: ['text/csv', 'multipart/form-data'],
          querystring: Type.Object({
            skipInvalid: Type.Optional(Type.Boolean({ default: false })),
            dryRun: Type.Optional(Type.Boolean({ default: false })),
          }),
          response: { 200: ImportReportSchema, 201: ImportReportSchema },
        },
      },
      async (request, reply) => {
        const query = request.query as { skipInvalid?: boolean; dryRun?: boolean };
        const csv = await csvOf(request);
        const report = await importUnits(db, {
          csv,
          skipInvalid: query.skipInvalid === true,
          dryRun: query.dryRun === true,
          actor: actorOf(request),
          now: ctx.clock.now(),
          today: businessDate(),
        });
        return reply.status(report.dryRun ? 200 : 201).send(report);
      },
    );

    app.get(
      '/v1/admin/units',
      {
        config: read,
        schema: {
          tags,
          summary: 'List units, newest first, by state, SKU, warehouse or IMEI (15 digits, or a TAC prefix)',
          querystring: Type.Object({
            state: Type.Optional(UnitStateSchema),
            skuId: Type.Optional(Type.String({ maxLength: 64 })),
            warehouseId: Type.Optional(Type.String({ maxLength: 64 })),
            imei: Type.Optional(Type.String({ maxLength: 32 })),
            ...PageQuery,
          }),
          response: { 200: pageOf(UnitSchema, 'UnitPage') },
        },
      },
      async (request) =>
        listUnits(db, { ...(request.query as Parameters<typeof listUnits>[1]), today: businessDate() }),
    );

    app.get(
      '/v1/admin/units/availability',
      {
        config: read,
        schema: {
          tags,
          summary: 'Units free to reserve, per SKU',
          querystring: Type.Object({
            skuId: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 100 }),
          }),
          response: { 200: Type.Object({ data: Type.Record(Type.String(), Type.Integer()) }) },
        },
      },
      async (request) => ({
        data: await availabilityBySku(db, {
          skuIds: (request.query as { skuId: string[] }).skuId,
          now: ctx.clock.now(),
        }),
      }),
    );

    app.get(
      '/v1/admin/units/:id',
      {
        config: read,
        schema: {
          tags,
          summary: 'A unit with its state history',
          params: IdParams,
          response: { 200: UnitDetailSchema },
        },
      },
      async (request) => getUnit(db, { unitId: (request.params as { id: string }).id, today: businessDate() }),
    );

    app.post(
      '/v1/admin/units/:id/transitions',
      {
        config: write,
        schema: {
          tags,
          summary:
            'Change a unit’s state by hand (repair, refurbishing, in_stock, lost, retired, inspecting), with a reason',
          params: IdParams,
          body: TransitionBody,
          response: { 200: UnitDetailSchema },
        },
      },
      async (request) => {
        const unitId = (request.params as { id: string }).id;
        const body = request.body as {
          to: Parameters<typeof changeUnitState>[1]['to'];
          reason: string;
          expectedFrom?: Parameters<typeof changeUnitState>[1]['to'];
          location?: string;
        };
        await changeUnitState(db, { unitId, ...body, actor: actorOf(request), now: ctx.clock.now() });
        return getUnit(db, { unitId, today: businessDate() });
      },
    );

    // ---- warehouses and suppliers ----------------------------------------------------------
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
      async (request, reply) => {
        const warehouse = await createWarehouse(db, {
          input: request.body as Parameters<typeof createWarehouse>[1]['input'],
          actor: actorOf(request),
          now: ctx.clock.now(),
        });
        return reply.status(201).send(warehouse);
      },
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
      async (request) =>
        updateWarehouse(db, {
          warehouseId: (request.params as { id: string }).id,
          patch: request.body as Parameters<typeof updateWarehouse>[1]['patch'],
          actor: actorOf(request),
          now: ctx.clock.now(),
        }),
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
      async (request, reply) => {
        const supplier = await createSupplier(db, {
          input: request.body as Parameters<typeof createSupplier>[1]['input'],
          actor: actorOf(request),
          now: ctx.clock.now(),
        });
        return reply.status(201).send(supplier);
      },
    );

    // ---- procurement -----------------------------------------------------------------------
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
      async (request) => listProcurementOrders(db, request.query as Parameters<typeof listProcurementOrders>[1]),
    );

    app.get(
      '/v1/admin/procurement-orders/:id',
      {
        config: read,
        schema: { tags, summary: 'A procurement order', params: IdParams, response: { 200: ProcurementOrderSchema } },
      },
      async (request) => getProcurementOrder(db, (request.params as { id: string }).id),
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
      async (request, reply) => {
        const order = await createProcurementOrder(db, {
          input: request.body as Parameters<typeof createProcurementOrder>[1]['input'],
          actor: actorOf(request),
          now: ctx.clock.now(),
        });
        return reply.status(201).send(order);
      },
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
        async (request) =>
          changeProcurementStatus(db, {
            orderId: (request.params as { id: string }).id,
            action,
            actor: actorOf(request),
            now: ctx.clock.now(),
          }),
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
      async (request) =>
        receiveProcurement(db, {
          orderId: (request.params as { id: string }).id,
          units: (request.body as { units: Parameters<typeof receiveProcurement>[1]['units'] }).units,
          actor: actorOf(request),
          now: ctx.clock.now(),
          today: businessDate(),
        }),
    );

    // ---- supplier feed ---------------------------------------------------------------------
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
      async (request) => {
        const partner = partnerOf(request);
        return recordSupplierFeed(db, {
          partnerId: partner.partnerId,
          items: (request.body as { items: Parameters<typeof recordSupplierFeed>[1]['items'] }).items,
          actor: partner,
          now: ctx.clock.now(),
        });
      },
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
      async (request) => listSupplierFeed(db, request.query as Parameters<typeof listSupplierFeed>[1]),
    );
  };
}

/** The CSV of an import: the text/csv body, or the file of a multipart form. */
async function csvOf(request: FastifyRequest): Promise<string> {
  if (request.isMultipart()) {
    const part = await request.file();
    if (part === undefined) throw InventoryErrors.INVENTORY_IMPORT_UNREADABLE({ detail: 'The form has no file.' });
    try {
      return (await part.toBuffer()).toString('utf8');
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        throw InventoryErrors.INVENTORY_IMPORT_UNREADABLE({
          detail: `A CSV may be at most ${InventoryLimits.importBytesMax} bytes.`,
        });
      }
      throw error;
    }
  }
  if (typeof request.body !== 'string') {
    throw InventoryErrors.INVENTORY_IMPORT_UNREADABLE({ detail: 'Send the CSV as text/csv or as a multipart file.' });
  }
  return request.body;
}
