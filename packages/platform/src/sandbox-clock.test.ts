import { readClockOffset, saveClockOffset } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { FixedClock, OffsetClock } from '@zulin/kernel';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ServerModule } from './context';
import { advanceSandboxClock, serverClock } from './sandbox-clock';
import { createTestServer, type TestServer } from './testing';

describeDb('sandbox test clock', (get) => {
  let s: TestServer;
  const runs: string[] = [];
  const probe: ServerModule = {
    name: 'probe',
    ticks: () => [
      // Registered late first: the clock runs them by runAt, not by registration.
      {
        name: 'probe.late',
        description: 'records its date',
        runAt: '09:00',
        async run({ businessDate }) {
          runs.push(`late ${businessDate}`);
          return {};
        },
      },
      {
        name: 'probe.early',
        description: 'records its date',
        runAt: '00:10',
        async run({ businessDate }) {
          runs.push(`early ${businessDate}`);
          return {};
        },
      },
    ],
    sweeps: () => [
      {
        name: 'probe.sweep',
        description: 'records the instant',
        everySeconds: 60,
        async run({ clock }) {
          runs.push(`sweep ${clock.now().toISOString()}`);
          return { ran: 1 };
        },
      },
    ],
  };

  beforeAll(async () => {
    // 2026-01-30 10:00 in Shanghai.
    s = await createTestServer(get().database, { modules: [], extraModules: [probe], now: '2026-01-30T02:00:00Z' });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('three days on: each new day runs the sweeps, then the ticks by runAt, across the month end', async () => {
    const schedule = { ticks: probe.ticks?.(s.ctx) ?? [], sweeps: probe.sweeps?.(s.ctx) ?? [] };
    const result = await advanceSandboxClock(s.ctx, schedule, 3);
    expect(result.failed).toBeNull();
    expect(result.days.map((d) => d.businessDate)).toEqual(['2026-01-31', '2026-02-01', '2026-02-02']);
    expect(runs).toEqual([
      'sweep 2026-01-31T02:00:00.000Z',
      'early 2026-01-31',
      'late 2026-01-31',
      'sweep 2026-02-01T02:00:00.000Z',
      'early 2026-02-01',
      'late 2026-02-01',
      'sweep 2026-02-02T02:00:00.000Z',
      'early 2026-02-02',
      'late 2026-02-02',
    ]);
    expect(s.clock.now().toISOString()).toBe('2026-02-02T02:00:00.000Z');
  });

  test('a tick already done for a date is not run again', async () => {
    runs.length = 0;
    s.clock.advance(-86_400_000);
    const schedule = { ticks: probe.ticks?.(s.ctx) ?? [], sweeps: [] };
    const result = await advanceSandboxClock(s.ctx, schedule, 1);
    expect(result.days[0]?.ticks).toEqual([
      { name: 'probe.early', status: 'already_done' },
      { name: 'probe.late', status: 'already_done' },
    ]);
    expect(runs).toEqual([]);
  });

  test('the server clock carries the stored offset in sandbox mode only', async () => {
    const wall = new FixedClock('2026-05-01T00:00:00Z');
    await saveClockOffset(s.ctx.database.db, 5 * 86_400_000, wall.now());
    expect(await readClockOffset(s.ctx.database.db)).toBe(5 * 86_400_000);
    const sandbox = await serverClock(s.ctx.database.db, wall, true);
    expect(sandbox).toBeInstanceOf(OffsetClock);
    expect(sandbox.now().toISOString()).toBe('2026-05-06T00:00:00.000Z');
    expect((await serverClock(s.ctx.database.db, wall, false)).now().toISOString()).toBe('2026-05-01T00:00:00.000Z');
    expect(() => new OffsetClock(wall).advance(-1)).toThrow();
  });

  test('outside sandbox mode the route does not exist', async () => {
    const production = await createTestServer(get().database, { modules: [], env: { ZULIN_SANDBOX: 'false' } });
    try {
      const res = await production.app.inject({
        method: 'POST',
        url: '/v1/sandbox/clock',
        payload: { advanceDays: 1 },
      });
      expect(res.statusCode).toBe(404);
    } finally {
      await production.close();
    }
    // In sandbox mode it exists (and, without a guard, refuses the anonymous caller).
    const res = await s.app.inject({ method: 'POST', url: '/v1/sandbox/clock', payload: { advanceDays: 1 } });
    expect(res.statusCode).toBe(401);
  });
  test('a tick that fails before its time of day is not due yet, not a failure; at or after it, the clock stops', async () => {
    // The server's clock stands at 10:00 Shanghai (the tests above moved it whole days from 10:00).
    const failing = (name: string, runAt: string) => ({
      name,
      description: 'its statement is not out before its hour',
      runAt,
      async run(): Promise<Record<string, unknown>> {
        throw new Error(`${name}: not out yet`);
      },
    });
    const early = await advanceSandboxClock(s.ctx, { ticks: [failing('probe.at_23', '23:00')], sweeps: [] }, 1);
    expect(early.failed).toBeNull();
    expect(early.days[0]?.ticks).toEqual([{ name: 'probe.at_23', status: 'not_due' }]);
    const due = await advanceSandboxClock(s.ctx, { ticks: [failing('probe.at_0930', '09:30')], sweeps: [] }, 1);
    expect(due.failed).toMatchObject({ name: 'probe.at_0930', error: 'probe.at_0930: not out yet' });
  });
});
