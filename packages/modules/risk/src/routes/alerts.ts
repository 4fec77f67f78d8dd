// Alerts for a person (geofence breaches), the allowed regions, and a customer's credit limit with
// the moves payments made to it.
import { getBills } from '@zulin/billing';
import { staffOf } from '@zulin/identity';
import { command, IdParams, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { addGeofence } from '../add-geofence';
import { listAlerts } from '../alerts';
import { presentAlert, presentCreditLimit, presentGeofence } from '../api-schemas';
import { creditLimitOf, limitMovesOf } from '../credit-limits';
import { imeisOf } from '../devices';
import type { GeofenceDefinition } from '../geofence';
import { activeGeofences } from '../geofences';
import { alertKinds, alertStatuses } from '../kinds';
import { RiskLimits } from '../limits';
import { e6 } from '../mdm';
import { partyNames } from '../party-names';
import { removeGeofence } from '../remove-geofence';
import { resolveAlert } from '../resolve-alert';

const Text = Type.String({ minLength: 1, maxLength: RiskLimits.reasonLengthMax });
const LatLng = Type.Tuple([Type.Number({ minimum: -90, maximum: 90 }), Type.Number({ minimum: -180, maximum: 180 })]);

export const alertRoutes: RoutesPlugin = async (app, { ctx }) => {
  const db = ctx.database.db;

  app.get(
    '/v1/admin/risk/alerts',
    {
      config: { auth: { permission: 'risk.read' } },
      schema: {
        tags: ['risk'],
        summary: 'Alerts (a phone outside the allowed regions), latest activity first',
        querystring: Type.Object({
          status: Type.Optional(Type.Enum(alertStatuses)),
          kind: Type.Optional(Type.Enum(alertKinds)),
        }),
        response: { 200: Type.Object({ data: Type.Array(Ref('RiskAlert')) }) },
      },
    },
    async (request) => {
      const alerts = await listAlerts(db, request.query);
      const names = await partyNames(db, ctx.config.masterKey, {
        customerIds: alerts.map((a) => a.customerId),
        staffIds: alerts.map((a) => a.resolvedBy),
      });
      const imeis = await imeisOf(
        db,
        alerts.map((a) => a.deviceId),
      );
      return { data: alerts.map((a) => presentAlert(a, names, imeis.get(a.deviceId) ?? null)) };
    },
  );

  app.post(
    '/v1/admin/risk/alerts/:id/resolve',
    {
      config: { auth: { permission: 'risk.review' } },
      schema: {
        tags: ['risk'],
        summary: 'Resolve an alert, saying what was done',
        params: IdParams,
        body: Type.Object({ resolution: Text }, { additionalProperties: false }),
        response: { 200: Ref('RiskAlert') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const staff = staffOf(request);
        const alert = await resolveAlert(tx, ctx.clock, staff, {
          id: request.params.id,
          resolution: request.body.resolution,
        });
        const names = await partyNames(tx, ctx.config.masterKey, {
          customerIds: [alert.customerId],
          staffIds: [staff.staffId],
        });
        const imeis = await imeisOf(tx, [alert.deviceId]);
        return presentAlert(alert, names, imeis.get(alert.deviceId) ?? null);
      }),
  );

  app.get(
    '/v1/admin/risk/geofences',
    {
      config: { auth: { permission: 'risk.read' } },
      schema: {
        tags: ['risk'],
        summary: 'The allowed regions in force (none: the geofence is off)',
        response: { 200: Type.Object({ data: Type.Array(Ref('RiskGeofence')) }) },
      },
    },
    async () => ({ data: (await activeGeofences(db)).map(presentGeofence) }),
  );

  app.post(
    '/v1/admin/risk/geofences',
    {
      config: { auth: { permission: 'risk.rules_write' } },
      schema: {
        tags: ['risk'],
        summary: 'Add an allowed region: a polygon of [lat, lng] points or a circle',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: RiskLimits.geofenceNameLengthMax }),
            shape: Type.Enum(['polygon', 'circle'] as const),
            points: Type.Optional(Type.Array(LatLng, { maxItems: RiskLimits.geofencePointsMax })),
            centre: Type.Optional(LatLng),
            radiusM: Type.Optional(Type.Integer({ minimum: 1, maximum: RiskLimits.geofenceRadiusMaxM })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Ref('RiskGeofence') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) => {
        const { name, shape, points, centre, radiusM } = request.body;
        const point = (p: readonly [number, number]) => [e6(p[0]), e6(p[1])] as const;
        const definition: GeofenceDefinition =
          shape === 'polygon'
            ? { shape, points: (points ?? []).map(point) }
            : { shape, centre: point(centre ?? [Number.NaN, Number.NaN]), radiusM: radiusM ?? 0 };
        return presentGeofence(await addGeofence(tx, ctx.clock, staffOf(request), { name, definition }));
      }),
  );

  app.post(
    '/v1/admin/risk/geofences/:id/remove',
    {
      config: { auth: { permission: 'risk.rules_write' } },
      schema: {
        tags: ['risk'],
        summary: 'Remove an allowed region (kept, with who removed it and why)',
        params: IdParams,
        body: Type.Object({ reason: Text }, { additionalProperties: false }),
        response: { 200: Ref('RiskGeofence') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) =>
        presentGeofence(
          await removeGeofence(tx, ctx.clock, staffOf(request), { id: request.params.id, reason: request.body.reason }),
        ),
      ),
  );

  app.get(
    '/v1/admin/risk/customers/:id/credit-limit',
    {
      config: { auth: { permission: 'risk.read' } },
      schema: {
        tags: ['risk'],
        summary: 'A customer’s credit limit in force and how payments moved it',
        params: IdParams,
        response: { 200: Ref('RiskCreditLimit') },
      },
    },
    async (request) => {
      const customerId = request.params.id;
      const [current, moves] = await Promise.all([creditLimitOf(db, customerId), limitMovesOf(db, customerId)]);
      const names = await partyNames(db, ctx.config.masterKey, { customerIds: [customerId], staffIds: [] });
      // Each move names the bill whose payment made it by its title and due date, not by its id.
      const bills = await getBills(
        db,
        { clock: ctx.clock, timeZone: ctx.config.timeZone },
        moves.map((m) => m.billId),
      );
      return presentCreditLimit(customerId, names, current, moves, bills);
    },
  );
};
