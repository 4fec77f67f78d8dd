// WeChat Pay API v3, as the protocol is written (pay.weixin.qq.com/docs/merchant, and the official
// Node client wechatpay-axios-plugin, lib/formatter.js and lib/decorator.js): pure functions, no I/O.
//
// * A request is signed with the merchant's RSA key over `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n`
//   (SHA256withRSA, base64) and carries
//   `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"`.
// * An answer or a callback is signed by WeChat Pay over `TIMESTAMP\nNONCE\nBODY\n` and carries
//   `Wechatpay-Timestamp`, `Wechatpay-Nonce`, `Wechatpay-Signature` and `Wechatpay-Serial`; the serial
//   names either a platform certificate (hex serial) or a WeChat Pay public key (`PUB_KEY_ID_…`). Both
//   kinds live in one keyring so that a rotation from one to the other verifies throughout. A timestamp
//   more than 300 s off either way is refused.
// * A callback's `resource` is `AEAD_AES_256_GCM` with the merchant's 32-byte APIv3 key, the 12-byte
//   `nonce` and `associated_data`; `ciphertext` is base64 of the encrypted bytes followed by the
//   16-byte tag.
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  type KeyObject,
  randomBytes,
  X509Certificate,
} from 'node:crypto';
import { checkTimestamp, SignatureErrors } from '@zulin/platform';
import { PaymentsErrors } from './errors';
import { PaymentsLimits } from './limits';

export const wechatpaySchema = 'WECHATPAY2-SHA256-RSA2048';
export const wechatpayResourceAlgorithm = 'AEAD_AES_256_GCM';
const publicKeyIdPrefix = 'PUB_KEY_ID_';
const nonceAlphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A key that verifies WeChat Pay's signatures, named as WeChat Pay names it in `Wechatpay-Serial`. */
export interface WechatpayVerifyingKey {
  /** A platform certificate's serial (upper-case hex) or a public key's id (`PUB_KEY_ID_…`). */
  readonly id: string;
  readonly mode: 'platform-certificate' | 'public-key';
  readonly publicKey: KeyObject;
}

/** Every key WeChat Pay may sign with right now; during a rotation both modes sit side by side. */
export type WechatpayKeyring = ReadonlyMap<string, WechatpayVerifyingKey>;

export function wechatpayKeyring(keys: readonly WechatpayVerifyingKey[]): WechatpayKeyring {
  const ring = new Map<string, WechatpayVerifyingKey>();
  for (const key of keys) {
    if (ring.has(key.id)) throw new Error(`The WeChat Pay keyring names ${key.id} twice.`);
    ring.set(key.id, key);
  }
  return ring;
}

/** A platform certificate (PEM) as WeChat Pay's certificate download gives it: keyed by its serial. */
export function platformCertificateKey(pem: string | Buffer): WechatpayVerifyingKey {
  const certificate = new X509Certificate(pem);
  return { id: certificate.serialNumber.toUpperCase(), mode: 'platform-certificate', publicKey: certificate.publicKey };
}

/** A WeChat Pay public key (PEM, SPKI) with the id the merchant platform shows beside it. */
export function wechatpayPublicKey(id: string, pem: string | Buffer): WechatpayVerifyingKey {
  if (!id.startsWith(publicKeyIdPrefix))
    throw new Error(`A WeChat Pay public key id starts with ${publicKeyIdPrefix}.`);
  return { id, mode: 'public-key', publicKey: createPublicKey(pem) };
}

export function privateKeyOf(pem: string | Buffer | KeyObject): KeyObject {
  return typeof pem === 'string' || Buffer.isBuffer(pem) ? createPrivateKey(pem) : pem;
}

/** A 32-character nonce from WeChat Pay's alphabet. */
export function wechatpayNonce(): string {
  const bytes = randomBytes(PaymentsLimits.wechatNonceLength);
  let nonce = '';
  for (const byte of bytes) nonce += nonceAlphabet[byte % nonceAlphabet.length];
  return nonce;
}

export function requestMessage(
  method: string,
  pathAndQuery: string,
  timestamp: number | string,
  nonce: string,
  body: string,
): string {
  return `${method.toUpperCase()}\n${pathAndQuery}\n${timestamp}\n${nonce}\n${body}\n`;
}

export function responseMessage(timestamp: number | string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

export function rsaSign(message: string, privateKey: KeyObject): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64');
}

export function rsaVerify(message: string, signature: string, publicKey: KeyObject): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}

export interface WechatpayRequestToSign {
  mchid: string;
  /** The serial of the merchant's API certificate. */
  serialNo: string;
  privateKey: KeyObject;
  method: string;
  /** Path and query exactly as sent, e.g. `/v3/pay/transactions/out-trade-no/X?mchid=1900000001`. */
  pathAndQuery: string;
  /** The exact body sent; '' for GET. */
  body: string;
  timestamp: number;
  nonce: string;
}

/** The `Authorization` header of a merchant's request. */
export function wechatpayAuthorization(request: WechatpayRequestToSign): string {
  const signature = rsaSign(
    requestMessage(request.method, request.pathAndQuery, request.timestamp, request.nonce, request.body),
    request.privateKey,
  );
  return `${wechatpaySchema} mchid="${request.mchid}",nonce_str="${request.nonce}",signature="${signature}",timestamp="${request.timestamp}",serial_no="${request.serialNo}"`;
}

export interface WechatpayAuthorization {
  mchid: string;
  nonce: string;
  signature: string;
  timestamp: number;
  serialNo: string;
}

/** Reads an `Authorization` header; the five fields may come in any order (clients differ). */
export function parseWechatpayAuthorization(header: string | undefined): WechatpayAuthorization {
  if (!header) throw SignatureErrors.WEBHOOK_SIGNATURE_MISSING({ detail: 'The Authorization header is required.' });
  if (!header.startsWith(`${wechatpaySchema} `)) {
    throw SignatureErrors.WEBHOOK_SIGNATURE_INVALID({ detail: `The Authorization schema must be ${wechatpaySchema}.` });
  }
  const fields = new Map<string, string>();
  const pattern = /\s*([a-z_]+)="([^"]*)"\s*(?:,|$)/gy;
  const rest = header.slice(wechatpaySchema.length + 1);
  let consumed = 0;
  for (let match = pattern.exec(rest); match !== null; match = pattern.exec(rest)) {
    const [, name = '', value = ''] = match;
    if (fields.has(name)) throw SignatureErrors.WEBHOOK_SIGNATURE_INVALID({ detail: `${name} appears twice.` });
    fields.set(name, value);
    consumed = pattern.lastIndex;
    if (consumed === rest.length) break;
  }
  const timestamp = fields.get('timestamp') ?? '';
  const parsed = {
    mchid: fields.get('mchid') ?? '',
    nonce: fields.get('nonce_str') ?? '',
    signature: fields.get('signature') ?? '',
    serialNo: fields.get('serial_no') ?? '',
  };
  if (consumed !== rest.length || Object.values(parsed).some((v) => v === '') || !/^[0-9]{1,12}$/.test(timestamp)) {
    throw SignatureErrors.WEBHOOK_SIGNATURE_INVALID({
      detail: 'The Authorization header must carry mchid, nonce_str, signature, timestamp and serial_no.',
    });
  }
  return { ...parsed, timestamp: Number(timestamp) };
}

/**
 * Verifies a merchant's request as WeChat Pay does (the sandbox uses it): the schema, the timestamp
 * within 300 s, the merchant's key by mchid and serial, and the signature over the exact request.
 */
export function verifyWechatpayRequest(
  header: string | undefined,
  request: { method: string; pathAndQuery: string; body: string },
  merchantKey: (mchid: string, serialNo: string) => KeyObject | undefined,
  now: Date,
): WechatpayAuthorization {
  const auth = parseWechatpayAuthorization(header);
  checkTimestamp(auth.timestamp, now, PaymentsLimits.signatureSkewSeconds);
  const key = merchantKey(auth.mchid, auth.serialNo);
  if (!key)
    throw PaymentsErrors.PAYMENTS_KEY_UNKNOWN({
      detail: `No key for merchant ${auth.mchid}, serial ${auth.serialNo}.`,
    });
  const message = requestMessage(request.method, request.pathAndQuery, auth.timestamp, auth.nonce, request.body);
  if (!rsaVerify(message, auth.signature, key)) {
    throw SignatureErrors.WEBHOOK_SIGNATURE_INVALID({ detail: 'The request signature does not verify.' });
  }
  return auth;
}

/** The headers WeChat Pay puts on an answer or a callback. */
export interface WechatpaySignatureHeaders {
  'Wechatpay-Timestamp': string;
  'Wechatpay-Nonce': string;
  'Wechatpay-Signature': string;
  'Wechatpay-Serial': string;
  'Wechatpay-Signature-Type': string;
}

/** Signs an answer or a callback body as WeChat Pay does (the sandbox uses it). */
export function signWechatpayMessage(
  signer: { id: string; privateKey: KeyObject },
  body: string,
  timestamp: number,
  nonce: string,
): WechatpaySignatureHeaders {
  return {
    'Wechatpay-Timestamp': String(timestamp),
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': rsaSign(responseMessage(timestamp, nonce, body), signer.privateKey),
    'Wechatpay-Serial': signer.id,
    'Wechatpay-Signature-Type': wechatpaySchema,
  };
}

type Headers = Record<string, string | string[] | undefined>;

function headerOf(headers: Headers, name: string): string | undefined {
  const value = headers[name.toLowerCase()] ?? headers[name];
  return Array.isArray(value) ? undefined : value;
}

/**
 * Verifies an answer or a callback from WeChat Pay over the exact body bytes: all four headers, the
 * timestamp within 300 s, a key of the keyring named by `Wechatpay-Serial` (either mode), and the
 * signature. Returns the key that verified, so a caller can see which mode is in use.
 */
export function verifyWechatpayMessage(
  headers: Headers,
  body: string,
  keyring: WechatpayKeyring,
  now: Date,
): WechatpayVerifyingKey {
  const timestamp = headerOf(headers, 'Wechatpay-Timestamp');
  const nonce = headerOf(headers, 'Wechatpay-Nonce');
  const signature = headerOf(headers, 'Wechatpay-Signature');
  const serial = headerOf(headers, 'Wechatpay-Serial');
  if (!timestamp || !nonce || !signature || !serial) {
    throw SignatureErrors.WEBHOOK_SIGNATURE_MISSING({
      detail: 'Wechatpay-Timestamp, Wechatpay-Nonce, Wechatpay-Signature and Wechatpay-Serial are required.',
    });
  }
  const type = headerOf(headers, 'Wechatpay-Signature-Type');
  if (type !== undefined && type !== wechatpaySchema) {
    throw SignatureErrors.WEBHOOK_SIGNATURE_INVALID({ detail: `Wechatpay-Signature-Type must be ${wechatpaySchema}.` });
  }
  if (!/^[0-9]{1,12}$/.test(timestamp)) {
    throw SignatureErrors.WEBHOOK_SIGNATURE_INVALID({ detail: 'Wechatpay-Timestamp is not a number.' });
  }
  checkTimestamp(Number(timestamp), now, PaymentsLimits.signatureSkewSeconds);
  const key = keyring.get(serial) ?? keyring.get(serial.toUpperCase());
  if (!key) throw PaymentsErrors.PAYMENTS_KEY_UNKNOWN({ detail: `Wechatpay-Serial ${serial} is not in our keyring.` });
  if (!rsaVerify(responseMessage(timestamp, nonce, body), signature, key.publicKey)) {
    throw SignatureErrors.WEBHOOK_SIGNATURE_INVALID({ detail: 'The WeChat Pay signature does not verify.' });
  }
  return key;
}

/** A callback's encrypted `resource`. */
export interface WechatpayResource {
  original_type: string;
  algorithm: string;
  ciphertext: string;
  associated_data?: string;
  nonce: string;
}

function apiV3KeyBytes(apiV3Key: string | Buffer): Buffer {
  const key = Buffer.isBuffer(apiV3Key) ? apiV3Key : Buffer.from(apiV3Key, 'utf8');
  if (key.length !== 32) throw new Error('The WeChat Pay APIv3 key is 32 bytes.');
  return key;
}

const tagBytes = 16;

/** Encrypts a callback resource as WeChat Pay does (the sandbox uses it). */
export function encryptWechatpayResource(
  plaintext: string,
  apiV3Key: string | Buffer,
  options: { nonce: string; associatedData: string; originalType: string },
): WechatpayResource {
  const cipher = createCipheriv('aes-256-gcm', apiV3KeyBytes(apiV3Key), Buffer.from(options.nonce, 'utf8'));
  cipher.setAAD(Buffer.from(options.associatedData, 'utf8'));
  const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return {
    original_type: options.originalType,
    algorithm: wechatpayResourceAlgorithm,
    ciphertext: encrypted.toString('base64'),
    associated_data: options.associatedData,
    nonce: options.nonce,
  };
}

/** Decrypts a callback resource with the APIv3 key; a wrong key, nonce, data or tag is refused. */
export function decryptWechatpayResource(resource: WechatpayResource, apiV3Key: string | Buffer): string {
  if (resource.algorithm !== wechatpayResourceAlgorithm) {
    throw PaymentsErrors.PAYMENTS_RESOURCE_UNREADABLE({
      detail: `Unsupported algorithm ${String(resource.algorithm)}.`,
    });
  }
  const bytes = Buffer.from(resource.ciphertext ?? '', 'base64');
  if (bytes.length <= tagBytes || typeof resource.nonce !== 'string') {
    throw PaymentsErrors.PAYMENTS_RESOURCE_UNREADABLE({ detail: 'The ciphertext or nonce is missing.' });
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', apiV3KeyBytes(apiV3Key), Buffer.from(resource.nonce, 'utf8'));
    decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - tagBytes));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - tagBytes)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw PaymentsErrors.PAYMENTS_RESOURCE_UNREADABLE({ detail: 'The resource does not decrypt with our APIv3 key.' });
  }
}
