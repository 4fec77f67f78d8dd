// Tickets the customer took back from resolved (feedback's `ticketsReopened`): the customer's reopen
// and their answer on a resolved ticket mark it, an agent's reopen and an answer the agent asked for do
// not; the count by order and by when; and migration 0066's backfill from the audit log.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationsFolder, queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { isCustomerReopen } from './tickets';
import { countTicketsReopenedByCustomer } from './tickets-reopened';

test('only the customer taking a resolved ticket back counts as a reopen', () => {
  expect(isCustomerReopen('resolved', 'reopen', 'customer')).toBe(true);
  expect(isCustomerReopen('resolved', 'customer_reply', 'customer')).toBe(true);
  expect(isCustomerReopen('resolved', 'reopen', 'agent')).toBe(false);
  expect(isCustomerReopen('waiting_customer', 'customer_reply', 'customer')).toBe(false);
  expect(isCustomerReopen('resolved', 'close', 'customer')).toBe(false);
});

describeDb('tickets reopened by the customer', (get) => {
  let s: TestServer;
  const call = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    s.app.inject({ method, url, payload: payload as object, headers: bearer(token) });
  const reopenedAt = async (id: string) =>
    (
      await queryRows<{ at: Date | string | null }>(
        s.ctx.database.db,
        sql`select customer_reopened_at as at from support_tickets where id = ${id}`,
      )
    )[0]?.at ?? null;
  const resolved = async (token: string, agent: string) => {
    const opened = await call(token, 'POST', '/v1/tickets', { kind: 'account', subject: '改手机号', body: '换号了' });
    expect(opened.statusCode, opened.body).toBe(201);
    const id: string = opened.json().id;
    expect((await call(agent, 'POST', `/v1/admin/tickets/${id}/actions`, { action: 'resolve' })).json().state).toBe(
      'resolved',
    );
    return id;
  };

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('marked by the customer, counted by time; the migration fills tickets reopened before it from the audit log', async () => {
    const customer = await signInTestCustomer(s, randomTestPhone());
    const agent = (await signInTestStaff(s, 'support')).token;
    const byAgent = await resolved(customer.token, agent);
    await call(agent, 'POST', `/v1/admin/tickets/${byAgent}/actions`, { action: 'reopen' });
    expect(await reopenedAt(byAgent)).toBeNull();
    const asked = (
      await call(customer.token, 'POST', '/v1/tickets', { kind: 'billing', subject: '扣款两次', body: '扣了两次' })
    ).json().id as string;
    await call(agent, 'POST', `/v1/admin/tickets/${asked}/messages`, { body: '请提供截图', askCustomer: true });
    const answer = await call(customer.token, 'POST', `/v1/tickets/${asked}/messages`, { body: '截图在此' });
    expect(answer.json().state).toBe('in_progress');
    expect(await reopenedAt(asked)).toBeNull();

    const first = s.clock.now();
    const reopened = await resolved(customer.token, agent);
    await call(customer.token, 'POST', `/v1/tickets/${reopened}/actions`, { action: 'reopen' });
    expect(new Date(String(await reopenedAt(reopened))).getTime()).toBe(first.getTime());
    s.clock.advance(60_000);
    const answered = await resolved(customer.token, agent);
    await call(customer.token, 'POST', `/v1/tickets/${answered}/messages`, { body: '还是不行' });
    const second = s.clock.now();
    expect(new Date(String(await reopenedAt(answered))).getTime()).toBe(second.getTime());

    const db = s.ctx.database.db;
    const count = (options: { reopenedFrom?: Date; reopenedTo?: Date }) =>
      countTicketsReopenedByCustomer(db, { customerId: customer.customerId, ...options });
    expect(await count({})).toBe(2);
    expect(await count({ reopenedFrom: second })).toBe(1);
    expect(await count({ reopenedTo: new Date(second.getTime() - 1) })).toBe(1);
    expect(await countTicketsReopenedByCustomer(db, { customerId: 'cus_nobody' })).toBe(0);
    expect(await countTicketsReopenedByCustomer(db, { customerId: customer.customerId, orderId: 'ord_none' })).toBe(0);

    // Migration 0066's last statement, on rows as they were before it: the customer's explicit reopen
    // is in the audit log and comes back; the answer left no audit entry and stays unmarked.
    const migration = readFileSync(
      join(migrationsFolder, '0066_feedback_entry_point_and_reopened_tickets.sql'),
      'utf8',
    ).split('--> statement-breakpoint');
    const backfill = migration.at(-1) ?? '';
    expect(backfill).toContain('UPDATE "support_tickets"');
    await db.execute(
      sql`update support_tickets set customer_reopened_at = null where customer_id = ${customer.customerId}`,
    );
    await db.execute(sql.raw(backfill));
    expect(new Date(String(await reopenedAt(reopened))).getTime()).toBe(first.getTime());
    expect(await reopenedAt(answered)).toBeNull();
    expect(await reopenedAt(byAgent)).toBeNull();
  });
});
