// Scheduled work as operators see it: every tick and sweep the modules registered, with its last
// run (business date, start, end, outcome, duration) and when it runs next.
import { type Executor, platformSchema } from '@zulin/db';
import {
  addDays,
  type BusinessDate,
  type Clock,
  encodeCursor,
  type Page,
  pageLimit,
  startOfDayInstant,
  today,
} from '@zulin/kernel';
import type { Schedule } from '@zulin/platform';
import { sql } from 'drizzle-orm';
import { numberCursor } from './cursor';

const { sweepRuns, tickRuns } = platformSchema;

export const runStatuses = tickRuns.status.enumValues;
export type RunStatus = (typeof runStatuses)[number];

export interface LastRun {
  /** The business date a tick ran for; a sweep has none. */
  businessDate: BusinessDate | null;
  status: RunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  /** Runs of this tick for this date (retries and forced runs included), or of this sweep ever. */
  attempts: number;
  result: unknown;
  lastError: string | null;
}

export interface ScheduledWork {
  /** `tick:<name>` or `sweep:<name>`. */
  id: string;
  kind: 'tick' | 'sweep';
  name: string;
  description: string;
  /** A tick's local time of day (`HH:MM`, operator's time zone). */
  runAt: string | null;
  /** A sweep's interval. */
  everySeconds: number | null;
  lastRun: LastRun | null;
  /** When the worker runs it next; in the past means at its next check (within 30 s). */
  nextDueAt: Date;
}

/** The instant a tick set for `runAt` (`HH:MM`) is due on `date` in `timeZone`. */
export function tickDueAt(date: BusinessDate, runAt: string, timeZone: string): Date {
  const [hours = 0, minutes = 0] = runAt.split(':').map(Number);
  return new Date(startOfDayInstant(date, timeZone).getTime() + (hours * 60 + minutes) * 60_000);
}

export async function listSchedule(
  db: Executor,
  deps: { clock: Clock; timeZone: string; schedule: Schedule },
  page: { limit?: number | undefined; cursor?: string | undefined },
): Promise<Page<ScheduledWork>> {
  const limit = pageLimit(page.limit);
  const offset = page.cursor ? numberCursor(page.cursor) : 0;
  const now = deps.clock.now();
  const businessDate = today(deps.clock, deps.timeZone);
  const lastTicks = await db
    .selectDistinctOn([tickRuns.name])
    .from(tickRuns)
    .orderBy(tickRuns.name, sql`${tickRuns.startedAt} desc`);
  const lastSweeps = await db.select().from(sweepRuns);
  const ticks = [...deps.schedule.ticks]
    .sort((a, b) => a.runAt.localeCompare(b.runAt) || a.name.localeCompare(b.name))
    .map((tick): ScheduledWork => {
      const run = lastTicks.find((r) => r.name === tick.name);
      // Done for today's business date: tomorrow's run is next; otherwise today's (maybe overdue).
      const doneToday = run?.businessDate === businessDate && run.status === 'done';
      return {
        id: `tick:${tick.name}`,
        kind: 'tick',
        name: tick.name,
        description: tick.description,
        runAt: tick.runAt,
        everySeconds: null,
        lastRun: run ? lastRunOf({ ...run, runs: run.attempts }) : null,
        nextDueAt: tickDueAt(doneToday ? addDays(businessDate, 1) : businessDate, tick.runAt, deps.timeZone),
      };
    });
  const sweeps = [...deps.schedule.sweeps]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((sweep): ScheduledWork => {
      const run = lastSweeps.find((r) => r.name === sweep.name);
      return {
        id: `sweep:${sweep.name}`,
        kind: 'sweep',
        name: sweep.name,
        description: sweep.description,
        runAt: null,
        everySeconds: sweep.everySeconds,
        lastRun: run ? lastRunOf({ ...run, businessDate: null }) : null,
        nextDueAt: run ? new Date(run.startedAt.getTime() + sweep.everySeconds * 1000) : now,
      };
    });
  // The list is as long as the modules' schedule (a few dozen at most): paged in memory.
  const all = [...ticks, ...sweeps];
  const data = all.slice(offset, offset + limit);
  return { data, nextCursor: offset + limit < all.length ? encodeCursor([offset + limit]) : null };
}

function lastRunOf(run: {
  businessDate: string | null;
  status: RunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  runs: number;
  result: unknown;
  lastError: string | null;
}): LastRun {
  return {
    businessDate: run.businessDate,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    durationMs: run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
    attempts: run.runs,
    result: run.result,
    lastError: run.lastError,
  };
}
