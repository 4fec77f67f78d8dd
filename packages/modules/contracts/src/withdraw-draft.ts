// Withdrawing a draft its subject no longer needs (docs/contracts.md, "Withdrawing a draft"): the
// addendum of a renewal the customer abandoned before signing it. In the caller's transaction: the
// draft becomes `withdrawn` — never signable again (CONTRACTS_DRAFT_WITHDRAWN, by SMS code or e-sign
// callback) — and the evidence log records it with the document's hash and the reason. A signed
// contract cannot be withdrawn (CONTRACTS_ALREADY_SIGNED); one superseded or withdrawn already is
// left as it is.
import type { Executor } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { ContractsErrors } from './errors';
import { appendEvidence } from './evidence-log';
import { contractsContracts } from './schema';

export async function withdrawDraft(
  tx: Executor,
  deps: { clock: Clock },
  options: { contractId: string; reason: string },
): Promise<{ status: 'withdrawn' | 'superseded' }> {
  const [row] = await tx
    .select()
    .from(contractsContracts)
    .where(eq(contractsContracts.id, options.contractId))
    .for('update');
  if (!row) throw ContractsErrors.CONTRACTS_CONTRACT_NOT_FOUND();
  if (row.status === 'signed') throw ContractsErrors.CONTRACTS_ALREADY_SIGNED();
  if (row.status !== 'draft') return { status: row.status };
  const now = deps.clock.now();
  await tx.update(contractsContracts).set({ status: 'withdrawn' }).where(eq(contractsContracts.id, row.id));
  await appendEvidence(tx, {
    subject: { kind: 'contract', id: row.id },
    customerId: row.customerId,
    kind: 'contract.withdrawn',
    data: { contractId: row.id, documentHash: row.documentHash, reason: options.reason },
    at: now,
  });
  return { status: 'withdrawn' };
}
