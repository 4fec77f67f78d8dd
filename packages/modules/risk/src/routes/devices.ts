// Rented phones under the MDM: enrol by IMEI, look at one (commands, location history), lock and
// unlock with a reason (risk.devices; audited; each command's state visible as the MDM answers).
import { staffOf } from '@zulin/identity';
import { command, IdParams, IdString, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { mdmDeps } from '../adapters';
import { listAlerts } from '../alerts';
import { presentDevice, presentDeviceCommand, presentDeviceLocation } from '../api-schemas';
import { deviceCommands, deviceLocations, listDevices, loadDevice } from '../devices';
import { enrolAtMdm, recordEnrolment } from '../enrol-device';
import { RiskLimits } from '../limits';
import { partyNames } from '../party-names';
import { requestDeviceCommand } from '../request-device-command';

const Reason = Type.String({ minLength: 1, maxLength: RiskLimits.reasonLengthMax });

export const deviceRoutes: RoutesPlugin = async (app, { ctx }) => {
  const db = ctx.database.db;
  const openAlertsOf = async (deviceId: string) => (await listAlerts(db, { status: 'open', deviceId })).length;

  app.get(
    '/v1/admin/risk/devices',
    {
      config: { auth: { permission: 'risk.read' } },
      schema: {
        tags: ['risk'],
        summary: 'Phones enrolled with the MDM, newest first (optionally one customer’s)',
        querystring: Type.Object({ customerId: Type.Optional(IdString('Only this customer’s phones')) }),
        response: { 200: Type.Object({ data: Type.Array(Ref('RiskDevice')) }) },
      },
    },
    async (request) => {
      const devices = await listDevices(db, { customerId: request.query.customerId });
      const names = await partyNames(db, ctx.config.masterKey, {
        customerIds: devices.map((d) => d.customerId),
        staffIds: devices.map((d) => d.enrolledBy),
      });
      const data = [];
      for (const d of devices) data.push(presentDevice(d, names, await openAlertsOf(d.id)));
      return { data };
    },
  );

  app.post(
    '/v1/admin/risk/devices',
    {
      config: { auth: { permission: 'risk.devices' } },
      schema: {
        tags: ['risk'],
        summary:
          'Enrol a rented phone with the MDM by its IMEI (the MDM is asked first; enrolling is idempotent there)',
        body: Type.Object(
          {
            imei: Type.String({ pattern: '^[0-9]{15}$' }),
            customerId: IdString('The customer renting the phone'),
            reference: Type.Optional(Type.String({ minLength: 1, maxLength: RiskLimits.referenceLengthMax })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Ref('RiskDevice') },
      },
    },
    async (request, reply) => {
      const deps = mdmDeps(ctx);
      const { providerDeviceId } = await enrolAtMdm(deps, request.body.imei);
      return command(ctx, request, reply, { status: 201 }, async (tx) => {
        const staff = staffOf(request);
        const device = await recordEnrolment(tx, deps, staff, { ...request.body, providerDeviceId });
        const names = await partyNames(tx, ctx.config.masterKey, {
          customerIds: [device.customerId],
          staffIds: [device.enrolledBy],
        });
        return presentDevice(device, names, 0);
      });
    },
  );

  app.get(
    '/v1/admin/risk/devices/:id',
    {
      config: { auth: { permission: 'risk.read' } },
      schema: {
        tags: ['risk'],
        summary: 'One phone: its lock state, its commands with their states, and its location history',
        params: IdParams,
        response: {
          200: Type.Object({
            device: Ref('RiskDevice'),
            commands: Type.Array(Ref('RiskDeviceCommand')),
            locations: Type.Array(Ref('RiskDeviceLocation')),
          }),
        },
      },
    },
    async (request) => {
      const device = await loadDevice(db, request.params.id);
      const [commands, locations] = await Promise.all([deviceCommands(db, device.id), deviceLocations(db, device.id)]);
      const names = await partyNames(db, ctx.config.masterKey, {
        customerIds: [device.customerId],
        staffIds: [device.enrolledBy, ...commands.map((c) => c.requestedBy)],
      });
      return {
        device: presentDevice(device, names, await openAlertsOf(device.id)),
        commands: commands.map((c) => presentDeviceCommand(c, names)),
        locations: locations.map(presentDeviceLocation),
      };
    },
  );

  for (const kind of ['lock', 'unlock'] as const) {
    app.post(
      `/v1/admin/risk/devices/:id/${kind}`,
      {
        config: { auth: { permission: 'risk.devices' } },
        schema: {
          tags: ['risk'],
          summary:
            kind === 'lock'
              ? 'Lock the phone through the MDM (recorded now, sent by the next sweep; the state follows the MDM’s answer)'
              : 'Unlock the phone through the MDM, reversing its lock',
          params: IdParams,
          body: Type.Object({ reason: Reason }, { additionalProperties: false }),
          response: { 201: Ref('RiskDeviceCommand') },
        },
      },
      (request, reply) =>
        command(ctx, request, reply, { status: 201 }, async (tx) => {
          const staff = staffOf(request);
          const created = await requestDeviceCommand(tx, ctx.clock, staff, {
            deviceId: request.params.id,
            kind,
            reason: request.body.reason,
          });
          const names = await partyNames(tx, ctx.config.masterKey, { customerIds: [], staffIds: [staff.staffId] });
          return presentDeviceCommand(created, names);
        }),
    );
  }
};
