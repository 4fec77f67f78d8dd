// Cancelling an installment order before shipment (issue #15): the customer may cancel while the
// order waits for review, for the signature or for the down payment, and once it is active until the
// shipping desk ships its phone (fulfilment `awaiting_shipment`; shipped or delivered is refused — pay
// off instead). The one money rule (docs/installment.md, "Cancellation and money collected"): a
// cancellation refunds every fen collected, and the only money it can refund is the down payment. So
// once repayment has started — a period bill issued before the phone shipped (the desk took three
// weeks; paid or not), a partial prepayment or a payoff collected (possible on an active order before
// shipment) — it is refused with 409 INSTALLMENT_ORDER_REPAYMENT_STARTED, naming what was billed and
// what was collected, and nothing changes (the phone still ships; the customer may pay off). In the
// command's transaction:
//   * an unpaid (or partly paid) down-payment bill is withdrawn through billing (its principal goes
//     back to 1210, as if never billed);
//   * the sale is reversed: 4050 device sales is debited with the whole price — the part still held
//     in 1210 against 1210; the down payment paid goes back the way it came: a part paid through a
//     channel (Alipay, WeChat Pay) against customer receivables and refunded to that channel through
//     payments (approved at once: money we must not keep needs no second person; payments posts
//     receivables → channel clearing when the channel confirms), a part paid from the wallet against
//     the customer's wallet;
//   * a funded order's disbursement is reversed (1210 ← 1200, reverse-funder-disbursement.ts);
//   * the phone reserved for the order goes back in stock (inventory's release);
//   * the order becomes `cancelled`, with the amount refunded.
// After it, 1210 and 4050 hold nothing of the order and the customer has every fen paid back.
import { getBill, withdrawBill } from '@zulin/billing';
import { type Executor, emitEvent } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { releaseReservation } from '@zulin/inventory';
import { assert } from '@zulin/kernel';
import { createTransfers, platformAccount, type TransferInput } from '@zulin/ledger';
import { findPaymentOrderByTransfer, requestRefund } from '@zulin/payments';
import { walletAccount } from '@zulin/wallet';
import { eq } from 'drizzle-orm';
import type { InstallmentDeps } from './deps';
import { InstallmentErrors } from './errors';
import { billSourceTypes, type InstallmentOrderRow, loadOrder, orderBills, orderPrepayments } from './orders';
import { reverseFunderDisbursement } from './reverse-funder-disbursement';
import { installmentOrders } from './schema';
import { saleTransferId } from './sign-order';

const cancellable: ReadonlySet<InstallmentOrderRow['status']> = new Set([
  'pending_review',
  'awaiting_signature',
  'awaiting_down_payment',
  'active',
]);

export async function cancelInstallmentOrder(
  tx: Executor,
  deps: InstallmentDeps,
  options: {
    orderId: string;
    reason: string;
    /**
     * The owner cancelling (another customer's order is 404), staff (audited) for any order, the
     * unpaid-order sweep at the order's deadline (`expiredAt` is set), or a shipped parcel that never
     * reached the customer — back at the warehouse or lost (undelivered-parcel.ts: cancelled as before
     * use; fulfilment `returned` or `lost`).
     */
    by: { customerId: string } | { staff: StaffPrincipal } | { expiry: true } | { undelivered: 'returned' | 'lost' };
  },
): Promise<InstallmentOrderRow> {
  const owner = 'customerId' in options.by ? { customerId: options.by.customerId } : {};
  const order = await loadOrder(tx, options.orderId, { ...owner, lock: true });
  if (order.status === 'paid_off' && order.fulfilment !== 'shipped' && order.fulfilment !== 'delivered') {
    throw await repaymentStarted(tx, deps, order, await orderBills(tx, order.id));
  }
  if (!cancellable.has(order.status)) {
    throw InstallmentErrors.INSTALLMENT_ORDER_NOT_CANCELLABLE({ detail: `The order is ${order.status}.` });
  }
  const undelivered = 'undelivered' in options.by ? options.by.undelivered : null;
  assert(undelivered === null || order.fulfilment === 'shipped', 'only a shipped parcel goes undelivered');
  if (undelivered === null && (order.fulfilment === 'shipped' || order.fulfilment === 'delivered')) {
    throw InstallmentErrors.INSTALLMENT_ORDER_NOT_CANCELLABLE({
      detail: `The phone has been ${order.fulfilment}: pay the order off instead.`,
    });
  }
  const bills = await orderBills(tx, order.id);
  if (order.status === 'active' && billedBeyondDownPayment(order, bills)) {
    throw await repaymentStarted(tx, deps, order, bills);
  }
  assert((await orderPrepayments(tx, order.id)).length === 0, 'no prepayment before the first period bill');
  const paid =
    order.signedAt === null ? noPayment : await settleDownPayment(tx, deps, order, bills, cancelCause(options.by));
  const refundMinor = paid.paidMinor;
  // A funded order that started was disbursed: the funder's purchase is undone first (1210 ← 1200).
  const disbursementReversedMinor = await reverseFunderDisbursement(tx, deps, order);
  if (order.signedAt !== null) await reverseSale(tx, deps, order, paid);
  const now = deps.clock.now();
  const [cancelled] = await tx
    .update(installmentOrders)
    .set({
      status: 'cancelled',
      cancelledAt: now,
      cancelReason: options.reason,
      refundedMinor: refundMinor,
      ...('expiry' in options.by ? { expiredAt: now } : {}),
      ...(undelivered === null ? {} : { fulfilment: undelivered }),
      updatedAt: now,
    })
    .where(eq(installmentOrders.id, order.id))
    .returning();
  assert(cancelled, 'the order exists');
  if (order.unitId !== null && undelivered === null) {
    // Idempotent: a reservation that lapsed (an order under review) was released already.
    // An undelivered parcel's phone is the warehouse's to check, or lost: not a reservation.
    await releaseReservation(tx, {
      unitId: order.unitId,
      orderRef: order.id,
      reason: {
        code: 'expiry' in options.by ? 'order_unpaid_expired' : 'order_cancelled',
        params: { orderRef: order.id },
      },
      now,
    });
  }
  if ('staff' in options.by) {
    await recordAudit(tx, {
      actor: options.by.staff,
      action: 'installment.order_cancelled',
      targetType: 'installment_order',
      targetId: order.id,
      detail: {
        fromStatus: order.status,
        reason: options.reason,
        refundedMinor: refundMinor,
        disbursementReversedMinor,
      },
      at: now,
    });
  }
  await emitEvent(tx, now, {
    type: 'installment.order_cancelled',
    aggregateType: 'installment_order',
    aggregateId: order.id,
    payload: { orderId: order.id, customerId: order.customerId, fromStatus: order.status, refundedMinor: refundMinor },
  });
  return cancelled;
}

/** A period (or anything but the down payment) was billed: a cancellation does not unwind that. */
export function billedBeyondDownPayment(
  order: Pick<InstallmentOrderRow, 'billedPeriods'>,
  bills: readonly { kind: string }[],
): boolean {
  return order.billedPeriods > 0 || bills.some((b) => b.kind !== 'down_payment');
}

/**
 * The refusal once repayment has started: the bills beyond the down payment (period, prepayment, payoff)
 * and what was collected on them, in fen, so the desk can tell the customer exactly.
 */
async function repaymentStarted(
  tx: Executor,
  deps: InstallmentDeps,
  order: InstallmentOrderRow,
  bills: Awaited<ReturnType<typeof orderBills>>,
) {
  const beyond = bills.filter((b) => b.kind !== 'down_payment');
  const billedMinor = beyond.reduce((sum, b) => sum + b.amountMinor, 0);
  let collectedMinor = 0;
  for (const b of beyond) {
    const bill = await getBill(tx, deps, b.billId, order.customerId);
    collectedMinor += bill.lines.reduce((sum, line) => sum + line.paidMinor, 0);
  }
  const kinds = [...new Set(beyond.map((b) => b.kind))].join(', ');
  return InstallmentErrors.INSTALLMENT_ORDER_REPAYMENT_STARTED({
    detail:
      `Repayment has started (${kinds} billed: ${billedMinor} fen, collected: ${collectedMinor} fen). ` +
      'A cancellation refunds only the down payment and never keeps a fen collected, so it is refused: ' +
      'the phone ships as agreed; pay the order off instead.',
  });
}

/** Who requests the refunds a cancelled order owes (payments' `requestedBy`). */
export const installmentRefunder = 'system:installment';

interface DownPaymentPaid {
  paidMinor: number;
  /** The parts paid through a channel, each to be refunded to the payment it came from. */
  channelPayments: { paymentOrderId: string; amountMinor: number }[];
}

const noPayment: DownPaymentPaid = { paidMinor: 0, channelPayments: [] };

/** Who or what cancelled the order, as the code a withdrawn bill's reason carries (the typed text is not shown). */
type CancelCause = 'customer' | 'staff' | 'expiry' | 'parcel_returned' | 'parcel_lost';

function cancelCause(by: Parameters<typeof cancelInstallmentOrder>[2]['by']): CancelCause {
  if ('customerId' in by) return 'customer';
  if ('staff' in by) return 'staff';
  if ('expiry' in by) return 'expiry';
  return by.undelivered === 'lost' ? 'parcel_lost' : 'parcel_returned';
}

/** What the customer paid of the down payment, and how (to refund); an unsettled bill is withdrawn. */
async function settleDownPayment(
  tx: Executor,
  deps: InstallmentDeps,
  order: InstallmentOrderRow,
  bills: Awaited<ReturnType<typeof orderBills>>,
  cause: CancelCause,
): Promise<DownPaymentPaid> {
  const down = bills.find((b) => b.kind === 'down_payment');
  if (down === undefined) {
    assert(order.downPaymentMinor === 0, 'a signed order with a down payment has its bill');
    return noPayment;
  }
  const bill = await getBill(tx, deps, down.billId, order.customerId);
  if (bill.status !== 'paid') {
    await withdrawBill(tx, deps, {
      billId: bill.id,
      sourceType: billSourceTypes.down_payment,
      sourceId: order.id,
      reason: { code: 'installment_order_cancelled', params: { cause } },
    });
  }
  assert(bill.paidMinor >= 0 && bill.paidMinor <= order.downPaymentMinor, 'no more than the down payment was paid');
  const channelPayments: DownPaymentPaid['channelPayments'] = [];
  for (const payment of bill.payments) {
    if (payment.method === 'wallet') continue;
    const paymentOrder = await findPaymentOrderByTransfer(tx, payment.transferId);
    assert(paymentOrder !== undefined, `the channel payment ${payment.id} names its payment order`);
    channelPayments.push({ paymentOrderId: paymentOrder.id, amountMinor: payment.amountMinor });
  }
  return { paidMinor: bill.paidMinor, channelPayments };
}

/**
 * How the whole price comes back out of 4050 when a signed order is cancelled, having had `paidMinor`
 * of its down payment paid: the rest of the price from 1210 (where the sale put it, less the paid
 * part billed away — an unpaid remainder of the bill having been withdrawn back to 1210), the paid
 * part to the wallet. Pure, so its arithmetic is property-tested.
 */
export function saleReversalAmounts(options: {
  priceMinor: number;
  downPaymentMinor: number;
  paidMinor: number;
  /** The part of `paidMinor` paid through a channel (refunded there); the rest came from the wallet. */
  paidByChannelMinor?: number;
}): {
  fromFinancedMinor: number;
  toWalletMinor: number;
  toChannelMinor: number;
} {
  const { priceMinor, downPaymentMinor, paidMinor } = options;
  const paidByChannelMinor = options.paidByChannelMinor ?? 0;
  assert(Number.isSafeInteger(priceMinor) && priceMinor > 0, 'a price is a positive integer of 分');
  assert(Number.isSafeInteger(downPaymentMinor) && downPaymentMinor >= 0, 'a down payment is an integer of 分');
  assert(downPaymentMinor <= priceMinor, 'the down payment is part of the price');
  assert(Number.isSafeInteger(paidMinor) && paidMinor >= 0, 'what was paid is an integer of 分');
  assert(paidMinor <= downPaymentMinor, 'no more than the down payment was paid');
  assert(
    Number.isSafeInteger(paidByChannelMinor) && paidByChannelMinor >= 0 && paidByChannelMinor <= paidMinor,
    'the channel part is part of what was paid',
  );
  const out = {
    fromFinancedMinor: priceMinor - paidMinor,
    toWalletMinor: paidMinor - paidByChannelMinor,
    toChannelMinor: paidByChannelMinor,
  };
  assert(out.fromFinancedMinor + out.toWalletMinor + out.toChannelMinor === priceMinor, 'the whole price is reversed');
  return out;
}

/**
 * The sale undone: 4050 is debited with the whole price; 1210 is credited with what it still holds of
 * the order (price − paid, the withdrawn down payment having come back to it), the wallet with the
 * down payment paid from it, and customer receivables with the part paid through a channel, which is
 * refunded to that channel.
 */
async function reverseSale(tx: Executor, deps: InstallmentDeps, order: InstallmentOrderRow, paid: DownPaymentPaid) {
  const financed = await platformAccount(tx, deps.clock, 'installment_principal');
  const sales = await platformAccount(tx, deps.clock, 'device_sales_revenue');
  const { fromFinancedMinor, toWalletMinor, toChannelMinor } = saleReversalAmounts({
    priceMinor: order.priceMinor,
    downPaymentMinor: order.downPaymentMinor,
    paidMinor: paid.paidMinor,
    paidByChannelMinor: paid.channelPayments.reduce((sum, p) => sum + p.amountMinor, 0),
  });
  const legs: TransferInput[] = [];
  // A down payment of the whole price leaves nothing in 1210 to reverse.
  if (fromFinancedMinor > 0)
    legs.push({
      id: `${saleTransferId(order.id)}_rev`,
      debitAccountId: sales.id,
      creditAccountId: financed.id,
      amountMinor: fromFinancedMinor,
      currency: 'CNY',
      code: 'installment.sale_reversed',
      reference: order.id,
      metadata: { customerId: order.customerId },
    });
  if (toWalletMinor > 0) {
    const wallet = await walletAccount(tx, deps.clock, order.customerId);
    legs.push({
      id: `${saleTransferId(order.id)}_refund`,
      debitAccountId: sales.id,
      creditAccountId: wallet.id,
      amountMinor: toWalletMinor,
      currency: 'CNY',
      code: 'installment.down_payment_refund',
      reference: order.id,
      metadata: { customerId: order.customerId },
    });
  }
  if (toChannelMinor > 0) {
    // Back to customer receivables, which the channel payment credited; payments' refund takes it from
    // there to the channel's clearing account when the channel confirms the refund.
    const receivables = await platformAccount(tx, deps.clock, 'customer_receivables');
    legs.push({
      id: `${saleTransferId(order.id)}_chrefund`,
      debitAccountId: sales.id,
      creditAccountId: receivables.id,
      amountMinor: toChannelMinor,
      currency: 'CNY',
      code: 'installment.down_payment_channel_refund',
      reference: order.id,
      metadata: { customerId: order.customerId },
    });
  }
  if (legs.length > 0) await createTransfers(tx, deps.clock, legs);
  for (const [index, payment] of paid.channelPayments.entries()) {
    await requestRefund(
      tx,
      { clock: deps.clock, approvalAboveMinor: Number.MAX_SAFE_INTEGER },
      {
        orderId: payment.paymentOrderId,
        outRequestNo: `${order.id}_cancel_${index + 1}`,
        amountMinor: payment.amountMinor,
        reason: '分期订单发货前取消，退回首付款',
        staffId: installmentRefunder,
      },
    );
  }
}
