import { type BusinessDate, today } from '@zulin/kernel';
import { command, type RoutesPlugin } from '@zulin/platform';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  GradeSchema,
  IdParams,
  ImportReportSchema,
  PageQuery,
  pageOf,
  RestockPlanSchema,
  TransitionBody,
  UnitBody,
  UnitDetailSchema,
  UnitSchema,
  UnitStateSchema,
} from '../api-schemas';
import { changeUnitState } from '../change-unit-state';
import { createUnit } from '../create-unit';
import { InventoryErrors } from '../errors';
import { importUnits } from '../import-units';
import { InventoryLimits } from '../limits';
import { availabilityBySku } from '../reservations';
import { planRestock } from '../restock-sku';
import { getUnit, listUnits, named } from '../units';

import { actorOf, read, tags, write } from './shared';

export const unitRoutes: RoutesPlugin = async (app, { ctx }) => {
  const db = ctx.database.db;
  const businessDate = (): BusinessDate => today(ctx.clock, ctx.config.timeZone);

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
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, (tx) =>
        createUnit(tx, { input: request.body, actor: actorOf(request), now: ctx.clock.now(), today: businessDate() }),
      ),
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
      const { skipInvalid, dryRun } = request.query;
      const csv = await csvOf(request);
      // A dry run only validates (200); a real import creates units (201).
      return command(ctx, request, reply, { status: dryRun === true ? 200 : 201 }, (tx) =>
        importUnits(tx, {
          csv,
          skipInvalid: skipInvalid === true,
          dryRun: dryRun === true,
          actor: actorOf(request),
          now: ctx.clock.now(),
          today: businessDate(),
        }),
      );
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
    async (request) => {
      const page = await listUnits(db, { ...request.query, today: businessDate() });
      return { ...page, data: await named(db, page.data) };
    },
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
        skuIds: request.query.skuId,
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
    async (request) => (await named(db, [await getUnit(db, { unitId: request.params.id, today: businessDate() })]))[0],
  );

  app.get(
    '/v1/admin/units/:id/restock-plan',
    {
      config: read,
      schema: {
        tags,
        summary: 'Which SKU the unit goes under if it is put back in stock now (optionally graded again)',
        description:
          'Back in stock a unit goes under the SKU of the same product, storage and colour whose condition fits its grade ' +
          '(new ↔ new, A ↔ used_99, B ↔ used_95). `refusal` names the 409 the transition would answer: ' +
          'INVENTORY_GRADE_NOT_SELLABLE (C, D) or INVENTORY_NO_SKU_FOR_GRADE (the catalog has no SKU in that condition). Changes nothing.',
        params: IdParams,
        querystring: Type.Object({ grade: Type.Optional(GradeSchema) }),
        response: { 200: RestockPlanSchema },
      },
    },
    async (request) => {
      const unit = await getUnit(db, { unitId: request.params.id, today: businessDate() });
      return planRestock(db, { id: unit.id, skuId: unit.skuId, grade: request.query.grade ?? unit.grade });
    },
  );

  app.post(
    '/v1/admin/units/:id/transitions',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Change a unit’s state by hand (repair, refurbishing, in_stock, lost, retired, inspecting), with a reason',
        description:
          'Back in stock (from inspecting, refurbishing or repair) the unit goes under the SKU of its phone whose condition fits its grade, ' +
          'moving to that sibling SKU in the same transaction (see GET …/restock-plan); 409 INVENTORY_GRADE_NOT_SELLABLE for a C or D unit, ' +
          '409 INVENTORY_NO_SKU_FOR_GRADE when the catalog has no SKU in that condition — nothing is changed then. ' +
          '`grade` grades the phone again, only back in stock from refurbishing or repair.',
        params: IdParams,
        body: TransitionBody,
        response: { 200: UnitDetailSchema },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const unitId = request.params.id;
        await changeUnitState(tx, { unitId, ...request.body, actor: actorOf(request), now: ctx.clock.now() });
        return (await named(tx, [await getUnit(tx, { unitId, today: businessDate() })]))[0];
      }),
  );
};

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
