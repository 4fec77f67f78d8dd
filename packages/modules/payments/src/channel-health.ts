// Channel health, as finance and operations read it on one screen: is the channel configured, is its
// circuit breaker open, how did the last 24 hours of payments at it end, are payments waiting for an
// answer, are callbacks stuck in the inbox, and did the last reconciliation find differences. Each
// finding that asks for a person is named (`attention`), so the screen says why, not only a colour.
import { type Executor, platformSchema } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import type { AdapterStatus } from '@zulin/platform';
import { and, desc, eq, gte, sql } from 'drizzle-orm';
import { type ChannelBreakerView, readChannelBreaker } from './channel-breakers';
import { PaymentsLimits } from './limits';
import { type PaymentChannelName, paymentChannels, paymentsOrders, paymentsReconciliationRuns } from './schema';

const { inbox } = platformSchema;

export type ChannelMode = AdapterStatus['mode'];

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
    /** Closed before paying: abandoned by the customer or timed out on our side. */
    closed: number;
    /** Still `created`, `pending` or `unknown`. */
    open: number;
    succeededMinor: number;
    /** succeeded ÷ (succeeded + failed), whole percent; null before anything has ended either way. */
    successRatePct: number | null;
    /** The channel's most frequent failure reasons in the window. */
    topFailures: { reason: string; count: number }[];
  };
  /** Payments whose outcome the channel has not told us (a timeout or a 5xx): the janitor asks again. */
  unknownNow: number;
  lastSucceededAt: Date | null;
  /** The channel's callbacks in the webhook inbox that wait for a retry, or gave up (`dead`). */
  callbacks: { pending: number; dead: number };
  lastReconciliation: { runId: string; businessDate: string; mismatchCount: number; createdAt: Date } | null;
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
  const [breaker, [counts], topFailures, [unknown], [lastSucceeded], [callbacks], [run]] = await Promise.all([
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
      .groupBy(paymentsOrders.failureReason)
      .orderBy(desc(sql`count(*)`), paymentsOrders.failureReason)
      .limit(PaymentsLimits.channelHealthTopFailures),
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
  const ended = succeeded + failed;
  const window: ChannelHealth['window'] = {
    from,
    created,
    succeeded,
    failed,
    closed,
    open: created - succeeded - failed - closed,
    succeededMinor: Number(counts?.succeededMinor ?? 0),
    successRatePct: ended === 0 ? null : Math.floor((succeeded * 100) / ended),
    topFailures: topFailures.map((f) => ({ reason: f.reason ?? '', count: f.count })),
  };
  const health = {
    breaker,
    mode,
    window,
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

/** The findings that ask for a person; each is a rule of docs/payments.md "Channel health". */
export function attentionOf(health: {
  mode: ChannelMode;
  breaker: Pick<ChannelBreakerView, 'state' | 'consecutiveFailures'>;
  window: Pick<ChannelHealth['window'], 'succeeded' | 'failed'>;
  unknownNow: number;
  callbacks: { dead: number };
  lastReconciliation: { mismatchCount: number } | null;
}): ChannelAttention[] {
  const found: ChannelAttention[] = [];
  if (health.mode === 'unconfigured') found.push('unconfigured');
  if (health.breaker.state === 'open') found.push('breaker_open');
  if (health.breaker.state === 'half_open') found.push('breaker_half_open');
  if (health.breaker.state === 'closed' && health.breaker.consecutiveFailures > 0) found.push('failing_calls');
  const ended = health.window.succeeded + health.window.failed;
  if (
    ended >= PaymentsLimits.channelHealthMinEnded &&
    health.window.succeeded * 100 < PaymentsLimits.channelHealthMinSuccessPct * ended
  ) {
    found.push('low_success_rate');
  }
  if (health.unknownNow > 0) found.push('unknown_payments');
  if (health.callbacks.dead > 0) found.push('dead_callbacks');
  if ((health.lastReconciliation?.mismatchCount ?? 0) > 0) found.push('reconciliation_mismatches');
  return found;
}
