// A customer changes their own nickname and/or locale.
import type { Executor } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { type CustomerProfile, getCustomerProfile } from './profile';

export async function updateCustomerProfile(
  db: Executor,
  masterKey: Buffer,
  clock: Clock,
  customerId: string,
  changes: { nickname?: string | null | undefined; locale?: 'zh-CN' | 'en' | undefined },
): Promise<CustomerProfile> {
  const now = clock.now();
  if (changes.nickname !== undefined) {
    const nickname = changes.nickname === null ? null : changes.nickname.trim() || null;
    await db.execute(
      sql`update identity_customers set nickname = ${nickname}, updated_at = ${now} where id = ${customerId}`,
    );
  }
  if (changes.locale !== undefined) {
    await db.execute(
      sql`update identity_customers set locale = ${changes.locale}, updated_at = ${now} where id = ${customerId}`,
    );
  }
  return getCustomerProfile(db, masterKey, customerId);
}
