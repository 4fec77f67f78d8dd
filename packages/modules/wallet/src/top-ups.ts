// Top-ups: a payment order at a channel; the channel's confirmed payment credits the wallet once.
// Once is held three ways: the inbox stores a provider event once, the top-up's status is checked
// under a row lock, and the ledger transfer's id is derived from the top-up (a replay is a no-op).
import { type Executor, emitEvent, receiveInbound } from '@zulin/db';
import { assert, type Clock, newId } from '@zulin/kernel';
import { channelClearingAccount, createTransfers, platformAccount } from '@zulin/ledger';
import { and, eq } from 'drizzle-orm';
import { walletAccount } from './accounts';
import { walletCode } from './codes';
import type { WalletDeps } from './deps';
import { WalletErrors } from './errors';
import { WalletLimits } from './limits';
import {
  type PaymentChannel,
  parseSandboxNotification,
  sandboxMerchantId,
  sandboxPaymentChannel,
  sandboxWebhookChannel,
  sandboxWebhookSecret,
  signedSandboxNotification,
  verifySandboxSignature,
} from './sandbox-channel';
import { walletTopUps } from './schema';

export type TopUp = typeof walletTopUps.$inferSelect & { cashierUrl: string };

const channels: Record<string, PaymentChannel> = { sandbox: sandboxPaymentChannel };

export async function createTopUp(
  tx: Executor,
  clock: Clock,
  options: { customerId: string; amountMinor: number; channel?: string },
): Promise<TopUp> {
  const { customerId, amountMinor } = options;
  if (amountMinor < WalletLimits.topUpMinMinor || amountMinor > WalletLimits.topUpMaxMinor) {
    throw WalletErrors.WALLET_AMOUNT_INVALID({
      detail: `A top-up is from 0.01 to ${WalletLimits.topUpMaxMinor / 100} yuan.`,
      errors: [{ path: '/body/amountMinor', message: 'out of range' }],
    });
  }
  const channel = channels[options.channel ?? 'sandbox'];
  assert(channel, 'the route allows known channels only');
  await walletAccount(tx, clock, customerId);
  const id = newId('wtu', clock);
  const outTradeNo = `ZL${id.slice(4)}`;
  const { cashierUrl } = channel.createPayment({ outTradeNo, amountMinor, description: 'Zulin wallet top-up' });
  const [row] = await tx
    .insert(walletTopUps)
    .values({
      id,
      customerId,
      channel: channel.name,
      outTradeNo,
      amountMinor,
      status: 'created',
      createdAt: clock.now(),
    })
    .returning();
  assert(row, 'the top-up was inserted');
  return { ...row, cashierUrl };
}

export async function getTopUp(tx: Executor, customerId: string, id: string): Promise<TopUp> {
  const [row] = await tx
    .select()
    .from(walletTopUps)
    .where(and(eq(walletTopUps.id, id), eq(walletTopUps.customerId, customerId)));
  if (!row) throw WalletErrors.WALLET_TOP_UP_NOT_FOUND();
  return {
    ...row,
    cashierUrl: sandboxPaymentChannel.createPayment({
      outTradeNo: row.outTradeNo,
      amountMinor: row.amountMinor,
      description: '',
    }).cashierUrl,
  };
}

/** Applies a verified payment notification (from the inbox). Idempotent. */
export async function applyPaymentNotification(tx: Executor, clock: Clock, rawBody: string): Promise<void> {
  const n = parseSandboxNotification(rawBody);
  const [topUp] = await tx.select().from(walletTopUps).where(eq(walletTopUps.outTradeNo, n.outTradeNo)).for('update');
  if (!topUp) {
    // Money we cannot place: the channel took it for an order we never made. Park it in suspense.
    if (n.type === 'payment.succeeded')
      await parkInSuspense(tx, clock, n.id, n.amountMinor, `unknown order ${n.outTradeNo}`);
    return;
  }
  if (topUp.status !== 'created') {
    // Already settled. A success for a different channel trade (a second payment of the same
    // order, or a payment after we failed the order) is money the channel took that we cannot
    // apply: it goes to suspense for a person to refund or apply — never dropped. A redelivery of
    // the success we applied changes nothing.
    const sameTrade = topUp.status === 'succeeded' && topUp.channelTradeNo === n.channelTradeNo;
    if (n.type === 'payment.succeeded' && !sameTrade) {
      await parkInSuspense(tx, clock, n.id, n.amountMinor, `top-up ${topUp.id} is ${topUp.status}: extra payment`);
    }
    return;
  }
  const now = clock.now();
  if (n.type === 'payment.failed') {
    await failTopUp(tx, now, topUp, 'channel_failed');
    return;
  }
  if (n.amountMinor !== topUp.amountMinor || n.merchantId !== sandboxMerchantId) {
    await parkInSuspense(tx, clock, n.id, n.amountMinor, `top-up ${topUp.id} amount or merchant mismatch`);
    await failTopUp(tx, now, topUp, 'amount_mismatch');
    return;
  }
  const clearing = await channelClearingAccount(tx, clock, sandboxPaymentChannel.clearingChannel);
  const wallet = await walletAccount(tx, clock, topUp.customerId);
  const transferId = `txn_topup_${topUp.id}`;
  await createTransfers(tx, clock, [
    {
      id: transferId,
      debitAccountId: clearing.id,
      creditAccountId: wallet.id,
      amountMinor: topUp.amountMinor,
      currency: 'CNY',
      code: walletCode('top_up'),
      reference: topUp.id,
      metadata: { outTradeNo: topUp.outTradeNo, channelTradeNo: n.channelTradeNo, description: 'Top-up' },
    },
  ]);
  await tx
    .update(walletTopUps)
    .set({ status: 'succeeded', channelTradeNo: n.channelTradeNo, transferId, completedAt: now })
    .where(eq(walletTopUps.id, topUp.id));
  await emitEvent(tx, now, {
    type: 'wallet.top_up_succeeded',
    aggregateType: 'wallet',
    aggregateId: topUp.customerId,
    payload: { topUpId: topUp.id, customerId: topUp.customerId, amountMinor: topUp.amountMinor },
  });
}

async function failTopUp(
  tx: Executor,
  now: Date,
  topUp: typeof walletTopUps.$inferSelect,
  reason: 'channel_failed' | 'amount_mismatch',
): Promise<void> {
  await tx
    .update(walletTopUps)
    .set({ status: 'failed', failureReason: reason, completedAt: now })
    .where(eq(walletTopUps.id, topUp.id));
  await emitEvent(tx, now, {
    type: 'wallet.top_up_failed',
    aggregateType: 'wallet',
    aggregateId: topUp.customerId,
    payload: { topUpId: topUp.id, customerId: topUp.customerId, amountMinor: topUp.amountMinor, reason },
  });
}

async function parkInSuspense(tx: Executor, clock: Clock, eventId: string, amountMinor: number, why: string) {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) return;
  await emitEvent(tx, clock.now(), {
    type: 'wallet.payment_parked_in_suspense',
    aggregateType: 'suspense',
    aggregateId: eventId.slice(0, 128),
    payload: { eventId: eventId.slice(0, 128), amountMinor, why },
  });
  const clearing = await channelClearingAccount(tx, clock, sandboxPaymentChannel.clearingChannel);
  const suspense = await platformAccount(tx, clock, 'suspense');
  await createTransfers(tx, clock, [
    {
      id: `txn_susp_${eventId.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 80)}`,
      debitAccountId: clearing.id,
      creditAccountId: suspense.id,
      amountMinor,
      code: 'wallet.unmatched_payment',
      reference: eventId.slice(0, 128),
      metadata: { why },
    },
  ]);
}

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
