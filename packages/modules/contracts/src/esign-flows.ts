// Signing through a licensed e-signature provider, as this server is configured for it:
//  * the signing mode (`ZULIN_CONTRACT_SIGNING`): `own` (default: our SMS code and drawn or typed
//    signature) or `provider` (the provider's 实名 + 意愿 flow);
//  * the provider: the sandbox (sandbox mode; its flows in contracts_sandbox_esign_flows, its secret
//    derived from the master key) or the production adapter (ZULIN_ESIGN_APP_ID, ZULIN_ESIGN_SECRET,
//    ZULIN_ESIGN_BASE_URL, ZULIN_ESIGN_CALLBACK_URL);
//  * the flows we started (contracts_esign_flows): one live flow per contract.
import { createHmac } from 'node:crypto';
import type { Executor } from '@zulin/db';
import type { AdapterStatus, AppContext } from '@zulin/platform';
import { and, desc, eq } from 'drizzle-orm';
import { ContractsErrors } from './errors';
import {
  configuredESignProvider,
  type ESignProvider,
  type SandboxFlow,
  type SandboxFlowStore,
  sandboxESignProvider,
} from './esign-provider';
import { contractsESignFlows, contractsSandboxESignFlows } from './schema';

export type SigningMode = 'own' | 'provider';

/** `ZULIN_CONTRACT_SIGNING`: `own` (default) or `provider`; anything else stops the start. */
export function signingModeOf(env: NodeJS.ProcessEnv = process.env): SigningMode {
  const value = env.ZULIN_CONTRACT_SIGNING?.trim() || 'own';
  if (value !== 'own' && value !== 'provider') {
    throw new Error(`ZULIN_CONTRACT_SIGNING must be "own" or "provider", got "${value}"`);
  }
  return value;
}

/**
 * Refuses our own SMS signing in mode `provider` (the provider checks who signs and their will):
 * the contract routes and the rental and installment orders' sign routes call it first.
 */
export function assertOwnSigning(env: NodeJS.ProcessEnv = process.env): void {
  if (signingModeOf(env) === 'provider') throw ContractsErrors.CONTRACTS_SIGNING_BY_PROVIDER();
}

/** The webhook path the provider posts its callbacks to (channel `esign`). */
export const esignWebhookPath = '/v1/webhooks/esign';
/** Where the sandbox provider's signer page lives (the H5 app serves it in sandbox mode). */
export const sandboxESignBase = '/esign-sandbox';

const missingProductionSettings = (env: NodeJS.ProcessEnv) =>
  ['ZULIN_ESIGN_APP_ID', 'ZULIN_ESIGN_SECRET', 'ZULIN_ESIGN_BASE_URL', 'ZULIN_ESIGN_CALLBACK_URL'].filter(
    (name) => !env[name]?.trim(),
  );

/**
 * The adapter's status for /readyz. Mode `own` with no provider configured: `unused` (the platform
 * signs by itself; /readyz does not fail). Production with mode `provider` and a setting missing:
 * the start is refused (an error thrown here stops buildApp).
 */
export function esignAdapterStatus(ctx: AppContext, env: NodeJS.ProcessEnv = process.env): AdapterStatus {
  const mode = signingModeOf(env);
  if (ctx.config.sandbox) return { name: 'contracts.esign', mode: 'sandbox' };
  const missing = missingProductionSettings(env);
  if (missing.length === 0) return { name: 'contracts.esign', mode: 'production' };
  if (mode === 'provider') {
    throw new Error(
      `ZULIN_CONTRACT_SIGNING=provider needs ${missing.join(', ')}: the e-signature provider is not configured`,
    );
  }
  return {
    name: 'contracts.esign',
    mode: 'unused',
    detail: 'ZULIN_CONTRACT_SIGNING=own: contracts are signed by SMS code',
  };
}

/** The callback URL given to the provider: relative in sandbox mode (the sandbox posts to itself). */
export function esignCallbackUrl(ctx: AppContext, env: NodeJS.ProcessEnv = process.env): string {
  if (ctx.config.sandbox) return esignWebhookPath;
  return env.ZULIN_ESIGN_CALLBACK_URL?.trim() || esignWebhookPath;
}

export function sandboxESignCredentials(ctx: AppContext): { appId: string; secret: string } {
  return {
    appId: 'zulin-sandbox',
    secret: createHmac('sha256', ctx.config.masterKey).update('zulin:contracts:sandbox-esign').digest('hex'),
  };
}

/** The sandbox provider's flows in its own table. */
export function sandboxFlowTable(db: Executor): SandboxFlowStore {
  const toFlow = (row: typeof contractsSandboxESignFlows.$inferSelect): SandboxFlow => ({
    flowId: row.flowId,
    contractId: row.bizNo,
    documentHash: row.fileHash,
    signerRef: row.signerRef,
    callbackUrl: row.notifyUrl,
    status: row.status as SandboxFlow['status'],
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  });
  return {
    async save(flow) {
      await db.insert(contractsSandboxESignFlows).values({
        flowId: flow.flowId,
        bizNo: flow.contractId,
        fileHash: flow.documentHash,
        signerRef: flow.signerRef,
        notifyUrl: flow.callbackUrl,
        status: flow.status,
        createdAt: flow.createdAt,
        expiresAt: flow.expiresAt,
      });
    },
    async find(flowId) {
      const [row] = await db
        .select()
        .from(contractsSandboxESignFlows)
        .where(eq(contractsSandboxESignFlows.flowId, flowId));
      return row ? toFlow(row) : undefined;
    },
    async close(flowId, status) {
      await db
        .update(contractsSandboxESignFlows)
        .set({ status })
        .where(and(eq(contractsSandboxESignFlows.flowId, flowId), eq(contractsSandboxESignFlows.status, 'open')));
    },
  };
}

export function sandboxESignOf(ctx: AppContext, db: Executor) {
  return sandboxESignProvider({
    ...sandboxESignCredentials(ctx),
    baseUrl: sandboxESignBase,
    now: () => ctx.clock.now(),
    store: sandboxFlowTable(db),
  });
}

/** The provider this server signs through: the sandbox in sandbox mode, else the configured one. */
export function esignProviderOf(ctx: AppContext, db: Executor, env: NodeJS.ProcessEnv = process.env): ESignProvider {
  if (ctx.config.sandbox) return sandboxESignOf(ctx, db).provider;
  return configuredESignProvider(env);
}

export type ESignFlowRow = typeof contractsESignFlows.$inferSelect;

/** The contract's live flow (started, not finished), if any. */
export async function liveFlowOf(db: Executor, contractId: string): Promise<ESignFlowRow | undefined> {
  const [row] = await db
    .select()
    .from(contractsESignFlows)
    .where(and(eq(contractsESignFlows.contractId, contractId), eq(contractsESignFlows.status, 'started')))
    .orderBy(desc(contractsESignFlows.createdAt))
    .limit(1);
  return row;
}
