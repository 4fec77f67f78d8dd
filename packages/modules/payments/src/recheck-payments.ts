// The janitor (docs/payments.md "Recovery"): payments left `pending` or `unknown` — a lost callback, a
// timeout or 5xx at create — are asked about again on Kill Bill's schedule (5 min, 1 h, then daily).
// Each question is one call to the channel's query API outside any transaction; the answer is applied
// like a callback (`applyChannelTrade`, source `janitor`): paid → succeeded and posted, closed or
// failed → ended, never reached the channel → failed. A payment still open after the last daily
// re-check is closed at the channel (`closePayment`; a payment made just before is applied as paid).
// A payment the channel reports failed — by our question or by a callback — is ended the one way,
// `endFailedAttempt`: failed, and its trade closed at the channel so that it cannot be paid as well.
// A payment abandoned by its owner (`abandonOpenPayments`: the order expired, the bill was withdrawn)
// is asked at the next run and, still open, closed at once.
import type { Database } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { runCommand } from '@zulin/platform';
import { and, asc, eq, inArray, isNotNull, isNull, lte, or } from 'drizzle-orm';
import type { PaymentChannelClient } from './channel-clients';
import { closePayment } from './close-payment';
import { PaymentsLimits } from './limits';
import { applyChannelTrade, type PaymentOrder, recordFailedTradeClose, scheduleNextQuery } from './payment-orders';
import { type PaymentChannelName, paymentsOrders } from './schema';

export interface RecheckDeps {
  clock: Clock;
  /** The channel's client and the merchant id its answers must carry; undefined when not configured here. */
  channelOf: (channel: PaymentChannelName) => Promise<{ client: PaymentChannelClient; merchantId: string } | undefined>;
}

/** Re-checks after this many questions give up: the fixed schedule, then the daily ones. */
export const recheckAttemptsMax = PaymentsLimits.recheckAfterSeconds.length - 1 + PaymentsLimits.recheckDailyMax;

export async function recheckPayments(
  database: Database,
  deps: RecheckDeps,
): Promise<{ asked: number; settled: number; closed: number; stillOpen: number; endedAtChannel: number }> {
  const now = deps.clock.now();
  const due = await database.db
    .select()
    .from(paymentsOrders)
    .where(
      and(
        or(
          and(isNull(paymentsOrders.agreementId), inArray(paymentsOrders.state, ['pending', 'unknown'])),
          // An auto-debit charge left unknown is sent again by the agreement sweep (the channel is
          // idempotent on out_trade_no); one the channel holds for the payer (pending) is asked here.
          and(isNotNull(paymentsOrders.agreementId), eq(paymentsOrders.state, 'pending')),
          // An abandoned one (what it was for went away) is asked and closed here, never sent again.
          and(isNotNull(paymentsOrders.abandonedAt), inArray(paymentsOrders.state, ['pending', 'unknown'])),
        ),
        lte(paymentsOrders.nextQueryAt, now),
      ),
    )
    .orderBy(asc(paymentsOrders.nextQueryAt))
    .limit(PaymentsLimits.recheckBatch);
  const counts = { asked: 0, settled: 0, closed: 0, stillOpen: 0, endedAtChannel: 0 };
  for (const order of due) {
    const channel = await deps.channelOf(order.channel);
    if (!channel) continue;
    counts.asked++;
    let after = await askChannelAbout(database, deps.clock, channel, order);
    if (after.state === 'failed' && after.nextQueryAt !== null) {
      after = await closeFailedTrade(database, deps.clock, channel, after);
      if (after.nextQueryAt === null) counts.endedAtChannel++;
    }
    const open = after.state === 'pending' || after.state === 'unknown';
    if (open && (after.queryAttempts >= recheckAttemptsMax || after.abandonedAt !== null)) {
      after = await closePayment(
        database,
        { clock: deps.clock, client: channel.client, merchantId: channel.merchantId },
        order.id,
      );
    }
    if (after.state === 'succeeded') counts.settled++;
    else if (after.state === 'closed' || after.state === 'failed') counts.closed++;
    else counts.stillOpen++;
  }
  // Failed orders whose trade is still to be closed at the channel: told by a callback, or a close
  // whose answer was unknown.
  const failed = await database.db
    .select()
    .from(paymentsOrders)
    .where(
      and(
        eq(paymentsOrders.state, 'failed'),
        isNotNull(paymentsOrders.nextQueryAt),
        lte(paymentsOrders.nextQueryAt, now),
      ),
    )
    .orderBy(asc(paymentsOrders.nextQueryAt))
    .limit(PaymentsLimits.recheckBatch);
  for (const order of failed) {
    const channel = await deps.channelOf(order.channel);
    if (!channel) continue;
    const after = await closeFailedTrade(database, deps.clock, channel, order);
    if (after.nextQueryAt === null) counts.endedAtChannel++;
  }
  return counts;
}

/** One question to the channel (outside any transaction), its answer applied and the next question scheduled. */
async function askChannelAbout(
  database: Database,
  clock: Clock,
  channel: { client: PaymentChannelClient; merchantId: string },
  order: PaymentOrder,
): Promise<PaymentOrder> {
  const answer = await channel.client.query(order.outTradeNo);
  return runCommand(database, async (tx) => {
    const applied =
      answer.outcome === 'ok'
        ? await applyChannelTrade(tx, clock, {
            ...answer.value,
            channel: order.channel,
            outTradeNo: order.outTradeNo,
            expectedMerchantId: channel.merchantId,
            source: 'janitor',
          })
        : undefined;
    return scheduleNextQuery(tx, clock, applied?.id ?? order.id);
  });
}

/**
 * Ends a failed attempt, the one way for every path that learns of a failure. The payer came back
 * from the channel's cashier saying the payment failed: the order is asked about now instead of at
 * the janitor's first question. WeChat Pay answers PAYERROR (→ `failed`, and the order is closed
 * there, as WeChat asks before a new attempt); Alipay keeps a trade open after a failed attempt, so
 * an order the channel still holds open is closed there (→ `closed`; a payment made meanwhile is
 * applied as paid). An order already `failed` by a callback or the janitor's question has its trade
 * closed the same way. The customer starts a new attempt.
 */
export async function endFailedAttempt(
  database: Database,
  deps: RecheckDeps,
  outTradeNo: string,
): Promise<PaymentOrder | undefined> {
  const [order] = await database.db.select().from(paymentsOrders).where(eq(paymentsOrders.outTradeNo, outTradeNo));
  if (!order) return order;
  const open = order.state === 'pending' || order.state === 'unknown';
  if (!open && !(order.state === 'failed' && order.nextQueryAt !== null)) return order;
  const channel = await deps.channelOf(order.channel);
  if (!channel) return order;
  const after = open ? await askChannelAbout(database, deps.clock, channel, order) : order;
  if (after.state === 'failed') return closeFailedTrade(database, deps.clock, channel, after);
  if (after.state !== 'pending') return after;
  return closePayment(
    database,
    { clock: deps.clock, client: channel.client, merchantId: channel.merchantId },
    order.id,
  );
}

/**
 * Closes at the channel the trade of an order the channel reported failed (one call, outside any
 * transaction). A trade paid meanwhile is applied by its query's answer (a late payment: suspense);
 * an unknown answer is asked again on the janitor's schedule.
 */
async function closeFailedTrade(
  database: Database,
  clock: Clock,
  channel: { client: PaymentChannelClient; merchantId: string },
  order: PaymentOrder,
): Promise<PaymentOrder> {
  if (order.state !== 'failed' || order.nextQueryAt === null) return order;
  const closed = await channel.client.close(order.outTradeNo);
  const trade =
    closed.outcome === 'ok' && 'alreadyPaid' in closed.value ? await channel.client.query(order.outTradeNo) : undefined;
  return runCommand(database, async (tx) => {
    if (trade?.outcome === 'ok') {
      await applyChannelTrade(tx, clock, {
        ...trade.value,
        channel: order.channel,
        outTradeNo: order.outTradeNo,
        expectedMerchantId: channel.merchantId,
        source: 'close',
      });
    }
    // Refused: the channel will not close it (it ended there already); nothing is left to ask.
    const done = closed.outcome !== 'unknown' && (trade === undefined || trade.outcome === 'ok');
    return recordFailedTradeClose(tx, clock, order.id, done, recheckAttemptsMax);
  });
}
