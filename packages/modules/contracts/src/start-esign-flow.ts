// Starting a licensed provider's signing flow (实名 + 意愿) for a draft, in two halves because the
// provider is an outside system (docs/modules.md, "A use case"):
//  * `prepareESignFlow(db, …)` reads the draft (the caller's, signable) and its live flow: the same
//    draft answers the same flow; otherwise the provider is asked to open one (no transaction open);
//  * `saveESignFlow(tx, …)` records the flow in the command's transaction, after checking again that
//    the draft is still the current one; a flow that another request recorded first wins.
// A live flow for an older draft, or one the provider has closed (expired), is ended first.
import type { Database, Executor } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { and, eq } from 'drizzle-orm';
import { ContractsErrors } from './errors';
import { type ESignFlowRow, liveFlowOf } from './esign-flows';
import type { ESignFlow, ESignProvider } from './esign-provider';
import { contractsContracts, contractsESignFlows } from './schema';
import { checkSignable } from './sign-contract';

export interface StartedESignFlow {
  flowId: string;
  contractId: string;
  documentHash: string;
  authUrl: string;
  expiresAt: Date;
}

const toStarted = (row: ESignFlowRow): StartedESignFlow => ({
  flowId: row.flowId,
  contractId: row.contractId,
  documentHash: row.documentHash,
  authUrl: row.authUrl,
  expiresAt: row.expiresAt,
});

async function readDraft(db: Executor, customerId: string, contractId: string) {
  const [row] = await db
    .select()
    .from(contractsContracts)
    .where(and(eq(contractsContracts.id, contractId), eq(contractsContracts.customerId, customerId)));
  if (!row) throw ContractsErrors.CONTRACTS_CONTRACT_NOT_FOUND();
  checkSignable(row);
  return row;
}

/** The live flow of this very draft, or what the provider answered when asked to open one. */
export async function prepareESignFlow(
  database: Database,
  deps: { clock: Clock; provider: ESignProvider; callbackUrl: string },
  options: { customerId: string; contractId: string },
): Promise<{ existing: StartedESignFlow } | { opened: ESignFlow; documentHash: string }> {
  const draft = await readDraft(database.db, options.customerId, options.contractId);
  const live = await liveFlowOf(database.db, draft.id);
  const now = deps.clock.now();
  if (live && live.documentHash === draft.documentHash && live.expiresAt.getTime() > now.getTime()) {
    return { existing: toStarted(live) };
  }
  const opened = await deps.provider.createFlow({
    contractId: draft.id,
    documentHash: draft.documentHash,
    signerRef: draft.customerId,
    callbackUrl: deps.callbackUrl,
  });
  return { opened, documentHash: draft.documentHash };
}

export async function saveESignFlow(
  tx: Executor,
  deps: { clock: Clock; provider: ESignProvider },
  options: { customerId: string; contractId: string; opened: ESignFlow; documentHash: string },
): Promise<StartedESignFlow> {
  const [draft] = await tx
    .select()
    .from(contractsContracts)
    .where(and(eq(contractsContracts.id, options.contractId), eq(contractsContracts.customerId, options.customerId)))
    .for('update');
  if (!draft) throw ContractsErrors.CONTRACTS_CONTRACT_NOT_FOUND();
  checkSignable(draft);
  // The draft changed while the provider was asked: the flow is for a document nobody may sign.
  if (draft.documentHash !== options.documentHash) throw ContractsErrors.CONTRACTS_DRAFT_OUTDATED();
  const now = deps.clock.now();
  const live = await liveFlowOf(tx, draft.id);
  if (live) {
    if (live.documentHash === draft.documentHash && live.expiresAt.getTime() > now.getTime()) return toStarted(live);
    await tx
      .update(contractsESignFlows)
      .set({ status: live.documentHash === draft.documentHash ? 'expired' : 'outdated', finishedAt: now })
      .where(eq(contractsESignFlows.flowId, live.flowId));
  }
  const [saved] = await tx
    .insert(contractsESignFlows)
    .values({
      flowId: options.opened.flowId,
      contractId: draft.id,
      customerId: draft.customerId,
      provider: deps.provider.name,
      documentHash: draft.documentHash,
      authUrl: options.opened.authUrl,
      status: 'started',
      createdAt: now,
      expiresAt: options.opened.expiresAt,
    })
    .returning();
  return toStarted(saved as ESignFlowRow);
}
