// The first payment's money (docs/rental.md, "Paying"). payments posts a confirmed payment
// `channel clearing → customer receivables`; when it is this order's first payment, the order books
// it in the same delivery's transaction: `receivables → rent revenue` for the upfront rent and
// `receivables → fee revenue` for add-ons and shipping, both at full price, and `marketing expense →
// receivables` for the coupons' discount, so revenue is gross and receivables nets to zero.
// A payment the order cannot take — it was cancelled or expired meanwhile, or another payment came
// first — is refunded in full at once (approved: a refund of money we must not keep needs no second
// person), and payments posts `receivables → clearing` when the channel confirms the refund.
// Cancelling a paid order reverses the booking and refunds the payment the same way.
// Paid from the wallet balance instead, the first payment is one posted transfer `wallet →
// receivables` (wallet's `payFromWallet`, id `walletFirstPaymentId`) booked in the same transaction,
// and the order's channel payments still open at a cashier are abandoned; its refund on cancelling is
// `receivables → wallet` at once, in the cancelling transaction — no channel, nothing to confirm.
import type { Executor } from '@zulin/db';
import { assert } from '@zulin/kernel';
import { createTransfers, customerAccount, platformAccount } from '@zulin/ledger';
import {
  abandonOpenPayments,
  getAuthorisation,
  PaymentsErrors,
  type PaymentsEventPayloads,
  requestRefund,
} from '@zulin/payments';
import { payFromWallet, WalletErrors } from '@zulin/wallet';
import { eq } from 'drizzle-orm';
import type { RentalDeps } from './deps';
import { loadOrderForUpdate, type OrderRow } from './order-store';
import { completePaymentIfDone, firstPaymentPurpose, recordAuthorisedDeposit } from './pay-order';
import { rentalOrders } from './schema';

/** The ledger transfer of an order's first payment paid from the wallet (its `firstPaymentId`). */
export function walletFirstPaymentId(orderId: string): string {
  return `txn_rfpw_${orderId}`;
}

/** The ledger transfer that gives a wallet-paid first payment back to the wallet (its `firstPaymentRefundId`). */
function walletFirstPaymentRefundId(orderId: string): string {
  return `txn_rfpwr_${orderId}`;
}

/** Whether the order's first payment was paid from the wallet balance. */
export function paidFromWallet(order: Pick<OrderRow, 'id' | 'firstPaymentId'>): boolean {
  return order.firstPaymentId === walletFirstPaymentId(order.id);
}

/** Who requests the refunds the order itself owes (payments' `requestedBy`). */
export const rentalRefunder = 'system:rental';

/**
 * The first payment split into what it books: the upfront rent and the fees (add-ons, shipping) at
 * their full price, and the coupons' discount (marketing expense), so revenue is gross and the
 * discount visible; rent + fees − discount is the first payment.
 */
export function firstPaymentShares(order: Pick<OrderRow, 'firstPaymentMinor' | 'quote'>): {
  rentMinor: number;
  feeMinor: number;
  discountMinor: number;
} {
  const { upfrontMinor, addOnsMinor, shippingMinor, discountMinor } = order.quote;
  const rentMinor = upfrontMinor;
  const feeMinor = addOnsMinor + shippingMinor;
  assert(rentMinor >= 0 && feeMinor >= 0 && discountMinor >= 0, 'the first payment splits into non-negative shares');
  assert(rentMinor + feeMinor - discountMinor === order.firstPaymentMinor, 'the shares add up to the first payment');
  return { rentMinor, feeMinor, discountMinor };
}

/**
 * The first payment's booking (`receivables → revenue`, one leg per non-zero share) or, with
 * `reversing`, its reversal (`revenue → receivables`, each leg naming the one it undoes).
 */
async function postFirstPayment(
  tx: Executor,
  deps: RentalDeps,
  order: OrderRow,
  how: { reversing: false; paymentId: string } | { reversing: true },
): Promise<void> {
  const { rentMinor, feeMinor, discountMinor } = firstPaymentShares(order);
  const receivables = await platformAccount(tx, deps.clock, 'customer_receivables');
  // Revenue legs take from receivables; the discount leg (marketing expense) gives to it instead.
  const shares = [
    { leg: 'rent', purpose: 'rent_revenue', amountMinor: rentMinor, revenue: true },
    { leg: 'fee', purpose: 'fee_revenue', amountMinor: feeMinor, revenue: true },
    { leg: 'discount', purpose: 'marketing_expense', amountMinor: discountMinor, revenue: false },
  ] as const;
  const legs = [];
  for (const share of shares.filter((s) => s.amountMinor > 0)) {
    const other = await platformAccount(tx, deps.clock, share.purpose);
    const [from, to] = share.revenue ? [receivables, other] : [other, receivables];
    const bookedId = `txn_rfp_${order.id}_${share.leg}`;
    legs.push(
      how.reversing
        ? {
            id: `txn_rfpx_${order.id}_${share.leg}`,
            debitAccountId: to.id,
            creditAccountId: from.id,
            amountMinor: share.amountMinor,
            code: 'rental.first_payment_reversed',
            reference: order.id,
            reversesId: bookedId,
          }
        : {
            id: bookedId,
            debitAccountId: from.id,
            creditAccountId: to.id,
            amountMinor: share.amountMinor,
            code: 'rental.first_payment',
            reference: order.id,
            metadata: { paymentId: how.paymentId, customerId: order.customerId },
          },
    );
  }
  if (legs.length > 0) await createTransfers(tx, deps.clock, legs);
}

/**
 * The first payment paid from the customer's wallet, in the command's `tx`: the order locked and still
 * waiting for it (a channel payment that landed first wins: nothing is taken), `wallet → receivables`
 * for exactly the first payment, the booking, and the order's cashier attempts abandoned (one paid
 * anyway is refunded in full, `onFirstPaymentSucceeded`). A wallet short by now refuses the whole
 * command. Answers the transfer's id, or null when nothing was taken.
 */
export async function payFirstPaymentFromWallet(
  tx: Executor,
  deps: RentalDeps,
  options: { orderId: string; customerId: string },
): Promise<{ transferId: string; amountMinor: number } | null> {
  const order = await loadOrderForUpdate(tx, options.orderId, { customerId: options.customerId });
  if (order.status !== 'awaiting_payment' || order.firstPaymentId !== null || order.firstPaymentMinor === 0) {
    return null;
  }
  const transferId = walletFirstPaymentId(order.id);
  const receivables = await platformAccount(tx, deps.clock, 'customer_receivables');
  try {
    await payFromWallet(tx, deps, {
      customerId: order.customerId,
      creditAccountId: receivables.id,
      amountMinor: order.firstPaymentMinor,
      transferId,
      reference: order.id,
      description: '手机租赁首期款',
    });
  } catch (error) {
    if (!WalletErrors.WALLET_INSUFFICIENT_BALANCE.is(error)) throw error;
    throw PaymentsErrors.PAYMENTS_WALLET_BALANCE_INSUFFICIENT({
      detail: `The wallet cannot pay the first payment of ${order.firstPaymentMinor} fen now.`,
    });
  }
  const [updated] = await tx
    .update(rentalOrders)
    .set({ firstPaymentId: transferId, updatedAt: deps.clock.now() })
    .where(eq(rentalOrders.id, order.id))
    .returning();
  assert(updated !== undefined, 'the order was updated');
  await postFirstPayment(tx, deps, updated, { reversing: false, paymentId: transferId });
  await abandonOpenPayments(tx, deps.clock, { purpose: firstPaymentPurpose, reference: order.id });
  return { transferId, amountMinor: order.firstPaymentMinor };
}

/**
 * A paid order is cancelled before shipping: the booking is reversed and the whole first payment
 * refunded — to the channel (approved at once; payments' refund sweep sends it) or, paid from the
 * wallet, back to the wallet at once. Answers the refund's id (the wallet transfer's).
 */
export async function refundFirstPayment(tx: Executor, deps: RentalDeps, order: OrderRow): Promise<string | null> {
  if (order.firstPaymentId === null) return null;
  await postFirstPayment(tx, deps, order, { reversing: true });
  if (paidFromWallet(order)) {
    const receivables = await platformAccount(tx, deps.clock, 'customer_receivables');
    const wallet = await customerAccount(tx, deps.clock, order.customerId, 'wallet');
    const refundId = walletFirstPaymentRefundId(order.id);
    await createTransfers(tx, deps.clock, [
      {
        id: refundId,
        debitAccountId: receivables.id,
        creditAccountId: wallet.id,
        amountMinor: order.firstPaymentMinor,
        code: 'rental.first_payment_refunded',
        reference: order.id,
        // The ledger checks it is the payment's exact opposite and never reversed twice.
        reversesId: order.firstPaymentId,
        metadata: { customerId: order.customerId, description: '订单取消，首期款退回钱包' },
      },
    ]);
    return refundId;
  }
  const refund = await requestRefund(
    tx,
    { clock: deps.clock, approvalAboveMinor: Number.MAX_SAFE_INTEGER },
    {
      orderId: order.firstPaymentId,
      outRequestNo: `${order.id}_cancel`,
      amountMinor: order.firstPaymentMinor,
      reason: '订单发货前取消，全额退款',
      staffId: rentalRefunder,
    },
  );
  return refund.id;
}

type PaymentSucceeded = PaymentsEventPayloads['payments.payment_succeeded'];

/**
 * `payments.payment_succeeded` for an order's first payment: the order's if it is still waiting for
 * exactly this amount (then booked, and maybe paid); refunded in full otherwise.
 */
export async function onFirstPaymentSucceeded(
  tx: Executor,
  deps: RentalDeps,
  payment: PaymentSucceeded,
): Promise<'applied' | 'refunded' | 'skipped'> {
  if (payment.purpose !== firstPaymentPurpose) return 'skipped';
  const [order] = await tx.select().from(rentalOrders).where(eq(rentalOrders.id, payment.reference)).for('update');
  assert(order !== undefined && order.customerId === payment.customerId, 'a first payment names its own order');
  const takes =
    order.status === 'awaiting_payment' &&
    order.firstPaymentId === null &&
    payment.amountMinor === order.firstPaymentMinor;
  if (!takes) {
    if (order.firstPaymentId === payment.orderId) return 'skipped';
    await requestRefund(
      tx,
      { clock: deps.clock, approvalAboveMinor: Number.MAX_SAFE_INTEGER },
      {
        orderId: payment.orderId,
        outRequestNo: `${order.id}_unneeded`,
        amountMinor: payment.amountMinor,
        reason: '订单已取消或已支付，退回款项',
        staffId: rentalRefunder,
      },
    );
    return 'refunded';
  }
  const [updated] = await tx
    .update(rentalOrders)
    .set({ firstPaymentId: payment.orderId, updatedAt: deps.clock.now() })
    .where(eq(rentalOrders.id, order.id))
    .returning();
  assert(updated !== undefined, 'the order was updated');
  await postFirstPayment(tx, deps, updated, { reversing: false, paymentId: payment.orderId });
  await completePaymentIfDone(tx, deps, updated);
  return 'applied';
}

/**
 * `payments.authorisation_changed`: a hold that became authorised after an unknown answer (or that the
 * route did not get to record) is the order's; the route records the usual synchronous answer itself.
 */
export async function onAuthorisationChanged(
  tx: Executor,
  deps: RentalDeps,
  change: PaymentsEventPayloads['payments.authorisation_changed'],
): Promise<'recorded' | 'skipped'> {
  if (change.state !== 'authorised' || !change.reference.startsWith('rord_')) return 'skipped';
  const [order] = await tx.select().from(rentalOrders).where(eq(rentalOrders.id, change.reference)).for('update');
  if (order === undefined || order.depositAuthorisedAt !== null) return 'skipped';
  if (order.depositAuthorisationId !== null && order.depositAuthorisationId !== change.authorisationId)
    return 'skipped';
  const a = await getAuthorisation(tx, change.authorisationId);
  await recordAuthorisedDeposit(tx, deps, order, a);
  return 'recorded';
}
