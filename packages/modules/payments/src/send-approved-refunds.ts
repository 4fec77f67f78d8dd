// The refund sweep: every approved refund (and one whose answer was unknown or still processing) is
// sent to its channel, one call each outside any transaction, and the answer recorded by `sendRefund`.
// The channel refunds once per out_refund_no, so sending again is safe.
import type { Database } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { asc, eq, inArray } from 'drizzle-orm';
import type { PaymentChannelClient } from './channel-clients';
import { PaymentsLimits } from './limits';
import { type PaymentChannelName, paymentsOrders, paymentsRefunds } from './schema';
import { sendRefund } from './send-refund';

export async function sendApprovedRefunds(
  database: Database,
  deps: { clock: Clock; clientOf: (channel: PaymentChannelName) => Promise<PaymentChannelClient | undefined> },
): Promise<{ sent: number; succeeded: number }> {
  const due = await database.db
    .select({ id: paymentsRefunds.id, channel: paymentsOrders.channel })
    .from(paymentsRefunds)
    .innerJoin(paymentsOrders, eq(paymentsOrders.id, paymentsRefunds.orderId))
    .where(inArray(paymentsRefunds.state, ['approved', 'unknown', 'processing']))
    .orderBy(asc(paymentsRefunds.updatedAt))
    .limit(PaymentsLimits.refundSweepBatch);
  let sent = 0;
  let succeeded = 0;
  for (const refund of due) {
    const client = await deps.clientOf(refund.channel);
    if (!client) continue;
    sent++;
    const after = await sendRefund(database, { clock: deps.clock, client }, refund.id);
    if (after.state === 'succeeded') succeeded++;
  }
  return { sent, succeeded };
}
