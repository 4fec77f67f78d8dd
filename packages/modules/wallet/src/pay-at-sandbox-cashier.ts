// The sandbox cashier's pay button: sends the signed payment notification the channel would (sandbox only).
import { type Executor, receiveInbound } from '@zulin/db';
import { eq } from 'drizzle-orm';
import type { WalletDeps } from './deps';
import { WalletErrors } from './errors';
import {
  sandboxMerchantId,
  sandboxWebhookChannel,
  sandboxWebhookSecret,
  signedSandboxNotification,
  verifySandboxSignature,
} from './sandbox-channel';
import { walletTopUps } from './schema';

/**
 * The sandbox cashier's "pay" button: the channel notifies us as its server would — a signed
 * notification, verified and stored in the inbox exactly like one arriving over HTTP.
 */
export async function payAtSandboxCashier(
  db: Executor,
  deps: WalletDeps,
  outTradeNo: string,
  outcome: 'succeeded' | 'failed' = 'succeeded',
): Promise<{ notificationId: string; duplicate: boolean }> {
  const [topUp] = await db.select().from(walletTopUps).where(eq(walletTopUps.outTradeNo, outTradeNo));
  if (!topUp) throw WalletErrors.WALLET_TOP_UP_NOT_FOUND();
  const now = deps.clock.now();
  const notification = {
    id: `evt_sbx_${topUp.id}`,
    type: outcome === 'succeeded' ? ('payment.succeeded' as const) : ('payment.failed' as const),
    outTradeNo,
    channelTradeNo: `SBX${topUp.id.slice(4)}`,
    amountMinor: topUp.amountMinor,
    merchantId: sandboxMerchantId,
  };
  const { body, signature } = signedSandboxNotification(deps.masterKey, notification, now);
  verifySandboxSignature(sandboxWebhookSecret(deps.masterKey), Buffer.from(body), signature, now);
  const { duplicate } = await receiveInbound(db, now, {
    provider: sandboxWebhookChannel,
    providerEventId: notification.id,
    eventType: notification.type,
    headers: { 'zulin-signature': signature },
    body,
  });
  return { notificationId: notification.id, duplicate };
}
