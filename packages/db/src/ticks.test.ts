import { AdjustableClock } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { beforeEach, expect, test } from 'vitest';
import { queryRows, transaction } from './database';
import { describeDb } from './testing';
import { runSweep, runTick, type SweepDefinition, type TickDefinition } from './ticks';

// A set-based tick: charges a late fee of 500 to every overdue bill, in batches of two, saving
// its progress with each batch.
function lateFeeTick(options: { failAfterBatches?: number } = {}): TickDefinition & { batches: number } {
  const tick = {
    name: 'test.late_fees',
    description: 'late fee on overdue bills',
    runAt: '02:00',
    batches: 0,
    async run(ctx: Parameters<TickDefinition['run']>[0]) {
      let afterId = (ctx.progress as { afterId?: number } | null)?.afterId ?? 0;
      let charged = 0;
      for (let batch = 0; batch < 100; batch++) {
        const done = await transaction(ctx.db, async (tx) => {
          const rows = await queryRows<{ id: number }>(
            tx,
            sql`select id from test_bills where due_date < ${ctx.businessDate}::date and id > ${afterId} order by id limit 2`,
          );
          if (rows.length === 0) return true;
          for (const row of rows) {
            await tx.execute(sql`update test_bills set fee_minor = fee_minor + 500 where id = ${row.id}`);
            charged++;
          }
          afterId = rows.at(-1)?.id ?? afterId;
          await ctx.saveProgress(tx, { afterId });
          return false;
        });
        if (done) break;
        tick.batches++;
        if (options.failAfterBatches !== undefined && tick.batches >= options.failAfterBatches) {
          throw new Error('worker killed mid-run');
        }
      }
      return { charged };
    },
  };
  return tick;
}

describeDb('ticks', (get) => {
  const clock = new AdjustableClock('2026-03-01T18:00:00Z');
  beforeEach(async () => {
    const { db } = get().database;
    await db.execute(sql`truncate tick_runs`);
    await db.execute(sql`drop table if exists test_bills`);
    await db.execute(
      sql`create table test_bills (id serial primary key, due_date date, fee_minor int not null default 0)`,
    );
    await db.execute(sql`insert into test_bills (due_date) select date '2026-02-20' from generate_series(1, 5)`);
  });

  test('a tick run twice for one date does its work once', async () => {
    const { db } = get().database;
    const tick = lateFeeTick();
    expect(await runTick(db, clock, tick, '2026-03-02')).toEqual({ status: 'done', result: { charged: 5 } });
    expect(await runTick(db, clock, tick, '2026-03-02')).toEqual({ status: 'already_done', result: { charged: 5 } });
    const fees = await queryRows<{ total: number }>(db, sql`select sum(fee_minor)::int as total from test_bills`);
    expect(fees[0]?.total).toBe(5 * 500);
  });

  test('an interrupted run resumes from its saved progress and charges nobody twice', async () => {
    const { db } = get().database;
    await expect(runTick(db, clock, lateFeeTick({ failAfterBatches: 1 }), '2026-03-02')).rejects.toThrow('killed');
    const resumed = await runTick(db, clock, lateFeeTick(), '2026-03-02');
    expect(resumed).toEqual({ status: 'done', result: { charged: 3 } });
    const fees = await queryRows<{ fee_minor: number }>(db, sql`select fee_minor from test_bills order by id`);
    expect(fees.map((f) => f.fee_minor)).toEqual([500, 500, 500, 500, 500]);
    const [run] = await queryRows<{ attempts: number; status: string }>(
      db,
      sql`select attempts, status from tick_runs`,
    );
    expect(run).toEqual({ attempts: 2, status: 'done' });
  });

  test('a tick runs for any date on demand, each date once', async () => {
    const { db } = get().database;
    const tick = lateFeeTick();
    expect(await runTick(db, clock, tick, '2026-02-15')).toEqual({ status: 'done', result: { charged: 0 } });
    expect(await runTick(db, clock, tick, '2026-02-21')).toEqual({ status: 'done', result: { charged: 5 } });
    // Forcing a done date re-runs it: the tick itself must then be idempotent (this one is not, on purpose).
    expect(await runTick(db, clock, tick, '2026-02-21', { force: true })).toMatchObject({ status: 'done' });
  });

  test('a run in progress is not started a second time', async () => {
    const { db } = get().database;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow: TickDefinition = {
      name: 'test.slow',
      description: '',
      runAt: '02:00',
      run: async () => {
        await gate;
        return {};
      },
    };
    const first = runTick(db, clock, slow, '2026-03-02');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await runTick(db, clock, slow, '2026-03-02')).toEqual({ status: 'busy' });
    release();
    expect(await first).toEqual({ status: 'done', result: {} });
  });

  test('a sweep records its last run: counted, done with its result, or failed with its error', async () => {
    const { db } = get().database;
    let fail = false;
    const sweep: SweepDefinition = {
      name: 'test.sweep',
      description: '',
      everySeconds: 60,
      run: async () => {
        if (fail) throw new Error('lost the connection');
        return { released: 3 };
      },
    };
    expect(await runSweep(db, clock, sweep)).toEqual({ released: 3 });
    fail = true;
    await expect(runSweep(db, clock, sweep)).rejects.toThrow('lost the connection');
    const rows = await queryRows<{ status: string; runs: number; result: unknown; last_error: string | null }>(
      db,
      sql`select status, runs, result, last_error from sweep_runs where name = 'test.sweep'`,
    );
    // The failed run keeps the result of the last good one beside its error.
    expect(rows).toEqual([
      { status: 'failed', runs: 2, result: { released: 3 }, last_error: 'Error: lost the connection' },
    ]);
  });
});
