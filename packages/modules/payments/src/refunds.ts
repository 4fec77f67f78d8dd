// Refunds (docs/payments.md "Refunds"): child records of a paid order. `requestRefund` and
// `approveRefund` run in the caller's transaction; above the approval threshold a refund waits for a
// second staff member (maker–checker). `sendRefund` calls the channel outside any transaction and
// records its answer; a successful refund posts `the order's account → channel clearing` in the
// transaction that marks it `succeeded`. Refunds never exceed what was paid: every refund that is
// not closed or rejected counts against the order.
import { type Executor, emitEvent } from '@zulin/db';
import { assert, type Clock, decodeCursor, KernelErrors, type Page, pageLimit, toPage } from '@zulin/kernel';
import { channelClearingAccount, createTransfers } from '@zulin/ledger';
import { and, asc, eq, gt, notInArray, or, type SQL, sql } from 'drizzle-orm';
import { PaymentsErrors } from './errors';
import { PaymentsLimits } from './limits';
import { paymentsOrders, paymentsRefunds, type RefundState } from './schema';

export type Refund = typeof paymentsRefunds.$inferSelect;

export async function lockOrder(tx: Executor, orderId: string) {
  const [order] = await tx.select().from(paymentsOrders).where(eq(paymentsOrders.id, orderId)).for('update');
  if (!order) throw PaymentsErrors.PAYMENTS_ORDER_NOT_FOUND();
  return order;
}

/** What may still be refunded: the paid amount less every refund not closed or rejected. */
export async function refundable(tx: Executor, order: { id: string; amountMinor: number }): Promise<number> {
  const [row] = await tx
    .select({ taken: sql<string>`coalesce(sum(${paymentsRefunds.amountMinor}), 0)` })
    .from(paymentsRefunds)
    .where(and(eq(paymentsRefunds.orderId, order.id), notInArray(paymentsRefunds.state, ['closed', 'rejected'])));
  return order.amountMinor - Number(row?.taken ?? 0);
}

export async function setRefund(tx: Executor, clock: Clock, refund: Refund, changes: Partial<Refund>): Promise<Refund> {
  const now = clock.now();
  const [updated] = await tx
    .update(paymentsRefunds)
    .set({ ...changes, updatedAt: now })
    .where(eq(paymentsRefunds.id, refund.id))
    .returning();
  assert(updated, 'the refund was updated');
  if (updated.state !== refund.state) {
    // The paid object and its customer ride along, so the evidence log files the refund under it.
    const [paid] = await tx
      .select({
        customerId: paymentsOrders.customerId,
        purpose: paymentsOrders.purpose,
        reference: paymentsOrders.reference,
      })
      .from(paymentsOrders)
      .where(eq(paymentsOrders.id, refund.orderId));
    assert(paid, 'a refund belongs to an order');
    await emitEvent(tx, now, {
      type: 'payments.refund_changed',
      aggregateType: 'payment_refund',
      aggregateId: refund.id,
      payload: {
        refundId: refund.id,
        orderId: refund.orderId,
        amountMinor: refund.amountMinor,
        state: updated.state,
        ...paid,
      },
    });
  }
  return updated;
}

export async function getRefund(db: Executor, id: string): Promise<Refund> {
  const [found] = await db.select().from(paymentsRefunds).where(eq(paymentsRefunds.id, id));
  if (!found) throw PaymentsErrors.PAYMENTS_REFUND_NOT_FOUND();
  return found;
}

/** Records what the channel says of a refund (its answer or its callback), once; a success posts. */
export async function applyRefundStatus(
  tx: Executor,
  clock: Clock,
  locked: Refund,
  status: 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL',
): Promise<Refund> {
  if (locked.state !== 'approved' && locked.state !== 'unknown' && locked.state !== 'processing') return locked;
  const to: Record<typeof status, RefundState> = {
    SUCCESS: 'succeeded',
    CLOSED: 'closed',
    PROCESSING: 'processing',
    ABNORMAL: 'abnormal',
  };
  const state = to[status];
  if (state !== 'succeeded') return setRefund(tx, clock, locked, { state });
  const paid = await lockOrder(tx, locked.orderId);
  assert(paid.refundedMinor + locked.amountMinor <= paid.amountMinor, `refunds of ${paid.id} exceed what was paid`);
  const clearing = await channelClearingAccount(tx, clock, paid.channel);
  const transferId = `txn_refund_${locked.id}`;
  await createTransfers(tx, clock, [
    {
      id: transferId,
      debitAccountId: paid.creditAccountId,
      creditAccountId: clearing.id,
      amountMinor: locked.amountMinor,
      code: 'payments.refund',
      reference: paid.id,
      metadata: { outRefundNo: locked.outRefundNo, purpose: paid.purpose, reference: paid.reference },
    },
  ]);
  await tx
    .update(paymentsOrders)
    .set({ refundedMinor: paid.refundedMinor + locked.amountMinor, updatedAt: clock.now() })
    .where(eq(paymentsOrders.id, paid.id));
  return setRefund(tx, clock, locked, { state: 'succeeded', transferId, failureReason: null });
}

/** A cursor page of refunds, oldest first (a queue: the longest waiting on top). */
export async function listRefunds(
  db: Executor,
  filter: { state?: RefundState; limit?: number; cursor?: string },
): Promise<Page<Refund>> {
  const limit = pageLimit(filter.limit);
  const conditions: (SQL | undefined)[] = [];
  if (filter.state) conditions.push(eq(paymentsRefunds.state, filter.state));
  if (filter.cursor) {
    const [at, id] = decodeCursor(filter.cursor);
    if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at))) {
      throw KernelErrors.VALIDATION_FAILED({ errors: [{ path: '/query/cursor', message: 'Invalid cursor' }] });
    }
    const after = new Date(at);
    conditions.push(
      or(gt(paymentsRefunds.createdAt, after), and(eq(paymentsRefunds.createdAt, after), gt(paymentsRefunds.id, id))),
    );
  }
  const rows = await db
    .select()
    .from(paymentsRefunds)
    .where(and(...conditions))
    .orderBy(asc(paymentsRefunds.createdAt), asc(paymentsRefunds.id))
    .limit(limit + 1);
  return toPage(rows, limit, (r) => [r.createdAt.toISOString(), r.id]);
}

/** The refunds of one order, oldest first. */
export async function refundsOfOrder(db: Executor, orderId: string): Promise<Refund[]> {
  return db
    .select()
    .from(paymentsRefunds)
    .where(eq(paymentsRefunds.orderId, orderId))
    .orderBy(asc(paymentsRefunds.createdAt), asc(paymentsRefunds.id))
    .limit(PaymentsLimits.orderRefundsListMax);
}
