// SLA alerts: raised when a timer is at risk and again when it is breached, once per ticket and
// kind however often the sweep runs; the assignee's (or the desk's) badge lists them until acknowledged.
import { transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { listOpenSlaAlerts, raiseSlaAlerts } from './sla-alerts';

describeDb('SLA alerts', (get) => {
  let s: TestServer;
  const sweep = () =>
    transaction(s.ctx.database.db, (tx) => raiseSlaAlerts(tx, { clock: s.clock, timeZone: s.ctx.config.timeZone }));

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('a fault ticket: at risk after 24 of its 30 minutes, breached after 30 — each alert once', async () => {
    const customer = await signInTestCustomer(s, randomTestPhone());
    const agent = await signInTestStaff(s, 'support');
    const opened = await s.app.inject({
      method: 'POST',
      url: '/v1/tickets',
      headers: bearer(customer.token),
      payload: { kind: 'fault', subject: '无法开机', body: '手机无法开机' },
    });
    expect(opened.statusCode).toBe(201);
    const ticketId = opened.json().id as string;
    // Access tokens live 15 minutes: after moving the clock, a fresh agent reads the desk's badge.
    const mine = async (_stale: string) => {
      const token = (await signInTestStaff(s, 'support')).token;
      const res = await s.app.inject({ method: 'GET', url: '/v1/admin/tickets/sla-alerts', headers: bearer(token) });
      return (res.json().data as { ticketId: string; kind: string; id: string; assigneeId: string | null }[]).filter(
        (a) => a.ticketId === ticketId,
      );
    };

    await sweep();
    expect(await mine(agent.token)).toEqual([]);
    // 23 minutes in: 7 of 30 left, more than a fifth — still running.
    s.clock.advance(23 * 60_000);
    await sweep();
    expect(await mine(agent.token)).toEqual([]);
    // 25 minutes in: 5 left, less than a fifth — at risk, for the whole desk (nobody holds the ticket).
    s.clock.advance(2 * 60_000);
    await sweep();
    const second = await sweep();
    const atRisk = await mine(agent.token);
    expect(atRisk.map((a) => [a.kind, a.assigneeId])).toEqual([['first_response_at_risk', null]]);
    expect(second.raised).toBe(0);

    // Breached at 31 minutes: one more alert, still once however often the sweep runs.
    s.clock.advance(6 * 60_000);
    await sweep();
    await sweep();
    const kinds = (await mine(agent.token)).map((a) => a.kind).sort();
    expect(kinds).toEqual(['first_response_at_risk', 'first_response_breached']);

    // Acknowledged alerts leave the badge; acknowledging again changes nothing.
    const acknowledger = await signInTestStaff(s, 'support');
    for (const alert of await mine(agent.token)) {
      const ack = await s.app.inject({
        method: 'POST',
        url: `/v1/admin/tickets/sla-alerts/${alert.id}/acknowledge`,
        headers: bearer(acknowledger.token),
      });
      expect(ack.statusCode).toBe(200);
      expect(ack.json().acknowledgedAt).not.toBeNull();
    }
    expect(await mine(agent.token)).toEqual([]);
    await sweep();
    expect(await mine(agent.token)).toEqual([]);
  });

  test('an assigned ticket alerts its assignee only; a ticket waiting for the customer raises nothing', async () => {
    const customer = await signInTestCustomer(s, randomTestPhone());
    const holder = await signInTestStaff(s, 'support');
    const other = await signInTestStaff(s, 'support');
    const post = (token: string, url: string, payload?: object) =>
      s.app.inject({ method: 'POST', url, headers: bearer(token), ...(payload ? { payload } : {}) });
    const a = (
      await post(customer.token, '/v1/tickets', { kind: 'billing', subject: '扣款两次', body: '本月扣了两次' })
    ).json();
    const b = (
      await post(customer.token, '/v1/tickets', { kind: 'billing', subject: '发票', body: '需要发票' })
    ).json();
    expect((await post(holder.token, `/v1/admin/tickets/${a.id}/assign`, {})).statusCode).toBe(200);
    // b is answered and handed to the customer: its clock stands still.
    expect(
      (await post(holder.token, `/v1/admin/tickets/${b.id}/messages`, { body: '请提供开票信息', askCustomer: true }))
        .statusCode,
    ).toBe(201);
    s.clock.advance(30 * 24 * 3_600_000);
    await sweep();
    const list = async (staffId: string) =>
      (await listOpenSlaAlerts(s.ctx.database.db, staffId)).filter((x) => x.ticketId === a.id || x.ticketId === b.id);
    expect((await list(holder.staffId)).map((x) => [x.ticketId, x.kind]).sort()).toEqual(
      [
        [a.id, 'first_response_breached'],
        [a.id, 'resolution_breached'],
      ].sort(),
    );
    expect(await list(other.staffId)).toEqual([]);
  });
});
