import type { Database } from '@zulin/db';
import { assert, type Clock } from '@zulin/kernel';
import { runCommand } from '@zulin/platform';
import { eq } from 'drizzle-orm';
import type { PaymentChannelClient } from './channel-clients';
import { applyRefundStatus, getRefund, type Refund, setRefund } from './refunds';
import { paymentsOrders, paymentsRefunds } from './schema';

/** Sends an approved (or unknown, or processing) refund to the channel and records the answer. */
export async function sendRefund(
  database: Database,
  deps: { clock: Clock; client: PaymentChannelClient },
  refundId: string,
): Promise<Refund> {
  const refund = await getRefund(database.db, refundId);
  if (refund.state !== 'approved' && refund.state !== 'unknown' && refund.state !== 'processing') return refund;
  const [order] = await database.db.select().from(paymentsOrders).where(eq(paymentsOrders.id, refund.orderId));
  assert(order, 'the order exists');
  const answer = await deps.client.refund({
    outTradeNo: order.outTradeNo,
    outRefundNo: refund.outRefundNo,
    amountMinor: refund.amountMinor,
    totalMinor: order.amountMinor,
    reason: refund.reason,
  });
  return runCommand(database, async (tx) => {
    const [locked] = await tx.select().from(paymentsRefunds).where(eq(paymentsRefunds.id, refund.id)).for('update');
    assert(locked, 'the refund exists');
    if (locked.state !== 'approved' && locked.state !== 'unknown' && locked.state !== 'processing') return locked;
    if (answer.outcome === 'unknown')
      return setRefund(tx, deps.clock, locked, { state: 'unknown', failureReason: answer.reason });
    if (answer.outcome === 'refused') {
      return setRefund(tx, deps.clock, locked, {
        state: 'closed',
        failureReason: `${answer.code} ${answer.message}`.trim(),
      });
    }
    return applyRefundStatus(tx, deps.clock, locked, answer.value.status);
  });
}
