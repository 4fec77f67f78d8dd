// Top-ups: a payment order of the payments module (Alipay or WeChat Pay) whose confirmed payment
// credits the wallet. Payments posts the money (channel clearing → the customer's wallet, ledger
// code `wallet.top_up`) when the channel confirms it, once; the wallet then marks its top-up
// succeeded from `payments.payment_succeeded` (`complete-top-up.ts`). A failed or closed payment
// fails the top-up; money that arrives after that is parked in suspense by payments, never lost.
import type { Executor } from '@zulin/db';
import { getPaymentOrder, type PaymentChannelName, type PaymentState } from '@zulin/payments';
import { and, eq, or } from 'drizzle-orm';
import { WalletErrors } from './errors';
import { walletTopUps } from './schema';

/** What payments records as the purpose of a top-up's payment order. */
export const topUpPurpose = 'wallet.top_up';

export type TopUpChannel = PaymentChannelName;

export type TopUpRow = typeof walletTopUps.$inferSelect;

/** A top-up with its payment: where the customer pays (while pending) and the payment's state. */
export type TopUp = TopUpRow & { cashierUrl: string | null; paymentState: PaymentState | null };

export async function withPayment(db: Executor, row: TopUpRow): Promise<TopUp> {
  if (!row.paymentId) return { ...row, cashierUrl: null, paymentState: null };
  const order = await getPaymentOrder(db, row.paymentId);
  return { ...row, cashierUrl: order.state === 'pending' ? order.cashierUrl : null, paymentState: order.state };
}

/**
 * One of the customer's top-ups, by its id or by the id of the payment order that paid it (a wallet
 * history line of a top-up names the payment: the H5 app links the line to the top-up's page).
 */
export async function getTopUp(db: Executor, customerId: string, id: string): Promise<TopUp> {
  const [row] = await db
    .select()
    .from(walletTopUps)
    .where(and(or(eq(walletTopUps.id, id), eq(walletTopUps.paymentId, id)), eq(walletTopUps.customerId, customerId)));
  if (!row) throw WalletErrors.WALLET_TOP_UP_NOT_FOUND();
  return withPayment(db, row);
}
