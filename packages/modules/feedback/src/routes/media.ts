// The files of a feedback: its author reads them through "my feedback", handlers through the queue.
// A key is served only when the feedback holds it, so a content key alone opens nothing.
import { customerIdOf } from '@zulin/identity';
import type { RoutesPlugin } from '@zulin/platform';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { FeedbackErrors } from '../errors';
import { authorIndexOf, type FeedbackRow, loadFeedback } from '../feedback-entries';
import type { BlobStore } from '../uploads/storage';

const MediaParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  key: Type.String({ minLength: 1, maxLength: 80 }),
});
const Binary = Type.Unsafe<Buffer>(Type.String({ contentEncoding: 'binary', description: 'The file bytes' }));
const contentTypes: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
};

async function send(store: BlobStore, row: FeedbackRow, key: string, reply: FastifyReply) {
  const held = row.media.some((m) => m.key === key || m.thumbnailKey === key);
  const bytes = held ? await store.get(key) : null;
  if (bytes === null) throw FeedbackErrors.FEEDBACK_NOT_FOUND({ detail: 'No such file on this feedback.' });
  return reply
    .type(contentTypes[key.split('.').at(-1) ?? ''] ?? 'application/octet-stream')
    .header('cache-control', 'private, max-age=3600')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(bytes));
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
          response: { 200: Binary },
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
          response: { 200: Binary },
        },
      },
      async (request, reply) =>
        send(store, await loadFeedback(ctx.database.db, request.params.id), request.params.key, reply),
    );
  };
}
