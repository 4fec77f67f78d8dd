// Notification preferences per category and channel (DOMAIN.md §2). Orders, bills, wallet and
// account notices are on by default on every channel; marketing is opt-in, so off until the
// customer turns it on.
import { type Executor, queryRows } from '@zulin/db';
import { sql } from 'drizzle-orm';

export const notificationCategories = ['orders', 'bills', 'wallet', 'account', 'marketing'] as const;
export const notificationChannels = ['in_app', 'sms', 'email', 'push'] as const;
export type NotificationCategory = (typeof notificationCategories)[number];
export type NotificationChannel = (typeof notificationChannels)[number];
export interface NotificationPreference {
  category: NotificationCategory;
  channel: NotificationChannel;
  enabled: boolean;
}

export function defaultEnabled(category: NotificationCategory): boolean {
  return category !== 'marketing';
}

/** All 20 combinations, stored choices over the defaults. */
export async function getNotificationPreferences(db: Executor, customerId: string): Promise<NotificationPreference[]> {
  const rows = await queryRows<{ category: NotificationCategory; channel: NotificationChannel; enabled: boolean }>(
    db,
    sql`select category, channel, enabled from identity_notification_preferences where customer_id = ${customerId}`,
  );
  const stored = new Map(rows.map((r) => [`${r.category}/${r.channel}`, r.enabled]));
  return notificationCategories.flatMap((category) =>
    notificationChannels.map((channel) => ({
      category,
      channel,
      enabled: stored.get(`${category}/${channel}`) ?? defaultEnabled(category),
    })),
  );
}

/** For the notification module: may this customer be reached on this channel for this category? */
export async function notificationAllowed(
  db: Executor,
  customerId: string,
  category: NotificationCategory,
  channel: NotificationChannel,
): Promise<boolean> {
  const all = await getNotificationPreferences(db, customerId);
  return all.some((p) => p.category === category && p.channel === channel && p.enabled);
}
