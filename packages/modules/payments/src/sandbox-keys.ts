// The sandbox's keys: generated once, at the sandbox's first use, and kept in the database
// (payments_sandbox_keys), so every process of one installation — server, worker, CLI, a test's
// official client — uses the same keys, and a restart keeps them. Never used outside sandbox mode.
//
// They play both sides, as a merchant and the channel would each hold theirs:
// * WeChat Pay: the merchant's API key pair and certificate serial (the sandbox verifies requests
//   with the public half), the platform's key behind a self-signed platform certificate, a WeChat Pay
//   public key with its `PUB_KEY_ID_…`, and the 32-byte APIv3 key.
// * Alipay: the app's key pair (the sandbox verifies requests with the public half) and Alipay's key
//   pair (the sandbox signs answers and notifications with the private half); for certificate mode a
//   root file of two roots (sha1WithRSA and sha256WithRSA, like Alipay's) and, issued by the second,
//   the Alipay public certificate and the app certificate over those same keys.
// `GET /v1/sandbox/payments/keys` gives the merchant halves to an official client (docs/payments.md).
import { createPublicKey, generateKeyPair as generateKeyPairCallback, type KeyObject, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { Executor } from '@zulin/db';
import { eq, sql } from 'drizzle-orm';
import { paymentsSandboxKeys } from './schema';
import { type DistinguishedName, issuedCertificate, selfSignedCertificate } from './self-signed-certificate';

const generateKeyPair = promisify(generateKeyPairCallback);

export interface SandboxKeySet {
  wechatpay: {
    appId: string;
    mchid: string;
    merchantSerial: string;
    merchantPrivateKeyPem: string;
    merchantPublicKeyPem: string;
    platformCertificatePem: string;
    platformCertificateSerial: string;
    platformPrivateKeyPem: string;
    publicKeyId: string;
    publicKeyPem: string;
    publicKeyPrivateKeyPem: string;
    apiV3Key: string;
  };
  alipay: {
    appId: string;
    sellerId: string;
    appPrivateKeyPem: string;
    appPublicKeyPem: string;
    alipayPrivateKeyPem: string;
    alipayPublicKeyPem: string;
  } & Partial<SandboxAlipayCertificates>;
}

/** Certificate mode (公钥证书模式): PEM text, as Alipay's console hands them out. */
export interface SandboxAlipayCertificates {
  /** alipayRootCert.crt: two roots, the SN of each joined by `_` is `alipay_root_cert_sn`. */
  rootCertificatePem: string;
  /** alipayCertPublicKey_RSA2.crt: Alipay's public key; its SN is `alipay_cert_sn`. */
  alipayCertificatePem: string;
  /** appCertPublicKey_<appId>.crt: the app's public key; its SN is `app_cert_sn`. */
  appCertificatePem: string;
}

const sandboxRootName = (cn: string): DistinguishedName => [
  ['C', 'CN'],
  ['O', 'Zulin Sandbox'],
  ['OU', 'Certification Authority'],
  ['CN', cn],
];

/** The certificate-mode set over the given Alipay and app public keys (one root key signs both roots). */
export async function generateAlipayCertificates(
  now: Date,
  keys: { appId: string; sellerId: string; appPublicKeyPem: string; alipayPublicKeyPem: string },
): Promise<SandboxAlipayCertificates> {
  const root = await pemPair();
  const notBefore = new Date(now.getTime() - 86_400_000);
  const notAfter = new Date(now.getTime() + 5 * 365 * 86_400_000);
  const oldRootName = sandboxRootName('Zulin Sandbox Alipay Root CA');
  const rootName = sandboxRootName('Zulin Sandbox Alipay Class 2 R1');
  const root1 = issuedCertificate({
    serialHex: upperHex(16),
    subject: oldRootName,
    publicKey: root.publicKey,
    issuer: oldRootName,
    issuerKey: root.privateKey,
    notBefore,
    notAfter,
    algorithm: 'sha1WithRSA',
  });
  const root2 = issuedCertificate({
    serialHex: upperHex(16),
    subject: rootName,
    publicKey: root.publicKey,
    issuer: rootName,
    issuerKey: root.privateKey,
    notBefore,
    notAfter,
  });
  const leaf = (cn: string, ou: string, publicKeyPem: string) =>
    issuedCertificate({
      serialHex: upperHex(16),
      subject: [
        ['C', 'CN'],
        ['O', 'Zulin Sandbox'],
        ['OU', ou],
        ['CN', cn],
      ],
      publicKey: createPublicKey(publicKeyPem),
      issuer: rootName,
      issuerKey: root.privateKey,
      notBefore,
      notAfter,
    });
  return {
    rootCertificatePem: `${root1}${root2}`,
    alipayCertificatePem: leaf(keys.sellerId, 'Alipay', keys.alipayPublicKeyPem),
    appCertificatePem: leaf(keys.appId, 'Application', keys.appPublicKeyPem),
  };
}

async function pemPair(): Promise<{
  privatePem: string;
  publicPem: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}> {
  const { privateKey, publicKey } = await generateKeyPair('rsa', { modulusLength: 2048 });
  return {
    privateKey,
    publicKey,
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

function upperHex(bytes: number): string {
  const hex = randomBytes(bytes).toString('hex').toUpperCase();
  // A serial whose first digit is 1–7 keeps its digits in DER (no sign byte, no leading zero).
  return `${'1234567'[Number.parseInt(hex[0] ?? '0', 16) % 7]}${hex.slice(1)}`;
}

export async function generateSandboxKeys(now: Date): Promise<SandboxKeySet> {
  const [merchant, platform, publicKeyMode, app, alipay] = await Promise.all([
    pemPair(),
    pemPair(),
    pemPair(),
    pemPair(),
    pemPair(),
  ]);
  const platformCertificateSerial = upperHex(20);
  const notAfter = new Date(now.getTime() + 5 * 365 * 86_400_000);
  const alipayIds = { appId: '2021000000000001', sellerId: '2088000000000001' };
  const alipayCertificates = await generateAlipayCertificates(now, {
    ...alipayIds,
    appPublicKeyPem: app.publicPem,
    alipayPublicKeyPem: alipay.publicPem,
  });
  return {
    wechatpay: {
      appId: 'wx0000sandbox00001',
      mchid: '1900000001',
      merchantSerial: upperHex(20),
      merchantPrivateKeyPem: merchant.privatePem,
      merchantPublicKeyPem: merchant.publicPem,
      platformCertificatePem: selfSignedCertificate({
        serialHex: platformCertificateSerial,
        commonName: 'Zulin sandbox WeChat Pay platform certificate',
        publicKey: platform.publicKey,
        privateKey: platform.privateKey,
        notBefore: new Date(now.getTime() - 86_400_000),
        notAfter,
      }),
      platformCertificateSerial,
      platformPrivateKeyPem: platform.privatePem,
      publicKeyId: `PUB_KEY_ID_0119000000012${randomBytes(10).toString('hex').toUpperCase()}`,
      publicKeyPem: publicKeyMode.publicPem,
      publicKeyPrivateKeyPem: publicKeyMode.privatePem,
      apiV3Key: randomBytes(24).toString('base64url').slice(0, 32),
    },
    alipay: {
      ...alipayIds,
      appPrivateKeyPem: app.privatePem,
      appPublicKeyPem: app.publicPem,
      alipayPrivateKeyPem: alipay.privatePem,
      alipayPublicKeyPem: alipay.publicPem,
      ...alipayCertificates,
    },
  };
}

const keyRow = 'sandbox';

/** The sandbox's keys, made and stored at first use; concurrent first uses agree on one set. */
export async function sandboxKeys(db: Executor, now: Date): Promise<SandboxKeySet> {
  const [row] = await db.select().from(paymentsSandboxKeys).where(eq(paymentsSandboxKeys.id, keyRow));
  if (row) {
    const stored = row.keys as SandboxKeySet;
    if (stored.alipay.appCertificatePem) return stored;
    // A set made before certificate mode: add the certificates over its keys, once (the first writer wins).
    const certificates = await generateAlipayCertificates(now, stored.alipay);
    const keys = { ...stored, alipay: { ...stored.alipay, ...certificates } };
    await db
      .update(paymentsSandboxKeys)
      .set({ keys })
      .where(
        sql`${paymentsSandboxKeys.id} = ${keyRow} and ${paymentsSandboxKeys.keys}->'alipay'->>'appCertificatePem' is null`,
      );
    const [upgraded] = await db.select().from(paymentsSandboxKeys).where(eq(paymentsSandboxKeys.id, keyRow));
    return (upgraded?.keys ?? keys) as SandboxKeySet;
  }
  const keys = await generateSandboxKeys(now);
  await db.insert(paymentsSandboxKeys).values({ id: keyRow, keys, createdAt: now }).onConflictDoNothing();
  const [stored] = await db.select().from(paymentsSandboxKeys).where(eq(paymentsSandboxKeys.id, keyRow));
  return (stored?.keys ?? keys) as SandboxKeySet;
}
