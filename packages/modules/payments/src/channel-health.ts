// Channel health, as finance and operations read it on one screen: is the channel configured, is its
// circuit breaker open, how did the last 24 hours of payments at it end, are payments waiting for an
// answer, are callbacks stuck in the inbox, and did the last reconciliation find differences. Each
// finding that asks for a person is named (`attention`), so the screen says why, not only a colour.
import { type Executor, platformSchema } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { channelClearingAccount, listTransfers } from '@zulin/ledger';
import type { AdapterStatus } from '@zulin/platform';
import { and, desc, eq, gte, sql } from 'drizzle-orm';
import { type ChannelBreakerView, readChannelBreaker } from './channel-breakers';
import { PaymentsLimits } from './limits';
import { type PaymentChannelName, paymentChannels, paymentsOrders, paymentsReconciliationRuns } from './schema';

const { inbox } = platformSchema;

export type ChannelMode = AdapterStatus['mode'];

/**
 * The channels' answers that refuse a payment because of the payer, not the channel: not enough
 * balance, the payer's own limits, an account the payer's bank or wallet has frozen. Such a failure
 * is the customer's; the channel did its work, so it does not lower the channel's success rate (the
 * auto-debit retries of a customer short of money would otherwise page finance about a healthy
 * channel). Codes from WeChat Pay v3's and Alipay's published error lists; a failure recorded
 * without a code (`channel_failed`: WeChat's PAYERROR "支付失败，如银行返回失败", `not_at_channel`) stays
 * the channel's.
 */
export const payerRefusalCodes: ReadonlySet<string> = new Set([
  // WeChat Pay v3
  'NOT_ENOUGH',
  'PAYER_ACCOUNT_ABNORMAL',
  // Alipay
  'ACQ.BUYER_BALANCE_NOT_ENOUGH',
  'ACQ.BUYER_BANKCARD_BALANCE_NOT_ENOUGH',
  'ACQ.BUYER_PAYMENT_AMOUNT_DAY_LIMIT_ERROR',
  'ACQ.BUYER_PAYMENT_AMOUNT_MONTH_LIMIT_ERROR',
  'ACQ.BUYER_ENABLE_STATUS_FORBID',
  'ACQ.ERROR_BUYER_CERTIFY_LEVEL_LIMIT',
  'ACQ.PAYMENT_AUTH_CODE_INVALID',
]);

/** Whose failure a payment's recorded `failureReason` ("<code> <message>") is. */
export function failureSideOf(reason: string | null): 'payer' | 'channel' {
  const code = reason?.split(' ', 1)[0] ?? '';
  return payerRefusalCodes.has(code) ? 'payer' : 'channel';
}

/** Why a channel asks for a person, most serious first. */
export const channelAttentionReasons = [
  'unconfigured',
  'breaker_open',
  'breaker_half_open',
  'failing_calls',
  'low_success_rate',
  'unknown_payments',
  'dead_callbacks',
  'reconciliation_mismatches',
  'suspense_parked',
] as const;
export type ChannelAttention = (typeof channelAttentionReasons)[number];

export interface ChannelHealth {
  channel: PaymentChannelName;
  mode: ChannelMode;
  /** `down`: no new payment can be taken there now; `attention`: it works, someone should look; `ok`. */
  status: 'ok' | 'attention' | 'down';
  attention: ChannelAttention[];
  breaker: ChannelBreakerView;
  /** Payment orders created at the channel in the last `channelHealthWindowHours`, by how they stand now. */
  window: {
    from: Date;
    created: number;
    succeeded: number;
    failed: number;
    /** Of `failed`, refused because of the payer (`payerRefusalCodes`): not the channel's failures. */
    refusedByPayer: number;
    /** Closed before paying: abandoned by the customer or timed out on our side. */
    closed: number;
    /** Still `created`, `pending` or `unknown`. */
    open: number;
    succeededMinor: number;
    /**
     * succeeded ÷ (succeeded + failed − refusedByPayer), whole percent; null before anything has ended
     * either way at the channel.
     */
    successRatePct: number | null;
    /** The channel's most frequent failure reasons in the window, each with whose failure it is. */
    topFailures: { reason: string; count: number; side: 'payer' | 'channel' }[];
  };
  /** Payments whose outcome the channel has not told us (a timeout or a 5xx): the janitor asks again. */
  unknownNow: number;
  lastSucceededAt: Date | null;
  /** The channel's callbacks in the webhook inbox that wait for a retry, or gave up (`dead`). */
  callbacks: { pending: number; dead: number };
  lastReconciliation: { runId: string; businessDate: string; mismatchCount: number; createdAt: Date } | null;
  /**
   * Money the channel took that we could not apply, parked in suspense (1900) in the last
   * `suspenseAlertDays` — the alert that asks a person to find whose it is: how many (at most 100
   * counted), how much, and the newest with their trade numbers.
   */
  suspense: {
    from: Date;
    count: number;
    amountMinor: number;
    recent: { outTradeNo: string; channelTradeNo: string; amountMinor: number; parkedAt: Date }[];
  };
}

/** The health of every channel; `adapters` is what /readyz says of them (`payments.<channel>`). */
export async function readChannelHealth(
  db: Executor,
  clock: Clock,
  adapters: readonly AdapterStatus[],
): Promise<ChannelHealth[]> {
  const now = clock.now();
  const from = new Date(now.getTime() - PaymentsLimits.channelHealthWindowHours * 3_600_000);
  const modes = new Map(adapters.map((a) => [a.name, a.mode]));
  return Promise.all(
    paymentChannels.map((channel) =>
      channelHealth(db, clock, channel, modes.get(`payments.${channel}`) ?? 'unconfigured', from),
    ),
  );
}

async function channelHealth(
  db: Executor,
  clock: Clock,
  channel: PaymentChannelName,
  mode: ChannelMode,
  from: Date,
): Promise<ChannelHealth> {
  const inWindow = and(eq(paymentsOrders.channel, channel), gte(paymentsOrders.createdAt, from));
  const [breaker, [counts], failures, [unknown], [lastSucceeded], [callbacks], [run]] = await Promise.all([
    readChannelBreaker(db, clock, channel),
    db
      .select({
        created: sql<number>`count(*)::int`,
        succeeded: sql<number>`(count(*) filter (where ${paymentsOrders.state} = 'succeeded'))::int`,
        failed: sql<number>`(count(*) filter (where ${paymentsOrders.state} = 'failed'))::int`,
        closed: sql<number>`(count(*) filter (where ${paymentsOrders.state} = 'closed'))::int`,
        succeededMinor: sql<string>`coalesce(sum(${paymentsOrders.amountMinor}) filter (where ${paymentsOrders.state} = 'succeeded'), 0)`,
      })
      .from(paymentsOrders)
      .where(inWindow),
    db
      .select({ reason: paymentsOrders.failureReason, count: sql<number>`count(*)::int` })
      .from(paymentsOrders)
      .where(and(inWindow, eq(paymentsOrders.state, 'failed')))
      // Every reason (a handful at most: codes and our own tokens), so that payer refusals are counted
      // in full, not only among the top ones.
      .groupBy(paymentsOrders.failureReason)
      .orderBy(desc(sql`count(*)`), paymentsOrders.failureReason),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(paymentsOrders)
      .where(and(eq(paymentsOrders.state, 'unknown'), eq(paymentsOrders.channel, channel))),
    db
      .select({ at: paymentsOrders.completedAt })
      .from(paymentsOrders)
      .where(and(eq(paymentsOrders.channel, channel), eq(paymentsOrders.state, 'succeeded')))
      .orderBy(desc(paymentsOrders.createdAt))
      .limit(1),
    db
      .select({
        pending: sql<number>`(count(*) filter (where ${inbox.status} = 'pending'))::int`,
        dead: sql<number>`(count(*) filter (where ${inbox.status} = 'dead'))::int`,
      })
      .from(inbox)
      .where(and(eq(inbox.provider, channel), sql`${inbox.status} <> 'processed'`)),
    db
      .select()
      .from(paymentsReconciliationRuns)
      .where(eq(paymentsReconciliationRuns.channel, channel))
      .orderBy(desc(paymentsReconciliationRuns.createdAt), desc(paymentsReconciliationRuns.id))
      .limit(1),
  ]);
  const succeeded = counts?.succeeded ?? 0;
  const failed = counts?.failed ?? 0;
  const closed = counts?.closed ?? 0;
  const created = counts?.created ?? 0;
  const sided = failures.map((f) => ({ reason: f.reason ?? '', count: f.count, side: failureSideOf(f.reason) }));
  const refusedByPayer = sided.filter((f) => f.side === 'payer').reduce((sum, f) => sum + f.count, 0);
  const ended = succeeded + failed - refusedByPayer;
  const window: ChannelHealth['window'] = {
    from,
    created,
    succeeded,
    failed,
    refusedByPayer,
    closed,
    open: created - succeeded - failed - closed,
    succeededMinor: Number(counts?.succeededMinor ?? 0),
    successRatePct: ended === 0 ? null : Math.floor((succeeded * 100) / ended),
    topFailures: sided.slice(0, PaymentsLimits.channelHealthTopFailures),
  };
  const health = {
    breaker,
    mode,
    window,
    suspense: await parkedInSuspense(db, clock, channel),
    unknownNow: unknown?.n ?? 0,
    callbacks: { pending: callbacks?.pending ?? 0, dead: callbacks?.dead ?? 0 },
    lastReconciliation:
      run === undefined
        ? null
        : { runId: run.id, businessDate: run.businessDate, mismatchCount: run.mismatchCount, createdAt: run.createdAt },
  };
  const attention = attentionOf(health);
  return {
    channel,
    status: attention.some((a) => a === 'unconfigured' || a === 'breaker_open')
      ? 'down'
      : attention.length > 0
        ? 'attention'
        : 'ok',
    attention,
    ...health,
    lastSucceededAt: lastSucceeded?.at ?? null,
  };
}

/** Payments parked in suspense at the channel lately (`payments.unmatched_payment`, clearing → suspense). */
async function parkedInSuspense(db: Executor, clock: Clock, channel: PaymentChannelName) {
  const from = new Date(clock.now().getTime() - PaymentsLimits.suspenseAlertDays * 86_400_000);
  const clearing = await channelClearingAccount(db, clock, channel);
  const parked = (
    await listTransfers(db, { accountId: clearing.id, code: 'payments.unmatched_payment', from, limit: 100 })
  ).data.filter((t) => t.debitAccountId === clearing.id);
  return {
    from,
    count: parked.length,
    amountMinor: parked.reduce((sum, t) => sum + t.amountMinor, 0),
    recent: parked.slice(0, PaymentsLimits.suspenseAlertListed).map((t) => ({
      outTradeNo: t.reference ?? '',
      channelTradeNo: String(t.metadata.channelTradeNo ?? ''),
      amountMinor: t.amountMinor,
      parkedAt: t.recordedAt,
    })),
  };
}

/** The findings that ask for a person; each is a rule of docs/payments.md "Channel health". */
export function attentionOf(health: {
  mode: ChannelMode;
  breaker: Pick<ChannelBreakerView, 'state' | 'consecutiveFailures'>;
  window: Pick<ChannelHealth['window'], 'succeeded' | 'failed' | 'refusedByPayer'>;
  unknownNow: number;
  callbacks: { dead: number };
  lastReconciliation: { mismatchCount: number } | null;
  suspense?: { count: number };
}): ChannelAttention[] {
  const found: ChannelAttention[] = [];
  if (health.mode === 'unconfigured') found.push('unconfigured');
  if (health.breaker.state === 'open') found.push('breaker_open');
  if (health.breaker.state === 'half_open') found.push('breaker_half_open');
  if (health.breaker.state === 'closed' && health.breaker.consecutiveFailures > 0) found.push('failing_calls');
  // The payer's refusals are not the channel's failures (`payerRefusalCodes`).
  const ended = health.window.succeeded + health.window.failed - health.window.refusedByPayer;
  if (
    ended >= PaymentsLimits.channelHealthMinEnded &&
    health.window.succeeded * 100 < PaymentsLimits.channelHealthMinSuccessPct * ended
  ) {
    found.push('low_success_rate');
  }
  if (health.unknownNow > 0) found.push('unknown_payments');
  if (health.callbacks.dead > 0) found.push('dead_callbacks');
  if ((health.lastReconciliation?.mismatchCount ?? 0) > 0) found.push('reconciliation_mismatches');
  if ((health.suspense?.count ?? 0) > 0) found.push('suspense_parked');
  return found;
}
