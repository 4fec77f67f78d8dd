// The chat's life beyond a conversation, over the API with a test clock: agents' presence (set,
// heartbeat, offline after exactly 2 silent minutes) and what the queue tells the customer (place,
// agents online, a ticket at once when none is); the system closing a chat nobody took at exactly 15
// minutes (a ticket may still be left) and an idle one at exactly 30; a disabled agent's chat going
// back to the queue.
import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { closeStaleChats } from './close-stale-chats';
import { postChatMessage } from './post-chat-message';

describeDb('chat presence, queue and system closing', (get) => {
  let s: TestServer;
  const call = (token: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    s.app.inject({ method, url, payload: payload as object, headers: bearer(token) });
  const deps = () => ({ clock: s.clock, timeZone: s.ctx.config.timeZone });
  const sweep = () => transaction(s.ctx.database.db, (tx) => closeStaleChats(tx, deps(), 200));
  const write = (chatId: string, customerId: string, body: string) =>
    transaction(s.ctx.database.db, (tx) => postChatMessage(tx, deps(), { chatId, customerId, body, clientId: null }));
  const chatOf = async (token: string, id: string) => (await call(token, 'GET', `/v1/chats/${id}`)).json();
  const online = async (token: string) => (await call(token, 'GET', '/v1/admin/chats/presence')).json().online;

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('presence: with nobody online a ticket is offered at once; online agents make the customer wait 3 minutes; 2 silent minutes make an agent offline', async () => {
    const agent = await signInTestStaff(s, 'support');
    const colleague = await signInTestStaff(s, 'support');
    const viewer = await signInTestStaff(s, 'operator');
    const c1 = await signInTestCustomer(s, randomTestPhone());
    const c2 = await signInTestCustomer(s, randomTestPhone());
    const start = s.clock.now().getTime();

    expect((await call(agent.token, 'GET', '/v1/admin/chats/presence')).json()).toMatchObject({
      me: { status: 'offline', setStatus: 'offline', lastSeenAt: null },
      online: 0,
      agents: [],
    });
    const first = (await call(c1.token, 'POST', '/v1/chats')).json();
    expect(first).toMatchObject({ state: 'queued', queuePosition: 1, agentsOnline: 0, canLeaveTicket: true });

    // Setting a status needs support.handle; reading it support.read; an unknown status is refused.
    expect((await call(viewer.token, 'POST', '/v1/admin/chats/presence', { status: 'online' })).statusCode).toBe(403);
    expect((await call(agent.token, 'POST', '/v1/admin/chats/presence', { status: 'busy' })).statusCode).toBe(422);
    const set = await call(agent.token, 'POST', '/v1/admin/chats/presence', { status: 'online' });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ me: { status: 'online' }, online: 1 });
    // Away is present but is not offered chats.
    await call(colleague.token, 'POST', '/v1/admin/chats/presence', { status: 'away' });
    const desk = (await call(viewer.token, 'GET', '/v1/admin/chats/presence')).json();
    expect(desk.online).toBe(1);
    expect(desk.agents.map((a: { staffId: string; status: string }) => [a.staffId, a.status]).sort()).toEqual(
      [
        [agent.staffId, 'online'],
        [colleague.staffId, 'away'],
      ].sort(),
    );
    const audit = await queryRows<{ action: string }>(
      s.ctx.database.db,
      sql`select action from identity_audit_log where target_id = ${agent.staffId} and action = 'support.agent_presence_set'`,
    );
    expect(audit).toHaveLength(1);

    // An agent is online: the customer waits, and sees their place and the agents online.
    expect(await chatOf(c1.token, first.id)).toMatchObject({
      agentsOnline: 1,
      queuePosition: 1,
      canLeaveTicket: false,
    });
    const second = (await call(c2.token, 'POST', '/v1/chats')).json();
    expect(second).toMatchObject({ queuePosition: 2, agentsOnline: 1, canLeaveTicket: false });
    const early = await call(c1.token, 'POST', `/v1/chats/${first.id}/ticket`, { kind: 'account', subject: '账户' });
    expect(early.json()).toMatchObject({ code: 'SUPPORT_CHAT_TICKET_TOO_EARLY' });

    // 90 s later the desk page beats; at exactly 3 minutes in the queue the ticket is offered though the agent is online.
    s.clock.advance(90_000);
    expect((await call(agent.token, 'POST', '/v1/admin/chats/presence/heartbeat')).json().me.status).toBe('online');
    s.clock.advance(90_000 - 1);
    expect(await chatOf(c1.token, first.id)).toMatchObject({ agentsOnline: 1, canLeaveTicket: false });
    s.clock.advance(1);
    expect(s.clock.now().getTime() - start).toBe(3 * 60_000);
    expect(await chatOf(c1.token, first.id)).toMatchObject({ agentsOnline: 1, canLeaveTicket: true });

    // The first customer leaves: the second moves up.
    await call(c1.token, 'POST', `/v1/chats/${first.id}/end`);
    expect(await chatOf(c2.token, second.id)).toMatchObject({ queuePosition: 1 });

    // The agent's last beat was at 1:30: still online at 3:29.999, offline at exactly 3:30.
    s.clock.advance(30_000 - 1);
    expect(await online(viewer.token)).toBe(1);
    s.clock.advance(1);
    expect(await online(viewer.token)).toBe(0);
    expect((await call(agent.token, 'GET', '/v1/admin/chats/presence')).json().me).toMatchObject({
      status: 'offline',
      setStatus: 'online',
    });
    // The customer still waiting is offered a ticket now.
    expect(await chatOf(c2.token, second.id)).toMatchObject({ agentsOnline: 0, canLeaveTicket: true });
    // A heartbeat brings a timed-out agent back; one who set offline stays offline.
    await call(agent.token, 'POST', '/v1/admin/chats/presence/heartbeat');
    expect(await online(viewer.token)).toBe(1);
    await call(agent.token, 'POST', '/v1/admin/chats/presence', { status: 'offline' });
    await call(agent.token, 'POST', '/v1/admin/chats/presence/heartbeat');
    expect(await online(viewer.token)).toBe(0);
    await call(c2.token, 'POST', `/v1/chats/${second.id}/end`);
  });

  test('a chat nobody took is closed at exactly 15 minutes; the customer may still leave a ticket with what they wrote, once', async () => {
    const phone = randomTestPhone();
    let c = await signInTestCustomer(s, phone);
    const chat = (await call(c.token, 'POST', '/v1/chats')).json();
    expect(chat.queueClosesAt).toBe(new Date(s.clock.now().getTime() + 15 * 60_000).toISOString());
    await write(chat.id, c.customerId, '我的账单金额不对');

    s.clock.advance(15 * 60_000 - 1);
    await sweep();
    c = await signInTestCustomer(s, phone);
    expect((await chatOf(c.token, chat.id)).state).toBe('queued');
    s.clock.advance(1);
    expect((await sweep()).noAgent).toBeGreaterThanOrEqual(1);
    const closed = await chatOf(c.token, chat.id);
    expect(closed).toMatchObject({ state: 'ended', endReason: 'no_agent', canLeaveTicket: true, canRate: false });
    expect(closed.messages.map((m: { author: string; body: string }) => [m.author, m.body])).toEqual([
      ['customer', '我的账单金额不对'],
      ['system', 'no_agent'],
    ]);
    expect((await call(c.token, 'GET', '/v1/chats/current')).json().chat).toBeNull();
    // A second sweep finds nothing more of it.
    await sweep();
    expect((await chatOf(c.token, chat.id)).messages).toHaveLength(2);

    const left = await call(c.token, 'POST', `/v1/chats/${chat.id}/ticket`, { kind: 'billing', subject: '账单' });
    expect(left.statusCode).toBe(201);
    expect(left.json().chat).toMatchObject({ state: 'ended', endReason: 'no_agent', canLeaveTicket: false });
    const ticket = (await call(c.token, 'GET', `/v1/tickets/${left.json().ticketId}`)).json();
    expect(ticket).toMatchObject({ kind: 'billing', subject: '账单' });
    expect(ticket.messages[0].body).toBe('我的账单金额不对');
    const twice = await call(c.token, 'POST', `/v1/chats/${chat.id}/ticket`, { kind: 'billing', subject: '账单' });
    expect(twice.json()).toMatchObject({ code: 'SUPPORT_CHAT_STATE_INVALID' });
  });

  test('an active chat nobody wrote in is closed at exactly 30 minutes after the last line', async () => {
    const agent = await signInTestStaff(s, 'support');
    const c = await signInTestCustomer(s, randomTestPhone());
    const chat = (await call(c.token, 'POST', '/v1/chats')).json();
    expect((await call(agent.token, 'POST', `/v1/admin/chats/${chat.id}/take`)).statusCode).toBe(200);
    s.clock.advance(10 * 60_000);
    await write(chat.id, c.customerId, '好的，我再看看');
    s.clock.advance(30 * 60_000 - 1);
    await sweep();
    const db = s.ctx.database.db;
    const stateOf = async () =>
      (
        await queryRows<{ state: string; end_reason: string | null }>(
          db,
          sql`select state, end_reason from support_chats where id = ${chat.id}`,
        )
      )[0];
    expect(await stateOf()).toEqual({ state: 'active', end_reason: null });
    s.clock.advance(1);
    expect((await sweep()).idle).toBeGreaterThanOrEqual(1);
    expect(await stateOf()).toEqual({ state: 'ended', end_reason: 'idle' });
  });

  test('a disabled agent goes offline and the chat they held goes back to the queue', async () => {
    const admin = await signInTestStaff(s, 'admin');
    const agent = await signInTestStaff(s, 'support');
    const phone = randomTestPhone();
    const c = await signInTestCustomer(s, phone);
    await call(agent.token, 'POST', '/v1/admin/chats/presence', { status: 'online' });
    const chat = (await call(c.token, 'POST', '/v1/chats')).json();
    await call(agent.token, 'POST', `/v1/admin/chats/${chat.id}/take`);
    expect(await chatOf(c.token, chat.id)).toMatchObject({ state: 'active' });

    const disabled = await call(admin.token, 'PATCH', `/v1/admin/staff/${agent.staffId}`, { status: 'disabled' });
    expect(disabled.statusCode).toBe(200);
    for (let i = 0; i < 10; i++) if (!(await s.worker.runOnce()).busy) break;

    const back = await chatOf(c.token, chat.id);
    expect(back).toMatchObject({ state: 'queued', agentName: null, takenAt: null });
    expect(back.messages.at(-1)).toMatchObject({ author: 'system', body: 'returned' });
    const presence = (await call(admin.token, 'GET', '/v1/admin/chats/presence')).json();
    expect(presence.agents.map((a: { staffId: string }) => a.staffId)).not.toContain(agent.staffId);
    // Their token no longer opens anything.
    expect((await call(agent.token, 'GET', '/v1/admin/chats')).statusCode).toBe(401);
  });
});
