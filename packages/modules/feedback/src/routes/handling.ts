// The handling of a feedback in the handlers' queue: who it may be assigned to, taking it or giving
// it to another handler, internal notes (staff only, audited) and resolving it without a reply.
// Each action answers the feedback as the detail shows it (with its notes).
import type { Executor } from '@zulin/db';
import { listStaff, permissionsOf, roles, staffOf } from '@zulin/identity';
import { command, IdParams, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { addFeedbackNote } from '../add-feedback-note';
import { assignFeedback } from '../assign-feedback';
import type { FeedbackDeps } from '../deps';
import { loadFeedback } from '../feedback-entries';
import { FeedbackLimits } from '../limits';
import { resolveFeedback } from '../resolve-feedback';
import { presentForHandler } from './admin';

const tags = ['feedback'];
const read = { auth: { permission: 'feedback.read' as const } };
const handle = { auth: { permission: 'feedback.handle' as const } };

export const handlingRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: FeedbackDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };
  const masterKey = ctx.config.masterKey;
  const present = (db: Executor, id: string) =>
    loadFeedback(db, id).then((row) => presentForHandler(db, masterKey, row, ctx.clock.now(), { withNotes: true }));

  app.get(
    '/v1/admin/feedback/handlers',
    {
      config: read,
      schema: {
        tags,
        summary: 'Who a feedback may be assigned to: active staff whose role may handle feedback',
        response: {
          200: Type.Object({ data: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })) }),
        },
      },
    },
    async () => {
      const handlerRoles = roles.filter((role) => permissionsOf(role).has('feedback.handle'));
      const pages = await Promise.all(
        handlerRoles.map((role) => listStaff(ctx.database.db, { role, limit: FeedbackLimits.handlersListMax })),
      );
      return {
        data: pages
          .flatMap((page) => page.data)
          .filter((s) => s.status === 'active')
          .slice(0, FeedbackLimits.handlersListMax)
          .map((s) => ({ id: s.id, name: s.displayName ?? s.username })),
      };
    },
  );

  app.post(
    '/v1/admin/feedback/:id/assign',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Take a feedback, or give it to another handler: it goes in progress (a resolved one is refused)',
        params: IdParams,
        body: Type.Object(
          { assigneeId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'default: me' })) },
          { additionalProperties: false },
        ),
        response: { 200: Ref('HandlerFeedback') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const staff = staffOf(request);
        const row = await assignFeedback(tx, deps, {
          feedbackId: request.params.id,
          staff,
          assigneeId: request.body.assigneeId ?? staff.staffId,
        });
        return present(tx, row.id);
      }),
  );

  app.post(
    '/v1/admin/feedback/:id/notes',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Add an internal note: staff only, never shown to the customer; audited',
        params: IdParams,
        body: Type.Object(
          { text: Type.String({ minLength: 1, maxLength: FeedbackLimits.noteLengthMax }) },
          { additionalProperties: false },
        ),
        response: { 201: Ref('HandlerFeedback') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) => {
        const note = await addFeedbackNote(tx, deps, {
          feedbackId: request.params.id,
          staff: staffOf(request),
          text: request.body.text,
        });
        return present(tx, note.feedbackId);
      }),
  );

  app.post(
    '/v1/admin/feedback/:id/resolve',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Resolve a feedback without replying (a reply resolves it too)',
        params: IdParams,
        response: { 200: Ref('HandlerFeedback') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const row = await resolveFeedback(tx, deps, { feedbackId: request.params.id, staff: staffOf(request) });
        return present(tx, row.id);
      }),
  );
};
