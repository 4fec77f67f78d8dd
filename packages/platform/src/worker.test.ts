import { defineEvents, type EventPayloads, emitEvent, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ServerModule } from './context';
import { createTestServer, type TestServer } from './testing';

// The test's own event, declared the way a module declares its events.
const ProbeEvents = defineEvents({ 'test_probe.noticed': (p: { n: number }) => p });
declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof ProbeEvents> {}
}

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

// Its own database: on PostgreSQL the suite above's server holds the leadership, and a second
// process that is not the leader would never start a sweep.
describeDb('worker stop', (get) => {
  test('stopping during a pass finishes the sweep under way and leaves the rest for the next start', async () => {
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const underWay = new Promise<void>((resolve) => {
      started = resolve;
    });
    const done: string[] = [];
    const slow: ServerModule = {
      name: 'slow',
      sweeps: () => [
        {
          name: 'slow.first',
          description: 'waits until released',
          everySeconds: 60,
          async run() {
            started();
            await new Promise<void>((resolve) => {
              release = resolve;
            });
            done.push('first');
            return { ran: 1 };
          },
        },
        {
          name: 'slow.second',
          description: 'would run after the first',
          everySeconds: 60,
          async run() {
            done.push('second');
            return { ran: 1 };
          },
        },
      ],
    };
    const other = await createTestServer(get().database, { modules: [], extraModules: [slow] });
    try {
      other.worker.start();
      await underWay;
      const stopped = other.worker.stop();
      release();
      await stopped;
      expect(done).toEqual(['first']);
    } finally {
      await other.close();
    }
  });
});

// Its own database, for the same reason as the suite above.
describeDb('worker loops', (get) => {
  test('events are delivered while a long sweep runs: delivery does not wait for the schedule', async () => {
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const underWay = new Promise<void>((resolve) => {
      started = resolve;
    });
    const delivered: number[] = [];
    let sweepFinished = false;
    const module: ServerModule = {
      name: 'test_probe',
      subscribers: () => [
        {
          name: 'test_probe.listener',
          eventTypes: ['test_probe.noticed'],
          async handle(event) {
            delivered.push((event.payload as { n: number }).n);
          },
        },
      ],
      sweeps: () => [
        {
          name: 'test_probe.long_sweep',
          description: 'waits until released, as a start’s catch-up on a loaded machine does',
          everySeconds: 60,
          async run() {
            started();
            await new Promise<void>((resolve) => {
              release = resolve;
            });
            sweepFinished = true;
            return { ran: 1 };
          },
        },
      ],
    };
    const server = await createTestServer(get().database, { modules: [], extraModules: [module] });
    try {
      server.worker.start();
      await underWay;
      await transaction(server.ctx.database, (tx) =>
        emitEvent(tx, server.clock.now(), {
          type: 'test_probe.noticed',
          aggregateType: 'probe',
          aggregateId: 'probe_1',
          payload: { n: 7 },
        }),
      );
      // Real time: the delivery loop polls every second when idle.
      for (let i = 0; i < 100 && delivered.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(delivered).toEqual([7]);
      expect(sweepFinished).toBe(false);
      release();
      await server.worker.stop();
      expect(sweepFinished).toBe(true);
    } finally {
      release();
      await server.close();
    }
  });
});
