// A licensed provider's outcome of a signing flow (esign-provider.ts) goes into the evidence log under
// the contract, in the callback's transaction: who ran it, the flow, the real-name result, how the
// signer confirmed (意愿: SMS or face), signed or refused, and the document hash the provider signed —
// which must be the contract's current draft. A provider retries callbacks: the entry is keyed by the
// flow and its outcome (`eventId`), so a repeat adds nothing. Whether our own SMS consent and seal or a
// provider signs, the contract's entries are in the same chain, under the same roots, in the same bundle.
import type { Executor } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { ContractsErrors } from './errors';
import type { ESignOutcome } from './esign-provider';
import { appendEvidence, type StoredEvidence } from './evidence-log';
import { contractsContracts } from './schema';

export async function recordESignOutcome(
  tx: Executor,
  deps: { clock: Clock },
  options: { provider: string; outcome: ESignOutcome },
): Promise<StoredEvidence> {
  const { outcome } = options;
  const [contract] = await tx
    .select({
      id: contractsContracts.id,
      customerId: contractsContracts.customerId,
      status: contractsContracts.status,
      documentHash: contractsContracts.documentHash,
    })
    .from(contractsContracts)
    .where(eq(contractsContracts.id, outcome.contractId));
  if (!contract) throw ContractsErrors.CONTRACTS_CONTRACT_NOT_FOUND();
  if (contract.documentHash !== outcome.documentHash) {
    throw ContractsErrors.CONTRACTS_ESIGN_CALLBACK_INVALID({
      detail: 'The provider signed another document than this contract’s draft.',
    });
  }
  if (contract.status === 'superseded') throw ContractsErrors.CONTRACTS_DRAFT_OUTDATED();
  if (contract.status === 'withdrawn') throw ContractsErrors.CONTRACTS_DRAFT_WITHDRAWN();
  return appendEvidence(tx, {
    subject: { kind: 'contract', id: contract.id },
    customerId: contract.customerId,
    kind: 'contract.esign_outcome',
    data: {
      eventId: `esign:${outcome.flowId}:${outcome.status}`,
      provider: options.provider,
      flowId: outcome.flowId,
      status: outcome.status,
      realName: outcome.realName,
      willingness: outcome.willingness,
      signedAt: outcome.signedAt,
      documentHash: outcome.documentHash,
    },
    at: deps.clock.now(),
  });
}
