// The rating window as an operator setting (issue #16, "30 days (configurable)"): a handler changes it
// in the console's API to 14 days with the reminder on day 3; a rental that ended 15 days ago is then
// refused with the closing date and the 14 days in the message, one that ended 14 days ago is rated;
// the reminder tick sends on day 3 (not day 2) with the closing date 14 days after the end, and not
// for a rental whose 14 days have passed. Bad values are refused naming the field; the change is
// audited with before and after; only feedback.handle may change it.
import { queryRows, runTick, type TickDefinition } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';

describeDb('the rating window setting', (get) => {
  let s: TestServer;
  let tick: TickDefinition;
  let handler: { staffId: string; token: string };

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    const found = modules.flatMap((m) => m.ticks?.(s.ctx) ?? []).find((t) => t.name === 'feedback.rating_reminders');
    if (found === undefined) throw new Error('feedback registers the rating reminder tick');
    tick = found;
    handler = await signInTestStaff(s, 'support');
  });
  afterAll(async () => {
    await s?.close();
  });

  const setting = (token: string, method: 'GET' | 'PUT', payload?: object) =>
    s.app.inject({ method, url: '/v1/admin/feedback/rating-window', payload, headers: bearer(token) });

  let orderCounter = 0;
  /** A rental of `customerId` whose return inspection was settled at `endedAt`. */
  const rental = async (customerId: string, endedAt: Date) => {
    orderCounter++;
    const id = `ord_fbwin${orderCounter}${Date.now()}`;
    await s.ctx.database.db.execute(sql`
      insert into rental_orders (id, customer_id, sku_id, plan_id, status, plan, add_ons, market_price_minor, quote,
        first_payment_minor, deposit_minor, deposit_waived_minor, deposit_to_hold_minor, decision_reason_codes,
        address_ciphertext, city, version, created_at, updated_at)
      values (${id}, ${customerId}, 'sku_test', 'pln_test', 'settled', '{}'::jsonb, '[]'::jsonb,
        599900, '{}'::jsonb, 0, 0, 0, 0, '[]'::jsonb, 'x', '上海', 1, ${endedAt}, ${endedAt})`);
    await s.ctx.database.db.execute(sql`
      insert into rental_order_events (order_id, seq, action, from_status, to_status, actor_kind, facts, at)
      values (${id}, 1, 'settle', 'inspecting', 'settled', 'staff', '{}'::jsonb, ${endedAt})`);
    return id;
  };
  const reminders = (orderId: string) =>
    queryRows<{ params: { orderId: string; closesOn: string } }>(
      s.ctx.database.db,
      sql`select params from notification_messages
          where template = 'feedback.rating_reminder' and dedupe_key = ${`feedback.rating_reminder:${orderId}`}`,
    );

  test('30 days and the reminder on day 7 until a handler changes them; bad values refused naming the field', async () => {
    const before = await setting(handler.token, 'GET');
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({
      ratingWindow: { windowDays: 30, reminderAfterDays: 7 },
      defaults: { windowDays: 30, reminderAfterDays: 7 },
      updatedBy: null,
      updatedByName: null,
      updatedAt: null,
    });
    const reminderLate = await setting(handler.token, 'PUT', { windowDays: 14, reminderAfterDays: 14 });
    expect(reminderLate.statusCode).toBe(422);
    expect(reminderLate.json()).toMatchObject({
      code: 'FEEDBACK_SETTINGS_INVALID',
      errors: [{ path: '/body/reminderAfterDays' }],
    });
    const zero = await setting(handler.token, 'PUT', { windowDays: 0 });
    expect(zero.statusCode).toBe(422);
    expect((await setting(handler.token, 'GET')).json().ratingWindow).toEqual({ windowDays: 30, reminderAfterDays: 7 });
    // Staff without feedback.handle may not change it.
    const warehouse = await signInTestStaff(s, 'warehouse');
    expect((await setting(warehouse.token, 'PUT', { windowDays: 14 })).statusCode).toBe(403);
  });

  test('14 days: a rating on day 15 is refused with the closing date, day 14 accepted; audited', async () => {
    s.clock.set('2026-06-20T02:00:00Z');
    // Signed in at the test's time (a token from before the clock moved may have expired).
    handler = await signInTestStaff(s, 'support');
    const changed = await setting(handler.token, 'PUT', { windowDays: 14, reminderAfterDays: 3 });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      ratingWindow: { windowDays: 14, reminderAfterDays: 3 },
      defaults: { windowDays: 30, reminderAfterDays: 7 },
      updatedBy: handler.staffId,
      updatedAt: '2026-06-20T02:00:00.000Z',
    });
    expect(changed.json().updatedByName).toEqual(expect.any(String));
    const [audit] = await queryRows<{ actor_id: string; detail: unknown }>(
      s.ctx.database.db,
      sql`select actor_id, detail from identity_audit_log where action = 'feedback.settings_changed'`,
    );
    expect(audit).toEqual({
      actor_id: handler.staffId,
      detail: {
        changed: ['windowDays', 'reminderAfterDays'],
        before: { windowDays: 30, reminderAfterDays: 7 },
        after: { windowDays: 14, reminderAfterDays: 3 },
      },
    });

    const alice = await signInTestCustomer(s, randomTestPhone());
    const rate = (orderId: string) =>
      s.app.inject({
        method: 'POST',
        url: `/v1/rentals/${orderId}/rating`,
        payload: { rating: 'good', text: '手机很新', anonymous: false },
        headers: bearer(alice.token),
      });
    // Today is 2026-06-20 in Shanghai. Ended 06-05 (day 15): the window closed on 06-19.
    const day15 = await rental(alice.customerId, new Date('2026-06-05T02:00:00Z'));
    const late = await rate(day15);
    expect(late.statusCode).toBe(422);
    expect(late.json()).toMatchObject({
      code: 'FEEDBACK_RATING_WINDOW_CLOSED',
      detail: 'Ratings for this rental were accepted until 2026-06-19, 14 days after it ended on 2026-06-05.',
    });
    // Ended 06-06 (day 14): the last day, accepted.
    const day14 = await rental(alice.customerId, new Date('2026-06-06T02:00:00Z'));
    const rated = await rate(day14);
    expect(rated.statusCode).toBe(201);
    expect(rated.json()).toMatchObject({ timing: 'after_rental', orderId: day14 });
  });

  test('the reminder follows the setting: day 3 (not day 2), closing 14 days after the end; none once closed', async () => {
    const bob = await signInTestCustomer(s, randomTestPhone());
    // Ended 2026-07-01 in Shanghai: reminded on 07-04, the window closes on 07-15.
    const ended = await rental(bob.customerId, new Date('2026-07-01T02:00:00Z'));
    // Ended 2026-06-10: its 14 days closed on 06-24 (with 30 days it would be reminded now).
    const closed = await rental(bob.customerId, new Date('2026-06-10T02:00:00Z'));
    const runOn = async (date: string) => {
      s.clock.set(`${date}T02:00:00Z`);
      return runTick(s.ctx.database.db, s.clock, tick, date as never);
    };
    expect(await runOn('2026-07-03')).toMatchObject({ status: 'done', result: { reminded: 0 } });
    expect(await reminders(ended)).toEqual([]);
    expect(await runOn('2026-07-04')).toMatchObject({ status: 'done', result: { reminded: 1 } });
    expect(await reminders(ended)).toEqual([{ params: { orderId: ended, closesOn: '2026-07-15' } }]);
    expect(await reminders(closed)).toEqual([]);
  });
});
