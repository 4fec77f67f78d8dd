// A provider's callback, applied once by the inbox (the webhook checked its signature when it came):
//  * the outcome goes into the evidence log (`recordESignOutcome`: once per flow and outcome);
//  * signed: the draft becomes the signed contract exactly as our own signing does
//    (`sealSignedContract`: consent entry, signature page, seal, `contract.signed`, the event), the
//    consent naming the provider, the flow, the real-name result and how the signer confirmed;
//  * refused (意愿 refused, real name failed): the flow ends, the draft stays signable.
// A callback for a flow already ended adds nothing (providers repeat callbacks); one for a draft that
// was superseded meanwhile ends the flow `outdated` and signs nothing.
import type { Executor } from '@zulin/db';
import { eq } from 'drizzle-orm';
import type { ContractsDeps } from './deps';
import { ContractsErrors } from './errors';
import type { ESignOutcome } from './esign-provider';
import { recordESignOutcome } from './record-esign-outcome';
import { contractsContracts, contractsESignFlows } from './schema';
import type { SealP12 } from './seal-certificate';
import { sealSignedContract } from './sign-contract';

export type AppliedCallback = 'signed' | 'refused' | 'outdated' | 'repeat';

export async function applyESignCallback(
  tx: Executor,
  deps: ContractsDeps & { seal: SealP12 },
  outcome: ESignOutcome,
): Promise<AppliedCallback> {
  const [flow] = await tx
    .select()
    .from(contractsESignFlows)
    .where(eq(contractsESignFlows.flowId, outcome.flowId))
    .for('update');
  if (!flow || flow.contractId !== outcome.contractId || flow.documentHash !== outcome.documentHash) {
    throw ContractsErrors.CONTRACTS_ESIGN_CALLBACK_INVALID({
      detail: `No flow ${outcome.flowId} of contract ${outcome.contractId} for this document was started here.`,
    });
  }
  if (flow.status !== 'started') return 'repeat';
  const now = deps.clock.now();
  const [contract] = await tx
    .select()
    .from(contractsContracts)
    .where(eq(contractsContracts.id, flow.contractId))
    .for('update');
  if (!contract) throw ContractsErrors.CONTRACTS_CONTRACT_NOT_FOUND();
  const end = (status: 'signed' | 'refused' | 'outdated') =>
    tx.update(contractsESignFlows).set({ status, finishedAt: now }).where(eq(contractsESignFlows.flowId, flow.flowId));
  if (contract.status !== 'draft' || contract.documentHash !== flow.documentHash) {
    await end('outdated');
    return 'outdated';
  }
  await recordESignOutcome(tx, deps, { provider: flow.provider, outcome });
  if (outcome.status !== 'signed') {
    await end('refused');
    return 'refused';
  }
  await sealSignedContract(tx, deps, contract, {
    consent: {
      method: 'esign_provider',
      provider: flow.provider,
      flowId: flow.flowId,
      realName: outcome.realName,
      willingness: outcome.willingness,
    },
    signature: { kind: 'provider', provider: flow.provider, flowId: flow.flowId, willingness: outcome.willingness },
    now,
  });
  await end('signed');
  return 'signed';
}
