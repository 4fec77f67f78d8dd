// How a carrier signs its tracking webhooks, done the way national couriers and payment providers
// do: the carrier sends a timestamp (unix seconds), a nonce and a signature, base64 of
// HMAC-SHA256(secret, "<timestamp>\n<nonce>\n<body>\n"). We refuse a missing or wrong signature, a
// timestamp more than 5 minutes from our clock, and a nonce we have already seen (a replay). The
// parts every scheme shares (the clock window, the constant-time comparison, the error codes) are
// the platform's security toolkit, as for the payment channels and the MDM.
import { createHmac } from 'node:crypto';
import { checkTimestamp, SignatureErrors, safeEqual } from '@zulin/platform';
import type { ReplayGuard } from './carrier';
import { LogisticsErrors } from './errors';
import { LogisticsLimits } from './limits';

export interface SignedHeaders {
  timestamp: string;
  nonce: string;
  signature: string;
}

export function signWebhook(secret: Buffer, body: string | Buffer, timestampSeconds: number, nonce: string): string {
  return createHmac('sha256', secret)
    .update(`${timestampSeconds}\n${nonce}\n`)
    .update(body)
    .update('\n')
    .digest('base64');
}

/**
 * Verifies a delivery and records its nonce; returns the nonce as the delivery id. The replay guard
 * is asked last, so a forged request cannot fill it.
 */
export async function verifyWebhookSignature(options: {
  carrier: string;
  secret: Buffer;
  headers: Partial<SignedHeaders>;
  rawBody: Buffer;
  now: Date;
  replayGuard: ReplayGuard;
}): Promise<string> {
  const { timestamp, nonce, signature } = options.headers;
  if (!timestamp || !nonce || !signature) {
    throw SignatureErrors.WEBHOOK_SIGNATURE_MISSING({
      detail: 'Timestamp, nonce and signature headers are required.',
    });
  }
  const t = Number(timestamp);
  if (!/^[0-9]{1,12}$/.test(timestamp) || !/^[A-Za-z0-9_-]{8,64}$/.test(nonce)) {
    throw SignatureErrors.WEBHOOK_SIGNATURE_INVALID({ detail: 'The timestamp or nonce is malformed.' });
  }
  const tolerance = LogisticsLimits.webhookToleranceSeconds;
  checkTimestamp(t, options.now, tolerance);
  const expected = Buffer.from(signWebhook(options.secret, options.rawBody, t, nonce), 'base64');
  if (!safeEqual(Buffer.from(signature, 'base64'), expected)) {
    throw SignatureErrors.WEBHOOK_SIGNATURE_INVALID({ detail: 'The signature does not match the body.' });
  }
  // A nonce must be remembered as long as its timestamp could still pass the window.
  const expiresAt = new Date((t + tolerance + 1) * 1000);
  if (!(await options.replayGuard.firstSeen(options.carrier, nonce, expiresAt))) {
    throw LogisticsErrors.LOGISTICS_WEBHOOK_REPLAYED({ detail: 'This delivery was received before.' });
  }
  return nonce;
}
