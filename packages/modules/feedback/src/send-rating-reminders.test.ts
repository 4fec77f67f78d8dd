// The one rating reminder, run as the scheduler runs it: the registered tick `feedback.rating_reminders`
// for a business date. A rental that ended on day D is reminded on D+7 (not before), once (not on
// D+8, not on a forced re-run), not when it was rated (named or anonymous), caught up on a later day
// when the reminder day was missed, and never after its 30-day window closed; the SMS follows the
// customer's preferences; the first step into an end state is the end (settled, later closed).
import { queryRows, runTick, type TickDefinition } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sendRatingReminders } from './send-rating-reminders';

describeDb('the rating reminder tick', (get) => {
  let s: TestServer;
  let tick: TickDefinition;

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    const found = modules.flatMap((m) => m.ticks?.(s.ctx) ?? []).find((t) => t.name === 'feedback.rating_reminders');
    if (found === undefined) throw new Error('feedback registers the rating reminder tick');
    tick = found;
  });
  afterAll(async () => {
    await s?.close();
  });

  /** The scheduler's run for a business date, at 10:00 in Shanghai (02:00Z) that day. */
  const runOn = async (date: string, options: { force?: boolean } = {}) => {
    s.clock.set(`${date}T02:00:00Z`);
    return runTick(s.ctx.database.db, s.clock, tick, date as never, options);
  };
  const drain = async () => {
    for (let i = 0; i < 20; i++) if (!(await s.worker.runOnce()).busy) break;
  };

  let orderCounter = 0;
  /** A rental of `customerId` whose timeline has the given end steps (state and instant). */
  const rental = async (customerId: string, steps: { to: 'settled' | 'bought_out' | 'closed'; at: string }[]) => {
    orderCounter++;
    const id = `ord_remind${orderCounter}${Date.now()}`;
    const last = steps.at(-1);
    const now = new Date(last?.at ?? '2026-01-01T00:00:00Z');
    await s.ctx.database.db.execute(sql`
      insert into rental_orders (id, customer_id, sku_id, plan_id, status, plan, add_ons, market_price_minor, quote,
        first_payment_minor, deposit_minor, deposit_waived_minor, deposit_to_hold_minor, decision_reason_codes,
        address_ciphertext, city, version, created_at, updated_at)
      values (${id}, ${customerId}, 'sku_test', 'pln_test', ${last?.to ?? 'active'}, '{}'::jsonb, '[]'::jsonb,
        599900, '{}'::jsonb, 0, 0, 0, 0, '[]'::jsonb, 'x', '上海', 1, ${now}, ${now})`);
    let seq = 0;
    let from = 'inspecting';
    for (const step of steps) {
      seq++;
      const action = step.to === 'settled' ? 'settle' : step.to === 'closed' ? 'close' : 'buy_out';
      await s.ctx.database.db.execute(sql`
        insert into rental_order_events (order_id, seq, action, from_status, to_status, actor_kind, facts, at)
        values (${id}, ${seq}, ${action}, ${from}, ${step.to}, 'system', '{}'::jsonb, ${new Date(step.at)})`);
      from = step.to;
    }
    return id;
  };
  const reminders = (orderId: string) =>
    queryRows<{ customer_id: string; params: { orderId: string; closesOn: string }; sms_status: string }>(
      s.ctx.database.db,
      sql`select customer_id, params, sms_status from notification_messages
          where template = 'feedback.rating_reminder' and dedupe_key = ${`feedback.rating_reminder:${orderId}`}`,
    );

  test('ended on D: nothing on D+6, one reminder on D+7 (inbox and SMS) leading to the rate page, not again after', async () => {
    const phone = randomTestPhone();
    const alice = await signInTestCustomer(s, phone);
    // Ended 2026-03-02 at 10:00 in Shanghai: the window closes on 04-01, the reminder is due on 03-09.
    const orderId = await rental(alice.customerId, [{ to: 'settled', at: '2026-03-02T02:00:00Z' }]);

    expect(await runOn('2026-03-08')).toMatchObject({ status: 'done', result: { reminded: 0 } });
    expect(await reminders(orderId)).toEqual([]);

    expect(await runOn('2026-03-09')).toMatchObject({ status: 'done', result: { reminded: 1, truncated: false } });
    expect(await reminders(orderId)).toEqual([
      {
        customer_id: alice.customerId,
        params: { orderId, closesOn: '2026-04-01' },
        sms_status: 'requested',
      },
    ]);
    const me = await signInTestCustomer(s, phone);
    const inbox = (
      await s.app.inject({ method: 'GET', url: '/v1/me/notifications?limit=20', headers: bearer(me.token) })
    ).json().data as { template: string; title: string; body: string; target: string; category: string }[];
    expect(inbox.filter((n) => n.template === 'feedback.rating_reminder')).toEqual([
      expect.objectContaining({
        category: 'orders',
        target: 'order_rating',
        title: '邀请您评价本次租赁',
        body: `您的订单 ${orderId} 已结束，欢迎在 2026-04-01 前为本次租赁评价，帮助我们做得更好。`,
      }),
    ]);
    await drain();
    const texts = (await s.app.inject({ url: `/v1/sandbox/sms?phone=${encodeURIComponent(phone)}` })).json().data as {
      text: string;
    }[];
    expect(texts.map((m) => m.text)).toContain(
      `【Zulin租赁】邀请您评价本次租赁：您的订单 ${orderId} 已结束，欢迎在 2026-04-01 前为本次租赁评价，帮助我们做得更好。`,
    );

    expect(await runOn('2026-03-10')).toMatchObject({ status: 'done', result: { reminded: 0 } });
    expect(await runOn('2026-03-09', { force: true })).toMatchObject({ status: 'done', result: { reminded: 0 } });
    expect(await reminders(orderId)).toHaveLength(1);
  });

  test('a rental rated before its reminder day, named or anonymous, is not reminded; SMS off means inbox only', async () => {
    const phone = randomTestPhone();
    let bob = await signInTestCustomer(s, phone);
    const anonymous = await rental(bob.customerId, [{ to: 'settled', at: '2026-04-01T02:00:00Z' }]);
    const named = await rental(bob.customerId, [{ to: 'bought_out', at: '2026-04-01T03:00:00Z' }]);
    const unrated = await rental(bob.customerId, [{ to: 'settled', at: '2026-04-01T04:00:00Z' }]);
    s.clock.set('2026-04-03T02:00:00Z');
    bob = await signInTestCustomer(s, phone);
    const rate = (orderId: string, body: object) =>
      s.app.inject({ method: 'POST', url: `/v1/rentals/${orderId}/rating`, payload: body, headers: bearer(bob.token) });
    expect((await rate(anonymous, { rating: 'good', text: '手机很新', anonymous: true })).statusCode).toBe(201);
    expect((await rate(named, { rating: 'neutral', text: '物流慢了点', anonymous: false })).statusCode).toBe(201);
    const off = await s.app.inject({
      method: 'PUT',
      url: '/v1/me/notification-preferences',
      payload: { data: [{ category: 'orders', channel: 'sms', enabled: false }] },
      headers: bearer(bob.token),
    });
    expect(off.statusCode).toBe(200);

    expect(await runOn('2026-04-08')).toMatchObject({ status: 'done', result: { reminded: 1 } });
    expect(await reminders(anonymous)).toEqual([]);
    expect(await reminders(named)).toEqual([]);
    expect(await reminders(unrated)).toEqual([
      {
        customer_id: bob.customerId,
        params: { orderId: unrated, closesOn: '2026-05-01' },
        sms_status: 'not_requested',
      },
    ]);
  });

  test('a missed reminder day is caught up later, through the last day of the window and not after it', async () => {
    const carolPhone = randomTestPhone();
    const carol = await signInTestCustomer(s, carolPhone);
    const missed = await rental(carol.customerId, [{ to: 'settled', at: '2026-05-01T02:00:00Z' }]);
    const lastDay = await rental(carol.customerId, [{ to: 'settled', at: '2026-04-20T02:00:00Z' }]);
    const closed = await rental(carol.customerId, [{ to: 'settled', at: '2026-04-19T02:00:00Z' }]);
    // Settled on 04-25, closed on 05-02: it ended on 04-25 (the first step), its window closes on 05-25.
    const settledThenClosed = await rental(carol.customerId, [
      { to: 'settled', at: '2026-04-25T02:00:00Z' },
      { to: 'closed', at: '2026-05-02T02:00:00Z' },
    ]);
    // The tick did not run from 05-08 to 05-19.
    expect(await runOn('2026-05-20')).toMatchObject({ status: 'done', result: { reminded: 3 } });
    expect((await reminders(missed))[0]?.params).toEqual({ orderId: missed, closesOn: '2026-05-31' });
    expect((await reminders(lastDay))[0]?.params).toEqual({ orderId: lastDay, closesOn: '2026-05-20' });
    expect(await reminders(closed)).toEqual([]);
    expect(await reminders(settledThenClosed)).toEqual([
      expect.objectContaining({ params: { orderId: settledThenClosed, closesOn: '2026-05-25' } }),
    ]);

    // The rating route agrees with the tick on the window: the last day is still open, the day after is not.
    const me = await signInTestCustomer(s, carolPhone);
    const rate = (orderId: string) =>
      s.app.inject({
        method: 'POST',
        url: `/v1/rentals/${orderId}/rating`,
        payload: { rating: 'good', text: '不错', anonymous: false },
        headers: bearer(me.token),
      });
    expect((await rate(lastDay)).statusCode).toBe(201);
    const late = await rate(closed);
    expect(late.statusCode).toBe(422);
    expect(late.json().code).toBe('FEEDBACK_RATING_WINDOW_CLOSED');
  });

  test('a run is bounded: what it leaves is reminded by the next run while the window is open', async () => {
    const dave = await signInTestCustomer(s, randomTestPhone());
    const first = await rental(dave.customerId, [{ to: 'settled', at: '2026-06-01T02:00:00Z' }]);
    const second = await rental(dave.customerId, [{ to: 'settled', at: '2026-06-01T03:00:00Z' }]);
    s.clock.set('2026-06-08T02:00:00Z');
    const deps = { clock: s.clock, timeZone: s.ctx.config.timeZone, masterKey: s.ctx.config.masterKey };
    const db = s.ctx.database.db;
    expect(await sendRatingReminders(db, deps, { today: '2026-06-08', remindersMax: 1 })).toMatchObject({
      reminded: 1,
      truncated: true,
    });
    expect(await reminders(first)).toHaveLength(1);
    expect(await reminders(second)).toEqual([]);
    s.clock.set('2026-06-09T02:00:00Z');
    expect(await sendRatingReminders(db, deps, { today: '2026-06-09', remindersMax: 1 })).toMatchObject({
      reminded: 1,
    });
    expect(await reminders(second)).toHaveLength(1);
    expect(await sendRatingReminders(db, deps, { today: '2026-06-09' })).toMatchObject({
      reminded: 0,
      truncated: false,
    });
  });
});
