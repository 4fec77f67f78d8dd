// Feedback's settings in the console (beside the questions editor): the rating window of a finished
// rental and its reminder day. Read with feedback.read, changed with feedback.handle (checked, audited
// with who and before/after); the rating route and the reminder tick read it each time.
import { staffOf } from '@zulin/identity';
import { command, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { ratingWindowSettings, ratingWindowSettingsSchema } from '../rating-window-settings';

const tags = ['feedback'];

export const settingsRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/v1/admin/feedback/rating-window',
    {
      config: { auth: { permission: 'feedback.read' } },
      schema: {
        tags,
        summary: 'The rating window in force: days a finished rental may be rated, and the reminder day',
        response: { 200: Ref('RatingWindowSettings') },
      },
    },
    async () => {
      const stored = await ratingWindowSettings.read(ctx.database.db);
      return { ratingWindow: stored.value, ...(await ratingWindowSettings.present(ctx.database.db, stored)) };
    },
  );

  app.put(
    '/v1/admin/feedback/rating-window',
    {
      config: { auth: { permission: 'feedback.handle' } },
      schema: {
        tags,
        summary: 'Change the rating window; fields left out take their default (audited)',
        body: Type.Partial(ratingWindowSettingsSchema),
        response: { 200: Ref('RatingWindowSettings') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const staff = staffOf(request);
        const saved = await ratingWindowSettings.save(tx, { input: request.body, staff, now: ctx.clock.now() });
        return { ratingWindow: saved.value, ...(await ratingWindowSettings.present(tx, saved)) };
      }),
  );
};
