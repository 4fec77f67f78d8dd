// Faults during the rental (DOMAIN §5; docs/rental.md, "Faults, repairs and swaps"): the customer
// reports one (with photos uploaded first), staff diagnose it, repair the phone or swap it (换机, a new
// IMEI scanned at the desk), receive the faulty phone and confirm the working phone was signed for —
// the days without it are credited on the next rent bill. One command per step.
import multipart from '@fastify/multipart';
import { customerIdOf, staffOf } from '@zulin/identity';
import { isAppError } from '@zulin/kernel';
import { command, IdParams, Instant, Nullable, type RoutesPlugin } from '@zulin/platform';
import { type Static, type TSchema, Type } from 'typebox';
import { completeFault } from '../complete-fault';
import type { RentalDeps } from '../deps';
import { diagnoseFault } from '../diagnose-fault';
import { RentalErrors } from '../errors';
import { type FaultView, faultStatuses, listOrderFaults, loadFault, presentFault } from '../faults';
import { readInspectionPhoto, storedPhotos, storeInspectionPhoto } from '../inspection-photos';
import { readOrderRow } from '../inspections';
import { RentalLimits } from '../limits';
import { receiveFaultyUnit } from '../receive-faulty-unit';
import { reportFault } from '../report-fault';
import { resolveFaultWithoutRepair } from '../resolve-fault';
import { shipRepairedPhone } from '../ship-repaired-phone';
import { startFaultRepair } from '../start-fault-repair';
import { startFaultSwap } from '../start-fault-swap';
import { readUploadedPhoto } from './shared';

const tags = ['rentals'];
const Day = Type.String({ format: 'date' });
const Binary = Type.Unsafe<Buffer>(Type.String({ contentEncoding: 'binary', description: 'The photo bytes' }));

export const RentalFaultSchema = Type.Object(
  {
    id: Type.String(),
    orderId: Type.String(),
    status: Type.Unsafe<(typeof faultStatuses)[number]>(Type.Union(faultStatuses.map((s) => Type.Literal(s)))),
    description: Type.String(),
    photos: Type.Array(Type.String(), {
      description: 'file names; staff read them under …/faults/{faultId}/photos/{file}',
    }),
    reportedOn: Day,
    resolution: Nullable(
      Type.Unsafe<'repaired' | 'swapped' | 'no_fault'>(
        Type.Union([Type.Literal('repaired'), Type.Literal('swapped'), Type.Literal('no_fault')]),
      ),
    ),
    faultyImei: Nullable(Type.String()),
    replacementImei: Nullable(Type.String({ description: 'a swap: the new phone’s IMEI' })),
    faultyReceivedAt: Nullable(Instant),
    outboundShippedAt: Nullable(Instant),
    outboundWaybillNo: Nullable(Type.String()),
    workingPhoneOn: Nullable(Day),
    faultDays: Type.Integer({ description: 'days without a working phone, the report and the signature included' }),
    creditMinor: Type.Integer({ description: 'rent not charged for those days (分)' }),
    creditedMinor: Type.Integer({ description: 'the part already taken off rent bills (分)' }),
    note: Nullable(Type.String()),
    createdAt: Instant,
    resolvedAt: Nullable(Instant),
  },
  { $id: 'RentalFault' },
);

/** The customer's view of a fault: the staff's note (diagnosis, why it was closed) is theirs only. */
export const CustomerRentalFaultSchema = Type.Omit(RentalFaultSchema, ['note'], { $id: 'CustomerRentalFault' });

const FaultParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  faultId: Type.String({ minLength: 1, maxLength: 64 }),
});
const FaultPhotoParams = Type.Object({ ...FaultParams.properties, file: Type.String({ minLength: 1, maxLength: 80 }) });
const Waybill = Type.Optional(
  Type.String({ minLength: 1, maxLength: 40, description: 'the carrier’s waybill number' }),
);
const PhotoAnswer = Type.Object({ file: Type.String(), contentType: Type.String(), sizeBytes: Type.Integer() });
const FaultRef = Type.Ref('RentalFault');
const CustomerFaultRef = Type.Ref('CustomerRentalFault');
const faultOut = (view: FaultView): Static<typeof RentalFaultSchema> => view;
const customerFaultOut = ({ note: _staffOnly, ...view }: FaultView): Static<typeof CustomerRentalFaultSchema> => view;

export const rentalFaultRoutes: RoutesPlugin = async (app, { ctx }) => {
  await app.register(multipart, { limits: { fileSize: RentalLimits.inspectionPhotoBytesMax, files: 1, fields: 5 } });
  const deps: RentalDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };
  const db = ctx.database.db;

  app.post(
    '/v1/rentals/:id/faults/photos',
    {
      config: { auth: 'customer' },
      schema: {
        tags,
        summary: 'Upload a photo for a fault report (multipart field "file"; PNG, JPEG or WebP)',
        description: `At most ${RentalLimits.inspectionPhotoBytesMax} bytes; the type is read from the file's first bytes. Name the answer's file in the report.`,
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: PhotoAnswer },
      },
    },
    async (request, reply) => {
      await readOrderRow(db, request.params.id, customerIdOf(request));
      const bytes = await readUploadedPhoto(request);
      // Content-addressed: written before the command, harmless if never named by a report.
      const photo = await storeInspectionPhoto(ctx.config.dataDir, bytes, 'faults');
      return command(ctx, request, reply, { status: 201 }, async () => photo);
    },
  );

  app.post(
    '/v1/rentals/:id/faults',
    {
      config: { auth: 'customer' },
      schema: {
        tags,
        summary: 'Report a fault on my rented phone: opens a fault ticket and holds other after-sale actions',
        params: IdParams,
        body: Type.Object(
          {
            description: Type.String({ minLength: 1, maxLength: RentalLimits.faultDescriptionLengthMax }),
            photos: Type.Optional(
              Type.Array(Type.String({ maxLength: 80 }), { maxItems: RentalLimits.faultPhotosMax }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: CustomerFaultRef },
      },
    },
    async (request, reply) => {
      const customerId = customerIdOf(request);
      await readOrderRow(db, request.params.id, customerId);
      const photos = await storedPhotos(
        ctx.config.dataDir,
        request.body.photos ?? [],
        'faults',
        RentalLimits.faultPhotosMax,
      );
      return command(ctx, request, reply, { status: 201 }, async (tx) =>
        customerFaultOut(
          presentFault(
            await reportFault(tx, deps, {
              orderId: request.params.id,
              customerId,
              description: request.body.description,
              photos,
            }),
          ),
        ),
      );
    },
  );

  app.get(
    '/v1/rentals/:id/faults',
    {
      config: { auth: 'customer' },
      schema: {
        tags,
        summary: 'The faults reported on my order, newest first',
        params: IdParams,
        response: { 200: Type.Object({ data: Type.Array(CustomerFaultRef) }) },
      },
    },
    async (request) => {
      await readOrderRow(db, request.params.id, customerIdOf(request));
      return { data: (await listOrderFaults(db, request.params.id)).map(customerFaultOut) };
    },
  );

  app.get(
    '/v1/admin/rentals/:id/faults',
    {
      config: { auth: { permission: 'orders.read' } },
      schema: {
        tags,
        summary: 'The faults of an order, newest first',
        params: IdParams,
        response: { 200: Type.Object({ data: Type.Array(FaultRef) }) },
      },
    },
    async (request) => {
      await readOrderRow(db, request.params.id);
      return { data: (await listOrderFaults(db, request.params.id)).map(faultOut) };
    },
  );

  app.get(
    '/v1/admin/rentals/:id/faults/:faultId/photos/:file',
    {
      config: { auth: { permission: 'orders.read' } },
      schema: { tags, summary: 'A photo of a fault report', params: FaultPhotoParams, response: { 200: Binary } },
    },
    async (request, reply) => {
      // A read: no row lock; only "no such fault" is the photo's 404, anything else stays an error.
      const fault = await loadFault(db, { orderId: request.params.id, faultId: request.params.faultId }).catch(
        (error: unknown) => {
          throw isAppError(error) && error.code === 'RENTAL_FAULT_NOT_FOUND'
            ? RentalErrors.RENTAL_INSPECTION_PHOTO_NOT_FOUND()
            : error;
        },
      );
      const photo = await readInspectionPhoto(ctx.config.dataDir, fault.photos, request.params.file, 'faults');
      return reply
        .type(photo.contentType)
        .header('cache-control', 'private, max-age=3600')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .header('x-content-type-options', 'nosniff')
        .send(photo.bytes);
    },
  );

  const staffConfig = { auth: { permission: 'orders.write' as const } };
  const staffSchema = <B extends TSchema>(summary: string, body: B) => ({
    tags,
    summary,
    params: FaultParams,
    body,
    response: { 200: FaultRef },
  });
  const answer = async (row: Parameters<typeof presentFault>[0]) => faultOut(presentFault(row));

  const NoteBody = Type.Object(
    { note: Type.Optional(Type.String({ minLength: 1, maxLength: RentalLimits.faultDescriptionLengthMax })) },
    { additionalProperties: false },
  );
  app.post(
    '/v1/admin/rentals/:id/faults/:faultId/diagnose',
    { config: staffConfig, schema: staffSchema('Take a reported fault in hand (diagnosing)', NoteBody) },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const r = { params: request.params, body: request.body, staff: staffOf(request) };
        return answer(
          await diagnoseFault(tx, deps, {
            orderId: r.params.id,
            faultId: r.params.faultId,
            staff: r.staff,
            note: r.body.note,
          }),
        );
      }),
  );
  app.post(
    '/v1/admin/rentals/:id/faults/:faultId/repair',
    {
      config: staffConfig,
      schema: staffSchema(
        'Repair: the phone comes back to the warehouse (the unit returning) and the same IMEI goes back',
        Type.Object({ returnWaybillNo: Waybill }, { additionalProperties: false }),
      ),
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const r = { params: request.params, body: request.body, staff: staffOf(request) };
        return answer(
          await startFaultRepair(tx, deps, {
            orderId: r.params.id,
            faultId: r.params.faultId,
            staff: r.staff,
            returnWaybillNo: r.body.returnWaybillNo,
          }),
        );
      }),
  );
  app.post(
    '/v1/admin/rentals/:id/faults/:faultId/swap',
    {
      config: staffConfig,
      schema: staffSchema(
        'Swap (换机): a new phone of the same SKU, scanned by IMEI, ships; the faulty one comes back',
        Type.Object(
          { imei: Type.String({ minLength: 15, maxLength: 15 }), outboundWaybillNo: Waybill, returnWaybillNo: Waybill },
          { additionalProperties: false },
        ),
      ),
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const r = { params: request.params, body: request.body, staff: staffOf(request) };
        return answer(
          await startFaultSwap(tx, deps, {
            orderId: r.params.id,
            faultId: r.params.faultId,
            imei: r.body.imei,
            staff: r.staff,
            outboundWaybillNo: r.body.outboundWaybillNo,
            returnWaybillNo: r.body.returnWaybillNo,
          }),
        );
      }),
  );
  app.post(
    '/v1/admin/rentals/:id/faults/:faultId/receive',
    {
      config: staffConfig,
      schema: staffSchema(
        'The faulty phone arrived at the warehouse; it goes to repair in inventory',
        Type.Object({}, { additionalProperties: false }),
      ),
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const r = { params: request.params, body: request.body, staff: staffOf(request) };
        return answer(
          await receiveFaultyUnit(tx, deps, { orderId: r.params.id, faultId: r.params.faultId, staff: r.staff }),
        );
      }),
  );
  app.post(
    '/v1/admin/rentals/:id/faults/:faultId/ship-repaired',
    {
      config: staffConfig,
      schema: staffSchema(
        'The repaired phone (same IMEI) ships back to the customer',
        Type.Object({ outboundWaybillNo: Waybill }, { additionalProperties: false }),
      ),
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const r = { params: request.params, body: request.body, staff: staffOf(request) };
        return answer(
          await shipRepairedPhone(tx, deps, {
            orderId: r.params.id,
            faultId: r.params.faultId,
            staff: r.staff,
            outboundWaybillNo: r.body.outboundWaybillNo,
          }),
        );
      }),
  );
  app.post(
    '/v1/admin/rentals/:id/faults/:faultId/delivered',
    {
      config: staffConfig,
      schema: staffSchema(
        'The customer signed for the working phone: the fault is resolved and the days without it credited',
        Type.Object({ signedAt: Instant }, { additionalProperties: false }),
      ),
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const r = { params: request.params, body: request.body, staff: staffOf(request) };
        return answer(
          await completeFault(tx, deps, {
            orderId: r.params.id,
            faultId: r.params.faultId,
            signedAt: new Date(r.body.signedAt),
            by: { actor: 'staff', audit: r.staff, staff: r.staff },
          }),
        );
      }),
  );
  app.post(
    '/v1/admin/rentals/:id/faults/:faultId/resolve',
    {
      config: staffConfig,
      schema: staffSchema(
        'Close a fault that needs neither a repair nor a swap (no credit: the phone stayed with the customer)',
        Type.Object(
          { note: Type.String({ minLength: 1, maxLength: RentalLimits.faultDescriptionLengthMax }) },
          { additionalProperties: false },
        ),
      ),
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const r = { params: request.params, body: request.body, staff: staffOf(request) };
        return answer(
          await resolveFaultWithoutRepair(tx, deps, {
            orderId: r.params.id,
            faultId: r.params.faultId,
            staff: r.staff,
            note: r.body.note,
          }),
        );
      }),
  );
};
