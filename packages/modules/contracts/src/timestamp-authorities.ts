// The RFC 3161 time-stamping authorities, as an adapter: each one takes a DER TimeStampReq and gives
// back a DER TimeStampResp. In sandbox mode the one authority is the sandbox's own (real DER, a real
// ECDSA signature); outside it, the list in ZULIN_TSA_URLS (comma-separated, tried in that fixed
// order) is called over HTTP as RFC 3161 §3.4 describes (application/timestamp-query). A failing
// authority passes the request to the next; when all fail, the root waits for the next try.
import { createHash } from 'node:crypto';
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
export function httpTimestampAuthority(url: string): TimestampAuthority {
  return {
    name: url,
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

/** The authorities configured for production, in their fixed order (empty: unconfigured). */
export function configuredTimestampAuthorities(env: NodeJS.ProcessEnv = process.env): TimestampAuthority[] {
  const urls = (env.ZULIN_TSA_URLS ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u.length > 0);
  for (const url of urls) {
    if (!/^https?:\/\//.test(url)) throw new Error(`ZULIN_TSA_URLS: "${url}" is not an http(s) URL`);
  }
  return urls.map(httpTimestampAuthority);
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
      const facts = await verifyTimeStampToken(answer.tokenDer, message, { nonceHex });
      return { authority: authority.name, tokenDer: answer.tokenDer, facts };
    } catch (error) {
      failures.push(`${authority.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(failures.join('; '));
}
