// The circuit breaker of each payment channel, shared by every process through the database
// (`payments_channel_breakers`), and the retries of one call. A call whose answer is `unknown`
// (a 5xx, a refused connection, a timeout, an answer that does not verify) is a failure of the
// channel; an answer — even a refusal such as "not enough balance" — is a success. After
// `channelBreakerFailureThreshold` failed calls in a row (by any process) the breaker opens: for
// `channelBreakerCoolDownSeconds` no call reaches the channel and each is answered `unknown`
// ("the channel is unavailable"), which every caller already treats as "ask again later". After the
// cool-down one process claims the single trial call (half-open, a lease in the row): its success
// closes the breaker, its failure opens it for another cool-down. Customers are refused before
// anything is recorded (`assertChannelAvailable`, 503 PAYMENTS_CHANNEL_UNAVAILABLE) while it is open.
//
// Retries: every call our clients make is a read or carries the channel's idempotency number
// (out_trade_no, out_refund_no, out_request_no, out_order_no), so repeating it cannot do the thing
// twice. A call answered 5xx or not connected is repeated up to `channelCallAttempts` times with
// exponential backoff and jitter; a timeout is not (the time is spent, the janitor asks later), nor
// is an answer that does not verify (a key problem does not fix itself in 100 ms).
import type { Database, Executor } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { ChannelCall } from './channel-clients';
import { PaymentsErrors } from './errors';
import { PaymentsLimits } from './limits';
import { type PaymentChannelName, paymentsChannelBreakers } from './schema';

export type ChannelBreakerState = 'closed' | 'open' | 'half_open';

export interface ChannelBreakerView {
  channel: PaymentChannelName;
  state: ChannelBreakerState;
  consecutiveFailures: number;
  openedAt: Date | null;
  /** Whole seconds until a trial call may go through; 0 unless open. */
  retryAfterSeconds: number;
  lastFailure: string | null;
}

/** Wraps one channel call: the breaker, then the attempts with backoff. */
export type ChannelGuard = <T>(call: () => Promise<ChannelCall<T>>) => Promise<ChannelCall<T>>;

/** The reason of an `unknown` answered without calling the channel. */
export const BREAKER_OPEN_REASON = 'circuit breaker open';

const coolDownMs = () => PaymentsLimits.channelBreakerCoolDownSeconds * 1000;

/** The breaker of a channel as it stands now. */
export async function readChannelBreaker(
  db: Executor,
  clock: Clock,
  channel: PaymentChannelName,
): Promise<ChannelBreakerView> {
  const [row] = await db.select().from(paymentsChannelBreakers).where(eq(paymentsChannelBreakers.channel, channel));
  if (!row || row.openedAt === null) {
    return {
      channel,
      state: 'closed',
      consecutiveFailures: row?.consecutiveFailures ?? 0,
      openedAt: null,
      retryAfterSeconds: 0,
      lastFailure: row?.lastFailure ?? null,
    };
  }
  const remainingMs = row.openedAt.getTime() + coolDownMs() - clock.now().getTime();
  return {
    channel,
    state: remainingMs > 0 ? 'open' : 'half_open',
    consecutiveFailures: row.consecutiveFailures,
    openedAt: row.openedAt,
    retryAfterSeconds: remainingMs > 0 ? Math.ceil(remainingMs / 1000) : 0,
    lastFailure: row.lastFailure,
  };
}

/**
 * Refuses a new payment at a channel whose breaker is open (503, `Retry-After`), before anything is
 * recorded; half-open lets it through (its submission may be the trial call).
 */
export async function assertChannelAvailable(db: Executor, clock: Clock, channel: PaymentChannelName): Promise<void> {
  const breaker = await readChannelBreaker(db, clock, channel);
  if (breaker.state !== 'open') return;
  throw PaymentsErrors.PAYMENTS_CHANNEL_UNAVAILABLE({
    detail: `${channel} failed ${breaker.consecutiveFailures} times in a row; try again in ${breaker.retryAfterSeconds} s or choose another way to pay.`,
    headers: { 'retry-after': String(breaker.retryAfterSeconds) },
  });
}

/**
 * Admits a call: closed → yes (`clean` when no failure is counted, so a success has nothing to
 * reset); open → no; half-open → yes for the one process that claims the trial.
 */
async function admit(
  db: Executor,
  now: Date,
  channel: PaymentChannelName,
): Promise<'clean' | 'call' | 'trial' | 'refused'> {
  const [row] = await db.select().from(paymentsChannelBreakers).where(eq(paymentsChannelBreakers.channel, channel));
  if (!row || row.consecutiveFailures === 0) return 'clean';
  if (row.openedAt === null) return 'call';
  if (row.openedAt.getTime() + coolDownMs() > now.getTime()) return 'refused';
  const leaseExpired = new Date(now.getTime() - PaymentsLimits.channelBreakerTrialLeaseSeconds * 1000);
  const claimed = await db
    .update(paymentsChannelBreakers)
    .set({ trialStartedAt: now, updatedAt: now })
    .where(
      and(
        eq(paymentsChannelBreakers.channel, channel),
        eq(paymentsChannelBreakers.openedAt, row.openedAt),
        or(isNull(paymentsChannelBreakers.trialStartedAt), lt(paymentsChannelBreakers.trialStartedAt, leaseExpired)),
      ),
    )
    .returning({ channel: paymentsChannelBreakers.channel });
  return claimed.length === 1 ? 'trial' : 'refused';
}

async function recordSuccess(db: Executor, now: Date, channel: PaymentChannelName): Promise<void> {
  await db
    .update(paymentsChannelBreakers)
    .set({ consecutiveFailures: 0, openedAt: null, trialStartedAt: null, updatedAt: now })
    .where(and(eq(paymentsChannelBreakers.channel, channel), sql`${paymentsChannelBreakers.consecutiveFailures} > 0`));
}

async function recordFailure(
  db: Executor,
  now: Date,
  channel: PaymentChannelName,
  trial: boolean,
  reason: string,
): Promise<void> {
  const threshold = PaymentsLimits.channelBreakerFailureThreshold;
  const failures = sql`${paymentsChannelBreakers.consecutiveFailures} + 1`;
  await db
    .insert(paymentsChannelBreakers)
    .values({
      channel,
      consecutiveFailures: 1,
      openedAt: trial || threshold <= 1 ? now : null,
      trialStartedAt: null,
      lastFailure: reason.slice(0, 200),
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: paymentsChannelBreakers.channel,
      set: {
        consecutiveFailures: failures,
        // A failed trial opens it again for a whole cool-down; the threshold reached opens a closed one;
        // an open one keeps the instant it opened.
        openedAt: trial
          ? sql`${now.toISOString()}::timestamptz`
          : sql`case when ${paymentsChannelBreakers.openedAt} is null and ${failures} >= ${threshold} then ${now.toISOString()}::timestamptz else ${paymentsChannelBreakers.openedAt} end`,
        trialStartedAt: null,
        lastFailure: reason.slice(0, 200),
        updatedAt: now,
      },
    });
}

/** Whether an `unknown` answer may be asked again at once: a 5xx or no connection, not a timeout or a bad signature. */
export function isRetryableReason(reason: string): boolean {
  if (reason === 'TimeoutError' || reason === 'AbortError') return false;
  if (reason === BREAKER_OPEN_REASON) return false;
  if (reason.includes('signature')) return false;
  return true;
}

/** Backoff before attempt `attempt` (2, 3, …): half fixed, half random, doubling, capped. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(
    PaymentsLimits.channelRetryMaxDelayMs,
    PaymentsLimits.channelRetryBaseDelayMs * 2 ** Math.max(0, attempt - 2),
  );
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** The guard of one channel's calls in this installation. */
export function channelGuard(
  database: Database,
  clock: Clock,
  channel: PaymentChannelName,
  options: { sleep?: (ms: number) => Promise<void> } = {},
): ChannelGuard {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return async <T>(call: () => Promise<ChannelCall<T>>): Promise<ChannelCall<T>> => {
    const admitted = await admit(database.db, clock.now(), channel);
    if (admitted === 'refused') return { outcome: 'unknown', reason: BREAKER_OPEN_REASON };
    const trial = admitted === 'trial';
    // The trial is one attempt: it only asks whether the channel is back.
    const attempts = trial ? 1 : PaymentsLimits.channelCallAttempts;
    let answer = await call();
    for (let attempt = 2; attempt <= attempts; attempt++) {
      if (answer.outcome !== 'unknown' || !isRetryableReason(answer.reason)) break;
      await sleep(retryDelayMs(attempt));
      answer = await call();
    }
    if (answer.outcome === 'unknown') await recordFailure(database.db, clock.now(), channel, trial, answer.reason);
    else if (admitted !== 'clean') await recordSuccess(database.db, clock.now(), channel);
    return answer;
  };
}
