// The two facts a submission adds to its order's (issue #16), through the API on a real database:
// `sentFromErrorScreen` (反馈问题 under an error the app showed) and `ticketsReopened` (support tickets
// the customer took back from resolved). "还行吧" matches no word rule of the defaults, so what
// classifies it is the fact alone: error_screen weighs 4 (app) and ticket_reopened 3 (service), below
// the confident score 6, so the confidence is round(100 · 4/4 · 4/6) = 67 and round(100 · 3/3 · 3/6) = 50.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { entryPointOf } from './feedback-source';

const neutral = '还行吧';
const dayMs = 86_400_000;

describeDb('the facts of a submission: sent from the error screen, the tickets the customer reopened', (get) => {
  let s: TestServer;
  let dataDir: string;
  const call = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    s.app.inject({ method, url, payload: payload as object, headers: bearer(token) });
  const customer = async () => {
    const phone = randomTestPhone();
    return { phone, ...(await signInTestCustomer(s, phone)) };
  };
  const agent = async () => (await signInTestStaff(s, 'support')).token;
  const stored = async (id: string) => {
    const [row] = await queryRows<Record<string, unknown>>(
      s.ctx.database.db,
      sql`select source, error_code, error_request_id, auto_category, category_confidence_pct, matched_rule_ids
          from feedback_entries where id = ${id}`,
    );
    return row;
  };
  /** An active rental of the customer (enough for a ticket and a feedback to name it). */
  let orders = 0;
  const rental = async (customerId: string) => {
    orders++;
    const id = `ord_factstest${orders}${Date.now()}`;
    const now = s.clock.now();
    await s.ctx.database.db.execute(sql`
      insert into rental_orders (id, customer_id, sku_id, plan_id, status, plan, add_ons, market_price_minor, quote,
        first_payment_minor, deposit_minor, deposit_waived_minor, deposit_to_hold_minor, decision_reason_codes,
        address_ciphertext, city, version, created_at, updated_at)
      values (${id}, ${customerId}, 'sku_test', 'pln_test', 'active', '{}'::jsonb, '[]'::jsonb,
        599900, '{}'::jsonb, 0, 0, 0, 0, '[]'::jsonb, 'x', '上海', 1, ${now}, ${now})`);
    return id;
  };
  /** A ticket of the customer that an agent resolved. */
  const resolvedTicket = async (token: string, orderId?: string) => {
    const opened = await call(token, 'POST', '/v1/tickets', {
      kind: 'billing',
      subject: '扣款两次',
      body: '3 月账单扣了两次',
      ...(orderId ? { orderId } : {}),
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const id: string = opened.json().id;
    const resolved = await call(await agent(), 'POST', `/v1/admin/tickets/${id}/actions`, { action: 'resolve' });
    expect(resolved.json().state).toBe('resolved');
    return id;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'zulin-feedback-submission-facts-'));
    s = await createTestServer(get().database, { modules, env: { ZULIN_DATA_DIR: dataDir } });
  });
  afterAll(async () => {
    await s?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('sent from the error screen: app by the default rule, the code and request id shown to the handler; from the form: no category', async () => {
    const alice = await customer();
    const sent = await call(alice.token, 'POST', '/v1/feedback', {
      text: neutral,
      anonymous: false,
      entry: { source: 'error_screen', code: 'RENTAL_ORDER_NOT_FOUND', requestId: 'req_01abc.def:9-x' },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().category).toBe('app');
    expect(await stored(sent.json().id)).toEqual({
      source: 'error_screen',
      error_code: 'RENTAL_ORDER_NOT_FOUND',
      error_request_id: 'req_01abc.def:9-x',
      auto_category: 'app',
      category_confidence_pct: 67,
      matched_rule_ids: ['error_screen'],
    });
    const view = (await call(await agent(), 'GET', `/v1/admin/feedback/${sent.json().id}`)).json();
    expect(view).toMatchObject({
      source: 'error_screen',
      errorCode: 'RENTAL_ORDER_NOT_FOUND',
      errorRequestId: 'req_01abc.def:9-x',
      autoCategory: 'app',
      rulesVersion: 'default-1',
    });

    // The same words from the form: no rule matches.
    const plain = await call(alice.token, 'POST', '/v1/feedback', { text: neutral, anonymous: false });
    expect(plain.statusCode, plain.body).toBe(201);
    expect(plain.json().category).toBeNull();
    expect(await stored(plain.json().id)).toEqual({
      source: 'form',
      error_code: null,
      error_request_id: null,
      auto_category: null,
      category_confidence_pct: 0,
      matched_rule_ids: [],
    });
    // `source: form` says the form whatever else is sent along.
    const formWithCode = await call(alice.token, 'POST', '/v1/feedback', {
      text: neutral,
      anonymous: false,
      entry: { source: 'form', code: 'RENTAL_ORDER_NOT_FOUND' },
    });
    expect(formWithCode.statusCode, formWithCode.body).toBe(201);
    expect(await stored(formWithCode.json().id)).toMatchObject({
      source: 'form',
      error_code: null,
      auto_category: null,
    });
  });

  test('anonymous from the error screen: app; the code is kept, the request id never stored nor shown', async () => {
    const bob = await customer();
    const sent = await call(bob.token, 'POST', '/v1/feedback', {
      text: neutral,
      anonymous: true,
      entry: { source: 'error_screen', code: 'HTTP_ERROR', requestId: 'req_bobs' },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(await stored(sent.json().id)).toMatchObject({
      source: 'error_screen',
      error_code: 'HTTP_ERROR',
      error_request_id: null,
      auto_category: 'app',
    });
    const view = (await call(await agent(), 'GET', `/v1/admin/feedback/${sent.json().id}`)).json();
    expect(view).toMatchObject({ author: 'anonymous', source: 'error_screen', errorCode: 'HTTP_ERROR' });
    expect(view).not.toHaveProperty('errorRequestId');
    expect(JSON.stringify(view)).not.toContain('req_bobs');
  });

  test('a code or request id of another shape, or another source, is refused', async () => {
    const carol = await customer();
    for (const entry of [
      { source: 'error_screen', code: 'A13800138000' },
      { source: 'error_screen', code: 'rental_order_not_found' },
      { source: 'error_screen', code: 'X'.repeat(65) },
      { source: 'error_screen', requestId: 'req with spaces' },
      { source: 'error_screen', requestId: 'r'.repeat(65) },
      { source: 'crash_screen' },
    ]) {
      const refused = await call(carol.token, 'POST', '/v1/feedback', { text: neutral, anonymous: false, entry });
      expect(refused.statusCode, JSON.stringify(entry)).toBe(422);
      expect(refused.json().code).toBe('VALIDATION_FAILED');
    }
    // The use case keeps nothing of another shape either (a caller that skipped the schema).
    expect(entryPointOf({ source: 'error_screen', code: 'A1380013800', requestId: 'a b' }, false)).toEqual({
      source: 'error_screen',
      errorCode: null,
      requestId: null,
    });
    expect(entryPointOf(undefined, false)).toEqual({ source: 'form', errorCode: null, requestId: null });
  });

  test('a ticket the customer reopened makes general feedback a service matter, for 30 days', async () => {
    const dave = await customer();
    // None yet, and one only resolved: no fact matches.
    await resolvedTicket(dave.token);
    const before = await call(dave.token, 'POST', '/v1/feedback', { text: neutral, anonymous: false });
    expect(before.json().category).toBeNull();

    const ticketId = await resolvedTicket(dave.token);
    const reopened = await call(dave.token, 'POST', `/v1/tickets/${ticketId}/actions`, { action: 'reopen' });
    expect(reopened.json().state).toBe('open');
    const after = await call(dave.token, 'POST', '/v1/feedback', { text: neutral, anonymous: false });
    expect(after.json().category).toBe('service');
    expect(await stored(after.json().id)).toMatchObject({
      auto_category: 'service',
      category_confidence_pct: 50,
      matched_rule_ids: ['ticket_reopened'],
    });
    // Anonymous: classified the same from the author the submission knows; the count is not shown.
    const anonymous = await call(dave.token, 'POST', '/v1/feedback', { text: neutral, anonymous: true });
    expect(anonymous.json().category).toBe('service');
    const view = (await call(await agent(), 'GET', `/v1/admin/feedback/${anonymous.json().id}`)).json();
    expect(JSON.stringify(view)).not.toContain(ticketId);
    expect(JSON.stringify(view)).not.toContain('ticketsReopened');

    // Both facts at once: app 4 beats service 3.
    const both = await call(dave.token, 'POST', '/v1/feedback', {
      text: neutral,
      anonymous: false,
      entry: { source: 'error_screen' },
    });
    expect(await stored(both.json().id)).toMatchObject({
      auto_category: 'app',
      matched_rule_ids: expect.arrayContaining(['error_screen', 'ticket_reopened']),
    });

    // Day 30 after the reopen still counts; day 31 does not.
    const reopenedAt = s.clock.now().getTime();
    s.clock.set(new Date(reopenedAt + 30 * dayMs - 60_000));
    const day30 = await call((await signInTestCustomer(s, dave.phone)).token, 'POST', '/v1/feedback', {
      text: neutral,
      anonymous: false,
    });
    expect(day30.json().category).toBe('service');
    s.clock.set(new Date(reopenedAt + 30 * dayMs + 60_000));
    const day31 = await call((await signInTestCustomer(s, dave.phone)).token, 'POST', '/v1/feedback', {
      text: neutral,
      anonymous: false,
    });
    expect(day31.json().category).toBeNull();
  });

  test("with an order: that order's tickets count, whenever reopened; an answer on a resolved ticket counts, an agent's reopen does not", async () => {
    const erin = await customer();
    const first = await rental(erin.customerId);
    const second = await rental(erin.customerId);
    // An agent reopens a ticket on the first order: not the customer's doing.
    const byAgent = await resolvedTicket(erin.token, first);
    const agentReopen = await call(await agent(), 'POST', `/v1/admin/tickets/${byAgent}/actions`, { action: 'reopen' });
    expect(agentReopen.json().state).toBe('open');
    const onFirst = async () =>
      (await call(erin.token, 'POST', '/v1/feedback', { text: neutral, anonymous: false, orderId: first })).json();
    expect((await onFirst()).category).toBeNull();

    // The customer answers a resolved ticket on the first order: taken back from resolved.
    const answered = await resolvedTicket(erin.token, first);
    const reply = await call(erin.token, 'POST', `/v1/tickets/${answered}/messages`, { body: '还是不行' });
    expect(reply.json().state).toBe('in_progress');
    const later = await onFirst();
    expect(later.category).toBe('service');
    expect(later.timing).toBe('during_rental');
    // The second order has no reopened ticket: general feedback on it is not service, though the
    // customer reopened one within 30 days (the order's tickets are what counts when it names one).
    const onSecond = await call(erin.token, 'POST', '/v1/feedback', {
      text: neutral,
      anonymous: false,
      orderId: second,
    });
    expect(onSecond.json().category).toBeNull();
    const general = await call(erin.token, 'POST', '/v1/feedback', { text: neutral, anonymous: false });
    expect(general.json().category).toBe('service');

    // Long after, the order's reopened ticket still counts for feedback on that order.
    s.clock.set(new Date(s.clock.now().getTime() + 90 * dayMs));
    const token = (await signInTestCustomer(s, erin.phone)).token;
    const late = await call(token, 'POST', '/v1/feedback', { text: neutral, anonymous: false, orderId: first });
    expect(late.json().category).toBe('service');
  });
});
