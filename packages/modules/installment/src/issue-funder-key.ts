// Issues a funder's partner API key (identity's `zpk_…` key, scope installment.funder_statements,
// partner id = the funder's id): the funder's own client fetches its statements with it. The key is
// shown once; only its hash is kept. Audited.
import type { Executor } from '@zulin/db';
import { type AuditActor, createPartnerKey, recordAudit } from '@zulin/identity';
import type { Clock } from '@zulin/kernel';
import { funderStatementScope, loadFunder } from './funders';

export async function issueFunderKey(
  tx: Executor,
  deps: { clock: Clock },
  options: { funderId: string; actor: AuditActor },
): Promise<{ keyId: string; apiKey: string; scope: string }> {
  const funder = await loadFunder(tx, options.funderId);
  const key = await createPartnerKey(tx, deps.clock, { partnerId: funder.id, scopes: [funderStatementScope] });
  await recordAudit(tx, {
    actor: options.actor,
    action: 'installment.funder_key_issued',
    targetType: 'installment_funder',
    targetId: funder.id,
    detail: { keyId: key.keyId, scope: funderStatementScope },
    at: deps.clock.now(),
  });
  return { ...key, scope: funderStatementScope };
}
