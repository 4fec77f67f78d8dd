import { AdjustableClock, Limits } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { beforeEach, expect, test } from 'vitest';
import { type Executor, queryRows, transaction } from './database';
import { defineEvents, type EventPayloads } from './events';
import {
  emitEvent,
  OutboxDispatcher,
  type OutboxEvent,
  outboxStats,
  retryDeadDelivery,
  type Subscriber,
} from './outbox';
import { describeDb } from './testing';

// The test's own event, declared the way a module declares its events.
const TestEvents = defineEvents({ 'test.thing_happened': (p: { n: number }) => p });
declare module './events' {
  interface EventMap extends EventPayloads<typeof TestEvents> {}
}

// A subscriber that records each event it handles in a table, inside the delivery transaction.
function recorder(name: string, options: { failTimes?: Map<string, number> } = {}): Subscriber {
  const failTimes = options.failTimes ?? new Map<string, number>();
  return {
    name,
    eventTypes: '*',
    async handle(event: OutboxEvent, tx) {
      await tx.execute(
        sql`insert into test_effects (subscriber, event_id, aggregate_id, n) values (${name}, ${event.eventId}, ${event.aggregateId}, ${Number(event.payload.n)})`,
      );
      const left = failTimes.get(event.aggregateId + String(event.payload.n)) ?? 0;
      if (left > 0) {
        failTimes.set(event.aggregateId + String(event.payload.n), left - 1);
        throw new Error(`subscriber ${name} is down`);
      }
    },
  };
}

async function effects(db: Executor, subscriber: string) {
  return queryRows<{ aggregate_id: string; n: number }>(
    db,
    sql`select aggregate_id, n from test_effects where subscriber = ${subscriber} order by id`,
  );
}

function emit(db: Executor, clock: AdjustableClock, aggregateId: string, n: number) {
  return transaction(db, (tx) =>
    emitEvent(tx, clock.now(), { type: 'test.thing_happened', aggregateType: 'thing', aggregateId, payload: { n } }),
  );
}

describeDb('outbox', (get, kind) => {
  let clock: AdjustableClock;
  beforeEach(async () => {
    const { db } = get().database;
    clock = new AdjustableClock('2026-03-01T02:00:00Z');
    await db.execute(sql`drop table if exists test_effects`);
    await db.execute(
      sql`create table test_effects (id serial primary key, subscriber text, event_id text, aggregate_id text, n int)`,
    );
    await db.execute(sql`truncate outbox, outbox_deliveries`);
  });

  test('an event written in a transaction that rolls back is never delivered', async () => {
    const { db } = get().database;
    const dispatcher = new OutboxDispatcher({ db, clock, subscribers: [recorder('audit')] });
    await expect(
      transaction(db, async (tx) => {
        await emitEvent(tx, clock.now(), {
          type: 'test.thing_happened',
          aggregateType: 'thing',
          aggregateId: 'a',
          payload: { n: 1 },
        });
        throw new Error('the command failed after writing its event');
      }),
    ).rejects.toThrow('the command failed');
    const result = await dispatcher.runOnce();
    expect(result).toEqual({ fannedOut: 0, delivered: 0, failed: 0, dead: 0 });
    expect(await effects(db, 'audit')).toEqual([]);
  });

  test.runIf(kind === 'postgres')('a dispatcher running during the transaction sees nothing until commit', async () => {
    const { db } = get().database;
    const dispatcher = new OutboxDispatcher({ db, clock, subscribers: [recorder('audit')] });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let emitted!: () => void;
    const written = new Promise<void>((resolve) => {
      emitted = resolve;
    });
    const command = transaction(db, async (tx) => {
      await emitEvent(tx, clock.now(), {
        type: 'test.thing_happened',
        aggregateType: 'thing',
        aggregateId: 'a',
        payload: { n: 1 },
      });
      emitted();
      await gate;
    });
    await written;
    expect((await dispatcher.runOnce()).delivered).toBe(0);
    release();
    await command;
    expect((await dispatcher.runOnce()).delivered).toBe(1);
    expect(await effects(db, 'audit')).toEqual([{ aggregate_id: 'a', n: 1 }]);
  });

  test('an event committed before a crash is delivered by the next process', async () => {
    const { db } = get().database;
    await emit(db, clock, 'a', 1);
    // The process that committed dies here without dispatching; a new dispatcher starts fresh.
    const afterRestart = new OutboxDispatcher({ db, clock, subscribers: [recorder('audit'), recorder('mailer')] });
    const result = await afterRestart.runOnce();
    expect(result).toMatchObject({ fannedOut: 1, delivered: 2 });
    expect(await effects(db, 'audit')).toEqual([{ aggregate_id: 'a', n: 1 }]);
    expect(await effects(db, 'mailer')).toEqual([{ aggregate_id: 'a', n: 1 }]);
    expect((await afterRestart.runOnce()).delivered).toBe(0);
  });

  test('a failing subscriber is retried with backoff and its effects commit once', async () => {
    const { db } = get().database;
    const failing = recorder('webhooks', { failTimes: new Map([['a1', 2]]) });
    const dispatcher = new OutboxDispatcher({ db, clock, subscribers: [failing, recorder('audit')] });
    await emit(db, clock, 'a', 1);
    expect(await dispatcher.runOnce()).toMatchObject({ delivered: 1, failed: 1 });
    // Not due yet: the backoff has not passed.
    expect(await dispatcher.runOnce()).toMatchObject({ delivered: 0, failed: 0 });
    clock.advance(Limits.retryBackoffMaxMs);
    expect(await dispatcher.runOnce()).toMatchObject({ failed: 1 });
    clock.advance(Limits.retryBackoffMaxMs);
    expect(await dispatcher.runOnce()).toMatchObject({ delivered: 1 });
    // The failed attempts rolled back their writes: the effect exists exactly once.
    expect(await effects(db, 'webhooks')).toEqual([{ aggregate_id: 'a', n: 1 }]);
    const [delivery] = await queryRows<{ attempts: number; status: string }>(
      db,
      sql`select attempts, status from outbox_deliveries where subscriber = 'webhooks'`,
    );
    expect(delivery).toEqual({ attempts: 3, status: 'delivered' });
  });

  test('events of one aggregate are delivered in order; a failure holds back only its aggregate', async () => {
    const { db } = get().database;
    const dispatcher = new OutboxDispatcher({
      db,
      clock,
      subscribers: [recorder('ledger', { failTimes: new Map([['a1', 1]]) })],
    });
    await emit(db, clock, 'a', 1);
    await emit(db, clock, 'b', 1);
    await emit(db, clock, 'a', 2);
    await dispatcher.runOnce();
    expect(await effects(db, 'ledger')).toEqual([{ aggregate_id: 'b', n: 1 }]);
    clock.advance(Limits.retryBackoffMaxMs);
    await dispatcher.runOnce();
    await dispatcher.runOnce();
    expect(await effects(db, 'ledger')).toEqual([
      { aggregate_id: 'b', n: 1 },
      { aggregate_id: 'a', n: 1 },
      { aggregate_id: 'a', n: 2 },
    ]);
  });

  test('a delivery that keeps failing is dead-lettered after the attempt limit and can be retried', async () => {
    const { db } = get().database;
    const failTimes = new Map([['a1', Number.MAX_SAFE_INTEGER]]);
    const dispatcher = new OutboxDispatcher({ db, clock, subscribers: [recorder('partner', { failTimes })] });
    const eventId = await emit(db, clock, 'a', 1);
    let last = await dispatcher.runOnce();
    for (let attempt = 1; attempt < Limits.outboxMaxAttempts; attempt++) {
      clock.advance(Limits.retryBackoffMaxMs);
      last = await dispatcher.runOnce();
    }
    expect(last.dead).toBe(1);
    expect(await outboxStats(db)).toEqual({ undispatched: 0, pendingDeliveries: 0, deadDeliveries: 1 });
    failTimes.clear();
    expect(await retryDeadDelivery(db, clock.now(), eventId, 'partner')).toBe(true);
    expect((await dispatcher.runOnce()).delivered).toBe(1);
    expect(await effects(db, 'partner')).toEqual([{ aggregate_id: 'a', n: 1 }]);
  });
});
