// The worker: delivers outbox events, applies inbound webhooks, and runs the scheduled ticks and
// the every-few-minutes sweeps when this process is the leader. It runs in the server process by
// default (`zulin serve`), or alone (`zulin worker`). Stopping it lets the tick or sweep under way
// finish; the ones after it in the pass wait for the next start (ticks run once per date, sweeps
// whenever due), so a stop takes one job's time, not a whole pass's.
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
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
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
    this.#loop = this.#run();
  }

  /** Finishes the tick or sweep under way, then stops. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#stopping = true;
    this.#wake?.();
    await this.#loop;
    this.#stopping = false; // a direct runOnce() afterwards (tests, the CLI) runs everything due
    await this.leader.release();
  }

  /** One pass of everything: used by the loop, and by tests and the CLI directly. */
  async runOnce(): Promise<{ busy: boolean }> {
    const outbox = await this.#dispatcher.runOnce();
    const inbox = await this.#inbox.runOnce();
    const nowMs = this.#ctx.clock.now().getTime();
    if (nowMs - this.#lastScheduleCheckMs >= scheduleCheckMs) {
      this.#lastScheduleCheckMs = nowMs;
      if (await this.leader.acquire()) {
        await this.runDueTicks();
        await this.runDueSweeps();
      }
    }
    return { busy: outbox.fannedOut + outbox.delivered + inbox.processed > 0 };
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

  async #run(): Promise<void> {
    while (this.#running) {
      let busy = false;
      try {
        ({ busy } = await this.runOnce());
      } catch (err) {
        this.#ctx.logger.error({ err }, 'worker pass failed');
      }
      if (!this.#running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, busy ? busyPollMs : idlePollMs);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
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
