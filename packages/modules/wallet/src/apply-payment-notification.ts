// A top-up's payment notification from the channel, applied once: credits the wallet, or fails the
// top-up and parks money that matches no order (unknown, extra, wrong amount or merchant) in suspense.
import { type Executor, emitEvent } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { channelClearingAccount, createTransfers, platformAccount } from '@zulin/ledger';
import { eq } from 'drizzle-orm';
import { walletAccount } from './accounts';
import { walletCode } from './codes';
import { parseSandboxNotification, sandboxMerchantId, sandboxPaymentChannel } from './sandbox-channel';
import { walletTopUps } from './schema';

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
