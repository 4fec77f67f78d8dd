// The logistics settings in the console (beside the rental timers): the days without a scan before an
// outbound parcel is flagged as suspected lost. Read with logistics.read, changed with logistics.write
// (checked, audited with who and before/after).
import { staffOf } from '@zulin/identity';
import { command, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { lostParcelSettings, lostParcelSettingsSchema } from '../logistics-settings';

const tags = ['shipments (admin)'];

export const settingsRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/v1/admin/lost-parcel-settings',
    {
      config: { auth: { permission: 'logistics.read' } },
      schema: {
        tags,
        summary: 'The lost-parcel settings in force (business days without a scan before a parcel is flagged)',
        response: { 200: Ref('LostParcelSettings') },
      },
    },
    async () => {
      const stored = await lostParcelSettings.read(ctx.database.db);
      return { settings: stored.value, ...(await lostParcelSettings.present(ctx.database.db, stored)) };
    },
  );

  app.put(
    '/v1/admin/lost-parcel-settings',
    {
      config: { auth: { permission: 'logistics.write' } },
      schema: {
        tags,
        summary: 'Change the lost-parcel settings; fields left out take their default (audited)',
        body: Type.Partial(lostParcelSettingsSchema),
        response: { 200: Ref('LostParcelSettings') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const staff = staffOf(request);
        const saved = await lostParcelSettings.save(tx, { input: request.body, staff, now: ctx.clock.now() });
        return { settings: saved.value, ...(await lostParcelSettings.present(tx, saved)) };
      }),
  );
};
