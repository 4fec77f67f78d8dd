// The table the notification module owns: one row per notification of a customer. The in-app copy
// is the row itself (when `in_app`); an SMS is requested through the outbox and recorded here once
// it was handed to identity's SMS queue.
import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export type NotificationParams = Record<string, string | number>;
export type DeliveredChannel = 'in_app' | 'sms';

/**
 * A notification (`ntf_…`). `dedupe_key` (source event id + template) is unique per customer, so an
 * event the outbox delivers twice notifies once. Rows are keyed by `customer_id` like every
 * customer-owned table.
 */
export const notificationMessages = pgTable(
  'notification_messages',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    category: text('category', { enum: ['orders', 'bills', 'wallet', 'account', 'marketing'] }).notNull(),
    template: text('template').notNull(),
    params: jsonb('params').$type<NotificationParams>().notNull(),
    /** Shown in the inbox: always for non-marketing categories, for marketing only when allowed. */
    inApp: boolean('in_app').notNull(),
    /** Channels the notification has reached so far. */
    channels: jsonb('channels').$type<DeliveredChannel[]>().notNull(),
    smsStatus: text('sms_status', { enum: ['not_requested', 'requested', 'queued'] }).notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: instant('created_at').notNull(),
    readAt: instant('read_at'),
    smsQueuedAt: instant('sms_queued_at'),
  },
  (t) => [
    uniqueIndex('notification_messages_dedupe_uq').on(t.customerId, t.dedupeKey),
    index('notification_messages_inbox_idx').on(t.customerId, t.id).where(sql`${t.inApp}`),
    index('notification_messages_unread_idx').on(t.customerId).where(sql`${t.inApp} and ${t.readAt} is null`),
  ],
);
