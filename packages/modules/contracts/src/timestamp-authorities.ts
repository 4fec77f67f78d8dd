// The RFC 3161 time-stamping authorities, as an adapter: each one takes a DER TimeStampReq and gives
// back a DER TimeStampResp. In sandbox mode the one authority is the sandbox's own (real DER, a real
// ECDSA signature); outside it, the list in ZULIN_TSA_URLS (comma-separated, tried in that fixed
// order) is called over HTTP as RFC 3161 §3.4 describes (application/timestamp-query). A failing
// authority passes the request to the next; when all fail, the root waits for the next try.
// Each production authority is pinned: ZULIN_TSA_CERTS names, in the same order as the URLs, a PEM
// file per authority holding the certificate(s) its tokens may be signed with (several during a
// renewal); a token signed with any other certificate is refused, as an outage of that authority.
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Executor } from '@zulin/db';
import { ContractsLimits } from './limits';
import { sandboxKeys } from './sandbox-keys';
import {
  answerTimeStampRequest,
  readTimeStampResponse,
  type TimeStampFacts,
  timeStampRequest,
  verifyTimeStampToken,
} from './timestamp-protocol';

export interface TimestampAuthority {
  name: string;
  /**
   * The certificates (DER) this authority's tokens must be signed with. Undefined only for the
   * sandbox authority, whose certificate the token carries and the bundle shows.
   */
  pinnedCertificatesDer?: readonly Buffer[];
  /** Sends a DER TimeStampReq; resolves with the DER TimeStampResp or rejects (unreachable, HTTP error). */
  stamp(requestDer: Buffer): Promise<Buffer>;
}

/** The sandbox authority, answering in-process with its stored keys at the clock's time. */
export function sandboxTimestampAuthority(db: Executor, now: () => Date): TimestampAuthority {
  return {
    name: 'sandbox-tsa',
    async stamp(requestDer) {
      const keys = await sandboxKeys(db, now());
      return answerTimeStampRequest(keys.tsa, requestDer, now());
    },
  };
}

/** An authority reached over HTTP (RFC 3161 §3.4), with a timeout. */
export function httpTimestampAuthority(url: string, pinnedCertificatesDer: readonly Buffer[]): TimestampAuthority {
  return {
    name: url,
    pinnedCertificatesDer,
    async stamp(requestDer) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
        body: new Uint8Array(requestDer),
        signal: AbortSignal.timeout(ContractsLimits.tsaTimeoutMs),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = Buffer.from(await response.arrayBuffer());
      if (body.length > ContractsLimits.tsaResponseBytesMax) throw new Error('the answer is too large');
      return body;
    },
  };
}

const listOf = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u.length > 0);

/** Every certificate of a PEM text, as DER; throws when it holds none or one that does not parse. */
export function certificatesOfPem(pem: string): Buffer[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new Error('no certificate (PEM) found');
  return blocks.map((block) => new X509Certificate(block).raw);
}

/** Why the production authorities cannot be used (null when ZULIN_TSA_URLS and ZULIN_TSA_CERTS fit). */
export function timestampConfigurationProblem(env: NodeJS.ProcessEnv = process.env): string | null {
  const urls = listOf(env.ZULIN_TSA_URLS);
  const certs = listOf(env.ZULIN_TSA_CERTS);
  if (urls.length === 0) return 'Set ZULIN_TSA_URLS (RFC 3161 authorities, in order) and ZULIN_TSA_CERTS.';
  if (certs.length !== urls.length) {
    return `ZULIN_TSA_CERTS must name one PEM file per authority of ZULIN_TSA_URLS, in the same order (${urls.length} URLs, ${certs.length} files).`;
  }
  return null;
}

/**
 * The authorities configured for production, in their fixed order, each pinned to the certificates
 * of its PEM file (ZULIN_TSA_CERTS). Throws, saying what is wrong, when they do not fit.
 */
export function configuredTimestampAuthorities(
  env: NodeJS.ProcessEnv = process.env,
  readPem: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): TimestampAuthority[] {
  const problem = timestampConfigurationProblem(env);
  if (problem !== null) throw new Error(problem);
  const urls = listOf(env.ZULIN_TSA_URLS);
  const certFiles = listOf(env.ZULIN_TSA_CERTS);
  return urls.map((url, index) => {
    if (!/^https?:\/\//.test(url)) throw new Error(`ZULIN_TSA_URLS: "${url}" is not an http(s) URL`);
    const file = certFiles[index] as string;
    let pinned: Buffer[];
    try {
      pinned = certificatesOfPem(readPem(file));
    } catch (error) {
      throw new Error(`ZULIN_TSA_CERTS: ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return httpTimestampAuthority(url, pinned);
  });
}

export interface Timestamp {
  authority: string;
  tokenDer: Buffer;
  facts: TimeStampFacts;
}

/**
 * Timestamps a message (its SHA-256) at the first authority, in order, that answers with a token that
 * checks (our digest, our nonce, a signature that verifies). Rejects, naming each failure, when none does.
 */
export async function timestampMessage(
  authorities: readonly TimestampAuthority[],
  message: Buffer,
): Promise<Timestamp> {
  const digest = createHash('sha256').update(message).digest();
  const failures: string[] = [];
  if (authorities.length === 0) throw new Error('no time-stamping authority is configured (ZULIN_TSA_URLS)');
  for (const authority of authorities) {
    try {
      const { der, nonceHex } = timeStampRequest(digest);
      const answer = readTimeStampResponse(await authority.stamp(der));
      if (!answer.granted) throw new Error(`refused (status ${answer.status}: ${answer.text})`);
      const facts = await verifyTimeStampToken(answer.tokenDer, message, {
        nonceHex,
        ...(authority.pinnedCertificatesDer === undefined
          ? {}
          : { pinnedCertificatesDer: authority.pinnedCertificatesDer }),
      });
      return { authority: authority.name, tokenDer: answer.tokenDer, facts };
    } catch (error) {
      failures.push(`${authority.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(failures.join('; '));
}
