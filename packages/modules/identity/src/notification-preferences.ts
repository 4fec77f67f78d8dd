// Notification preferences per category and channel (DOMAIN.md §2). Orders, bills, wallet and
// account notices are on by default on every channel; marketing is opt-in, so off until the
// customer turns it on.
import { type Database, type Executor, queryRows, transaction } from '@zulin/db';
import { type Clock, KernelErrors } from '@zulin/kernel';
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

/** Stores the given combinations (others keep their value) and returns all of them. */
export async function setNotificationPreferences(
  database: Database | Executor,
  clock: Clock,
  customerId: string,
  preferences: readonly NotificationPreference[],
): Promise<NotificationPreference[]> {
  const seen = new Set<string>();
  for (const [index, p] of preferences.entries()) {
    const key = `${p.category}/${p.channel}`;
    if (seen.has(key)) {
      throw KernelErrors.VALIDATION_FAILED({
        errors: [{ path: `/body/data/${index}`, message: `${key} appears twice`, code: 'DUPLICATE_PREFERENCE' }],
      });
    }
    seen.add(key);
  }
  const now = clock.now();
  return transaction(database, async (tx) => {
    for (const p of preferences) {
      await tx.execute(sql`
      insert into identity_notification_preferences (customer_id, category, channel, enabled, updated_at)
      values (${customerId}, ${p.category}, ${p.channel}, ${p.enabled}, ${now})
      on conflict (customer_id, category, channel) do update set enabled = excluded.enabled, updated_at = excluded.updated_at`);
    }
    return getNotificationPreferences(tx, customerId);
  });
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
