// Refunds (docs/payments.md "Refunds"): child records of a paid order. `requestRefund` and
// `approveRefund` run in the caller's transaction; above the approval threshold a refund waits for a
// second staff member (maker–checker). `sendRefund` calls the channel outside any transaction and
// records its answer; a successful refund posts `the order's account → channel clearing` in the
// transaction that marks it `succeeded`. Refunds never exceed what was paid: every refund that is
// not closed or rejected counts against the order.
import { type Database, type Executor, emitEvent } from '@zulin/db';
import { assert, type Clock, newId } from '@zulin/kernel';
import { channelClearingAccount, createTransfers } from '@zulin/ledger';
import { runCommand } from '@zulin/platform';
import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { PaymentChannelClient } from './channel-clients';
import { PaymentsErrors } from './errors';
import { PaymentsLimits } from './limits';
import { paymentsOrders, paymentsRefunds, type RefundState } from './schema';

export type Refund = typeof paymentsRefunds.$inferSelect;

async function lockOrder(tx: Executor, orderId: string) {
  const [order] = await tx.select().from(paymentsOrders).where(eq(paymentsOrders.id, orderId)).for('update');
  if (!order) throw PaymentsErrors.PAYMENTS_ORDER_NOT_FOUND();
  return order;
}

/** What may still be refunded: the paid amount less every refund not closed or rejected. */
async function refundable(tx: Executor, order: { id: string; amountMinor: number }): Promise<number> {
  const [row] = await tx
    .select({ taken: sql<string>`coalesce(sum(${paymentsRefunds.amountMinor}), 0)` })
    .from(paymentsRefunds)
    .where(and(eq(paymentsRefunds.orderId, order.id), notInArray(paymentsRefunds.state, ['closed', 'rejected'])));
  return order.amountMinor - Number(row?.taken ?? 0);
}

async function setRefund(tx: Executor, clock: Clock, refund: Refund, changes: Partial<Refund>): Promise<Refund> {
  const now = clock.now();
  const [updated] = await tx
    .update(paymentsRefunds)
    .set({ ...changes, updatedAt: now })
    .where(eq(paymentsRefunds.id, refund.id))
    .returning();
  assert(updated, 'the refund was updated');
  if (updated.state !== refund.state) {
    await emitEvent(tx, now, {
      type: 'payments.refund_changed',
      aggregateType: 'payment_refund',
      aggregateId: refund.id,
      payload: { refundId: refund.id, orderId: refund.orderId, amountMinor: refund.amountMinor, state: updated.state },
    });
  }
  return updated;
}

export async function getRefund(db: Executor, id: string): Promise<Refund> {
  const [found] = await db.select().from(paymentsRefunds).where(eq(paymentsRefunds.id, id));
  if (!found) throw PaymentsErrors.PAYMENTS_REFUND_NOT_FOUND();
  return found;
}

/** A staff member asks for a refund; above `approvalAboveMinor` it waits for another one's approval. */
export async function requestRefund(
  tx: Executor,
  deps: { clock: Clock; approvalAboveMinor?: number },
  request: { orderId: string; outRequestNo: string; amountMinor: number; reason: string; staffId: string },
): Promise<Refund> {
  const order = await lockOrder(tx, request.orderId);
  const [existing] = await tx
    .select()
    .from(paymentsRefunds)
    .where(and(eq(paymentsRefunds.orderId, order.id), eq(paymentsRefunds.outRequestNo, request.outRequestNo)));
  if (existing) {
    if (existing.amountMinor !== request.amountMinor) throw PaymentsErrors.PAYMENTS_REQUEST_NUMBER_REUSED();
    return existing;
  }
  if (order.state !== 'succeeded') throw PaymentsErrors.PAYMENTS_REFUND_NOT_PAID();
  if (!Number.isSafeInteger(request.amountMinor) || request.amountMinor < 1) {
    throw PaymentsErrors.PAYMENTS_AMOUNT_INVALID({ errors: [{ path: '/amountMinor', message: 'at least 1 fen' }] });
  }
  const left = await refundable(tx, order);
  if (request.amountMinor > left) {
    throw PaymentsErrors.PAYMENTS_REFUND_EXCEEDS_PAID({ detail: `${left} fen of this payment may still be refunded.` });
  }
  const threshold = deps.approvalAboveMinor ?? PaymentsLimits.refundApprovalAboveMinor;
  const id = newId('prf', deps.clock);
  const now = deps.clock.now();
  const [created] = await tx
    .insert(paymentsRefunds)
    .values({
      id,
      orderId: order.id,
      outRequestNo: request.outRequestNo,
      outRefundNo: `ZR${id.slice(4)}`.slice(0, PaymentsLimits.outTradeNoLengthMax),
      amountMinor: request.amountMinor,
      reason: request.reason.slice(0, PaymentsLimits.descriptionLengthMax),
      state: request.amountMinor > threshold ? 'awaiting_approval' : 'approved',
      requestedBy: request.staffId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  assert(created, 'the refund was inserted');
  return created;
}

/** A second staff member approves (or rejects) a refund waiting for approval; never the requester. */
export async function decideRefund(
  tx: Executor,
  deps: { clock: Clock },
  request: { refundId: string; staffId: string; approve: boolean },
): Promise<Refund> {
  const [refund] = await tx
    .select()
    .from(paymentsRefunds)
    .where(eq(paymentsRefunds.id, request.refundId))
    .for('update');
  if (!refund) throw PaymentsErrors.PAYMENTS_REFUND_NOT_FOUND();
  if (refund.state !== 'awaiting_approval') throw PaymentsErrors.PAYMENTS_REFUND_NOT_AWAITING_APPROVAL();
  if (refund.requestedBy === request.staffId) throw PaymentsErrors.PAYMENTS_REFUND_SAME_STAFF();
  return setRefund(tx, deps.clock, refund, {
    state: request.approve ? 'approved' : 'rejected',
    approvedBy: request.staffId,
  });
}

/** Sends an approved (or unknown, or processing) refund to the channel and records the answer. */
export async function sendRefund(
  database: Database,
  deps: { clock: Clock; client: PaymentChannelClient },
  refundId: string,
): Promise<Refund> {
  const refund = await getRefund(database.db, refundId);
  if (refund.state !== 'approved' && refund.state !== 'unknown' && refund.state !== 'processing') return refund;
  const [order] = await database.db.select().from(paymentsOrders).where(eq(paymentsOrders.id, refund.orderId));
  assert(order, 'the order exists');
  const answer = await deps.client.refund({
    outTradeNo: order.outTradeNo,
    outRefundNo: refund.outRefundNo,
    amountMinor: refund.amountMinor,
    totalMinor: order.amountMinor,
    reason: refund.reason,
  });
  return runCommand(database, async (tx) => {
    const [locked] = await tx.select().from(paymentsRefunds).where(eq(paymentsRefunds.id, refund.id)).for('update');
    assert(locked, 'the refund exists');
    if (locked.state !== 'approved' && locked.state !== 'unknown' && locked.state !== 'processing') return locked;
    if (answer.outcome === 'unknown')
      return setRefund(tx, deps.clock, locked, { state: 'unknown', failureReason: answer.reason });
    if (answer.outcome === 'refused') {
      return setRefund(tx, deps.clock, locked, {
        state: 'closed',
        failureReason: `${answer.code} ${answer.message}`.trim(),
      });
    }
    return applyRefundStatus(tx, deps.clock, locked, answer.value.status);
  });
}

/** Records what the channel says of a refund (its answer or its callback), once; a success posts. */
async function applyRefundStatus(
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

/**
 * Applies a verified refund callback (WeChat REFUND.SUCCESS / REFUND.ABNORMAL / REFUND.CLOSED) once.
 * A refund we do not know, another merchant's or another amount changes nothing and raises an event.
 */
export async function applyRefundCallback(
  tx: Executor,
  clock: Clock,
  report: { outRefundNo: string; status: string; amountMinor: number; merchantId: string; expectedMerchantId: string },
): Promise<Refund | undefined> {
  const [refund] = await tx
    .select()
    .from(paymentsRefunds)
    .where(eq(paymentsRefunds.outRefundNo, report.outRefundNo))
    .for('update');
  const status = report.status;
  const known = status === 'SUCCESS' || status === 'CLOSED' || status === 'PROCESSING' || status === 'ABNORMAL';
  if (!refund || report.merchantId !== report.expectedMerchantId || !known) {
    await emitEvent(tx, clock.now(), {
      type: 'payments.message_refused',
      aggregateType: 'payment_refund',
      aggregateId: report.outRefundNo.slice(0, 64),
      payload: {
        channel: 'wechatpay',
        outTradeNo: report.outRefundNo,
        why: `refund callback not applicable (${status})`,
      },
    });
    return undefined;
  }
  if (report.amountMinor !== refund.amountMinor) {
    await emitEvent(tx, clock.now(), {
      type: 'payments.amount_mismatch',
      aggregateType: 'payment_refund',
      aggregateId: refund.id,
      payload: {
        orderId: refund.orderId,
        outTradeNo: refund.outRefundNo,
        expectedMinor: refund.amountMinor,
        reportedMinor: report.amountMinor,
        source: 'refund callback',
      },
    });
    return refund;
  }
  return applyRefundStatus(tx, clock, refund, status);
}
