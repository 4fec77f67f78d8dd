// The sandbox's callbacks going out: the due ones are posted to the merchant's notify_url (WeChat
// Pay callbacks signed at the moment of sending, as WeChat Pay does; Alipay's were signed when made).
// An answer the channel does not take as an acknowledgement is retried on WeChat Pay's published
// schedule, then given up. The post happens outside any transaction; each result is recorded after.
import { createPrivateKey } from 'node:crypto';
import type { Executor } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import type { AppContext } from '@zulin/platform';
import { and, asc, desc, eq, lte } from 'drizzle-orm';
import { PaymentsLimits } from './limits';
import { type SandboxKeySet, sandboxKeys } from './sandbox-keys';
import { readKnobs } from './sandbox-knobs';
import { paymentsSandboxNotifications } from './schema';
import { signWechatpayMessage, wechatpayNonce } from './wechatpay-protocol';

/** Posts a callback; the sandbox's HTTP client in production, `app.inject` in tests. */
export type CallbackPoster = (request: {
  url: string;
  headers: Record<string, string>;
  body: string;
}) => Promise<{ status: number; body: string }>;

/** WeChat Pay's retry schedule for an unacknowledged callback (seconds after the previous try). */
export const callbackRetrySeconds = [
  15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600,
];

function acknowledged(channel: 'wechatpay' | 'alipay', answer: { status: number; body: string }): boolean {
  // WeChat Pay: any 200 or 204. Alipay: exactly the text "success".
  return channel === 'wechatpay' ? answer.status === 200 || answer.status === 204 : answer.body.trim() === 'success';
}

export async function deliverSandboxCallbacks(
  db: Executor,
  deps: { clock: Clock; keys: SandboxKeySet; post: CallbackPoster },
): Promise<{ delivered: number; retried: number }> {
  const now = deps.clock.now();
  const knobs = await readKnobs(db);
  const due = await db
    .select()
    .from(paymentsSandboxNotifications)
    .where(and(eq(paymentsSandboxNotifications.status, 'pending'), lte(paymentsSandboxNotifications.dueAt, now)))
    .orderBy(
      knobs.outOfOrderCallbacks ? desc(paymentsSandboxNotifications.dueAt) : asc(paymentsSandboxNotifications.dueAt),
      asc(paymentsSandboxNotifications.id),
    )
    .limit(PaymentsLimits.sandboxCallbackBatch);
  let delivered = 0;
  let retried = 0;
  for (const notification of due) {
    const headers: Record<string, string> = { 'Content-Type': notification.contentType };
    if (notification.channel === 'wechatpay') {
      const keys = deps.keys.wechatpay;
      const signer =
        knobs.wechatpayKeyMode === 'public-key'
          ? { id: keys.publicKeyId, privateKey: createPrivateKey(keys.publicKeyPrivateKeyPem) }
          : { id: keys.platformCertificateSerial, privateKey: createPrivateKey(keys.platformPrivateKeyPem) };
      Object.assign(
        headers,
        signWechatpayMessage(
          signer,
          notification.body,
          Math.floor(deps.clock.now().getTime() / 1000),
          wechatpayNonce(),
        ),
      );
    }
    let answer: { status: number; body: string };
    try {
      answer = await deps.post({ url: notification.url, headers, body: notification.body });
    } catch (error) {
      answer = { status: 0, body: String(error) };
    }
    const attempts = notification.attempts + 1;
    const ok = acknowledged(notification.channel, answer);
    const retry = callbackRetrySeconds[attempts - 1];
    await db
      .update(paymentsSandboxNotifications)
      .set(
        ok
          ? { status: 'delivered', attempts, lastStatus: answer.status, deliveredAt: deps.clock.now() }
          : retry === undefined
            ? { status: 'failed', attempts, lastStatus: answer.status }
            : { attempts, lastStatus: answer.status, dueAt: new Date(deps.clock.now().getTime() + retry * 1000) },
      )
      .where(eq(paymentsSandboxNotifications.id, notification.id));
    if (ok) delivered++;
    else retried++;
  }
  return { delivered, retried };
}

/** Posts the due callbacks over HTTP, as the sandbox's sweep does (and its cashier, right after a payment). */
export async function postDueSandboxCallbacks(db: Executor, clock: Clock) {
  const keys = await sandboxKeys(db, clock.now());
  return deliverSandboxCallbacks(db, {
    clock,
    keys,
    async post({ url, headers, body }) {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(PaymentsLimits.sandboxCallbackTimeoutMs),
      });
      return { status: response.status, body: await response.text() };
    },
  });
}

const manualDelivery = new WeakSet<AppContext>();

/** Tests that count and steer each delivery: the cashier then leaves every callback to the caller. */
export function deliverSandboxCallbacksManually(ctx: AppContext): void {
  manualDelivery.add(ctx);
}

/** Whether the sandbox's cashier posts the callbacks a payment queued right away (yes, unless a test steers them). */
export function postsCallbacksAtOnce(ctx: AppContext): boolean {
  return !manualDelivery.has(ctx);
}
