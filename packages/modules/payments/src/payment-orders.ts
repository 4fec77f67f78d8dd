// Payment orders: one per attempt, `created → pending → succeeded | failed | closed`, plus `unknown`
// (never final). Every change goes through `transition`, which checks the state, records the change
// and emits the event in the caller's transaction; a change that moves money posts to the ledger
// through the channel's clearing account in that same transaction.
import { type Executor, emitEvent } from '@zulin/db';
import { assert, type Clock, decodeCursor, KernelErrors, newId, type Page, pageLimit, toPage } from '@zulin/kernel';
import { channelClearingAccount, createTransfers, platformAccount } from '@zulin/ledger';
import { and, asc, desc, eq, gte, inArray, isNull, lt, or, type SQL } from 'drizzle-orm';
import { assertChannelAvailable } from './channel-breakers';
import type { ChannelCall, ChannelTrade } from './channel-clients';
import { completedAtOf } from './channel-times';
import { PaymentsErrors } from './errors';
import { PaymentsLimits } from './limits';
import { type PaymentChannelName, type PaymentState, paymentsOrderChanges, paymentsOrders } from './schema';

export type PaymentOrder = typeof paymentsOrders.$inferSelect;

const allowed: Record<PaymentState, readonly PaymentState[]> = {
  created: ['pending', 'unknown', 'failed', 'succeeded', 'closed'],
  pending: ['succeeded', 'failed', 'closed', 'unknown'],
  unknown: ['pending', 'succeeded', 'failed', 'closed', 'unknown'],
  succeeded: [],
  failed: [],
  closed: [],
};

function nextQueryAt(now: Date, attempts: number): Date {
  const schedule = PaymentsLimits.recheckAfterSeconds;
  const seconds = schedule[Math.min(attempts, schedule.length - 1)] ?? 86_400;
  return new Date(now.getTime() + seconds * 1000);
}

async function transition(
  tx: Executor,
  clock: Clock,
  order: PaymentOrder,
  to: PaymentState,
  source: string,
  changes: Partial<PaymentOrder> = {},
  transferId?: string,
): Promise<PaymentOrder> {
  assert(allowed[order.state].includes(to), `payment ${order.id} cannot go from ${order.state} to ${to}`);
  const now = clock.now();
  const final = to === 'succeeded' || to === 'failed' || to === 'closed';
  const [updated] = await tx
    .update(paymentsOrders)
    .set({
      ...(final ? { completedAt: now, nextQueryAt: null } : {}),
      ...changes,
      state: to,
      updatedAt: now,
    })
    .where(eq(paymentsOrders.id, order.id))
    .returning();
  assert(updated, 'the order was updated');
  await tx.insert(paymentsOrderChanges).values({
    id: newId('pch', clock),
    orderId: order.id,
    fromState: order.state,
    toState: to,
    source,
    transferId: transferId ?? null,
    at: now,
  });
  const base = { orderId: order.id, purpose: order.purpose, reference: order.reference, customerId: order.customerId };
  if (to === 'succeeded') {
    assert(transferId !== undefined, 'a succeeded payment names the transfer that posted it');
    await emitEvent(tx, now, {
      type: 'payments.payment_succeeded',
      aggregateType: 'payment',
      aggregateId: order.id,
      payload: {
        ...base,
        amountMinor: order.amountMinor,
        channel: order.channel,
        transferId,
      },
    });
  } else if (to === 'failed') {
    await emitEvent(tx, now, {
      type: 'payments.payment_failed',
      aggregateType: 'payment',
      aggregateId: order.id,
      payload: { ...base, reason: updated.failureReason ?? 'failed' },
    });
  } else if (to === 'closed') {
    await emitEvent(tx, now, {
      type: 'payments.payment_closed',
      aggregateType: 'payment',
      aggregateId: order.id,
      payload: base,
    });
  }
  return updated;
}

export interface NewPaymentOrder {
  channel: PaymentChannelName;
  customerId: string;
  amountMinor: number;
  description: string;
  purpose: string;
  reference: string;
  creditAccountId: string;
  /** The ledger code of the posting when the payment is confirmed (default `payments.payment`). */
  postingCode?: string;
}

/**
 * Records a new attempt (`created`); the caller then submits it to the channel outside the
 * transaction. Refused with 503 PAYMENTS_CHANNEL_UNAVAILABLE while the channel's breaker is open.
 */
export async function createPaymentOrder(tx: Executor, clock: Clock, order: NewPaymentOrder): Promise<PaymentOrder> {
  await assertChannelAvailable(tx, clock, order.channel);
  return recordPaymentOrder(tx, clock, order);
}

/** Records a new attempt whatever the channel's breaker says (auto-debit charges: their sweep sends them later). */
export async function recordPaymentOrder(tx: Executor, clock: Clock, order: NewPaymentOrder): Promise<PaymentOrder> {
  if (
    !Number.isSafeInteger(order.amountMinor) ||
    order.amountMinor < 1 ||
    order.amountMinor > PaymentsLimits.paymentMaxMinor
  ) {
    throw PaymentsErrors.PAYMENTS_AMOUNT_INVALID({
      detail: `A payment is from 1 fen to ${PaymentsLimits.paymentMaxMinor} fen.`,
      errors: [{ path: '/body/amountMinor', message: 'out of range' }],
    });
  }
  const id = newId('pay', clock);
  // 32 characters at most, letters and digits only: valid at both channels.
  const outTradeNo = `ZP${id.slice(4)}`.slice(0, PaymentsLimits.outTradeNoLengthMax);
  const now = clock.now();
  const [row] = await tx
    .insert(paymentsOrders)
    .values({
      id,
      outTradeNo,
      ...order,
      description: order.description.slice(0, PaymentsLimits.descriptionLengthMax),
      state: 'created',
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  assert(row, 'the order was inserted');
  return row;
}

async function lockOrder(
  tx: Executor,
  where: { id: string } | { outTradeNo: string },
): Promise<PaymentOrder | undefined> {
  const [order] = await tx
    .select()
    .from(paymentsOrders)
    .where('id' in where ? eq(paymentsOrders.id, where.id) : eq(paymentsOrders.outTradeNo, where.outTradeNo))
    .for('update');
  return order;
}

/** One order; with `customerId`, only that customer's (another customer's answers 404 like a missing one). */
export async function getPaymentOrder(db: Executor, id: string, customerId?: string): Promise<PaymentOrder> {
  const [order] = await db
    .select()
    .from(paymentsOrders)
    .where(
      customerId === undefined
        ? eq(paymentsOrders.id, id)
        : and(eq(paymentsOrders.id, id), eq(paymentsOrders.customerId, customerId)),
    );
  if (!order) throw PaymentsErrors.PAYMENTS_ORDER_NOT_FOUND();
  return order;
}

export interface PaymentFilter {
  state?: PaymentState;
  channel?: PaymentChannelName;
  customerId?: string;
  /** Created at or after this instant. */
  from?: Date;
  /** Created before this instant. */
  to?: Date;
  limit?: number;
  cursor?: string;
}

/** A cursor page of orders, newest first. */
export async function listPaymentOrders(db: Executor, filter: PaymentFilter): Promise<Page<PaymentOrder>> {
  const limit = pageLimit(filter.limit);
  const conditions: (SQL | undefined)[] = [];
  if (filter.state) conditions.push(eq(paymentsOrders.state, filter.state));
  if (filter.channel) conditions.push(eq(paymentsOrders.channel, filter.channel));
  if (filter.customerId) conditions.push(eq(paymentsOrders.customerId, filter.customerId));
  if (filter.from) conditions.push(gte(paymentsOrders.createdAt, filter.from));
  if (filter.to) conditions.push(lt(paymentsOrders.createdAt, filter.to));
  if (filter.cursor) {
    const [at, id] = decodeCursor(filter.cursor);
    if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at))) {
      throw KernelErrors.VALIDATION_FAILED({ errors: [{ path: '/query/cursor', message: 'Invalid cursor' }] });
    }
    const after = new Date(at);
    conditions.push(
      or(lt(paymentsOrders.createdAt, after), and(eq(paymentsOrders.createdAt, after), lt(paymentsOrders.id, id))),
    );
  }
  const rows = await db
    .select()
    .from(paymentsOrders)
    .where(and(...conditions))
    .orderBy(desc(paymentsOrders.createdAt), desc(paymentsOrders.id))
    .limit(limit + 1);
  return toPage(rows, limit, (o) => [o.createdAt.toISOString(), o.id]);
}

/** An order's state changes, oldest first. */
export async function paymentOrderChanges(db: Executor, orderId: string) {
  return db
    .select()
    .from(paymentsOrderChanges)
    .where(eq(paymentsOrderChanges.orderId, orderId))
    .orderBy(asc(paymentsOrderChanges.at), asc(paymentsOrderChanges.id))
    .limit(PaymentsLimits.orderChangesListMax);
}

/** The open (created or pending) order for an object at a channel, if any: asking again reuses it. */
export async function findOpenPaymentOrder(
  db: Executor,
  where: { purpose: string; reference: string; channel: PaymentChannelName; amountMinor: number },
): Promise<PaymentOrder | undefined> {
  const [order] = await db
    .select()
    .from(paymentsOrders)
    .where(
      and(
        eq(paymentsOrders.purpose, where.purpose),
        eq(paymentsOrders.reference, where.reference),
        eq(paymentsOrders.channel, where.channel),
        eq(paymentsOrders.amountMinor, where.amountMinor),
        inArray(paymentsOrders.state, ['created', 'pending']),
        isNull(paymentsOrders.abandonedAt),
      ),
    )
    .orderBy(desc(paymentsOrders.createdAt))
    .limit(1);
  return order;
}

/** The succeeded payment order whose confirmation posted `transferId` (a bill's channel payment names it). */
export async function findPaymentOrderByTransfer(db: Executor, transferId: string): Promise<PaymentOrder | undefined> {
  const [found] = await db
    .select({ order: paymentsOrders })
    .from(paymentsOrderChanges)
    .innerJoin(paymentsOrders, eq(paymentsOrders.id, paymentsOrderChanges.orderId))
    .where(and(eq(paymentsOrderChanges.transferId, transferId), eq(paymentsOrderChanges.toState, 'succeeded')));
  return found?.order;
}

/** Records what the channel answered to our create: pending with a cashier, unknown, or failed. */
export async function recordSubmission(
  tx: Executor,
  clock: Clock,
  orderId: string,
  answer: ChannelCall<{ cashierUrl: string | null }>,
): Promise<PaymentOrder> {
  const order = await lockOrder(tx, { id: orderId });
  assert(order, 'the order exists');
  // A callback may have arrived before we recorded the answer: then there is nothing left to do.
  if (order.state !== 'created' && order.state !== 'unknown') return order;
  const now = clock.now();
  if (answer.outcome === 'ok') {
    return transition(tx, clock, order, 'pending', 'create', {
      cashierUrl: answer.value.cashierUrl,
      nextQueryAt: nextQueryAt(now, 0),
      queryAttempts: 0,
    });
  }
  if (answer.outcome === 'unknown') {
    return transition(tx, clock, order, 'unknown', 'create', {
      nextQueryAt: nextQueryAt(now, 0),
      failureReason: answer.reason,
    });
  }
  return transition(tx, clock, order, 'failed', 'create', { failureReason: `${answer.code} ${answer.message}`.trim() });
}

/**
 * An attempt recorded but never submitted, closed because what it was for went away
 * (`abandonOpenPayments`). A submission still in flight then records nothing (`recordSubmission`
 * answers a closed order as it is), so no cashier is ever shown for it.
 */
export async function closeUnsubmittedPayment(tx: Executor, clock: Clock, orderId: string): Promise<PaymentOrder> {
  const order = await lockOrder(tx, { id: orderId });
  assert(order, 'the order exists');
  if (order.state !== 'created') return order;
  return transition(tx, clock, order, 'closed', 'abandoned', { abandonedAt: clock.now() });
}

/**
 * After the janitor asked about an order: one more question counted, and the next one scheduled
 * (5 min, 1 h, then daily) while the order is still open; an ended order is left as it is.
 */
export async function scheduleNextQuery(tx: Executor, clock: Clock, orderId: string): Promise<PaymentOrder> {
  const order = await lockOrder(tx, { id: orderId });
  assert(order, 'the order exists');
  if (order.state !== 'pending' && order.state !== 'unknown') return order;
  const attempts = order.queryAttempts + 1;
  const [updated] = await tx
    .update(paymentsOrders)
    .set({ queryAttempts: attempts, nextQueryAt: nextQueryAt(clock.now(), attempts), updatedAt: clock.now() })
    .where(eq(paymentsOrders.id, order.id))
    .returning();
  assert(updated, 'the order was updated');
  return updated;
}

/**
 * After asking the channel to close the trade of an order it reported failed: done (no question
 * left), or — the answer unknown — asked again on the janitor's schedule, until `attemptsMax`.
 */
export async function recordFailedTradeClose(
  tx: Executor,
  clock: Clock,
  orderId: string,
  done: boolean,
  attemptsMax: number,
): Promise<PaymentOrder> {
  const order = await lockOrder(tx, { id: orderId });
  assert(order, 'the order exists');
  if (order.state !== 'failed' || order.nextQueryAt === null) return order;
  const attempts = order.queryAttempts + 1;
  const [updated] = await tx
    .update(paymentsOrders)
    .set({
      queryAttempts: attempts,
      nextQueryAt: done || attempts >= attemptsMax ? null : nextQueryAt(clock.now(), attempts),
      updatedAt: clock.now(),
    })
    .where(eq(paymentsOrders.id, order.id))
    .returning();
  assert(updated, 'the order was updated');
  return updated;
}

/** Money the channel took that we cannot apply: clearing → suspense, with an event for a person. */
async function parkInSuspense(
  tx: Executor,
  clock: Clock,
  report: { channel: PaymentChannelName; outTradeNo: string; channelTradeNo: string; amountMinor: number },
  why: string,
): Promise<void> {
  const clearing = await channelClearingAccount(tx, clock, report.channel);
  const suspense = await platformAccount(tx, clock, 'suspense');
  // One posting per channel trade, whichever message (callback, duplicate, query) reports it first.
  const transferId = `txn_paysusp_${report.channel}_${report.channelTradeNo.replace(/[^A-Za-z0-9]/g, '').slice(0, 40)}`;
  const result = await createTransfers(tx, clock, [
    {
      id: transferId,
      debitAccountId: clearing.id,
      creditAccountId: suspense.id,
      amountMinor: report.amountMinor,
      code: 'payments.unmatched_payment',
      reference: report.outTradeNo,
      metadata: { channelTradeNo: report.channelTradeNo },
    },
  ]);
  if (!result.replayed) {
    await emitEvent(tx, clock.now(), {
      type: 'payments.payment_parked_in_suspense',
      aggregateType: 'payment',
      aggregateId: transferId,
      payload: {
        channel: report.channel,
        outTradeNo: report.outTradeNo,
        channelTradeNo: report.channelTradeNo,
        amountMinor: report.amountMinor,
        why,
      },
    });
  }
}

/**
 * Applies what a channel says about a trade — from a verified callback or our own query — once.
 * Paid: the order succeeds and the ledger moves the amount from the channel's clearing account to
 * the order's account; a payment we cannot apply (after close or failure, a second trade, an unknown
 * order) goes to suspense. Closed or failed: the order ends. A report for another merchant, or with
 * an amount that is not the order's, changes nothing and raises an event (an alert for amounts).
 */
export async function applyChannelTrade(
  tx: Executor,
  clock: Clock,
  report: ChannelTrade & {
    channel: PaymentChannelName;
    outTradeNo: string;
    expectedMerchantId: string;
    source: string;
  },
): Promise<PaymentOrder | undefined> {
  const now = clock.now();
  if (report.merchantId !== report.expectedMerchantId) {
    await emitEvent(tx, now, {
      type: 'payments.message_refused',
      aggregateType: 'payment',
      aggregateId: report.outTradeNo.slice(0, 64),
      payload: {
        channel: report.channel,
        outTradeNo: report.outTradeNo,
        why: `merchant ${report.merchantId} is not ours`,
      },
    });
    return undefined;
  }
  const order = await lockOrder(tx, { outTradeNo: report.outTradeNo });
  const paid = report.state === 'paid' && report.amountMinor !== undefined && report.channelTradeNo !== undefined;
  if (!order || order.channel !== report.channel) {
    if (paid) {
      await parkInSuspense(
        tx,
        clock,
        { ...report, amountMinor: report.amountMinor ?? 0, channelTradeNo: report.channelTradeNo ?? '' },
        `no order ${report.outTradeNo} at ${report.channel}`,
      );
    }
    return undefined;
  }
  if (report.amountMinor !== undefined && report.amountMinor !== order.amountMinor) {
    await emitEvent(tx, now, {
      type: 'payments.amount_mismatch',
      aggregateType: 'payment',
      aggregateId: order.id,
      payload: {
        orderId: order.id,
        outTradeNo: order.outTradeNo,
        expectedMinor: order.amountMinor,
        reportedMinor: report.amountMinor,
        source: report.source,
      },
    });
    return order;
  }
  if (paid) {
    const channelTradeNo = report.channelTradeNo ?? '';
    if (order.state === 'succeeded') {
      if (order.channelTradeNo !== channelTradeNo) {
        await parkInSuspense(
          tx,
          clock,
          { channel: order.channel, outTradeNo: order.outTradeNo, channelTradeNo, amountMinor: order.amountMinor },
          `order ${order.id} was already paid by another trade`,
        );
      }
      return order;
    }
    if (order.state === 'closed' || order.state === 'failed') {
      await parkInSuspense(
        tx,
        clock,
        { channel: order.channel, outTradeNo: order.outTradeNo, channelTradeNo, amountMinor: order.amountMinor },
        `order ${order.id} is ${order.state}: late payment`,
      );
      return order;
    }
    const clearing = await channelClearingAccount(tx, clock, order.channel);
    const transferId = `txn_pay_${order.id}`;
    await createTransfers(tx, clock, [
      {
        id: transferId,
        debitAccountId: clearing.id,
        creditAccountId: order.creditAccountId,
        amountMinor: order.amountMinor,
        code: order.postingCode,
        reference: order.id,
        metadata: { outTradeNo: order.outTradeNo, channelTradeNo, purpose: order.purpose, reference: order.reference },
      },
    ]);
    // Completed when the channel says it was paid (a payment learnt after midnight counts on the
    // channel's day in the next reconciliation); the posting and updated_at are when we learn it.
    const completedAt = completedAtOf(report.paidAt, order, now);
    return transition(tx, clock, order, 'succeeded', report.source, { channelTradeNo, completedAt }, transferId);
  }
  if (order.state === 'succeeded' || order.state === 'failed' || order.state === 'closed') return order;
  if (report.state === 'closed') return transition(tx, clock, order, 'closed', report.source);
  if (report.state === 'failed') {
    // The channel's trade may still take a payment (WeChat Pay: close an order that failed before a
    // new attempt): the order keeps a `next_query_at`, now, until `endFailedAttempt` has closed it
    // there — at once when we asked, by the janitor's next run when a callback told us.
    return transition(tx, clock, order, 'failed', report.source, { failureReason: 'channel_failed', nextQueryAt: now });
  }
  if (report.state === 'not_found' && order.state === 'unknown') {
    // The create never reached the channel: nothing can be paid, the attempt is over.
    return transition(tx, clock, order, 'failed', report.source, { failureReason: 'not_at_channel' });
  }
  if (report.state === 'open' && order.state === 'unknown') {
    return transition(tx, clock, order, 'pending', report.source, {
      nextQueryAt: nextQueryAt(now, order.queryAttempts),
    });
  }
  return order;
}
