// Starting a payment is two transactions around one call to the channel (docs/modules.md: outside
// systems are never called while a transaction is open): record the attempt, ask the channel to
// create it, record the answer — pending with a cashier, unknown (timeout, 5xx), or failed.
import type { Database } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { runCommand } from '@zulin/platform';
import type { PaymentChannelClient } from './channel-clients';
import { createPaymentOrder, type NewPaymentOrder, type PaymentOrder, recordSubmission } from './payment-orders';

export async function startPayment(
  database: Database,
  deps: { clock: Clock; client: PaymentChannelClient },
  order: Omit<NewPaymentOrder, 'channel'>,
): Promise<PaymentOrder> {
  const created = await runCommand(database, (tx) =>
    createPaymentOrder(tx, deps.clock, { ...order, channel: deps.client.name }),
  );
  const answer = await deps.client.create({
    outTradeNo: created.outTradeNo,
    amountMinor: created.amountMinor,
    description: created.description,
  });
  return runCommand(database, (tx) => recordSubmission(tx, deps.clock, created.id, answer));
}
