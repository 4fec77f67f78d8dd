// Submitting a recorded payment order to its channel, after the command that recorded it committed
// (docs/modules.md: outside systems are never called while a transaction is open, and never before
// the command has recorded the attempt). A route records the order (`createPaymentOrder`, state
// `created`) and the Idempotency-Key's answer in one transaction, then calls `submitPayment`; an
// order the route never got to submit (the process died, the call threw) is sent by the
// `payments.submissions` sweep. The channel is idempotent on our `out_trade_no`, so a second
// submission of the same order answers the same trade.
import type { Database } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { runCommand } from '@zulin/platform';
import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import type { PaymentChannelClient } from './channel-clients';
import { PaymentsLimits } from './limits';
import { getPaymentOrder, type PaymentOrder, recordSubmission } from './payment-orders';
import { type PaymentChannelName, paymentsOrders } from './schema';

/** Asks the channel to create the order's trade and records the answer; an order past `created` is answered as it is. */
export async function submitPayment(
  database: Database,
  deps: { clock: Clock; client: PaymentChannelClient },
  orderId: string,
): Promise<PaymentOrder> {
  const order = await getPaymentOrder(database.db, orderId);
  if (order.state !== 'created' || order.agreementId !== null) return order;
  const answer = await deps.client.create({
    outTradeNo: order.outTradeNo,
    amountMinor: order.amountMinor,
    description: order.description,
  });
  return runCommand(database, (tx) => recordSubmission(tx, deps.clock, order.id, answer));
}

/**
 * The sweep: orders still `created` a while after they were recorded (their route did not get to
 * submit them) are submitted now, oldest first, one channel call each outside any transaction.
 */
export async function submitCreatedPayments(
  database: Database,
  deps: { clock: Clock; clientOf: (channel: PaymentChannelName) => Promise<PaymentChannelClient | undefined> },
): Promise<{ submitted: number; pending: number; unknown: number; failed: number }> {
  const before = new Date(deps.clock.now().getTime() - PaymentsLimits.submitGraceSeconds * 1000);
  const due = await database.db
    .select({ id: paymentsOrders.id, channel: paymentsOrders.channel })
    .from(paymentsOrders)
    .where(
      and(
        eq(paymentsOrders.state, 'created'),
        // Auto-debit charges are sent by the agreement sweep.
        isNull(paymentsOrders.agreementId),
        lte(paymentsOrders.createdAt, before),
      ),
    )
    .orderBy(asc(paymentsOrders.createdAt))
    .limit(PaymentsLimits.submitBatch);
  const counts = { submitted: 0, pending: 0, unknown: 0, failed: 0 };
  for (const order of due) {
    const client = await deps.clientOf(order.channel);
    if (!client) continue;
    counts.submitted++;
    const after = await submitPayment(database, { clock: deps.clock, client }, order.id);
    if (after.state === 'pending' || after.state === 'succeeded') counts.pending++;
    else if (after.state === 'unknown') counts.unknown++;
    else counts.failed++;
  }
  return counts;
}
