// The returns desk (console): the queue of returned phones waiting to be graded, one order with the
// damage price list as it applies to that phone, a live quote of a grade (nothing stored), photo
// uploads, and the graded inspection — recorded in one command, then settled against the deposit
// hold (capture, release) and the rest billed, before the answer (capture-deposit.ts).
// Reading needs `orders.read`; grading and photos `inventory.write` (the warehouse grades returns).
import multipart from '@fastify/multipart';
import { staffOf } from '@zulin/identity';
import { today } from '@zulin/kernel';
import { authorisationChannelClient } from '@zulin/payments';
import { command, IdParams, Literals, PageQuery, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { type SettleDeps, settleInspectionDeposit } from '../capture-deposit';
import { RentalErrors } from '../errors';
import { inspectReturn } from '../inspect-return';
import { readInspectionPhoto, storedPhotos, storeInspectionPhoto } from '../inspection-photos';
import {
  InspectionBody,
  InspectionQuoteSchema,
  PriceListSchema,
  presentDeskEntry,
  presentInspection,
  ReturnsDeskEntrySchema,
} from '../inspection-schemas';
import {
  depositHold,
  deskEntries,
  inspectionOfOrder,
  listInspectionQueue,
  priceListFor,
  priceReturn,
  readOrderRow,
} from '../inspections';
import { RentalLimits } from '../limits';
import { readUploadedPhoto } from './shared';

const Binary = Type.Unsafe<Buffer>(Type.String({ contentEncoding: 'binary', description: 'The photo bytes' }));
const PhotoParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  file: Type.String({ minLength: 1, maxLength: 80 }),
});
const tags = ['rentals'];

export const rentalInspectionRoutes: RoutesPlugin = async (app, { ctx }) => {
  await app.register(multipart, { limits: { fileSize: RentalLimits.inspectionPhotoBytesMax, files: 1, fields: 5 } });
  const deps: SettleDeps = {
    clock: ctx.clock,
    timeZone: ctx.config.timeZone,
    masterKey: ctx.config.masterKey,
    clientOf: (channel) => authorisationChannelClient(ctx, channel),
  };
  const db = ctx.database.db;
  const todayNow = () => today(ctx.clock, ctx.config.timeZone);
  const photoUrl = (orderId: string) => (file: string) => `/v1/admin/inspections/${orderId}/photos/${file}`;
  const loadOrder = (id: string) => readOrderRow(db, id);

  app.get(
    '/v1/admin/inspections',
    {
      config: { auth: { permission: 'orders.read' } },
      schema: {
        tags,
        summary:
          'The returns desk: returned phones waiting to be graded (oldest first), those still with the courier (oldest first), or those settled',
        querystring: Type.Object(
          {
            status: Type.Optional(Literals(['returning', 'inspecting', 'settled'] as const)),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            data: Type.Array(ReturnsDeskEntrySchema),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request) => {
      const page = await listInspectionQueue(db, request.query);
      const entries = await deskEntries(db, { masterKey: ctx.config.masterKey, today: todayNow() }, page.data);
      return { data: entries.map(presentDeskEntry), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/admin/inspections/:id',
    {
      config: { auth: { permission: 'orders.read' } },
      schema: {
        tags,
        summary: 'A returned order at the desk: the phone, the hold left, the price list for it, the inspection',
        params: IdParams,
        response: {
          200: Type.Object({
            entry: ReturnsDeskEntrySchema,
            depositHeldMinor: Type.Integer({ description: 'left of the deposit hold now' }),
            priceList: PriceListSchema,
            inspection: Type.Union([Ref('RentalInspection'), Type.Null()]),
          }),
        },
      },
    },
    async (request) => {
      const order = await loadOrder(request.params.id);
      const [entry] = await deskEntries(db, { masterKey: ctx.config.masterKey, today: todayNow() }, [order]);
      const inspection = await inspectionOfOrder(db, order.id);
      if (entry === undefined) throw RentalErrors.RENTAL_ORDER_NOT_FOUND();
      return {
        entry: presentDeskEntry(entry),
        depositHeldMinor: (await depositHold(db, order)).heldMinor,
        // An order whose rent has not started is priced as a new phone (no depreciation yet).
        priceList: priceListFor(
          order.rentStartDate === null && order.deliveredOn === null ? { ...order, rentStartDate: todayNow() } : order,
          todayNow(),
        ),
        inspection:
          inspection === undefined
            ? null
            : presentInspection(inspection, { photoUrl: photoUrl(order.id), today: todayNow() }),
      };
    },
  );

  app.post(
    '/v1/admin/inspections/:id/quote',
    {
      config: { auth: { permission: 'orders.read' }, effects: 'none' },
      schema: {
        tags,
        summary: 'Price a grade for this phone and split it over the hold (nothing is stored)',
        params: IdParams,
        body: InspectionBody,
        response: { 200: InspectionQuoteSchema },
      },
    },
    async (request) => {
      const order = await loadOrder(request.params.id);
      const priced = await priceReturn(db, order, {
        grade: request.body.grade,
        findings: request.body.findings,
        inspectedOn: todayNow(),
      });
      return {
        grade: priced.grade,
        lines: priced.lines,
        formula: priced.formula,
        chargeMinor: priced.chargeMinor,
        residualValueMinor: priced.residualValueMinor,
        depositHeldMinor: priced.depositHeldMinor,
        ...priced.settlement,
      };
    },
  );

  app.post(
    '/v1/admin/inspections/:id/photos',
    {
      config: { auth: { permission: 'inventory.write' } },
      schema: {
        tags,
        summary: 'Upload a photo of a returned phone (multipart field "file"; PNG, JPEG or WebP)',
        description: `At most ${RentalLimits.inspectionPhotoBytesMax} bytes; the type is read from the file's first bytes. Name the answer's file when grading.`,
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: {
          201: Type.Object({ file: Type.String(), contentType: Type.String(), sizeBytes: Type.Integer() }),
        },
      },
    },
    async (request, reply) => {
      const bytes = await readUploadedPhoto(request);
      await loadOrder(request.params.id);
      // The file is content-addressed: written before the command, harmless if never named.
      const photo = await storeInspectionPhoto(ctx.config.dataDir, bytes);
      return command(ctx, request, reply, { status: 201 }, async () => photo);
    },
  );

  app.post(
    '/v1/admin/inspections/:id',
    {
      config: { auth: { permission: 'inventory.write' } },
      schema: {
        tags,
        summary:
          'Grade a returned phone A–D; the charge is captured from the hold first, the rest billed, the hold’s rest released',
        description:
          'Grade C takes findings from the damage price list (with quantities for countable items); A, B and D take none. ' +
          'The charge is settle-inspection.ts’s; the answer is the inspection after the hold was settled (state `settling` ' +
          'while the channel has not answered; a sweep finishes it). Send an Idempotency-Key: a replay answers the ' +
          'inspection as it was recorded (state `settling`, the plan); read it again for the settlement.',
        params: IdParams,
        body: Type.Object(
          {
            ...InspectionBody.properties,
            photos: Type.Array(Type.String({ maxLength: 80 }), { maxItems: RentalLimits.inspectionPhotosMax }),
            note: Type.Optional(Type.String({ maxLength: RentalLimits.inspectionNoteLengthMax })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Ref('RentalInspection') },
      },
    },
    async (request, reply) => {
      const photos = await storedPhotos(ctx.config.dataDir, request.body.photos);
      const graded = await command(ctx, request, reply, { status: 201 }, async (tx) =>
        presentInspection(
          await inspectReturn(tx, deps, {
            orderId: request.params.id,
            grade: request.body.grade,
            findings: request.body.findings,
            photos,
            note: request.body.note,
            staff: staffOf(request),
          }),
          { photoUrl: photoUrl(request.params.id), today: todayNow() },
        ),
      );
      // After the commit: the channel is asked (capture, release) and the settlement recorded.
      await settleInspectionDeposit(ctx.database, deps, graded.id);
      const settled = await inspectionOfOrder(db, request.params.id);
      return settled === undefined
        ? graded
        : presentInspection(settled, { photoUrl: photoUrl(request.params.id), today: todayNow() });
    },
  );

  app.get(
    '/v1/admin/inspections/:id/photos/:file',
    {
      config: { auth: { permission: 'orders.read' } },
      schema: { tags, summary: 'A photo of a graded return', params: PhotoParams, response: { 200: Binary } },
    },
    async (request, reply) => {
      const inspection = await inspectionOfOrder(db, request.params.id);
      if (inspection === undefined) throw RentalErrors.RENTAL_INSPECTION_PHOTO_NOT_FOUND();
      const photo = await readInspectionPhoto(ctx.config.dataDir, inspection.photos, request.params.file);
      return reply
        .type(photo.contentType)
        .header('cache-control', 'private, max-age=3600')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .header('x-content-type-options', 'nosniff')
        .send(photo.bytes);
    },
  );
};
