// The janitor (docs/payments.md "Recovery"): payments left `pending` or `unknown` — a lost callback, a
// timeout or 5xx at create — are asked about again on Kill Bill's schedule (5 min, 1 h, then daily).
// Each question is one call to the channel's query API outside any transaction; the answer is applied
// like a callback (`applyChannelTrade`, source `janitor`): paid → succeeded and posted, closed or
// failed → ended, never reached the channel → failed. A payment still open after the last daily
// re-check is closed at the channel (`closePayment`; a payment made just before is applied as paid).
import type { Database } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { runCommand } from '@zulin/platform';
import { and, asc, eq, inArray, isNotNull, isNull, lte, or } from 'drizzle-orm';
import type { PaymentChannelClient } from './channel-clients';
import { closePayment } from './close-payment';
import { PaymentsLimits } from './limits';
import { applyChannelTrade, type PaymentOrder, scheduleNextQuery } from './payment-orders';
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
): Promise<{ asked: number; settled: number; closed: number; stillOpen: number }> {
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
        ),
        lte(paymentsOrders.nextQueryAt, now),
      ),
    )
    .orderBy(asc(paymentsOrders.nextQueryAt))
    .limit(PaymentsLimits.recheckBatch);
  const counts = { asked: 0, settled: 0, closed: 0, stillOpen: 0 };
  for (const order of due) {
    const channel = await deps.channelOf(order.channel);
    if (!channel) continue;
    counts.asked++;
    let after = await askChannelAbout(database, deps.clock, channel, order);
    if ((after.state === 'pending' || after.state === 'unknown') && after.queryAttempts >= recheckAttemptsMax) {
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
 * The payer came back from the channel's cashier saying the payment failed: the order is asked about
 * now instead of at the janitor's first question. WeChat Pay answers PAYERROR (→ `failed`); Alipay
 * keeps a trade open after a failed attempt, so an order the channel still holds open is closed
 * there (→ `closed`; a payment made meanwhile is applied as paid). The customer starts a new attempt.
 */
export async function endFailedAttempt(
  database: Database,
  deps: RecheckDeps,
  outTradeNo: string,
): Promise<PaymentOrder | undefined> {
  const [order] = await database.db.select().from(paymentsOrders).where(eq(paymentsOrders.outTradeNo, outTradeNo));
  if (!order || (order.state !== 'pending' && order.state !== 'unknown')) return order;
  const channel = await deps.channelOf(order.channel);
  if (!channel) return order;
  const after = await askChannelAbout(database, deps.clock, channel, order);
  if (after.state !== 'pending') return after;
  return closePayment(
    database,
    { clock: deps.clock, client: channel.client, merchantId: channel.merchantId },
    order.id,
  );
}
