// The customer's side of a graded return: the inspection (photos, priced items, formula, total, and
// what was captured from the hold, billed and released), its photos, and a dispute within the window.
import { customerIdOf } from '@zulin/identity';
import { today } from '@zulin/kernel';
import { command, IdParams, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { disputeInspection } from '../dispute-inspection';
import { readInspectionPhoto } from '../inspection-photos';
import { presentInspection } from '../inspection-schemas';
import { customerInspection } from '../inspections';
import { RentalLimits } from '../limits';

const Binary = Type.Unsafe<Buffer>(Type.String({ contentEncoding: 'binary', description: 'The photo bytes' }));
const tags = ['rentals'];

export const rentalInspectionCustomerRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps = { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };
  const db = ctx.database.db;
  const todayNow = () => today(ctx.clock, ctx.config.timeZone);
  const photoUrl = (orderId: string) => (file: string) => `/v1/rentals/${orderId}/inspection/photos/${file}`;
  const mine = (orderId: string, customerId: string) => customerInspection(db, orderId, customerId);

  app.get(
    '/v1/rentals/:id/inspection',
    {
      config: { auth: 'customer' },
      schema: {
        tags,
        summary:
          'The inspection of my returned phone: photos, priced items, formula, total; captured, billed, released',
        params: IdParams,
        response: { 200: Ref('RentalInspection') },
      },
    },
    async (request) =>
      presentInspection(await mine(request.params.id, customerIdOf(request)), {
        photoUrl: photoUrl(request.params.id),
        today: todayNow(),
      }),
  );

  app.post(
    '/v1/rentals/:id/inspection/dispute',
    {
      config: { auth: 'customer' },
      schema: {
        tags,
        summary: 'Dispute the inspection within the dispute window (7 days by default); a person takes it up',
        description:
          'Opens a support case on the order. After the window: RENTAL_DISPUTE_WINDOW_PASSED; a second dispute: ' +
          'RENTAL_INSPECTION_ALREADY_DISPUTED. Send an Idempotency-Key.',
        params: IdParams,
        body: Type.Object(
          { reason: Type.String({ minLength: 1, maxLength: RentalLimits.disputeReasonLengthMax }) },
          { additionalProperties: false },
        ),
        response: { 200: Ref('RentalInspection') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) =>
        presentInspection(
          await disputeInspection(tx, deps, {
            orderId: request.params.id,
            customerId: customerIdOf(request),
            reason: request.body.reason,
          }),
          { photoUrl: photoUrl(request.params.id), today: todayNow() },
        ),
      ),
  );

  app.get(
    '/v1/rentals/:id/inspection/photos/:file',
    {
      config: { auth: 'customer' },
      schema: {
        tags,
        summary: 'A photo of my returned phone’s inspection',
        params: Type.Object({
          id: Type.String({ minLength: 1, maxLength: 64 }),
          file: Type.String({ minLength: 1, maxLength: 80 }),
        }),
        response: { 200: Binary },
      },
    },
    async (request, reply) => {
      const inspection = await mine(request.params.id, customerIdOf(request));
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
