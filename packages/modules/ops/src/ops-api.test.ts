import { defineEvents, type EventPayloads, emitEvent, queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestStaff } from '@zulin/identity/testing';
import { Limits } from '@zulin/kernel';
import type { ServerModule } from '@zulin/platform';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tickDueAt } from './list-schedule';

// The test's own event, declared the way a module declares its events.
const FlakyEvents = defineEvents({ 'test_flaky.thing_happened': (p: Record<string, never>) => p });
declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof FlakyEvents> {}
}

// A subscriber that fails while `failing` is set, as one whose outside system is down would.
const flaky = { failing: true, handled: [] as string[] };
const flakyModule: ServerModule = {
  name: 'test_flaky',
  subscribers: () => [
    {
      name: 'test_flaky.receiver',
      eventTypes: ['test_flaky.thing_happened'],
      async handle(event) {
        if (flaky.failing) throw new Error('receiver unavailable');
        flaky.handled.push(event.eventId);
      },
    },
  ],
  sweeps: () => [
    { name: 'test_flaky.sweep', description: 'counts nothing', everySeconds: 60, run: async () => ({ swept: 2 }) },
  ],
};

describeDb('operations API', (get) => {
  let s: TestServer;
  let operator: { staffId: string; token: string };
  let marketing: { staffId: string; token: string };
  let eventId: string;

  /** Runs the worker until the flaky delivery has used every attempt (two hours apart: past any backoff). */
  async function killDelivery(): Promise<void> {
    for (let attempt = 0; attempt < Limits.outboxMaxAttempts; attempt++) {
      await s.worker.runOnce();
      s.clock.advance(2 * 60 * 60 * 1000);
    }
  }

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, extraModules: [flakyModule] });
    eventId = await transaction(s.ctx.database, (tx) =>
      emitEvent(tx, s.clock.now(), {
        type: 'test_flaky.thing_happened',
        aggregateType: 'thing',
        aggregateId: 'thing_1',
        payload: {},
      }),
    );
    await killDelivery();
    // Signed in at the clock's time: an access token lives 15 minutes.
    operator = await signInTestStaff(s, 'operator');
    marketing = await signInTestStaff(s, 'marketing');
  });
  afterAll(async () => {
    await s?.close();
  });

  const get_ = (url: string, token = operator.token) => s.app.inject({ url, headers: bearer(token) });
  const retry = (body: Record<string, unknown>, token = operator.token) =>
    s.app.inject({ method: 'POST', url: '/v1/admin/ops/deliveries/retry', headers: bearer(token), payload: body });

  test('a delivery that failed every attempt is listed dead, with its attempts and last error', async () => {
    const res = await get_('/v1/admin/ops/deliveries?status=dead');
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual([
      expect.objectContaining({
        id: `${eventId}:test_flaky.receiver`,
        eventId,
        eventType: 'test_flaky.thing_happened',
        aggregateType: 'thing',
        aggregateId: 'thing_1',
        subscriber: 'test_flaky.receiver',
        status: 'dead',
        attempts: Limits.outboxMaxAttempts,
        lastError: 'Error: receiver unavailable',
        nextAttemptAt: null,
        deliveredAt: null,
      }),
    ]);
  });

  test('staff without ops.read get 403; the list filters by subscriber and event type', async () => {
    expect((await get_('/v1/admin/ops/deliveries', marketing.token)).statusCode).toBe(403);
    const bySubscriber = await get_('/v1/admin/ops/deliveries?subscriber=test_flaky.receiver');
    expect(bySubscriber.json().data.map((d: { eventId: string }) => d.eventId)).toEqual([eventId]);
    const byType = await get_('/v1/admin/ops/deliveries?eventType=nothing.of_this_type');
    expect(byType.json()).toEqual({ data: [], nextCursor: null });
    expect((await get_('/v1/admin/ops/deliveries?status=lost')).statusCode).toBe(422);
  });

  test('retrying a live delivery is refused; an unknown one is 404; marketing may not retry', async () => {
    expect((await retry({ eventId, subscriber: 'test_flaky.receiver' }, marketing.token)).statusCode).toBe(403);
    const unknown = await retry({ eventId: 'evt_nope', subscriber: 'test_flaky.receiver' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('OPS_DELIVERY_NOT_FOUND');
  });

  test('retry puts the dead delivery back, due now, audited; the worker then delivers it', async () => {
    flaky.failing = false;
    const res = await retry({ eventId, subscriber: 'test_flaky.receiver' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: s.clock.now().toISOString(),
    });
    const [audit] = await queryRows<{ actor_id: string; action: string; target_id: string; detail: unknown }>(
      s.ctx.database.db,
      sql`select actor_id, action, target_id, detail from identity_audit_log where action = 'ops.delivery_retried'`,
    );
    expect(audit).toEqual({
      actor_id: operator.staffId,
      action: 'ops.delivery_retried',
      target_id: `${eventId}:test_flaky.receiver`,
      detail: {
        eventType: 'test_flaky.thing_happened',
        attempts: Limits.outboxMaxAttempts,
        lastError: 'Error: receiver unavailable',
      },
    });
    const again = await retry({ eventId, subscriber: 'test_flaky.receiver' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('OPS_DELIVERY_NOT_DEAD');

    await s.worker.runOnce();
    expect(flaky.handled).toEqual([eventId]);
    const delivered = await get_('/v1/admin/ops/deliveries?subscriber=test_flaky.receiver');
    expect(delivered.json().data[0]).toMatchObject({ status: 'delivered', attempts: 1, nextAttemptAt: null });
    expect((await get_('/v1/admin/ops/deliveries?status=dead')).json().data).toEqual([]);
  });

  test('deliveries page by cursor, newest event first, without repeats', async () => {
    await transaction(s.ctx.database, async (tx) => {
      for (let i = 2; i <= 5; i++) {
        await emitEvent(tx, s.clock.now(), {
          type: 'test_flaky.thing_happened',
          aggregateType: 'thing',
          aggregateId: `thing_${i}`,
          payload: {},
        });
      }
    });
    await s.worker.runOnce();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = (await get_(`/v1/admin/ops/deliveries?subscriber=test_flaky.receiver&limit=2${query}`)).json();
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((d: { aggregateId: string }) => d.aggregateId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['thing_5', 'thing_4', 'thing_3', 'thing_2', 'thing_1']);
    expect((await get_('/v1/admin/ops/deliveries?cursor=bm90LW91cnM')).statusCode).toBe(422);
  });

  test('inbox messages are listed with their state, without headers or body', async () => {
    await s.ctx.database.db.execute(sql`
      insert into inbox (provider, provider_event_id, event_type, headers, body, received_at, status, attempts, next_attempt_at, last_error)
      values ('sandbox', 'sbx_1', 'payment.succeeded', '{}', '{"secret":"x"}', ${s.clock.now()}, 'dead', 10, ${s.clock.now()}, 'Error: no handler')`);
    const res = await get_('/v1/admin/ops/inbox?status=dead');
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual([
      {
        id: 'sandbox:sbx_1',
        seq: expect.any(Number),
        provider: 'sandbox',
        providerEventId: 'sbx_1',
        eventType: 'payment.succeeded',
        status: 'dead',
        attempts: 10,
        lastError: 'Error: no handler',
        receivedAt: s.clock.now().toISOString(),
        nextAttemptAt: null,
        processedAt: null,
      },
    ]);
    expect((await get_('/v1/admin/ops/inbox?status=pending')).json().data).toEqual([]);
  });

  describe('schedule', () => {
    test('a tick not yet run for today is due today at its time; after its run, tomorrow', async () => {
      // 2026-04-10 10:00 in Shanghai, a day nothing has run for: billing.mark_overdue (00:20) is due.
      s.clock.set('2026-04-10T02:00:00Z');
      operator = await signInTestStaff(s, 'operator');
      const before = (await get_('/v1/admin/ops/schedule?limit=100')).json().data;
      const markOverdue = before.find((w: { name: string }) => w.name === 'billing.mark_overdue');
      expect(markOverdue).toMatchObject({
        id: 'tick:billing.mark_overdue',
        kind: 'tick',
        runAt: '00:20',
        everySeconds: null,
        nextDueAt: '2026-04-09T16:20:00.000Z',
      });
      expect(markOverdue.lastRun.businessDate < '2026-04-10').toBe(true);
      await s.worker.runDueTicks();
      await s.worker.runDueSweeps();
      const after = (await get_('/v1/admin/ops/schedule?limit=100')).json().data;
      expect(after.find((w: { name: string }) => w.name === 'billing.mark_overdue')).toMatchObject({
        lastRun: {
          businessDate: '2026-04-10',
          status: 'done',
          startedAt: '2026-04-10T02:00:00.000Z',
          finishedAt: '2026-04-10T02:00:00.000Z',
          durationMs: 0,
          attempts: 1,
          result: { marked: 0 },
          lastError: null,
        },
        nextDueAt: '2026-04-10T16:20:00.000Z',
      });
      expect(after.find((w: { name: string }) => w.name === 'test_flaky.sweep')).toMatchObject({
        id: 'sweep:test_flaky.sweep',
        kind: 'sweep',
        runAt: null,
        everySeconds: 60,
        lastRun: { businessDate: null, status: 'done', startedAt: '2026-04-10T02:00:00.000Z', result: { swept: 2 } },
        nextDueAt: '2026-04-10T02:01:00.000Z',
      });
    });

    test('lists every tick and sweep once, paged by cursor', async () => {
      const names: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const page = (await get_(`/v1/admin/ops/schedule?limit=3${query}`)).json();
        names.push(...page.data.map((w: { name: string }) => w.name));
        cursor = page.nextCursor;
      } while (cursor);
      const expected = [...s.app.schedule.ticks, ...s.app.schedule.sweeps].map((w) => w.name);
      expect([...names].sort()).toEqual([...expected].sort());
      expect(names).toContain('platform.purge_idempotency_keys');
    });
  });
});

test('a tick set for 00:20 in Shanghai is due at 16:20 UTC the day before', () => {
  expect(tickDueAt('2026-03-02', '00:20', 'Asia/Shanghai').toISOString()).toBe('2026-03-01T16:20:00.000Z');
  expect(tickDueAt('2026-12-31', '23:59', 'UTC').toISOString()).toBe('2026-12-31T23:59:00.000Z');
});
