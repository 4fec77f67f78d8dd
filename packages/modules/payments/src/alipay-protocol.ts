// Alipay OpenAPI 2.0 (the gateway `…/gateway.do`), as the protocol is written
// (opendocs.alipay.com/common/02kf5q, 02mse7, and the official Node client alipay-sdk, src/util.ts and
// src/alipay.ts): pure functions, no I/O.
//
// * RSA2 is SHA256withRSA (base64) over the parameters sorted by name, empty values left out, written
//   `k=v` joined with `&`, values RAW — never URL-encoded or decoded. A request leaves out `sign`; a
//   notification leaves out `sign` and `sign_type`.
// * A notification arrives as an `application/x-www-form-urlencoded` body. It is decoded exactly once
//   (by the form parser) and verified over those values. Decoding a value a second time is the
//   notorious `passback_params` failure (alipay-sdk-nodejs-all#45): a value that itself contains
//   `%xx` changes and the signature no longer verifies — or, worse, verifies something else.
// * An answer is JSON `{"<method_with_underscores>_response":{…},"sign":"…"}` signed over the exact
//   text of the response object as sent, so it is cut out of the raw text, never re-serialised.
// * Public-key certificate mode (公钥证书模式, opendocs.alipay.com/common/02kdnc): requests also carry
//   `app_cert_sn` and `alipay_root_cert_sn` (signed like any parameter), answers carry
//   `alipay_cert_sn` beside the response object (not signed), and Alipay's key is the one in its
//   public certificate. A certificate's SN is md5(issuer DN + serial in decimal) — not the X.509
//   serial; the root's is the SNs of the root file's RSA-signed certificates joined by `_`
//   (alipay-sdk src/antcertutil.ts getCertSN / getRootCertSN, AlipaySignature.getCertSN in Java).
import { createHash, createSign, createVerify, type KeyObject, X509Certificate } from 'node:crypto';
import { SignatureErrors } from '@zulin/platform';
import { PaymentsErrors } from './errors';

export type AlipayParams = Readonly<Record<string, string>>;

/** The text RSA2 signs: sorted names, empty values left out, raw values. */
export function alipaySignContent(params: AlipayParams, omit: readonly string[]): string {
  return Object.keys(params)
    .filter((key) => !omit.includes(key) && params[key] !== undefined && params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
}

function rsa2Sign(content: string, privateKey: KeyObject): string {
  return createSign('RSA-SHA256').update(content, 'utf8').sign(privateKey, 'base64');
}

function rsa2Verify(content: string, signature: string, publicKey: KeyObject): boolean {
  try {
    return createVerify('RSA-SHA256').update(content, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}

function requireRsa2(params: AlipayParams): string {
  const sign = params.sign;
  if (!sign) throw SignatureErrors.WEBHOOK_SIGNATURE_MISSING({ detail: 'The sign parameter is required.' });
  if (params.sign_type !== undefined && params.sign_type !== 'RSA2') {
    throw SignatureErrors.WEBHOOK_SIGNATURE_INVALID({ detail: 'Only sign_type RSA2 is accepted.' });
  }
  return sign;
}

/** Signs a request's parameters (which include `sign_type=RSA2`) and returns them with `sign`. */
export function signAlipayRequest(params: AlipayParams, privateKey: KeyObject): AlipayParams {
  return { ...params, sign: rsa2Sign(alipaySignContent(params, ['sign']), privateKey) };
}

/** Verifies a request as the Alipay gateway does (the sandbox uses it): everything but `sign` is signed. */
export function verifyAlipayRequest(params: AlipayParams, appPublicKey: KeyObject): void {
  const sign = requireRsa2(params);
  if (params.sign_type !== 'RSA2')
    throw SignatureErrors.WEBHOOK_SIGNATURE_INVALID({ detail: 'sign_type must be RSA2.' });
  if (!rsa2Verify(alipaySignContent(params, ['sign']), sign, appPublicKey)) {
    throw SignatureErrors.WEBHOOK_SIGNATURE_INVALID({ detail: 'The request signature does not verify.' });
  }
}

/** Signs a notification as Alipay does (the sandbox uses it): `sign` and `sign_type` are not signed. */
export function signAlipayNotify(params: AlipayParams, alipayPrivateKey: KeyObject): AlipayParams {
  const withType = { ...params, sign_type: 'RSA2' };
  return { ...withType, sign: rsa2Sign(alipaySignContent(withType, ['sign', 'sign_type']), alipayPrivateKey) };
}

/** Verifies a notification's parameters, decoded once from the form body, with Alipay's public key. */
export function verifyAlipayNotify(params: AlipayParams, alipayPublicKey: KeyObject): void {
  const sign = requireRsa2(params);
  if (!rsa2Verify(alipaySignContent(params, ['sign', 'sign_type']), sign, alipayPublicKey)) {
    throw SignatureErrors.WEBHOOK_SIGNATURE_INVALID({ detail: 'The notification signature does not verify.' });
  }
}

/** Reads a form body once. A name given twice is refused (which value was signed is unknowable). */
export function parseAlipayForm(rawBody: string): AlipayParams {
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawBody)) {
    if (Object.hasOwn(params, key)) {
      throw PaymentsErrors.PAYMENTS_MESSAGE_INVALID({ detail: `The parameter ${key} appears twice.` });
    }
    params[key] = value;
  }
  return params;
}

/** Writes a form body (what Alipay posts to a notify_url, and what a client posts to the gateway). */
export function alipayForm(params: AlipayParams): string {
  return new URLSearchParams(Object.entries(params)).toString();
}

/** `alipay.trade.query` → `alipay_trade_query_response`. */
export function alipayResponseKey(method: string): string {
  return `${method.replaceAll('.', '_')}_response`;
}

/**
 * An answer as Alipay writes it: the response object's text is signed as it stands in the answer;
 * in certificate mode `alipay_cert_sn` (the SN of the certificate whose key signed) stands beside it.
 */
export function signAlipayResponse(
  method: string,
  response: object,
  alipayPrivateKey: KeyObject,
  alipayCertSn?: string,
): string {
  const text = JSON.stringify(response);
  const sn = alipayCertSn === undefined ? '' : `,"alipay_cert_sn":${JSON.stringify(alipayCertSn)}`;
  return `{"${alipayResponseKey(method)}":${text}${sn},"sign":"${rsa2Sign(text, alipayPrivateKey)}"}`;
}

// --- Certificate SNs (a DER walk: node's X509Certificate gives no signature algorithm and writes
// the issuer in OpenSSL's escaped form, where the SDK's @fidm/x509 writes the raw values). ---

interface Der {
  tag: number;
  start: number; // where the content begins
  end: number; // where the element ends
}

function derAt(der: Buffer, at: number): Der {
  const tag = der[at] ?? -1;
  let length = der[at + 1] ?? 0;
  let start = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (der[start + i] ?? 0);
    start += count;
  }
  if (start + length > der.length) throw new Error('A truncated DER element.');
  return { tag, start, end: start + length };
}

function derChildren(der: Buffer, parent: Der): Der[] {
  const children: Der[] = [];
  for (let at = parent.start; at < parent.end; ) {
    const child = derAt(der, at);
    children.push(child);
    at = child.end;
  }
  return children;
}

function oidText(bytes: Buffer): string {
  const parts = [Math.floor((bytes[0] ?? 0) / 40), (bytes[0] ?? 0) % 40];
  let value = 0;
  for (const byte of bytes.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** The short names the SDK's @fidm/x509 writes; any other attribute is written with an empty name. */
const shortNames: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '1.2.840.113549.1.9.1': 'E',
};

interface CertificateFacts {
  /** The issuer written as the SDK does: attributes last to first, `name=value`, joined by `,`. */
  issuer: string;
  serialDecimal: string;
  signatureOid: string;
}

function certificateFacts(der: Buffer): CertificateFacts {
  const certificate = derAt(der, 0);
  const [tbs, signatureAlgorithm] = derChildren(der, certificate);
  if (!tbs || !signatureAlgorithm) throw new Error('Not an X.509 certificate.');
  const fields = derChildren(der, tbs);
  const rest = fields[0]?.tag === 0xa0 ? fields.slice(1) : fields; // [0] version
  const [serial, , issuer] = rest;
  if (!serial || !issuer) throw new Error('Not an X.509 certificate.');
  const attributes: string[] = [];
  for (const rdn of derChildren(der, issuer)) {
    for (const attribute of derChildren(der, rdn)) {
      const [type, value] = derChildren(der, attribute);
      if (!type || !value) continue;
      const oid = oidText(der.subarray(type.start, type.end));
      attributes.push(`${shortNames[oid] ?? ''}=${der.subarray(value.start, value.end).toString('utf8')}`);
    }
  }
  const algorithm = derChildren(der, signatureAlgorithm)[0];
  return {
    issuer: attributes.reverse().join(','),
    serialDecimal: BigInt(`0x${der.subarray(serial.start, serial.end).toString('hex') || '0'}`).toString(10),
    signatureOid: algorithm ? oidText(der.subarray(algorithm.start, algorithm.end)) : '',
  };
}

function pemCertificates(pem: string): Buffer[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) =>
    Buffer.from(block.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, ''), 'base64'),
  );
}

function snOf(facts: CertificateFacts): string {
  return createHash('md5').update(`${facts.issuer}${facts.serialDecimal}`, 'utf8').digest('hex');
}

/** `app_cert_sn` / `alipay_cert_sn`: md5 of the issuer DN followed by the serial in decimal. */
export function alipayCertSn(certificatePem: string): string {
  const [der] = pemCertificates(certificatePem);
  if (!der) throw new Error('No certificate in the PEM text.');
  return snOf(certificateFacts(der));
}

/**
 * `alipay_root_cert_sn`: the SNs of the root file's certificates signed with an RSA algorithm
 * (OID 1.2.840.113549.1.1.*: sha1WithRSA, sha256WithRSA …; Alipay's SM2 root is left out), joined by `_`.
 */
export function alipayRootCertSn(rootPem: string): string {
  return pemCertificates(rootPem)
    .map(certificateFacts)
    .filter((facts) => facts.signatureOid.startsWith('1.2.840.113549.1.1.'))
    .map(snOf)
    .join('_');
}

/** Alipay's verifying key in certificate mode: the key of its public certificate. */
export function alipayCertPublicKey(certificatePem: string): KeyObject {
  return new X509Certificate(certificatePem).publicKey;
}

/**
 * Finds the exact text of the JSON object that is the value of `"key":` at the top level of `raw`,
 * by scanning for the balanced closing brace (strings and escapes respected).
 */
function objectTextOf(raw: string, key: string): string | undefined {
  const marker = `"${key}"`;
  let at = raw.indexOf(marker);
  if (at < 0) return undefined;
  at += marker.length;
  while (raw[at] === ' ' || raw[at] === '\n' || raw[at] === '\r' || raw[at] === '\t') at++;
  if (raw[at] !== ':') return undefined;
  at++;
  while (raw[at] === ' ' || raw[at] === '\n' || raw[at] === '\r' || raw[at] === '\t') at++;
  if (raw[at] !== '{') return undefined;
  let depth = 0;
  let inString = false;
  for (let i = at; i < raw.length; i++) {
    const c = raw[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return raw.slice(at, i + 1);
    }
  }
  return undefined;
}

/**
 * Verifies an answer from the gateway and returns its response object. An `error_response` (a
 * request the gateway refused before the API ran) is returned as it is, verified when signed.
 */
export function verifyAlipayResponse(
  raw: string,
  method: string,
  alipayPublicKey: KeyObject,
  /** Certificate mode: the SN of our Alipay certificate, which a signed answer's `alipay_cert_sn` must be. */
  alipayCertSn?: string,
): Record<string, unknown> {
  let parsed: { sign?: unknown } & Record<string, unknown>;
  try {
    parsed = JSON.parse(raw) as typeof parsed;
  } catch {
    throw PaymentsErrors.PAYMENTS_MESSAGE_INVALID({ detail: 'The Alipay answer is not JSON.' });
  }
  const key = Object.hasOwn(parsed, alipayResponseKey(method)) ? alipayResponseKey(method) : 'error_response';
  const text = objectTextOf(raw, key);
  if (text === undefined)
    throw PaymentsErrors.PAYMENTS_MESSAGE_INVALID({ detail: `The answer has no ${alipayResponseKey(method)}.` });
  if (typeof parsed.sign !== 'string') {
    if (key === 'error_response') return JSON.parse(text) as Record<string, unknown>;
    throw SignatureErrors.WEBHOOK_SIGNATURE_MISSING({ detail: 'The Alipay answer is not signed.' });
  }
  if (alipayCertSn !== undefined && parsed.alipay_cert_sn !== alipayCertSn) {
    // Signed under another certificate (Alipay rotated it): our key cannot vouch for the answer.
    throw SignatureErrors.WEBHOOK_SIGNATURE_INVALID({
      detail: `The answer's alipay_cert_sn ${String(parsed.alipay_cert_sn)} is not our Alipay certificate's ${alipayCertSn}.`,
    });
  }
  if (!rsa2Verify(text, parsed.sign, alipayPublicKey)) {
    throw SignatureErrors.WEBHOOK_SIGNATURE_INVALID({ detail: 'The Alipay answer signature does not verify.' });
  }
  return JSON.parse(text) as Record<string, unknown>;
}
