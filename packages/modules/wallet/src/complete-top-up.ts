// A top-up's payment decided by payments (`payments.payment_succeeded`, `…_failed`, `…_closed` with
// purpose `wallet.top_up`): the top-up succeeds (payments already posted clearing → wallet in the
// transaction that confirmed the payment) or fails. Once: the top-up row is locked and only a
// `created` one changes; a second word about the same payment changes nothing.
import { type Executor, emitEvent } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { getPaymentOrder } from '@zulin/payments';
import { eq } from 'drizzle-orm';
import { walletTopUps } from './schema';

export async function completeTopUp(
  tx: Executor,
  clock: Clock,
  decided: { topUpId: string; orderId: string } & (
    | { outcome: 'succeeded'; transferId: string }
    | { outcome: 'failed'; reason: 'channel_failed' }
  ),
): Promise<void> {
  const [topUp] = await tx.select().from(walletTopUps).where(eq(walletTopUps.id, decided.topUpId)).for('update');
  if (topUp?.status !== 'created' || topUp.paymentId !== decided.orderId) return;
  const now = clock.now();
  if (decided.outcome === 'succeeded') {
    const order = await getPaymentOrder(tx, decided.orderId);
    await tx
      .update(walletTopUps)
      .set({
        status: 'succeeded',
        channelTradeNo: order.channelTradeNo,
        transferId: decided.transferId,
        completedAt: now,
      })
      .where(eq(walletTopUps.id, topUp.id));
    await emitEvent(tx, now, {
      type: 'wallet.top_up_succeeded',
      aggregateType: 'wallet',
      aggregateId: topUp.customerId,
      payload: { topUpId: topUp.id, customerId: topUp.customerId, amountMinor: topUp.amountMinor },
    });
    return;
  }
  await tx
    .update(walletTopUps)
    .set({ status: 'failed', failureReason: decided.reason, completedAt: now })
    .where(eq(walletTopUps.id, topUp.id));
  await emitEvent(tx, now, {
    type: 'wallet.top_up_failed',
    aggregateType: 'wallet',
    aggregateId: topUp.customerId,
    payload: {
      topUpId: topUp.id,
      customerId: topUp.customerId,
      amountMinor: topUp.amountMinor,
      reason: decided.reason,
    },
  });
}
