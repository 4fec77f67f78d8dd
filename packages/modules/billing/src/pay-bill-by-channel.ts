// Paying a bill through a payment channel (Alipay, WeChat Pay), in two steps that never share a
// transaction with the channel call: `checkBillChannelPayment` reads the bill and decides the amount
// before the payments module starts the attempt; `applyChannelPaymentToBill` runs when payments tells
// us the channel confirmed it (`payments.payment_succeeded`, purpose `billing.bill`). The money has
// then already moved channel clearing → customer receivables in the ledger; here it is allocated over
// the lines (penalty → fees → interest → rent/principal). Whatever the bill no longer owes (paid from
// the wallet meanwhile, waived) goes to the customer's wallet: never lost, never applied twice. A bill its
// source withdrew (an installment order cancelled or expired unpaid) takes nothing more: a channel
// payment confirmed after the withdrawal is refunded in full to where it came from (rental's rule for
// "a payment the order cannot take"), approved at once — money we must not keep needs no second person.
import { type Executor, emitEvent } from '@zulin/db';
import { assert, newId, sumMinor } from '@zulin/kernel';
import { createTransfers } from '@zulin/ledger';
import { requestRefund } from '@zulin/payments';
import { walletAccount } from '@zulin/wallet';
import { eq } from 'drizzle-orm';
import { allocatePayment } from './allocate';
import type { BillingDeps } from './deps';
import { BillingErrors } from './errors';
import { receivablesAccount } from './ledger-accounts';
import { applyToLines, lockBill } from './pay-bill';
import { loadLines } from './read-bills';
import { billingBills, billingPayments } from './schema';

/** What payments records as the purpose of a bill's channel payment. */
export const billPaymentPurpose = 'billing.bill';

/** Who requests the refund of a channel payment that arrived after its bill was withdrawn. */
export const withdrawnBillRefunder = 'system:billing';

export type BillChannel = 'alipay' | 'wechatpay';

/** Checks that the bill is the customer's and still owes; answers the amount and the account to credit. */
export async function checkBillChannelPayment(
  tx: Executor,
  deps: BillingDeps,
  options: { billId: string; customerId: string; amountMinor?: number },
): Promise<{ billId: string; title: string; amountMinor: number; creditAccountId: string }> {
  const [bill] = await tx.select().from(billingBills).where(eq(billingBills.id, options.billId));
  if (!bill || bill.customerId !== options.customerId) throw BillingErrors.BILLING_BILL_NOT_FOUND();
  if (bill.status === 'paid' || bill.status === 'waived') throw BillingErrors.BILLING_BILL_SETTLED();
  const outstanding = bill.amountMinor - bill.paidMinor - bill.waivedMinor;
  const amountMinor = options.amountMinor ?? outstanding;
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0 || amountMinor > outstanding) {
    throw BillingErrors.BILLING_AMOUNT_INVALID({
      detail: `This bill owes ${outstanding} 分.`,
      errors: [{ path: '/body/amountMinor', message: `1–${outstanding}` }],
    });
  }
  const receivables = await receivablesAccount(tx, deps.clock);
  return { billId: bill.id, title: bill.title, amountMinor, creditAccountId: receivables.id };
}

/** Applies a confirmed channel payment to its bill, once (the subscriber runs once per event). */
export async function applyChannelPaymentToBill(
  tx: Executor,
  deps: BillingDeps,
  payment: {
    orderId: string;
    billId: string;
    customerId: string;
    amountMinor: number;
    channel: BillChannel;
    transferId: string;
  },
): Promise<{ appliedMinor: number; toWalletMinor: number; refundedMinor: number }> {
  const bill = await lockBill(tx, payment.billId);
  assert(bill.customerId === payment.customerId, 'a bill is paid for by its own customer');
  if (bill.withdrawnAt !== null) {
    // Receivables → channel clearing when the channel confirms the refund (payments' refund sweep).
    await requestRefund(
      tx,
      { clock: deps.clock, approvalAboveMinor: Number.MAX_SAFE_INTEGER },
      {
        orderId: payment.orderId,
        outRequestNo: `${payment.orderId}_withdrawn`.slice(0, 64),
        amountMinor: payment.amountMinor,
        reason: '账单已撤回（订单已取消），款项原路退回',
        staffId: withdrawnBillRefunder,
      },
    );
    return { appliedMinor: 0, toWalletMinor: 0, refundedMinor: payment.amountMinor };
  }
  const outstanding = bill.amountMinor - bill.paidMinor - bill.waivedMinor;
  const appliedMinor = Math.min(outstanding, payment.amountMinor);
  const toWalletMinor = payment.amountMinor - appliedMinor;
  const now = deps.clock.now();
  if (toWalletMinor > 0) {
    // The bill no longer owes this much: the rest is the customer's, in their wallet.
    const receivables = await receivablesAccount(tx, deps.clock);
    const wallet = await walletAccount(tx, deps.clock, bill.customerId);
    await createTransfers(tx, deps.clock, [
      {
        id: `txn_bover_${payment.orderId.replace(/[^A-Za-z0-9]/g, '').slice(0, 48)}`,
        debitAccountId: receivables.id,
        creditAccountId: wallet.id,
        amountMinor: toWalletMinor,
        code: 'billing.overpayment_to_wallet',
        reference: bill.id,
        metadata: { paymentOrderId: payment.orderId },
      },
    ]);
  }
  if (appliedMinor === 0) return { appliedMinor, toWalletMinor, refundedMinor: 0 };
  const lines = (await loadLines(tx, [bill.id])).get(bill.id) ?? [];
  const allocations = allocatePayment(
    lines.map((l) => ({ position: l.position, kind: l.kind, owedMinor: l.amountMinor - l.paidMinor - l.waivedMinor })),
    appliedMinor,
  );
  assert(sumMinor(allocations.map((a) => a.amountMinor)) === appliedMinor, 'the payment was allocated whole');
  await applyToLines(tx, bill.id, 'paid', allocations);
  const paidMinor = bill.paidMinor + appliedMinor;
  const settled = paidMinor + bill.waivedMinor === bill.amountMinor;
  await tx
    .update(billingBills)
    .set({ paidMinor, updatedAt: now, ...(settled ? { status: 'paid' as const, settledAt: now } : {}) })
    .where(eq(billingBills.id, bill.id));
  const paymentId = newId('bpay', deps.clock);
  await tx.insert(billingPayments).values({
    id: paymentId,
    billId: bill.id,
    customerId: bill.customerId,
    method: payment.channel,
    amountMinor: appliedMinor,
    allocations,
    transferId: payment.transferId,
    createdAt: now,
  });
  await emitEvent(tx, now, {
    type: 'billing.bill_paid',
    aggregateType: 'bill',
    aggregateId: bill.id,
    payload: {
      billId: bill.id,
      customerId: bill.customerId,
      title: bill.title,
      paymentId,
      method: payment.channel,
      amountMinor: appliedMinor,
      outstandingMinor: outstanding - appliedMinor,
      settled,
    },
  });
  return { appliedMinor, toWalletMinor, refundedMinor: 0 };
}
