// Revokes a partner API key; false when it was unknown or already revoked.
import { type Executor, queryRows } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { sql } from 'drizzle-orm';

export async function revokePartnerKey(tx: Executor, clock: Clock, keyId: string): Promise<boolean> {
  const rows = await queryRows(
    tx,
    sql`update identity_partner_keys set revoked_at = ${clock.now()} where id = ${keyId} and revoked_at is null returning id`,
  );
  return rows.length > 0;
}
