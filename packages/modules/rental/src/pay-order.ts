// Paying an order (DOMAIN §5, awaiting_payment → paid): the first payment (upfront rent + add-ons +
// shipping − coupons) through a payments payment order at the channel's cashier or from the wallet
// balance (first-payment.ts), and the deposit part not waived through a payments deposit
// authorisation ("hold X, of which the credit covers Y") — at the paying channel, or on the wallet
// balance (a ledger hold). What the wallet pays and holds is written in the command's own transaction
// together with the order, so a short wallet writes nothing. A channel is never called inside a
// transaction: `checkOrderPayable` reads, the route asks payments (which records each attempt in its
// own transaction before it calls the channel), then `recordDepositAnswer` runs in the command. The
// payment's success arrives later (`payments.payment_succeeded`, first-payment.ts). Whichever of the
// two lands last moves the order to `paid`, once: both lock the order row and the machine lets `pay`
// leave `awaiting_payment` only once.
import type { Executor } from '@zulin/db';
import type { DepositAuthorisation } from '@zulin/payments';
import { eq } from 'drizzle-orm';
import type { RentalDeps } from './deps';
import { RentalErrors } from './errors';
import { loadOrderForUpdate, type OrderRow } from './order-store';
import { recordPayment } from './rent-steps';
import { rentalOrders } from './schema';
import { transition } from './transition-order';

/** What payments records as the purpose of an order's first payment. */
export const firstPaymentPurpose = 'rental.first_payment';

/** The request number of the n-th deposit authorisation attempt of an order (unique over all holds). */
export function depositRequestNo(orderId: string, attempt: number): string {
  return `${orderId}_dep${attempt}`;
}

/**
 * What pays the first payment or holds the deposit: the channel (its cashier; Alipay fund
 * authorisation or WeChat Pay Score for the hold) or the customer's wallet balance.
 */
export const payInstruments = ['channel', 'wallet'] as const;
export type PayInstrument = (typeof payInstruments)[number];

export interface PayPlan {
  order: OrderRow;
  /** The first payment still to pay (null: paid already, or nothing to pay), and what pays it. */
  paymentMinor: number | null;
  paymentInstrument: PayInstrument;
  /** The deposit still to authorise (null: authorised already, or all waived), and what holds it. */
  deposit: { amountMinor: number; outRequestNo: string } | null;
  depositInstrument: PayInstrument;
  /** What this attempt takes from the wallet balance: the payment, the hold or both (0: nothing). */
  walletMinor: number;
}

/**
 * Whether the customer may pay this order now, and what is left to do: theirs (404 otherwise), in a
 * state the machine lets `pay` leave (asked with every fact assumed), and before its deadline.
 */
export async function checkOrderPayable(
  db: Executor,
  deps: RentalDeps,
  options: {
    orderId: string;
    customerId: string;
    /** The channel of the cashier and of the channel's hold; needed only when one of them is used. */
    channel: string | undefined;
    payerToken: string | undefined;
    /** What pays the first payment: the channel's cashier (the default) or the wallet balance. */
    paymentInstrument?: PayInstrument;
    /** What holds the deposit: the paying channel's authorisation (the default) or the wallet balance. */
    depositInstrument?: PayInstrument;
  },
): Promise<PayPlan> {
  const [order] = await db.select().from(rentalOrders).where(eq(rentalOrders.id, options.orderId));
  if (order === undefined || order.customerId !== options.customerId) throw RentalErrors.RENTAL_ORDER_NOT_FOUND();
  transition(
    { status: order.status, openAfterSale: order.openAfterSale },
    { action: 'pay', actor: 'customer', facts: { first_payment_received: true, deposit_authorised: true } },
  );
  if (order.paymentDeadlineAt !== null && order.paymentDeadlineAt.getTime() <= deps.clock.now().getTime()) {
    throw RentalErrors.RENTAL_PAYMENT_DEADLINE_PASSED();
  }
  const paymentMinor = order.firstPaymentId === null && order.firstPaymentMinor > 0 ? order.firstPaymentMinor : null;
  const needsDeposit = order.depositToHoldMinor > 0 && order.depositAuthorisedAt === null;
  const paymentInstrument = options.paymentInstrument ?? 'channel';
  const depositInstrument = options.depositInstrument ?? 'channel';
  const depositOnChannel = needsDeposit && depositInstrument === 'channel';
  const channelNeeded = (paymentMinor !== null && paymentInstrument === 'channel') || depositOnChannel;
  if (channelNeeded && options.channel === undefined) {
    throw RentalErrors.RENTAL_PAY_CHANNEL_REQUIRED({
      errors: [{ path: '/body/channel', message: 'required to pay or hold at a channel' }],
    });
  }
  if (depositOnChannel && (options.payerToken === undefined || options.payerToken.length === 0)) {
    throw RentalErrors.RENTAL_PAYER_TOKEN_REQUIRED({
      errors: [{ path: '/body/payerToken', message: 'required to hold the deposit' }],
    });
  }
  const walletMinor =
    (paymentMinor !== null && paymentInstrument === 'wallet' ? paymentMinor : 0) +
    (needsDeposit && depositInstrument === 'wallet' ? order.depositToHoldMinor : 0);
  return {
    order,
    paymentMinor,
    paymentInstrument,
    deposit: needsDeposit
      ? { amountMinor: order.depositToHoldMinor, outRequestNo: depositRequestNo(order.id, order.depositAttempts) }
      : null,
    depositInstrument,
    walletMinor,
  };
}

/**
 * Records what the channel answered about the deposit, in the command's `tx`: an authorised hold of
 * exactly the deposit to hold is the order's (and may complete the payment); a refused one counts an
 * attempt, so the next try takes a new request number; an unknown one is left to
 * `payments.authorisation_changed`.
 */
export async function recordDepositAnswer(
  tx: Executor,
  deps: RentalDeps,
  options: { orderId: string; customerId: string; authorisation: DepositAuthorisation | null },
): Promise<OrderRow> {
  const order = await loadOrderForUpdate(tx, options.orderId, { customerId: options.customerId });
  const a = options.authorisation;
  if (a === null) return completePaymentIfDone(tx, deps, order);
  if (a.state === 'failed') {
    if (a.outRequestNo !== depositRequestNo(order.id, order.depositAttempts)) return order;
    const [updated] = await tx
      .update(rentalOrders)
      .set({ depositAttempts: order.depositAttempts + 1, updatedAt: deps.clock.now() })
      .where(eq(rentalOrders.id, order.id))
      .returning();
    return updated ?? order;
  }
  if (a.state !== 'authorised') return order;
  return recordAuthorisedDeposit(tx, deps, order, a);
}

/** An authorised hold for the order: kept on it (so it is released if the order ends), then maybe paid. */
export async function recordAuthorisedDeposit(
  tx: Executor,
  deps: RentalDeps,
  order: OrderRow,
  a: Pick<DepositAuthorisation, 'id' | 'amountMinor' | 'creditMinor' | 'customerId'>,
): Promise<OrderRow> {
  if (a.customerId !== order.customerId) return order;
  if (order.depositAuthorisationId !== null && order.depositAuthorisationId !== a.id) return order;
  if (order.depositAuthorisedAt !== null) return order;
  const now = deps.clock.now();
  // Held for an order still waiting to be paid, for exactly its deposit to hold; otherwise kept on
  // the order only so that the release sweep gives it back.
  const counts = order.status === 'awaiting_payment' && a.amountMinor === order.depositToHoldMinor;
  const [updated] = await tx
    .update(rentalOrders)
    .set({
      depositAuthorisationId: a.id,
      depositCreditMinor: a.creditMinor ?? 0,
      depositAuthorisedAt: counts ? now : null,
      updatedAt: now,
    })
    .where(eq(rentalOrders.id, order.id))
    .returning();
  if (updated === undefined) return order;
  return counts ? completePaymentIfDone(tx, deps, updated, a.amountMinor) : updated;
}

/**
 * awaiting_payment → paid when the first payment has arrived and the deposit not waived is held. The
 * machine's guards compare both to the order's quote to the cent.
 */
export async function completePaymentIfDone(
  tx: Executor,
  deps: RentalDeps,
  order: OrderRow,
  depositAuthorisedMinor?: number,
): Promise<OrderRow> {
  if (order.status !== 'awaiting_payment') return order;
  const paid = order.firstPaymentId !== null || order.firstPaymentMinor === 0;
  const held = order.depositToHoldMinor === 0 || order.depositAuthorisedAt !== null;
  if (!paid || !held) return order;
  return recordPayment(tx, deps, {
    orderId: order.id,
    paymentId: order.firstPaymentId ?? 'none',
    paidMinor: order.firstPaymentMinor,
    depositAuthorisedMinor: depositAuthorisedMinor ?? order.depositToHoldMinor,
  });
}
