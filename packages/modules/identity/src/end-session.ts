// Logout: revokes the family of the presented refresh token; unknown tokens are ignored.
import { type Executor, queryRows, transaction } from '@zulin/db';
import { sql } from 'drizzle-orm';
import { revokeFamily } from './sessions';
import { sha256Hex } from './tokens';

/** Ends the session the refresh token belongs to; unknown tokens are ignored (logout always succeeds). */
export async function endSession(db: Executor, now: Date, refreshToken: string): Promise<void> {
  await transaction(db, async (tx) => {
    const rows = await queryRows<{ family_id: string }>(
      tx,
      sql`select family_id from identity_refresh_tokens where token_hash = ${sha256Hex(refreshToken)}`,
    );
    const row = rows[0];
    if (row !== undefined) await revokeFamily(tx, row.family_id, now);
  });
}
