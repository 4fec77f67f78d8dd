// The handlers' side: the queue (search, category, rating, replied, and the analysis' drill-downs),
// one entry with its replies and corrections, replying (the customer is notified), marking valuable
// (points) and correcting the category. Anonymous entries are shown through the core's handler
// view: nothing names the author.
import type { Executor } from '@zulin/db';
import { staffOf } from '@zulin/identity';
import { inSnapshot } from '@zulin/ledger';
import { command, IdParams, PageQuery, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { CategorySchema, DrillDownQuery, presentHandlerFeedback, RatingSchema, SourceSchema } from '../api-schemas';
import { correctFeedbackCategory } from '../correct-category';
import { checkDates } from '../date-range';
import type { FeedbackDeps } from '../deps';
import {
  correctionsOf,
  type FeedbackRow,
  handlerViewOf,
  listFeedbackQueue,
  loadFeedback,
  repliesOf,
} from '../feedback-entries';
import { FeedbackLimits } from '../limits';
import { markFeedbackValuable } from '../mark-valuable';
import { replyToFeedback } from '../reply-to-feedback';

const tags = ['feedback'];

async function present(db: Executor, masterKey: Buffer, row: FeedbackRow) {
  const replies = (await repliesOf(db, [row.id])).get(row.id) ?? [];
  return presentHandlerFeedback(row, await handlerViewOf(db, masterKey, row), replies, await correctionsOf(db, row.id));
}

export const adminFeedbackRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: FeedbackDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };
  const masterKey = ctx.config.masterKey;

  app.get(
    '/v1/admin/feedback',
    {
      config: { auth: { permission: 'feedback.read' } },
      schema: {
        tags,
        summary:
          'The feedback queue, newest first; q searches the text; source = form or error_screen (sent with 反馈问题 under an error); word, productId, model, warehouseId, carrier, from and to are the analysis drill-downs',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: FeedbackLimits.searchQueryLengthMax })),
          category: Type.Optional(CategorySchema),
          rating: Type.Optional(RatingSchema),
          replied: Type.Optional(Type.Boolean()),
          source: Type.Optional(SourceSchema),
          ...DrillDownQuery,
          ...PageQuery,
        }),
        response: {
          200: Type.Object({
            data: Type.Array(Ref('HandlerFeedback')),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request) => {
      checkDates(request.query);
      return inSnapshot(ctx.database, async (tx) => {
        const page = await listFeedbackQueue(tx, request.query);
        const data = [];
        for (const row of page.data) data.push(await present(tx, masterKey, row));
        return { data, nextCursor: page.nextCursor };
      });
    },
  );

  app.get(
    '/v1/admin/feedback/:id',
    {
      config: { auth: { permission: 'feedback.read' } },
      schema: {
        tags,
        summary: 'One feedback with its replies and category corrections',
        params: IdParams,
        response: { 200: Ref('HandlerFeedback') },
      },
    },
    async (request) =>
      inSnapshot(ctx.database, async (tx) => present(tx, masterKey, await loadFeedback(tx, request.params.id))),
  );

  app.post(
    '/v1/admin/feedback/:id/replies',
    {
      config: { auth: { permission: 'feedback.handle' } },
      schema: {
        tags,
        summary: 'Reply to a feedback; the customer is notified (in-app, SMS per preferences)',
        params: IdParams,
        body: Type.Object(
          { text: Type.String({ minLength: 1, maxLength: FeedbackLimits.replyLengthMax }) },
          { additionalProperties: false },
        ),
        response: { 201: Ref('HandlerFeedback') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) => {
        await replyToFeedback(tx, deps, {
          feedbackId: request.params.id,
          staff: staffOf(request),
          text: request.body.text,
        });
        return present(tx, masterKey, await loadFeedback(tx, request.params.id));
      }),
  );

  app.post(
    '/v1/admin/feedback/:id/valuable',
    {
      config: { auth: { permission: 'feedback.handle' } },
      schema: {
        tags,
        summary: 'Mark a feedback valuable: its author earns points, once per feedback',
        params: IdParams,
        response: {
          200: Type.Object({ feedback: Ref('HandlerFeedback'), pointsAwarded: Type.Integer({ minimum: 0 }) }),
        },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const marked = await markFeedbackValuable(tx, deps, { feedbackId: request.params.id, staff: staffOf(request) });
        return { feedback: await present(tx, masterKey, marked.feedback), pointsAwarded: marked.pointsAwarded };
      }),
  );

  app.post(
    '/v1/admin/feedback/:id/category',
    {
      config: { auth: { permission: 'feedback.handle' } },
      schema: {
        tags,
        summary:
          'Correct the automatic category; the correction is kept with what the rules said, the words and the note (rule suggestions)',
        params: IdParams,
        body: Type.Object(
          {
            category: CategorySchema,
            note: Type.Optional(Type.String({ maxLength: FeedbackLimits.correctionNoteLengthMax })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Ref('HandlerFeedback') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) =>
        present(
          tx,
          masterKey,
          await correctFeedbackCategory(tx, deps, {
            feedbackId: request.params.id,
            staff: staffOf(request),
            category: request.body.category,
            ...(request.body.note === undefined ? {} : { note: request.body.note }),
          }),
        ),
      ),
  );
};
