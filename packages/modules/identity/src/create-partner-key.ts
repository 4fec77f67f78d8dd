// Issues a partner API key: an opaque `zpk_…` secret shown once, stored as its SHA-256, with the
// scopes it grants (suppliers, carriers, funders, repair shops; the partner module calls this).
import type { Executor } from '@zulin/db';
import { assert, type Clock, newId } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { newOpaqueToken, sha256Hex } from './tokens';

const SCOPE_PATTERN = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*$/;

export async function createPartnerKey(
  tx: Executor,
  clock: Clock,
  input: { partnerId: string; scopes: readonly string[] },
): Promise<{ keyId: string; apiKey: string }> {
  for (const scope of input.scopes) assert(SCOPE_PATTERN.test(scope), `a scope reads area.action: ${scope}`);
  const apiKey = newOpaqueToken('zpk');
  const keyId = newId('pkey', clock);
  await tx.execute(sql`insert into identity_partner_keys (id, partner_id, key_hash, scopes, created_at)
      values (${keyId}, ${input.partnerId}, ${sha256Hex(apiKey)}, ${JSON.stringify(input.scopes)}::jsonb, ${clock.now()})`);
  return { keyId, apiKey };
}
