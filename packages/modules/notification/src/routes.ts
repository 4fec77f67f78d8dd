// The customer's inbox over HTTP. Thin: validate, authorize, call the use case, render, shape.
import { customerIdOf } from '@zulin/identity';
import { command, type RoutesPlugin } from '@zulin/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { NotificationSchema, presentNotification } from './api-schemas';
import { readInbox, unreadCount } from './inbox';
import { markAllNotificationsRead } from './mark-all-notifications-read';
import { markNotificationRead } from './mark-notification-read';
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

export const notificationRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.addSchema(NotificationSchema);
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
      const locale = localeOf(request, reply);
      const { page, unread } = await readInbox(ctx.database, customerId, request.query);
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
    (request, reply) => {
      const customerId = customerIdOf(request);
      return command(ctx, request, reply, {}, async (tx) => ({
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
    (request, reply) => {
      const locale = localeOf(request, reply);
      return command(ctx, request, reply, {}, async (tx) =>
        render(locale)(await markNotificationRead(tx, ctx.clock.now(), customerIdOf(request), request.params.id)),
      );
    },
  );
};
