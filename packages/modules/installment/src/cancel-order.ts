// Cancelling an installment order before shipment (issue #15): the customer may cancel while the
// order waits for review, for the signature or for the down payment, and once it is active until its
// first period bill is issued (shipment is not modelled yet; that bill, 7 days before the first due
// date, is the point after which the phone is taken to be on its way). In the command's transaction:
//   * an unpaid (or partly paid) down-payment bill is withdrawn through billing (its principal goes
//     back to 1210, as if never billed);
//   * the sale is reversed: 4050 device sales is debited with the whole price — the part still held
//     in 1210 against 1210, the down payment paid against the customer's wallet (the refund, which the
//     customer can withdraw or spend like any wallet money);
//   * the order becomes `cancelled`, with the amount refunded.
// After it, 1210 and 4050 hold nothing of the order and the customer has every fen paid back.
import { getBill, withdrawBill } from '@zulin/billing';
import { type Executor, emitEvent } from '@zulin/db';
import { assert } from '@zulin/kernel';
import { createTransfers, platformAccount, type TransferInput } from '@zulin/ledger';
import { walletAccount } from '@zulin/wallet';
import { eq } from 'drizzle-orm';
import type { InstallmentDeps } from './deps';
import { InstallmentErrors } from './errors';
import { billSourceTypes, type InstallmentOrderRow, loadOrder, orderBills, orderPrepayments } from './orders';
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
  options: { orderId: string; customerId: string; reason: string },
): Promise<InstallmentOrderRow> {
  const order = await loadOrder(tx, options.orderId, { customerId: options.customerId, lock: true });
  if (!cancellable.has(order.status)) {
    throw InstallmentErrors.INSTALLMENT_ORDER_NOT_CANCELLABLE({ detail: `The order is ${order.status}.` });
  }
  const bills = await orderBills(tx, order.id);
  if (order.status === 'active' && (order.billedPeriods > 0 || bills.some((b) => b.kind !== 'down_payment'))) {
    throw InstallmentErrors.INSTALLMENT_ORDER_NOT_CANCELLABLE({
      detail: 'The first period has been billed: the phone is on its way. Pay the order off instead.',
    });
  }
  assert((await orderPrepayments(tx, order.id)).length === 0, 'no prepayment before the first period bill');
  const refundMinor = order.signedAt === null ? 0 : await settleDownPayment(tx, deps, order, bills, options.reason);
  if (order.signedAt !== null) await reverseSale(tx, deps, order, refundMinor);
  const now = deps.clock.now();
  const [cancelled] = await tx
    .update(installmentOrders)
    .set({
      status: 'cancelled',
      cancelledAt: now,
      cancelReason: options.reason,
      refundedMinor: refundMinor,
      updatedAt: now,
    })
    .where(eq(installmentOrders.id, order.id))
    .returning();
  assert(cancelled, 'the order exists');
  await emitEvent(tx, now, {
    type: 'installment.order_cancelled',
    aggregateType: 'installment_order',
    aggregateId: order.id,
    payload: { orderId: order.id, customerId: order.customerId, fromStatus: order.status, refundedMinor: refundMinor },
  });
  return cancelled;
}

/** What the customer paid of the down payment (to refund); an unsettled down-payment bill is withdrawn. */
async function settleDownPayment(
  tx: Executor,
  deps: InstallmentDeps,
  order: InstallmentOrderRow,
  bills: Awaited<ReturnType<typeof orderBills>>,
  reason: string,
): Promise<number> {
  const down = bills.find((b) => b.kind === 'down_payment');
  if (down === undefined) {
    assert(order.downPaymentMinor === 0, 'a signed order with a down payment has its bill');
    return 0;
  }
  const bill = await getBill(tx, deps, down.billId, order.customerId);
  if (bill.status !== 'paid') {
    await withdrawBill(tx, deps, {
      billId: bill.id,
      sourceType: billSourceTypes.down_payment,
      sourceId: order.id,
      reason: `installment order cancelled: ${reason}`,
    });
  }
  assert(bill.paidMinor >= 0 && bill.paidMinor <= order.downPaymentMinor, 'no more than the down payment was paid');
  return bill.paidMinor;
}

/**
 * How the whole price comes back out of 4050 when a signed order is cancelled, having had `paidMinor`
 * of its down payment paid: the rest of the price from 1210 (where the sale put it, less the paid
 * part billed away — an unpaid remainder of the bill having been withdrawn back to 1210), the paid
 * part to the wallet. Pure, so its arithmetic is property-tested.
 */
export function saleReversalAmounts(options: { priceMinor: number; downPaymentMinor: number; paidMinor: number }): {
  fromFinancedMinor: number;
  toWalletMinor: number;
} {
  const { priceMinor, downPaymentMinor, paidMinor } = options;
  assert(Number.isSafeInteger(priceMinor) && priceMinor > 0, 'a price is a positive integer of 分');
  assert(Number.isSafeInteger(downPaymentMinor) && downPaymentMinor >= 0, 'a down payment is an integer of 分');
  assert(downPaymentMinor <= priceMinor, 'the down payment is part of the price');
  assert(Number.isSafeInteger(paidMinor) && paidMinor >= 0, 'what was paid is an integer of 分');
  assert(paidMinor <= downPaymentMinor, 'no more than the down payment was paid');
  const out = { fromFinancedMinor: priceMinor - paidMinor, toWalletMinor: paidMinor };
  assert(out.fromFinancedMinor + out.toWalletMinor === priceMinor, 'the whole price is reversed');
  return out;
}

/**
 * The sale undone: 4050 is debited with the whole price; 1210 is credited with what it still holds of
 * the order (price − paid, the withdrawn down payment having come back to it) and the wallet with the
 * down payment paid.
 */
async function reverseSale(tx: Executor, deps: InstallmentDeps, order: InstallmentOrderRow, refundMinor: number) {
  const financed = await platformAccount(tx, deps.clock, 'installment_principal');
  const sales = await platformAccount(tx, deps.clock, 'device_sales_revenue');
  const { fromFinancedMinor, toWalletMinor } = saleReversalAmounts({
    priceMinor: order.priceMinor,
    downPaymentMinor: order.downPaymentMinor,
    paidMinor: refundMinor,
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
  if (legs.length > 0) await createTransfers(tx, deps.clock, legs);
}
