// The files of a feedback: its author reads them through "my feedback", handlers through the queue.
// A key is served only when the feedback holds it, so a content key alone opens nothing.
import { customerIdOf } from '@zulin/identity';
import type { RoutesPlugin } from '@zulin/platform';
import { BinaryResponse, type BlobStore, FileParams as MediaParams, sendBlob } from '@zulin/support';
import type { FastifyReply } from 'fastify';
import { FeedbackErrors } from '../errors';
import { authorIndexOf, type FeedbackRow, loadFeedback } from '../feedback-entries';

async function send(store: BlobStore, row: FeedbackRow, key: string, reply: FastifyReply) {
  const held = row.media.some((m) => m.key === key || m.thumbnailKey === key);
  const sent = held ? await sendBlob(store, key, reply) : null;
  if (sent === null) throw FeedbackErrors.FEEDBACK_NOT_FOUND({ detail: 'No such file on this feedback.' });
  return sent;
}

export function mediaRoutes(store: BlobStore): RoutesPlugin {
  return async (app, { ctx }) => {
    app.get(
      '/v1/feedback/:id/media/:key',
      {
        config: { auth: 'customer' },
        schema: {
          tags: ['feedback'],
          summary: 'A photo, thumbnail or video of one of my feedback entries',
          params: MediaParams,
          response: { 200: BinaryResponse },
        },
      },
      async (request, reply) => {
        const row = await loadFeedback(ctx.database.db, request.params.id);
        if (row.authorIndex !== authorIndexOf(ctx.config.masterKey, customerIdOf(request))) {
          throw FeedbackErrors.FEEDBACK_NOT_FOUND();
        }
        return send(store, row, request.params.key, reply);
      },
    );

    app.get(
      '/v1/admin/feedback/:id/media/:key',
      {
        config: { auth: { permission: 'feedback.read' } },
        schema: {
          tags: ['feedback'],
          summary: 'A photo, thumbnail or video of a feedback (images are re-encoded without EXIF)',
          params: MediaParams,
          response: { 200: BinaryResponse },
        },
      },
      async (request, reply) =>
        send(store, await loadFeedback(ctx.database.db, request.params.id), request.params.key, reply),
    );
  };
}
