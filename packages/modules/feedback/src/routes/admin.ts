// The handlers' side: the queue (search, category, rating, replied, handling state, assignee,
// overdue, and the analysis' drill-downs; newest or soonest due first), one entry with its replies,
// corrections and internal notes, replying (the customer is notified; it resolves the feedback),
// marking valuable (points) and correcting the category. Assigning, notes and resolving: handling.ts. Anonymous entries are shown through the core's handler
// view: nothing names the author.
import type { Executor } from '@zulin/db';
import { staffOf } from '@zulin/identity';
import { inSnapshot } from '@zulin/ledger';
import { command, IdParams, Literals, PageQuery, Ref, type RoutesPlugin } from '@zulin/platform';
import { rentalOrderNames } from '@zulin/rental';
import { Type } from 'typebox';
import {
  CategorySchema,
  DrillDownQuery,
  HandlingStateSchema,
  presentHandlerFeedback,
  RatingSchema,
  SourceSchema,
} from '../api-schemas';
import { correctFeedbackCategory } from '../correct-category';
import { checkDates } from '../date-range';
import type { FeedbackDeps } from '../deps';
import {
  correctionsOf,
  type FeedbackRow,
  handlerViewOf,
  listFeedbackQueue,
  loadFeedback,
  queueSorts,
  repliesOf,
} from '../feedback-entries';
import { handlingNames, notesOf } from '../handling';
import { FeedbackLimits } from '../limits';
import { markFeedbackValuable } from '../mark-valuable';
import { replyToFeedback } from '../reply-to-feedback';

const tags = ['feedback'];

/**
 * A feedback as handlers see it at `now`; `withNotes` (one feedback: the detail and the actions) adds
 * the internal notes, named by their authors.
 */
export async function presentForHandler(
  db: Executor,
  masterKey: Buffer,
  row: FeedbackRow,
  now: Date,
  options: { withNotes: boolean; orderNames?: ReadonlyMap<string, string> },
) {
  const orderNames =
    options.orderNames ?? (await rentalOrderNames(db, row.anonymous || row.orderId === null ? [] : [row.orderId]));
  const replies = (await repliesOf(db, [row.id])).get(row.id) ?? [];
  const notes = options.withNotes ? await notesOf(db, row.id) : undefined;
  return presentHandlerFeedback(
    row,
    await handlerViewOf(db, masterKey, row),
    replies,
    await correctionsOf(db, row.id),
    {
      now,
      staffNames: await handlingNames(db, [row], notes),
      orderNames,
      ...(notes === undefined ? {} : { notes }),
    },
  );
}

export const adminFeedbackRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: FeedbackDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };
  const masterKey = ctx.config.masterKey;
  const present = (db: Executor, row: FeedbackRow) =>
    presentForHandler(db, masterKey, row, ctx.clock.now(), { withNotes: true });

  app.get(
    '/v1/admin/feedback',
    {
      config: { auth: { permission: 'feedback.read' } },
      schema: {
        tags,
        summary:
          'The feedback queue, newest first (sort=due: soonest due first); q searches the text; source = form or error_screen (sent with 反馈问题 under an error); state, assignee (me, none or a staff id) and overdue are the handling filters; word, productId, model, warehouseId, carrier, from and to are the analysis drill-downs',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: FeedbackLimits.searchQueryLengthMax })),
          category: Type.Optional(CategorySchema),
          rating: Type.Optional(RatingSchema),
          replied: Type.Optional(Type.Boolean()),
          source: Type.Optional(SourceSchema),
          state: Type.Optional(HandlingStateSchema),
          assignee: Type.Optional(
            Type.String({ minLength: 1, maxLength: 64, description: 'me, none (unassigned) or a staff id' }),
          ),
          overdue: Type.Optional(Type.Boolean({ description: 'not resolved and past its due time, now' })),
          sort: Type.Optional(Literals(queueSorts, 'newest (default) or due: soonest due first')),
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
      const { assignee, ...query } = request.query;
      const now = ctx.clock.now();
      const assigneeId =
        assignee === undefined
          ? undefined
          : assignee === 'none'
            ? null
            : assignee === 'me'
              ? staffOf(request).staffId
              : assignee;
      return inSnapshot(ctx.database, async (tx) => {
        const page = await listFeedbackQueue(tx, {
          ...query,
          ...(assigneeId === undefined ? {} : { assigneeId }),
          now,
        });
        // The orders' names for the whole page at once (named entries only carry an order).
        const orderNames = await rentalOrderNames(
          tx,
          page.data.flatMap((r) => (r.anonymous || r.orderId === null ? [] : [r.orderId])),
        );
        const data = [];
        for (const row of page.data) {
          data.push(await presentForHandler(tx, masterKey, row, now, { withNotes: false, orderNames }));
        }
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
        summary: 'One feedback with its replies, category corrections, handling and internal notes',
        params: IdParams,
        response: { 200: Ref('HandlerFeedback') },
      },
    },
    async (request) => inSnapshot(ctx.database, async (tx) => present(tx, await loadFeedback(tx, request.params.id))),
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
        return present(tx, await loadFeedback(tx, request.params.id));
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
        return { feedback: await present(tx, marked.feedback), pointsAwarded: marked.pointsAwarded };
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
