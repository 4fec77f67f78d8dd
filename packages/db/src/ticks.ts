// Scheduled work as named, idempotent "ticks", each run for one business date. A run is recorded
// in tick_runs: a tick already done for a date is not done again, a failed or interrupted one
// resumes from the progress it saved, and any date can be run on demand (CLI, tests, simulator).
import { assert, type BusinessDate, type Clock, isBusinessDate } from '@zulin/kernel';
import { and, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows, type Tx, transaction } from './database';
import { errorText } from './outbox';
import { sweepRuns, tickRuns } from './schema';

export interface TickContext {
  db: Executor;
  clock: Clock;
  businessDate: BusinessDate;
  /** Progress saved by an earlier, interrupted run of the same tick and date. */
  progress: unknown;
  /** Saves progress inside the caller's transaction, so it commits with the work it describes. */
  saveProgress(tx: Executor, progress: unknown): Promise<void>;
}

export interface TickDefinition {
  /** Stable name, e.g. `rental.billing`. */
  name: string;
  description: string;
  /** Local time of day (operator's time zone) from which the scheduler runs it, `HH:MM`. */
  runAt: string;
  run(ctx: TickContext): Promise<Record<string, unknown>>;
}

/**
 * Work that must happen within minutes, not once a day (releasing lapsed holds and reservations):
 * set-based and idempotent like a tick, run by the leader's worker every `everySeconds` (at least
 * 30). Unlike a tick it keeps no record per date: running it twice in a row finds nothing the
 * second time.
 */
export interface SweepDefinition {
  /** Stable name, e.g. `ledger.expire_pending`. */
  name: string;
  description: string;
  everySeconds: number;
  run(ctx: { db: Executor; clock: Clock }): Promise<Record<string, unknown>>;
}

export type TickOutcome =
  | { status: 'done'; result: Record<string, unknown> }
  | { status: 'already_done'; result: unknown }
  | { status: 'busy' };

// A run whose heartbeat is older than this is considered dead and may be taken over.
const leaseMs = 10 * 60 * 1000;

export async function runTick(
  db: Executor,
  clock: Clock,
  tick: TickDefinition,
  businessDate: BusinessDate,
  options: { force?: boolean } = {},
): Promise<TickOutcome> {
  assert(isBusinessDate(businessDate), 'the caller validated the business date');
  const now = clock.now();
  const staleBefore = new Date(now.getTime() - leaseMs);
  // Claim the (tick, date) pair: new, failed, stale, or done when forced.
  const claimed = await queryRows<{ progress: unknown }>(
    db,
    sql`insert into ${tickRuns} (name, business_date, status, attempts, started_at, heartbeat_at)
        values (${tick.name}, ${businessDate}, 'running', 1, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)
        on conflict (name, business_date) do update
          set status = 'running', attempts = ${tickRuns.attempts} + 1, heartbeat_at = excluded.heartbeat_at,
              started_at = excluded.started_at, finished_at = null, last_error = null,
              progress = case when ${tickRuns.status} = 'done' then null else ${tickRuns.progress} end
          where ${tickRuns.status} = 'failed'
             or (${tickRuns.status} = 'running' and ${tickRuns.heartbeatAt} < ${staleBefore.toISOString()}::timestamptz)
             or (${tickRuns.status} = 'done' and ${options.force === true})
        returning progress`,
  );
  const key = and(eq(tickRuns.name, tick.name), eq(tickRuns.businessDate, businessDate));
  if (claimed.length === 0) {
    const [existing] = await db.select().from(tickRuns).where(key);
    assert(existing, 'an unclaimed tick run exists');
    return existing.status === 'done' ? { status: 'already_done', result: existing.result } : { status: 'busy' };
  }
  const ctx: TickContext = {
    db,
    clock,
    businessDate,
    progress: claimed[0]?.progress ?? null,
    async saveProgress(tx, progress) {
      await tx.update(tickRuns).set({ progress, heartbeatAt: clock.now() }).where(key);
    },
  };
  try {
    const result = await tick.run(ctx);
    await db.update(tickRuns).set({ status: 'done', result, finishedAt: clock.now() }).where(key);
    return { status: 'done', result };
  } catch (error) {
    await db
      .update(tickRuns)
      .set({ status: 'failed', lastError: errorText(error), finishedAt: clock.now() })
      .where(key);
    throw error;
  }
}

/**
 * Runs a sweep once and records it in sweep_runs (one row per sweep: its last run), so that the
 * operations pages show when it last ran, how it ended and when it runs next. Rethrows a failure
 * after recording it.
 */
export async function runSweep(db: Executor, clock: Clock, sweep: SweepDefinition): Promise<Record<string, unknown>> {
  const startedAt = clock.now();
  await db
    .insert(sweepRuns)
    .values({ name: sweep.name, status: 'running', runs: 1, startedAt })
    .onConflictDoUpdate({
      target: sweepRuns.name,
      set: { status: 'running', runs: sql`${sweepRuns.runs} + 1`, startedAt, finishedAt: null, lastError: null },
    });
  const key = eq(sweepRuns.name, sweep.name);
  try {
    const result = await sweep.run({ db, clock });
    await db.update(sweepRuns).set({ status: 'done', result, finishedAt: clock.now() }).where(key);
    return result;
  } catch (error) {
    await db
      .update(sweepRuns)
      .set({ status: 'failed', lastError: errorText(error), finishedAt: clock.now() })
      .where(key);
    throw error;
  }
}

export interface TickRunRecord {
  name: string;
  businessDate: string;
  status: string;
  attempts: number;
  lastError: string | null;
  finishedAt: Date | null;
}

export async function recentTickRuns(db: Executor, limit: number): Promise<TickRunRecord[]> {
  return db
    .select({
      name: tickRuns.name,
      businessDate: tickRuns.businessDate,
      status: tickRuns.status,
      attempts: tickRuns.attempts,
      lastError: tickRuns.lastError,
      finishedAt: tickRuns.finishedAt,
    })
    .from(tickRuns)
    .orderBy(sql`${tickRuns.startedAt} desc`)
    .limit(limit);
}

export type { Tx };

/**
 * Runs a set-based step in its own transaction, batch after batch, until a batch comes back smaller
 * than `batchSize` (nothing more to do) or `maxBatches` ran (the next run continues). Returns how
 * many rows the batches handled. For ticks and sweeps: bounded, and no transaction grows with the
 * backlog.
 */
export async function inBatches(
  db: Executor,
  options: { batchSize: number; maxBatches: number },
  step: (tx: Executor) => Promise<number>,
): Promise<number> {
  assert(options.batchSize >= 1 && options.maxBatches >= 1, 'batches are at least one row, at least one batch');
  let done = 0;
  for (let batch = 0; batch < options.maxBatches; batch++) {
    const n = await transaction(db, step);
    done += n;
    if (n < options.batchSize) break;
  }
  return done;
}
