// Starting a payment outside HTTP (other modules' sweeps, tests): record the attempt in its own
// transaction, then submit it to the channel (`submit-payment.ts`). Routes record the order inside
// their command instead, so that the Idempotency-Key's answer and the attempt commit together.
import type { Database } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { runCommand } from '@zulin/platform';
import type { PaymentChannelClient } from './channel-clients';
import { createPaymentOrder, type NewPaymentOrder, type PaymentOrder } from './payment-orders';
import { submitPayment } from './submit-payment';

export async function startPayment(
  database: Database,
  deps: { clock: Clock; client: PaymentChannelClient },
  order: Omit<NewPaymentOrder, 'channel'>,
): Promise<PaymentOrder> {
  const created = await runCommand(database, (tx) =>
    createPaymentOrder(tx, deps.clock, { ...order, channel: deps.client.name }),
  );
  return submitPayment(database, deps, created.id);
}
