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
import { createSign, createVerify, type KeyObject } from 'node:crypto';
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

/** An answer as Alipay writes it: the response object's text is signed as it stands in the answer. */
export function signAlipayResponse(method: string, response: object, alipayPrivateKey: KeyObject): string {
  const text = JSON.stringify(response);
  return `{"${alipayResponseKey(method)}":${text},"sign":"${rsa2Sign(text, alipayPrivateKey)}"}`;
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
export function verifyAlipayResponse(raw: string, method: string, alipayPublicKey: KeyObject): Record<string, unknown> {
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
  if (!rsa2Verify(text, parsed.sign, alipayPublicKey)) {
    throw SignatureErrors.WEBHOOK_SIGNATURE_INVALID({ detail: 'The Alipay answer signature does not verify.' });
  }
  return JSON.parse(text) as Record<string, unknown>;
}
