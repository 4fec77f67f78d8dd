// Starting a bill's payment at a channel, in the route's command: check the bill (locked, so two
// requests at once make one attempt), reuse the bill's open attempt at that channel for the same
// amount (asking twice gives the same cashier), or record a new payment order (`created`). The
// route submits it to the channel after the command committed (payments' `submitPayment`), so the
// Idempotency-Key's answer names the attempt and a replay never starts another.
import type { Executor } from '@zulin/db';
import { createPaymentOrder, findOpenPaymentOrder, type PaymentOrder } from '@zulin/payments';
import type { BillingDeps } from './deps';
import { lockBill } from './pay-bill';
import { type BillChannel, billPaymentPurpose, checkBillChannelPayment } from './pay-bill-by-channel';

export async function recordBillChannelPayment(
  tx: Executor,
  deps: BillingDeps,
  options: { billId: string; customerId: string; channel: BillChannel; amountMinor?: number },
): Promise<PaymentOrder> {
  await lockBill(tx, options.billId, options.customerId);
  const checked = await checkBillChannelPayment(tx, deps, options);
  const open = await findOpenPaymentOrder(tx, {
    purpose: billPaymentPurpose,
    reference: checked.billId,
    channel: options.channel,
    amountMinor: checked.amountMinor,
  });
  if (open) return open;
  return createPaymentOrder(tx, deps.clock, {
    channel: options.channel,
    customerId: options.customerId,
    amountMinor: checked.amountMinor,
    description: checked.title,
    purpose: billPaymentPurpose,
    reference: checked.billId,
    creditAccountId: checked.creditAccountId,
  });
}
