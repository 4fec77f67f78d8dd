// Closing a payment we no longer want (abandoned at the cashier, expired): ask the channel to close
// the trade, outside any transaction, then record what it said. A trade the channel reports as paid
// is applied as paid — the person paid just before we closed.
import type { Database } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { runCommand } from '@zulin/platform';
import type { PaymentChannelClient } from './channel-clients';
import { applyChannelTrade, getPaymentOrder, type PaymentOrder } from './payment-orders';

export async function closePayment(
  database: Database,
  deps: { clock: Clock; client: PaymentChannelClient; merchantId: string },
  orderId: string,
): Promise<PaymentOrder> {
  const order = await getPaymentOrder(database.db, orderId);
  if (order.state === 'succeeded' || order.state === 'failed' || order.state === 'closed') return order;
  const closed = await deps.client.close(order.outTradeNo);
  if (closed.outcome !== 'ok') return order; // unknown or refused: the janitor asks again later
  const trade = 'alreadyPaid' in closed.value ? await deps.client.query(order.outTradeNo) : undefined;
  return runCommand(database, async (tx) => {
    const report =
      trade?.outcome === 'ok'
        ? { ...trade.value }
        : { state: 'closed' as const, merchantId: deps.merchantId, amountMinor: order.amountMinor };
    return (
      (await applyChannelTrade(tx, deps.clock, {
        ...report,
        channel: order.channel,
        outTradeNo: order.outTradeNo,
        expectedMerchantId: deps.merchantId,
        source: 'close',
      })) ?? order
    );
  });
}
