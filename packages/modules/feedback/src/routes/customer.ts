// The customer's side: upload a photo or video, send feedback, rate a finished rental, read "my
// feedback" with the replies, the current preset questions, and the files of their own feedback.
import { customerIdOf, staffOf } from '@zulin/identity';
import { command, IdParams, Literals, Ref, type RoutesPlugin } from '@zulin/platform';
import { type BlobStore, recordUpload } from '@zulin/support';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AnswerSchema, presentMyFeedback, presentQuestion, presentUpload, RatingSchema } from '../api-schemas';
import type { FeedbackDeps } from '../deps';
import { FeedbackErrors } from '../errors';
import { authorIndexOf, listMyFeedback, loadFeedback, repliesOf } from '../feedback-entries';
import { errorCodePattern, feedbackSources, requestIdPattern } from '../feedback-source';
import { FeedbackLimits } from '../limits';
import { readActiveQuestions } from '../question-store';
import { cleanAndStoreUpload } from '../record-upload';
import { submitFeedback } from '../submit-feedback';

const tags = ['feedback'];

const FeedbackContent = {
  text: Type.String({ maxLength: FeedbackLimits.textLengthMax }),
  anonymous: Type.Boolean(),
  answers: Type.Optional(Type.Array(AnswerSchema, { maxItems: FeedbackLimits.questionsPerSetMax })),
  mediaIds: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: FeedbackLimits.imagesPerFeedbackMax }),
  ),
  thanksOptIn: Type.Optional(
    Type.Boolean({ description: 'named feedback only: may appear on the public thanks list' }),
  ),
};

/** The screen general feedback was sent from: the form (the default) or 反馈问题 under an error. */
const EntrySchema = Type.Object(
  {
    source: Literals(feedbackSources, 'error_screen: 反馈问题 under an error the app showed; form: the feedback form'),
    code: Type.Optional(
      Type.String({ pattern: errorCodePattern, description: 'error_screen: the problem code the screen showed' }),
    ),
    requestId: Type.Optional(
      Type.String({
        pattern: requestIdPattern,
        description: 'error_screen: the request id the screen showed (not kept on anonymous feedback)',
      }),
    ),
  },
  { additionalProperties: false },
);

/** The one file of a multipart upload (field `file`), read whole within the video size limit. */
async function uploadedBytes(request: FastifyRequest): Promise<Uint8Array> {
  if (!request.isMultipart()) throw FeedbackErrors.FEEDBACK_UPLOAD_MISSING();
  const part = await request.file();
  if (part === undefined) throw FeedbackErrors.FEEDBACK_UPLOAD_MISSING();
  try {
    return new Uint8Array(await part.toBuffer());
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw FeedbackErrors.FEEDBACK_UPLOAD_TOO_LARGE({
        detail: `A file may be at most ${FeedbackLimits.videoBytesMax} bytes.`,
      });
    }
    throw error;
  }
}

export function customerFeedbackRoutes(store: BlobStore): RoutesPlugin {
  return async (app, { ctx }) => {
    const deps: FeedbackDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };

    app.post(
      '/v1/uploads',
      {
        config: { auth: 'customer' },
        schema: {
          tags,
          summary: 'Upload a photo or a short video for a feedback (multipart field "file")',
          description: `JPEG, PNG or WebP images up to ${FeedbackLimits.imageBytesMax} bytes (re-encoded, EXIF removed, a thumbnail made); MP4 or MOV videos up to ${FeedbackLimits.videoBytesMax} bytes and ${FeedbackLimits.videoDurationMsMax / 1000} s. The type is read from the file's first bytes.`,
          consumes: ['multipart/form-data'],
          response: { 201: Ref('FeedbackUpload') },
        },
      },
      async (request, reply) => {
        const stored = await cleanAndStoreUpload(store, await uploadedBytes(request));
        return command(ctx, request, reply, { status: 201 }, async (tx) =>
          presentUpload(await recordUpload(tx, deps, { owner: { customerId: customerIdOf(request) }, stored })),
        );
      },
    );

    app.post(
      '/v1/admin/uploads',
      {
        // Staff photos go on ticket replies and chats, which only support handlers write.
        config: { auth: { permission: 'support.handle' } },
        schema: {
          tags,
          summary:
            'Upload a photo for a ticket reply or a chat (multipart field "file"), checked and cleaned like a customer\'s',
          description: `JPEG, PNG or WebP images up to ${FeedbackLimits.imageBytesMax} bytes (re-encoded, EXIF removed, a thumbnail made); MP4 or MOV videos up to ${FeedbackLimits.videoBytesMax} bytes and ${FeedbackLimits.videoDurationMsMax / 1000} s. The type is read from the file's first bytes.`,
          consumes: ['multipart/form-data'],
          response: { 201: Ref('FeedbackUpload') },
        },
      },
      async (request, reply) => {
        const stored = await cleanAndStoreUpload(store, await uploadedBytes(request));
        return command(ctx, request, reply, { status: 201 }, async (tx) =>
          presentUpload(await recordUpload(tx, deps, { owner: { staffId: staffOf(request).staffId }, stored })),
        );
      },
    );

    app.get(
      '/v1/feedback/questions',
      {
        config: { auth: 'customer' },
        schema: {
          tags,
          summary: 'The preset questions shown on the feedback form, in order (answers name their exact version)',
          response: { 200: Type.Object({ data: Type.Array(Ref('FeedbackQuestion')) }) },
        },
      },
      async () => ({ data: (await readActiveQuestions(ctx.database.db)).map(presentQuestion) }),
    );

    app.post(
      '/v1/feedback',
      {
        config: { auth: 'customer' },
        schema: {
          tags,
          summary:
            'Send feedback (the home or profile button, or 反馈问题 under an error the app showed; with an order while it is rented)',
          body: Type.Object(
            {
              rating: Type.Optional(RatingSchema),
              orderId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
              ...FeedbackContent,
              entry: Type.Optional(EntrySchema),
            },
            { additionalProperties: false },
          ),
          response: { 201: Ref('MyFeedback') },
        },
      },
      (request, reply) =>
        command(ctx, request, reply, { status: 201 }, async (tx) => {
          const body = request.body;
          const row = await submitFeedback(tx, deps, {
            customerId: customerIdOf(request),
            entry: 'general',
            orderId: body.orderId ?? null,
            rating: body.rating ?? null,
            text: body.text,
            anonymous: body.anonymous,
            answers: body.answers ?? [],
            mediaIds: body.mediaIds ?? [],
            thanksOptIn: body.thanksOptIn ?? false,
            sentFrom: body.entry,
          });
          return presentMyFeedback(row, []);
        }),
    );

    app.post(
      '/v1/rentals/:id/rating',
      {
        config: { auth: 'customer' },
        schema: {
          tags,
          summary: 'Rate a finished rental (from its end through the rating window, once)',
          params: IdParams,
          body: Type.Object({ rating: RatingSchema, ...FeedbackContent }, { additionalProperties: false }),
          response: { 201: Ref('MyFeedback') },
        },
      },
      (request, reply) =>
        command(ctx, request, reply, { status: 201 }, async (tx) => {
          const body = request.body;
          const row = await submitFeedback(tx, deps, {
            customerId: customerIdOf(request),
            entry: 'rating',
            orderId: request.params.id,
            rating: body.rating,
            text: body.text,
            anonymous: body.anonymous,
            answers: body.answers ?? [],
            mediaIds: body.mediaIds ?? [],
            thanksOptIn: body.thanksOptIn ?? false,
          });
          return presentMyFeedback(row, []);
        }),
    );

    app.get(
      '/v1/feedback',
      {
        config: { auth: 'customer' },
        schema: {
          tags,
          summary: 'My feedback, named and anonymous, newest first, with the replies',
          response: { 200: Type.Object({ data: Type.Array(Ref('MyFeedback')) }) },
        },
      },
      async (request) => {
        const mine = await listMyFeedback(ctx.database.db, ctx.config.masterKey, customerIdOf(request));
        return { data: mine.map(({ row, replies }) => presentMyFeedback(row, replies)) };
      },
    );

    app.get(
      '/v1/feedback/:id',
      {
        config: { auth: 'customer' },
        schema: {
          tags,
          summary: 'One of my feedback entries, with the replies',
          params: IdParams,
          response: { 200: Ref('MyFeedback') },
        },
      },
      async (request) => {
        const db = ctx.database.db;
        const row = await loadFeedback(db, request.params.id);
        if (row.authorIndex !== authorIndexOf(ctx.config.masterKey, customerIdOf(request))) {
          throw FeedbackErrors.FEEDBACK_NOT_FOUND();
        }
        return presentMyFeedback(row, (await repliesOf(db, [row.id])).get(row.id) ?? []);
      },
    );
  };
}
