// The customer's inbox over HTTP. Thin: validate, authorize, call the use case, render, shape.
import { customerIdOf } from '@zulin/identity';
import type { AppContext } from '@zulin/platform';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { NotificationSchema, presentNotification } from './api-schemas';
import { listNotifications, markAllNotificationsRead, markNotificationRead, unreadCount } from './inbox';
import { inTransaction } from './run';
import { type Locale, negotiateLocale } from './templates';

const customer = { auth: 'customer' } as const;
const ref = (id: string) => Type.Unsafe({ $ref: `${id}#` });
const AcceptLanguage = Type.Object({
  'accept-language': Type.Optional(
    Type.String({ maxLength: 200, description: 'zh-CN (default) or en: the language of title and body' }),
  ),
});

/** The language of the answer, told back in Content-Language. */
function localeOf(request: FastifyRequest, reply: FastifyReply): Locale {
  const header = request.headers['accept-language'];
  const locale = negotiateLocale(Array.isArray(header) ? header[0] : header);
  reply.header('content-language', locale);
  return locale;
}

export const notificationRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.addSchema(NotificationSchema);
  const run = <T>(fn: Parameters<typeof inTransaction<T>>[1]) => inTransaction(ctx.database, fn);
  const render = (locale: Locale) => (row: Parameters<typeof presentNotification>[0]) =>
    presentNotification(row, { locale, timeZone: ctx.config.timeZone });

  app.get(
    '/v1/me/notifications',
    {
      config: customer,
      schema: {
        tags: ['me'],
        summary: 'My in-app notifications, newest first, with the unread count',
        description:
          'Title and body are rendered in the language of Accept-Language (zh-CN by default); template and ' +
          'params are returned too. `unread=true` lists only the unread ones.',
        headers: AcceptLanguage,
        querystring: Type.Object({
          unread: Type.Optional(Type.Boolean()),
          limit: Type.Optional(Type.Integer({ minimum: 1, description: 'page size (default 20, at most 100)' })),
          cursor: Type.Optional(Type.String({ maxLength: 1024 })),
        }),
        response: {
          200: Type.Object({
            data: Type.Array(ref('Notification')),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
            unreadCount: Type.Integer({ minimum: 0 }),
          }),
        },
      },
    },
    async (request, reply) => {
      const customerId = customerIdOf(request);
      const query = request.query as { unread?: boolean; limit?: number; cursor?: string };
      const locale = localeOf(request, reply);
      const { page, unread } = await run(async (tx) => ({
        page: await listNotifications(tx, customerId, query),
        unread: await unreadCount(tx, customerId),
      }));
      return { data: page.data.map(render(locale)), nextCursor: page.nextCursor, unreadCount: unread };
    },
  );

  app.post(
    '/v1/me/notifications/read-all',
    {
      config: customer,
      schema: {
        tags: ['me'],
        summary: 'Mark all my notifications read',
        response: {
          200: Type.Object({
            marked: Type.Integer({ minimum: 0, description: 'how many were unread' }),
            unreadCount: Type.Integer({ minimum: 0 }),
          }),
        },
      },
    },
    async (request) => {
      const customerId = customerIdOf(request);
      return run(async (tx) => ({
        marked: await markAllNotificationsRead(tx, ctx.clock.now(), customerId),
        unreadCount: await unreadCount(tx, customerId),
      }));
    },
  );

  app.post(
    '/v1/me/notifications/:id/read',
    {
      config: customer,
      schema: {
        tags: ['me'],
        summary: 'Mark one of my notifications read (again: no change)',
        headers: AcceptLanguage,
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: ref('Notification') },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const locale = localeOf(request, reply);
      const row = await run((tx) => markNotificationRead(tx, ctx.clock.now(), customerIdOf(request), id));
      return render(locale)(row);
    },
  );
};
