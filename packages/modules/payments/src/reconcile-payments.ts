// Reconciliation (docs/payments.md "Reconciliation"): a channel's statement for a business date
// against our payment orders, in one transaction. Each payment row of the statement is matched by
// out_trade_no:
// * our order succeeded with the same amount → matched;
// * our order succeeded with another amount → amount_differs (an alert; nothing changes);
// * our order not (yet) succeeded, or no order at all → missing_ours, and the row is applied like a
//   callback (`applyChannelTrade`, source `reconciliation`): an open order is recovered as paid, a
//   closed one or an unknown trade goes to suspense — never lost.
// Each of our orders that succeeded on that date at that channel and is not in the statement →
// missing_theirs (for a person: the channel kept no trace of money we booked).
import type { Executor } from '@zulin/db';
import { addDays, assert, type BusinessDate, type Clock, newId, startOfDayInstant } from '@zulin/kernel';
import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import { channelTime } from './channel-times';
import { applyChannelTrade } from './payment-orders';
import {
  type PaymentChannelName,
  paymentsOrders,
  paymentsReconciliationMismatches,
  paymentsReconciliationRuns,
  type ReconciliationMismatchKind,
} from './schema';
import { parseStatement } from './statements';

export type ReconciliationRun = typeof paymentsReconciliationRuns.$inferSelect;
export type ReconciliationMismatch = typeof paymentsReconciliationMismatches.$inferSelect;

export async function reconcilePayments(
  tx: Executor,
  deps: { clock: Clock; timeZone: string },
  options: { channel: PaymentChannelName; businessDate: BusinessDate; statement: string; merchantId: string },
): Promise<{ run: ReconciliationRun; mismatches: ReconciliationMismatch[] }> {
  const { channel, businessDate } = options;
  const rows = parseStatement(channel, options.statement).filter((r) => r.kind === 'payment');
  const now = deps.clock.now();
  const runId = newId('prc', deps.clock);
  const mismatches: (typeof paymentsReconciliationMismatches.$inferInsert)[] = [];
  const add = (m: {
    kind: ReconciliationMismatchKind;
    outTradeNo: string;
    channelTradeNo: string | null;
    orderId: string | null;
    ourAmountMinor: number | null;
    theirAmountMinor: number | null;
    resolution: 'recovered' | 'suspense' | 'none';
  }) => mismatches.push({ id: newId('prm', deps.clock), runId, createdAt: now, ...m });

  const outTradeNos = rows.map((r) => r.outTradeNo);
  const ours =
    outTradeNos.length === 0
      ? []
      : await tx.select().from(paymentsOrders).where(inArray(paymentsOrders.outTradeNo, outTradeNos));
  const byOutTradeNo = new Map(ours.map((o) => [o.outTradeNo, o]));
  let matched = 0;
  for (const row of rows) {
    const order = byOutTradeNo.get(row.outTradeNo);
    if (order && order.channel === channel && order.state === 'succeeded') {
      if (order.amountMinor === row.amountMinor) matched++;
      else {
        add({
          kind: 'amount_differs',
          outTradeNo: row.outTradeNo,
          channelTradeNo: row.channelTradeNo,
          orderId: order.id,
          ourAmountMinor: order.amountMinor,
          theirAmountMinor: row.amountMinor,
          resolution: 'none',
        });
      }
      continue;
    }
    const applied = await applyChannelTrade(tx, deps.clock, {
      state: 'paid',
      merchantId: options.merchantId,
      amountMinor: row.amountMinor,
      channelTradeNo: row.channelTradeNo,
      // The statement's time (Beijing): the order then counts on the channel's day.
      paidAt: channelTime(row.paidAt),
      channel,
      outTradeNo: row.outTradeNo,
      expectedMerchantId: options.merchantId,
      source: 'reconciliation',
    });
    const recovered = applied?.state === 'succeeded' && applied.amountMinor === row.amountMinor;
    add({
      kind: order && order.amountMinor !== row.amountMinor ? 'amount_differs' : 'missing_ours',
      outTradeNo: row.outTradeNo,
      channelTradeNo: row.channelTradeNo,
      orderId: order?.id ?? null,
      ourAmountMinor: order?.amountMinor ?? null,
      theirAmountMinor: row.amountMinor,
      resolution: recovered ? 'recovered' : order && order.amountMinor !== row.amountMinor ? 'none' : 'suspense',
    });
  }

  const from = startOfDayInstant(businessDate, deps.timeZone);
  const to = startOfDayInstant(addDays(businessDate, 1), deps.timeZone);
  const ourDay = await tx
    .select()
    .from(paymentsOrders)
    .where(
      and(
        eq(paymentsOrders.channel, channel),
        eq(paymentsOrders.state, 'succeeded'),
        gte(paymentsOrders.completedAt, from),
        lt(paymentsOrders.completedAt, to),
      ),
    );
  const inStatement = new Set(outTradeNos);
  for (const order of ourDay) {
    if (inStatement.has(order.outTradeNo)) continue;
    add({
      kind: 'missing_theirs',
      outTradeNo: order.outTradeNo,
      channelTradeNo: order.channelTradeNo,
      orderId: order.id,
      ourAmountMinor: order.amountMinor,
      theirAmountMinor: null,
      resolution: 'none',
    });
  }
  const feeMilliFen = rows.reduce((sum, r) => sum + r.feeMilliFen, 0);
  const [run] = await tx
    .insert(paymentsReconciliationRuns)
    .values({
      id: runId,
      channel,
      businessDate,
      statementCount: rows.length,
      ourCount: ourDay.length,
      matchedCount: matched,
      mismatchCount: mismatches.length,
      statementTotalMinor: rows.reduce((sum, r) => sum + r.amountMinor, 0),
      ourTotalMinor: ourDay.reduce((sum, o) => sum + o.amountMinor, 0),
      // Thousandths of a fen summed exactly, rounded half up to a fen once for the day.
      feeTotalMinor: Math.round(feeMilliFen / 1000),
      createdAt: now,
    })
    .returning();
  assert(run, 'the run was inserted');
  const saved =
    mismatches.length === 0 ? [] : await tx.insert(paymentsReconciliationMismatches).values(mismatches).returning();
  return { run, mismatches: saved };
}
