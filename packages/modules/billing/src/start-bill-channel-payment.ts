// Starting a bill's payment at a channel: check the bill (a read), reuse the bill's open attempt at
// that channel for the same amount (asking twice gives the same cashier), or start a new one through
// the payments module, which calls the channel outside any transaction.
import { findOpenPaymentOrder, type PaymentOrder, paymentChannelClient, startPayment } from '@zulin/payments';
import type { AppContext } from '@zulin/platform';
import type { BillingDeps } from './deps';
import { type BillChannel, billPaymentPurpose, checkBillChannelPayment } from './pay-bill-by-channel';

export async function startBillChannelPayment(
  ctx: AppContext,
  deps: BillingDeps,
  options: { billId: string; customerId: string; channel: BillChannel; amountMinor?: number },
): Promise<PaymentOrder> {
  const checked = await checkBillChannelPayment(ctx.database.db, deps, options);
  const open = await findOpenPaymentOrder(ctx.database.db, {
    purpose: billPaymentPurpose,
    reference: checked.billId,
    channel: options.channel,
    amountMinor: checked.amountMinor,
  });
  if (open) return open;
  const client = await paymentChannelClient(ctx, options.channel);
  return startPayment(
    ctx.database,
    { clock: deps.clock, client },
    {
      customerId: options.customerId,
      amountMinor: checked.amountMinor,
      description: checked.title,
      purpose: billPaymentPurpose,
      reference: checked.billId,
      creditAccountId: checked.creditAccountId,
    },
  );
}
