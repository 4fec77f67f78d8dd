// The wallet's sandbox payment channel, used until the payments module provides real channels. It
// behaves like one: a payment order with an out_trade_no, a cashier URL a person (or a test) opens
// and pays at, and a notification signed with Zulin's webhook signature
// (`Zulin-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`, refused when 5 minutes off) that
// arrives at `POST /v1/webhooks/walletsandbox` and goes through the inbox like any provider's.
// The signing code follows apps/server/src/platform/signature.ts (modules do not import the app).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { WalletWebhookErrors } from './errors';

export const sandboxWebhookChannel = 'walletsandbox';
/** The ledger clearing account that sandbox payments settle through. */
export const sandboxClearingChannel = 'sandbox';
export const sandboxMerchantId = 'zulin-sandbox-merchant';
const toleranceSeconds = 300;

/** A payment channel as the wallet needs it for top-ups. The payments module will provide real ones. */
export interface PaymentChannel {
  readonly name: string;
  /** The ledger clearing account's channel name. */
  readonly clearingChannel: string;
  createPayment(order: { outTradeNo: string; amountMinor: number; description: string }): { cashierUrl: string };
}

export const sandboxPaymentChannel: PaymentChannel = {
  name: 'sandbox',
  clearingChannel: sandboxClearingChannel,
  createPayment: ({ outTradeNo }) => ({ cashierUrl: `/v1/wallet/sandbox-cashier/${outTradeNo}` }),
};

export function sandboxWebhookSecret(masterKey: Buffer): Buffer {
  return createHmac('sha256', masterKey).update('zulin:webhook:walletsandbox').digest();
}

export function signSandboxBody(secret: Buffer, body: string | Buffer, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.`).update(body).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

export function verifySandboxSignature(secret: Buffer, body: Buffer, header: string | undefined, now: Date): void {
  if (!header) throw WalletWebhookErrors.WALLET_WEBHOOK_SIGNATURE_MISSING({ detail: 'Zulin-Signature is required.' });
  const parts = new Map(
    header.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) {
    throw WalletWebhookErrors.WALLET_WEBHOOK_SIGNATURE_INVALID({ detail: 'Zulin-Signature is malformed.' });
  }
  if (Math.abs(Math.floor(now.getTime() / 1000) - t) > toleranceSeconds) {
    throw WalletWebhookErrors.WALLET_WEBHOOK_TIMESTAMP_STALE({ detail: 'The signature is more than 5 minutes off.' });
  }
  const expected = Buffer.from(signSandboxBody(secret, body, t).slice(`t=${t},v1=`.length), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(v1, 'hex'))) {
    throw WalletWebhookErrors.WALLET_WEBHOOK_SIGNATURE_INVALID({ detail: 'The signature does not match the body.' });
  }
}

/** What the sandbox channel notifies when a payment completes. */
export interface SandboxPaymentNotification {
  id: string;
  type: 'payment.succeeded' | 'payment.failed';
  outTradeNo: string;
  channelTradeNo: string;
  amountMinor: number;
  merchantId: string;
}

export function parseSandboxNotification(raw: string): SandboxPaymentNotification {
  let body: Partial<SandboxPaymentNotification>;
  try {
    body = JSON.parse(raw) as Partial<SandboxPaymentNotification>;
  } catch {
    throw WalletWebhookErrors.WALLET_WEBHOOK_BODY_INVALID({ detail: 'The body is not JSON.' });
  }
  const ok =
    typeof body.id === 'string' &&
    (body.type === 'payment.succeeded' || body.type === 'payment.failed') &&
    typeof body.outTradeNo === 'string' &&
    typeof body.channelTradeNo === 'string' &&
    Number.isSafeInteger(body.amountMinor) &&
    typeof body.merchantId === 'string';
  if (!ok)
    throw WalletWebhookErrors.WALLET_WEBHOOK_BODY_INVALID({
      detail: 'Fields id, type, outTradeNo, channelTradeNo, amountMinor, merchantId are required.',
    });
  return body as SandboxPaymentNotification;
}

/** Builds and signs a notification, as the sandbox channel's server would. */
export function signedSandboxNotification(
  masterKey: Buffer,
  notification: SandboxPaymentNotification,
  now: Date,
): { body: string; signature: string } {
  const body = JSON.stringify(notification);
  return { body, signature: signSandboxBody(sandboxWebhookSecret(masterKey), body, Math.floor(now.getTime() / 1000)) };
}
