// The platform key that signs the daily roots: Ed25519. In sandbox mode the stored sandbox key; in
// production ZULIN_EVIDENCE_SIGNING_KEY (a PKCS#8 PEM); without it, roots cannot be built (the
// adapter reports itself unconfigured).
import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import type { Executor } from '@zulin/db';
import { sandboxKeys } from './sandbox-keys';

export interface RootSigner {
  algorithm: 'Ed25519';
  publicKeyPem: string;
  sign(statement: string): string;
}

export function rootSignerFromPem(privateKeyPem: string): RootSigner {
  const privateKey: KeyObject = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the evidence signing key must be Ed25519');
  return {
    algorithm: 'Ed25519',
    publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
    sign: (statement) => sign(null, Buffer.from(statement, 'utf8'), privateKey).toString('base64'),
  };
}

export async function sandboxRootSigner(db: Executor, now: Date): Promise<RootSigner> {
  return rootSignerFromPem((await sandboxKeys(db, now)).rootSigningKeyPem);
}

export function verifyRootSignature(statement: string, signatureBase64: string, publicKeyPem: string): boolean {
  try {
    return verify(
      null,
      Buffer.from(statement, 'utf8'),
      createPublicKey(publicKeyPem),
      Buffer.from(signatureBase64, 'base64'),
    );
  } catch {
    return false;
  }
}
