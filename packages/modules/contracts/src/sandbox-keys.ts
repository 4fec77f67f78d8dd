// The sandbox's keys, made once at first use and kept in contracts_sandbox_keys, so the server, the
// worker and the CLI of one installation agree and a restart keeps them (as payments keeps its
// sandbox keys). Never used outside sandbox mode:
//  * the platform's Ed25519 key that signs the daily roots;
//  * the sandbox time-stamping authority's ECDSA key and certificate;
//  * the seal: a self-signed RSA certificate and key as a PKCS#12 file for the PDF seal.
import { generateKeyPairSync } from 'node:crypto';
import type { Executor } from '@zulin/db';
import { eq } from 'drizzle-orm';
import { contractsSandboxKeys } from './schema';
import { makeSealP12, type SealP12 } from './seal-certificate';
import { makeTsaKeys, type TsaKeys } from './timestamp-protocol';

export interface ContractsSandboxKeys {
  rootSigningKeyPem: string;
  tsa: TsaKeys;
  seal: SealP12;
}

const keyRow = 'sandbox';

export async function sandboxKeys(db: Executor, now: Date): Promise<ContractsSandboxKeys> {
  const [row] = await db.select().from(contractsSandboxKeys).where(eq(contractsSandboxKeys.id, keyRow));
  if (row) return row.keys as ContractsSandboxKeys;
  const { privateKey } = generateKeyPairSync('ed25519');
  const keys: ContractsSandboxKeys = {
    rootSigningKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    tsa: await makeTsaKeys('Zulin sandbox time-stamping authority', now),
    seal: makeSealP12('Zulin sandbox contract seal', now),
  };
  await db.insert(contractsSandboxKeys).values({ id: keyRow, keys, createdAt: now }).onConflictDoNothing();
  const [stored] = await db.select().from(contractsSandboxKeys).where(eq(contractsSandboxKeys.id, keyRow));
  return (stored?.keys ?? keys) as ContractsSandboxKeys;
}
