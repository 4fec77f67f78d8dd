// A customer turns notification categories on or off per channel; combinations not given keep their value.
import { type Database, type Executor, transaction } from '@zulin/db';
import { type Clock, KernelErrors } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { getNotificationPreferences, type NotificationPreference } from './notification-preferences';

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
