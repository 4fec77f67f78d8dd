// The sandbox's test clock (API.md, sandbox only): `POST /v1/sandbox/clock {"advanceDays": n}` moves
// the clock every module reads (ctx.clock) forward one day at a time and, for each new day, runs
// every sweep once and then every tick for that business date in the order of their `runAt` — as
// the worker would have, had the days really passed — like a payment provider's test clocks.
// Each tick keeps its own record per date (tick_runs), so a tick the worker already ran for a date
// is not run twice. The new offset is stored (sandbox_clock) in the command's transaction with the
// answer, so every process and a restart read the same business date.
import {
  readClockOffset,
  runSweep,
  runTick,
  type SweepDefinition,
  saveClockOffset,
  type TickDefinition,
} from '@zulin/db';
import { type BusinessDate, type Clock, isMovableClock, OffsetClock, today } from '@zulin/kernel';
import { Type } from 'typebox';
import { command } from './command';
import type { AppContext, ServerModule, ZulinApp } from './context';
import { localTimeOfDay } from './worker';

const DAY_MS = 86_400_000;
/** One request moves the clock at most this many days (a year and a day). */
export const sandboxClockDaysMax = 366;

export interface ClockDay {
  businessDate: BusinessDate;
  sweeps: { name: string; result: Record<string, unknown> }[];
  ticks: { name: string; status: string }[];
}

/** Moves the clock `days` days forward, running what falls due each day; stops at the first failure. */
export async function advanceSandboxClock(
  ctx: AppContext,
  schedule: { ticks: readonly TickDefinition[]; sweeps: readonly SweepDefinition[] },
  days: number,
): Promise<{ days: ClockDay[]; failed: { name: string; businessDate: BusinessDate; error: string } | null }> {
  const { clock } = ctx;
  if (!isMovableClock(clock)) throw new Error('the sandbox clock needs a movable clock (OffsetClock)');
  const ticks = [...schedule.ticks].sort((a, b) => a.runAt.localeCompare(b.runAt) || a.name.localeCompare(b.name));
  const report: ClockDay[] = [];
  for (let day = 0; day < days; day++) {
    clock.advance(DAY_MS);
    const businessDate = today(clock, ctx.config.timeZone);
    const entry: ClockDay = { businessDate, sweeps: [], ticks: [] };
    report.push(entry);
    let current = '';
    try {
      for (const sweep of schedule.sweeps) {
        current = sweep.name;
        entry.sweeps.push({ name: sweep.name, result: await runSweep(ctx.database.db, clock, sweep) });
      }
      const localTime = localTimeOfDay(clock.now(), ctx.config.timeZone);
      for (const tick of ticks) {
        current = tick.name;
        try {
          const outcome = await runTick(ctx.database.db, clock, tick, businessDate);
          entry.ticks.push({ name: tick.name, status: outcome.status });
        } catch (error) {
          // Run before its time of day (the clock moves whole days from the hour it is moved at), a
          // tick that fails is not due yet rather than failed — e.g. the channels' statements of the
          // day before are out from 10:00. It stays not done for the date; the worker runs it at its hour.
          if (localTime >= tick.runAt) throw error;
          entry.ticks.push({ name: tick.name, status: 'not_due' });
        }
      }
    } catch (error) {
      return {
        days: report,
        failed: { name: current, businessDate, error: error instanceof Error ? error.message : String(error) },
      };
    }
  }
  return { days: report, failed: null };
}

export function registerSandboxClock(app: ZulinApp, ctx: AppContext, modules: readonly ServerModule[]): void {
  if (!ctx.config.sandbox) return;
  const schedule = {
    ticks: modules.flatMap((m) => m.ticks?.(ctx) ?? []),
    sweeps: modules.flatMap((m) => m.sweeps?.(ctx) ?? []),
  };
  app.post(
    '/v1/sandbox/clock',
    {
      config: { auth: { permission: 'ops.write' } },
      schema: {
        tags: ['sandbox'],
        summary: 'Move the test clock forward n days, running every sweep and tick due in between, in order',
        body: Type.Object(
          { advanceDays: Type.Integer({ minimum: 1, maximum: sandboxClockDaysMax }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            fromDate: Type.String({ format: 'date' }),
            toDate: Type.String({ format: 'date' }),
            now: Type.String({ format: 'date-time' }),
            completed: Type.Boolean({ description: 'false when a tick or sweep failed; the clock stays on that day' }),
            failed: Type.Union([
              Type.Object({ name: Type.String(), businessDate: Type.String(), error: Type.String() }),
              Type.Null(),
            ]),
            days: Type.Array(
              Type.Object({
                businessDate: Type.String({ format: 'date' }),
                sweeps: Type.Array(
                  Type.Object({ name: Type.String(), result: Type.Record(Type.String(), Type.Unknown()) }),
                ),
                ticks: Type.Array(Type.Object({ name: Type.String(), status: Type.String() })),
              }),
            ),
          }),
        },
      },
    },
    async (request, reply) => {
      const fromDate = today(ctx.clock, ctx.config.timeZone);
      const result = await advanceSandboxClock(ctx, schedule, request.body.advanceDays);
      return command(ctx, request, reply, {}, async (tx) => {
        if (ctx.clock instanceof OffsetClock) await saveClockOffset(tx, ctx.clock.offsetMs, ctx.clock.now());
        return {
          fromDate,
          toDate: today(ctx.clock, ctx.config.timeZone),
          now: ctx.clock.now().toISOString(),
          completed: result.failed === null,
          failed: result.failed,
          days: result.days,
        };
      });
    },
  );
}

/** The server's clock: in sandbox mode the wall clock moved by the stored offset, else the wall clock. */
export async function serverClock(
  db: Parameters<typeof readClockOffset>[0],
  base: Clock,
  sandbox: boolean,
): Promise<Clock> {
  return sandbox ? new OffsetClock(base, await readClockOffset(db)) : base;
}
