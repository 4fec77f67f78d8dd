// What the contracts module needs from the server, decided once per app: the root signer and the
// time-stamping authorities. Sandbox mode: the stored sandbox keys and the sandbox authority.
// Production: ZULIN_EVIDENCE_SIGNING_KEY and ZULIN_TSA_URLS with ZULIN_TSA_CERTS, each `unconfigured` when missing.
import type { Executor } from '@zulin/db';
import type { AdapterStatus, AppContext } from '@zulin/platform';
import { ContractsErrors } from './errors';
import { type RootSigner, rootSignerFromPem, sandboxRootSigner } from './root-signer';
import { sandboxKeys } from './sandbox-keys';
import type { SealP12 } from './seal-certificate';
import {
  configuredTimestampAuthorities,
  sandboxTimestampAuthority,
  type TimestampAuthority,
  timestampConfigurationProblem,
} from './timestamp-authorities';

export async function rootSignerOf(ctx: AppContext, db: Executor): Promise<RootSigner> {
  if (ctx.config.sandbox) return sandboxRootSigner(db, ctx.clock.now());
  const pem = process.env.ZULIN_EVIDENCE_SIGNING_KEY?.trim();
  if (!pem) throw new Error('ZULIN_EVIDENCE_SIGNING_KEY is not set: daily evidence roots cannot be signed');
  return rootSignerFromPem(pem.replace(/\\n/g, '\n'));
}

export function timestampAuthoritiesOf(ctx: AppContext, db: Executor): TimestampAuthority[] {
  if (ctx.config.sandbox) return [sandboxTimestampAuthority(db, () => ctx.clock.now())];
  // Unconfigured: no authority, so each root waits (its last error says none is configured).
  if (timestampConfigurationProblem() !== null) return [];
  return configuredTimestampAuthorities();
}

export function contractsAdapters(ctx: AppContext): AdapterStatus[] {
  if (ctx.config.sandbox) {
    return [
      { name: 'contracts.root_signer', mode: 'sandbox' },
      { name: 'contracts.tsa', mode: 'sandbox' },
      { name: 'contracts.seal', mode: 'sandbox' },
    ];
  }
  const tsaProblem = timestampConfigurationProblem();
  return [
    process.env.ZULIN_EVIDENCE_SIGNING_KEY?.trim()
      ? { name: 'contracts.root_signer', mode: 'production' }
      : {
          name: 'contracts.root_signer',
          mode: 'unconfigured',
          detail: 'Set ZULIN_EVIDENCE_SIGNING_KEY (Ed25519 PKCS#8 PEM).',
        },
    tsaProblem === null
      ? { name: 'contracts.tsa', mode: 'production' }
      : { name: 'contracts.tsa', mode: 'unconfigured', detail: tsaProblem },
    process.env.ZULIN_CONTRACT_SEAL_P12?.trim()
      ? { name: 'contracts.seal', mode: 'production' }
      : {
          name: 'contracts.seal',
          mode: 'unconfigured',
          detail: 'Set ZULIN_CONTRACT_SEAL_P12 and ZULIN_CONTRACT_SEAL_PASSWORD.',
        },
  ];
}

/** The seal's PKCS#12: the sandbox's, or ZULIN_CONTRACT_SEAL_P12 (base64) with ZULIN_CONTRACT_SEAL_PASSWORD. */
export async function sealOf(ctx: AppContext, db: Executor): Promise<SealP12> {
  if (ctx.config.sandbox) return (await sandboxKeys(db, ctx.clock.now())).seal;
  const p12Base64 = process.env.ZULIN_CONTRACT_SEAL_P12?.trim();
  if (!p12Base64) throw ContractsErrors.CONTRACTS_SEAL_UNCONFIGURED();
  return { p12Base64, password: process.env.ZULIN_CONTRACT_SEAL_PASSWORD ?? '' };
}
