// The shape the inbox API answers with, and the function that renders a stored notification into
// it in the requested language.

import { Instant } from '@zulin/platform';
import { Type } from 'typebox';
import type { NotificationRow } from './inbox';
import { type Locale, renderNotification, templateOf } from './templates';

export const NotificationSchema = Type.Object(
  {
    id: Type.String({ description: 'ntf_…' }),
    category: Type.Union([
      Type.Literal('orders'),
      Type.Literal('bills'),
      Type.Literal('wallet'),
      Type.Literal('account'),
      Type.Literal('marketing'),
    ]),
    template: Type.String({ description: 'template key, e.g. wallet.top_up_succeeded' }),
    params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Integer()]), {
      description: 'the template parameters; amounts in integer minor units (分), instants in ISO 8601',
    }),
    title: Type.String({ description: 'rendered in the language of Accept-Language (zh-CN by default)' }),
    body: Type.String(),
    target: Type.Union([Type.Literal('wallet'), Type.Literal('bills'), Type.Literal('order_rating'), Type.Null()], {
      description:
        'the app screen the notification leads to; order_rating: the rate page of the order in params.orderId',
    }),
    channels: Type.Array(Type.Union([Type.Literal('in_app'), Type.Literal('sms')]), {
      description: 'channels it has reached; sms once handed to the SMS service',
    }),
    read: Type.Boolean(),
    readAt: Type.Union([Instant, Type.Null()]),
    createdAt: Instant,
  },
  { $id: 'Notification', title: 'Notification' },
);

export function presentNotification(row: NotificationRow, options: { locale: Locale; timeZone: string }) {
  const { title, body } = renderNotification(row.template, row.params, options);
  return {
    id: row.id,
    category: row.category,
    template: row.template,
    params: row.params,
    title,
    body,
    target: templateOf(row.template).target,
    channels: row.channels,
    read: row.readAt !== null,
    readAt: row.readAt ? row.readAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}
