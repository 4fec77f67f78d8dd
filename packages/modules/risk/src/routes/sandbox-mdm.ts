// The sandbox MDM's controls (sandbox mode only): a test or a person makes a sandbox phone go
// offline or online, or report a position; the sandbox posts the signed message at its next run.
import { command, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { actAsSandboxDevice } from '../mdm-sandbox';

export const sandboxMdmRoutes: RoutesPlugin = async (app, { ctx }) => {
  if (!ctx.config.sandbox) return;
  app.post(
    '/v1/sandbox/mdm/devices/:imei',
    {
      config: { auth: { permission: 'ops.write' } },
      schema: {
        tags: ['sandbox'],
        description: 'Only in sandbox mode.',
        summary: 'Make a sandbox phone go on- or offline, or report where it is',
        params: Type.Object({ imei: Type.String({ pattern: '^[0-9]{15}$' }) }),
        body: Type.Object(
          {
            online: Type.Optional(Type.Boolean()),
            location: Type.Optional(
              Type.Object(
                {
                  lat: Type.Number({ minimum: -90, maximum: 90 }),
                  lng: Type.Number({ minimum: -180, maximum: 180 }),
                  accuracyM: Type.Integer({ minimum: 0, maximum: 100_000 }),
                },
                { additionalProperties: false },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            imei: Type.String(),
            online: Type.Boolean(),
            locked: Type.Boolean(),
            messageId: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) =>
        actAsSandboxDevice(tx, ctx.clock, { imei: request.params.imei, ...request.body }),
      ),
  );
};
