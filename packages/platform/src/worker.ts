// The worker: delivers outbox events, applies inbound webhooks, and runs the scheduled ticks and
// the every-few-minutes sweeps when this process is the leader. It runs in the server process by
// default (`zulin serve`), or alone (`zulin worker`). Stopping it lets the tick or sweep under way
// finish; the ones after it in the pass wait for the next start (ticks run once per date, sweeps
// whenever due), so a stop takes one job's time, not a whole pass's.
//
// Delivery and the schedule are two loops: events and webhooks keep flowing while a tick or sweep
// runs. In one loop a start's catch-up (31 evidence roots, the channels' statements: a minute and
// more on a loaded machine) held every notification and evidence entry behind it (the crash test's
// outbox, 6 December 2026: 121 deliveries not tried for 2 minutes after a restart).
import {
  InboxProcessor,
  LeaderElection,
  OutboxDispatcher,
  recordHalt,
  runSweep,
  runTick,
  type SweepDefinition,
  type TickDefinition,
} from '@zulin/db';
import { assert, type BusinessDate, InvariantBroken, today } from '@zulin/kernel';
import type { AppContext, ServerModule } from './context';

const busyPollMs = 100;
const idlePollMs = 1000;
const scheduleCheckMs = 30_000;

export class Worker {
  readonly #ctx: AppContext;
  readonly #dispatcher: OutboxDispatcher;
  readonly #inbox: InboxProcessor;
  readonly #ticks: readonly TickDefinition[];
  readonly #sweeps: readonly SweepDefinition[];
  readonly #sweptAtMs = new Map<string, number>();
  readonly leader: LeaderElection;
  #running = false;
  #stopping = false;
  #loops: Promise<void>[] = [];
  readonly #wakes = new Set<() => void>();
  #lastScheduleCheckMs = 0;

  constructor(ctx: AppContext, modules: readonly ServerModule[]) {
    this.#ctx = ctx;
    const log = ctx.logger.child({ component: 'worker' });
    this.#dispatcher = new OutboxDispatcher({
      db: ctx.database.db,
      clock: ctx.clock,
      subscribers: modules.flatMap((m) => m.subscribers?.(ctx) ?? []),
      onError: (err, delivery) => {
        log.warn({ err, ...delivery }, 'outbox delivery failed');
        void this.#haltOn(err);
      },
    });
    this.#inbox = new InboxProcessor({
      db: ctx.database.db,
      clock: ctx.clock,
      handlers: Object.assign({}, ...modules.map((m) => m.inboxHandlers?.(ctx) ?? {})),
    });
    this.#ticks = modules.flatMap((m) => m.ticks?.(ctx) ?? []);
    this.#sweeps = modules.flatMap((m) => m.sweeps?.(ctx) ?? []);
    for (const sweep of this.#sweeps) {
      assert(sweep.everySeconds >= scheduleCheckMs / 1000, `sweep ${sweep.name} runs at most every 30 s`);
    }
    this.leader = new LeaderElection(ctx.database);
  }

  get ticks(): readonly TickDefinition[] {
    return this.#ticks;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loops = [
      this.#every(
        () => this.deliverOnce(),
        (busy) => (busy ? busyPollMs : idlePollMs),
        'worker delivery pass failed',
      ),
      this.#every(
        () => this.#scheduleIfDue(),
        () => scheduleCheckMs,
        'worker schedule pass failed',
      ),
    ];
  }

  /** Finishes the tick or sweep under way, then stops. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#stopping = true;
    for (const wake of this.#wakes) wake();
    await Promise.all(this.#loops);
    this.#loops = [];
    this.#stopping = false; // a direct runOnce() afterwards (tests, the CLI) runs everything due
    await this.leader.release();
  }

  /** One pass of everything, one after the other: used by tests and the CLI directly. */
  async runOnce(): Promise<{ busy: boolean }> {
    const busy = await this.deliverOnce();
    await this.#scheduleIfDue();
    return { busy };
  }

  /** One pass of the outbox and the inbox; true when it found work (the loop then comes back sooner). */
  async deliverOnce(): Promise<boolean> {
    const outbox = await this.#dispatcher.runOnce();
    const inbox = await this.#inbox.runOnce();
    return outbox.fannedOut + outbox.delivered + inbox.processed > 0;
  }

  /** The due ticks and sweeps, at most once per scheduleCheckMs, when this process leads. */
  async #scheduleIfDue(): Promise<boolean> {
    const nowMs = this.#ctx.clock.now().getTime();
    if (nowMs - this.#lastScheduleCheckMs < scheduleCheckMs) return false;
    this.#lastScheduleCheckMs = nowMs;
    if (!(await this.leader.acquire())) return false;
    await this.runDueTicks();
    await this.runDueSweeps();
    return false;
  }

  /** Runs each tick whose time of day has come and that has not run for today's business date. */
  async runDueTicks(): Promise<void> {
    const { clock, config } = this.#ctx;
    const date: BusinessDate = today(clock, config.timeZone);
    const localTime = localTimeOfDay(clock.now(), config.timeZone);
    for (const tick of this.#ticks) {
      if (this.#stopping) return;
      if (localTime < tick.runAt) continue;
      try {
        const outcome = await runTick(this.#ctx.database.db, clock, tick, date);
        if (outcome.status === 'done')
          this.#ctx.logger.info({ tick: tick.name, date, result: outcome.result }, 'tick done');
      } catch (err) {
        this.#ctx.logger.error({ err, tick: tick.name, date }, 'tick failed');
        await this.#haltOn(err);
      }
    }
  }

  /** Runs each sweep whose interval has passed since its last run in this process. */
  async runDueSweeps(): Promise<void> {
    const { clock } = this.#ctx;
    for (const sweep of this.#sweeps) {
      if (this.#stopping) return;
      const nowMs = clock.now().getTime();
      const last = this.#sweptAtMs.get(sweep.name);
      if (last !== undefined && nowMs - last < sweep.everySeconds * 1000) continue;
      this.#sweptAtMs.set(sweep.name, nowMs);
      try {
        const result = await runSweep(this.#ctx.database.db, clock, sweep);
        if (Object.values(result).some((v) => typeof v === 'number' && v > 0))
          this.#ctx.logger.info({ sweep: sweep.name, result }, 'sweep done');
      } catch (err) {
        this.#ctx.logger.error({ err, sweep: sweep.name }, 'sweep failed');
        await this.#haltOn(err);
      }
    }
  }

  /** A broken invariant found by background work halts its scope, as one found by a request does. */
  async #haltOn(err: unknown): Promise<void> {
    if (!(err instanceof InvariantBroken)) return;
    this.#ctx.logger.fatal({ err, scope: err.scope }, 'invariant broken: halting');
    await recordHalt(this.#ctx.database.db, err.scope, err.message, this.#ctx.clock.now()).catch((cause: unknown) =>
      this.#ctx.logger.fatal({ err: cause }, 'could not record the halt'),
    );
  }

  /** Runs `pass` until stopped, pausing `pauseMs(busy)` between passes (a stop cuts the pause short). */
  async #every(pass: () => Promise<boolean>, pauseMs: (busy: boolean) => number, failure: string): Promise<void> {
    while (this.#running) {
      let busy = false;
      try {
        busy = await pass();
      } catch (err) {
        this.#ctx.logger.error({ err }, failure);
      }
      if (!this.#running) break;
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.#wakes.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, pauseMs(busy));
        this.#wakes.add(wake);
      });
    }
  }
}

/** `HH:MM` in the operator's time zone, comparable as a string. */
export function localTimeOfDay(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const hour = parts.find((p) => p.type === 'hour')?.value ?? '00';
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  return `${hour}:${minute}`;
}
