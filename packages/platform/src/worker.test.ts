import { describeDb } from '@zulin/db/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ServerModule } from './context';
import { createTestServer, type TestServer } from './testing';

describeDb('worker sweeps', (get, kind) => {
  let s: TestServer;
  const runs: string[] = [];
  const probe: ServerModule = {
    name: 'probe',
    sweeps: () => [
      {
        name: 'probe.every_minute',
        description: 'counts its runs',
        everySeconds: 60,
        async run({ clock }) {
          runs.push(clock.now().toISOString());
          return { ran: 1 };
        },
      },
    ],
  };

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules: [], extraModules: [probe] });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('the leader runs a sweep at once, then once per interval, whatever the number of passes', async () => {
    await s.worker.runOnce();
    expect(runs).toEqual(['2026-03-02T02:00:00.000Z']);
    s.clock.advance(30_000);
    await s.worker.runOnce();
    s.clock.advance(20_000);
    await s.worker.runOnce();
    expect(runs).toHaveLength(1);
    s.clock.advance(40_000);
    await s.worker.runOnce();
    expect(runs).toEqual(['2026-03-02T02:00:00.000Z', '2026-03-02T02:01:30.000Z']);
  });

  // On PGlite one process holds the only connection, so there is no second leader candidate.
  if (kind !== 'pglite') {
    test('a process that is not the leader runs no sweep', async () => {
      const other = await createTestServer(get().database, { modules: [], extraModules: [probe] });
      try {
        other.clock.set(s.clock.now());
        other.clock.advance(600_000);
        const before = runs.length;
        await other.worker.runOnce();
        expect(other.worker.leader.isLeader).toBe(false);
        expect(runs).toHaveLength(before);
      } finally {
        await other.close();
      }
    });
  }
});
