// Zulin's own webhook signature, used for outbound partner webhooks and by the sandbox channel:
// `Zulin-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`, refused when older than 5 min.
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

export function verifySignature(secret: Buffer | string, body: Buffer, header: string | undefined, now: Date): void {
  if (!header) throw SignatureErrors.WEBHOOK_SIGNATURE_MISSING({ detail: 'The Zulin-Signature header is required.' });
  const parts = new Map(
    header.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) {
    throw SignatureErrors.WEBHOOK_SIGNATURE_INVALID({ detail: 'The Zulin-Signature header is malformed.' });
  }
  if (Math.abs(Math.floor(now.getTime() / 1000) - t) > signatureToleranceSeconds) {
    throw SignatureErrors.WEBHOOK_TIMESTAMP_STALE({ detail: 'The signature timestamp is more than 5 minutes off.' });
  }
  const expected = Buffer.from(signBody(secret, body, t).slice(`t=${t},v1=`.length), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(v1, 'hex'))) {
    throw SignatureErrors.WEBHOOK_SIGNATURE_INVALID({ detail: 'The signature does not match the body.' });
  }
}
