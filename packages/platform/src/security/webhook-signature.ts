// Signed webhooks. Zulin's own scheme, used for outbound partner webhooks and by the sandboxes:
// `Zulin-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`, refused when the timestamp
// is more than 5 minutes off. Channels with a scheme of their own (WeChat Pay, Alipay, carriers)
// use `checkTimestamp` and `safeEqual` from here for the parts every scheme shares.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { defineErrors } from '@zulin/kernel';

export const SignatureErrors = defineErrors({
  WEBHOOK_SIGNATURE_MISSING: { status: 401, title: 'Webhook signature missing' },
  WEBHOOK_SIGNATURE_INVALID: { status: 401, title: 'Webhook signature invalid' },
  WEBHOOK_TIMESTAMP_STALE: { status: 401, title: 'Webhook timestamp outside the allowed window' },
});

export const signatureToleranceSeconds = 300;

export function signBody(secret: Buffer | string, body: string | Buffer, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.`).update(body).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** Compares two secrets in constant time; different lengths are simply unequal. */
export function safeEqual(a: Buffer | string, b: Buffer | string): boolean {
  const x = Buffer.isBuffer(a) ? a : Buffer.from(a);
  const y = Buffer.isBuffer(b) ? b : Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Refuses a signature timestamp (unix seconds) more than `toleranceSeconds` away from now, either way. */
export function checkTimestamp(unixSeconds: number, now: Date, toleranceSeconds = signatureToleranceSeconds): void {
  if (!Number.isSafeInteger(unixSeconds)) {
    throw SignatureErrors.WEBHOOK_SIGNATURE_INVALID({ detail: 'The signature timestamp is not a number.' });
  }
  if (Math.abs(Math.floor(now.getTime() / 1000) - unixSeconds) > toleranceSeconds) {
    throw SignatureErrors.WEBHOOK_TIMESTAMP_STALE({
      detail: `The signature timestamp is more than ${toleranceSeconds} seconds off.`,
    });
  }
}

export function verifySignature(secret: Buffer | string, body: Buffer, header: string | undefined, now: Date): void {
  if (!header) throw SignatureErrors.WEBHOOK_SIGNATURE_MISSING({ detail: 'The Zulin-Signature header is required.' });
  const parts = new Map(
    header.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const tText = parts.get('t') ?? '';
  const v1 = parts.get('v1') ?? '';
  if (!/^\d{1,12}$/.test(tText) || !/^[0-9a-f]{64}$/.test(v1)) {
    throw SignatureErrors.WEBHOOK_SIGNATURE_INVALID({ detail: 'The Zulin-Signature header is malformed.' });
  }
  const t = Number(tText);
  checkTimestamp(t, now);
  const expected = Buffer.from(signBody(secret, body, t).slice(`t=${t},v1=`.length), 'hex');
  if (!safeEqual(expected, Buffer.from(v1, 'hex'))) {
    throw SignatureErrors.WEBHOOK_SIGNATURE_INVALID({ detail: 'The signature does not match the body.' });
  }
}
