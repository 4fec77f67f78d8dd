// What the contracts module needs from the server, decided once per app: the root signer and the
// time-stamping authorities. Sandbox mode: the stored sandbox keys and the sandbox authority.
// Production: ZULIN_EVIDENCE_SIGNING_KEY and ZULIN_TSA_URLS, each `unconfigured` when missing.
import type { Executor } from '@zulin/db';
import type { AdapterStatus, AppContext } from '@zulin/platform';
import { type RootSigner, rootSignerFromPem, sandboxRootSigner } from './root-signer';
import {
  configuredTimestampAuthorities,
  sandboxTimestampAuthority,
  type TimestampAuthority,
} from './timestamp-authorities';

export async function rootSignerOf(ctx: AppContext, db: Executor): Promise<RootSigner> {
  if (ctx.config.sandbox) return sandboxRootSigner(db, ctx.clock.now());
  const pem = process.env.ZULIN_EVIDENCE_SIGNING_KEY?.trim();
  if (!pem) throw new Error('ZULIN_EVIDENCE_SIGNING_KEY is not set: daily evidence roots cannot be signed');
  return rootSignerFromPem(pem.replace(/\\n/g, '\n'));
}

export function timestampAuthoritiesOf(ctx: AppContext, db: Executor): TimestampAuthority[] {
  if (ctx.config.sandbox) return [sandboxTimestampAuthority(db, () => ctx.clock.now())];
  return configuredTimestampAuthorities();
}

export function contractsAdapters(ctx: AppContext): AdapterStatus[] {
  if (ctx.config.sandbox) {
    return [
      { name: 'contracts.root_signer', mode: 'sandbox' },
      { name: 'contracts.tsa', mode: 'sandbox' },
    ];
  }
  return [
    process.env.ZULIN_EVIDENCE_SIGNING_KEY?.trim()
      ? { name: 'contracts.root_signer', mode: 'production' }
      : {
          name: 'contracts.root_signer',
          mode: 'unconfigured',
          detail: 'Set ZULIN_EVIDENCE_SIGNING_KEY (Ed25519 PKCS#8 PEM).',
        },
    process.env.ZULIN_TSA_URLS?.trim()
      ? { name: 'contracts.tsa', mode: 'production' }
      : { name: 'contracts.tsa', mode: 'unconfigured', detail: 'Set ZULIN_TSA_URLS (RFC 3161 authorities, in order).' },
  ];
}
