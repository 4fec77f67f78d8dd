import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { identityModule } from '@zulin/identity';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { closeResolvedTickets } from './close-resolved-tickets';
import { helpArticles } from './help-centre/articles';
import { seedDemoTicket, seedSupport } from './seed';
import { countTicketsReopenedByCustomer } from './tickets-reopened';

describeDb('support API', (get) => {
  let s: TestServer;
  let alice: { customerId: string; token: string };
  let bob: { customerId: string; token: string };
  let agent: { staffId: string; token: string };
  let other: { staffId: string; token: string };
  let marketing: { staffId: string; token: string };
  const alicePhone = randomTestPhone();
  /** Access tokens live minutes: after moving the clock by hours, sign in again (Alice stays herself). */
  const signInAgain = async () => {
    alice = await signInTestCustomer(s, alicePhone);
    agent = await signInTestStaff(s, 'support');
    other = await signInTestStaff(s, 'support');
    marketing = await signInTestStaff(s, 'marketing');
    bob = await signInTestCustomer(s, randomTestPhone());
  };
  const call = (token: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    s.app.inject({ method, url, payload: payload as object, headers: token ? bearer(token) : {} });

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    alice = await signInTestCustomer(s, alicePhone);
    bob = await signInTestCustomer(s, randomTestPhone());
    agent = await signInTestStaff(s, 'support');
    other = await signInTestStaff(s, 'support');
    marketing = await signInTestStaff(s, 'marketing');
  });
  afterAll(async () => {
    await s?.close();
  });

  test('a fault ticket: high priority, 30-minute first answer, owner only; the agent answers and the customer is notified', async () => {
    const opened = await call(alice.token, 'POST', '/v1/tickets', {
      kind: 'fault',
      subject: '屏幕不亮',
      body: '今天早上开始屏幕一直黑屏，充电也没有反应。',
    });
    expect(opened.statusCode).toBe(201);
    const ticket = opened.json();
    expect(ticket).toMatchObject({
      kind: 'fault',
      priority: 'high',
      state: 'open',
      subject: '屏幕不亮',
      actions: ['cancel'],
      messages: [{ author: 'customer', body: '今天早上开始屏幕一直黑屏，充电也没有反应。', internal: false }],
    });
    expect((await call(bob.token, 'GET', `/v1/tickets/${ticket.id}`)).statusCode).toBe(404);
    expect((await call(bob.token, 'POST', `/v1/tickets/${ticket.id}/messages`, { body: 'hi' })).statusCode).toBe(404);

    const staffView = (await call(agent.token, 'GET', `/v1/admin/tickets/${ticket.id}`)).json();
    const openedAt = Date.parse(staffView.openedAt);
    expect(Date.parse(staffView.sla.firstResponseDueAt) - openedAt).toBe(30 * 60_000);
    expect(Date.parse(staffView.sla.resolutionDueAt) - openedAt).toBe(48 * 3_600_000);
    expect(staffView.sla).toMatchObject({ firstResponse: 'running', resolution: 'running', pausedMs: 0 });
    expect(staffView.customerReopenedAt).toBeNull();

    // An internal note is not an answer and the customer never sees it.
    const note = await call(agent.token, 'POST', `/v1/admin/tickets/${ticket.id}/messages`, {
      body: '疑似主板故障，先安排换机',
      internal: true,
    });
    expect(note.statusCode).toBe(201);
    expect(note.json().state).toBe('open');
    s.clock.advance(10 * 60_000);
    const answered = await call(agent.token, 'POST', `/v1/admin/tickets/${ticket.id}/messages`, {
      cannedReplyId: 'greeting',
    });
    expect(answered.statusCode).toBe(201);
    expect(answered.json()).toMatchObject({ state: 'in_progress', assigneeId: agent.staffId });
    // Staff read names, not ids: the customer's masked phone, the agent's name on the ticket and on the message.
    expect(answered.json().customerName).toContain(`****${alicePhone.slice(-4)}`);
    expect(answered.json().assigneeName).toEqual(expect.any(String));
    expect(answered.json().messages.at(-1).authorName).toBe(answered.json().assigneeName);
    expect(answered.json().sla.firstResponse).toBe('met');
    const seen = (await call(alice.token, 'GET', `/v1/tickets/${ticket.id}`)).json();
    expect(seen.messages.map((m: { author: string }) => m.author)).toEqual(['customer', 'agent']);
    expect(seen.messages[1].body).toContain(ticket.id);
    expect(JSON.stringify(seen)).not.toContain('主板');
    const inbox = (await call(alice.token, 'GET', '/v1/me/notifications')).json().data as { title: string }[];
    expect(inbox.some((n) => n.title === '工单有新回复')).toBe(true);
  });

  test('waiting for the customer pauses the SLA clock; a reply takes the ticket back; resolve and close', async () => {
    const ticket = (
      await call(alice.token, 'POST', '/v1/tickets', { kind: 'billing', subject: '扣款两次', body: '3 月账单扣了两次' })
    ).json();
    const before = (await call(agent.token, 'GET', `/v1/admin/tickets/${ticket.id}`)).json().sla.resolutionDueAt;
    const asked = await call(agent.token, 'POST', `/v1/admin/tickets/${ticket.id}/messages`, {
      body: '请提供扣款截图',
      askCustomer: true,
    });
    expect(asked.json().state).toBe('waiting_customer');
    s.clock.advance(5 * 3_600_000);
    await signInAgain();
    const replied = await call(alice.token, 'POST', `/v1/tickets/${ticket.id}/messages`, { body: '截图已上传' });
    expect(replied.statusCode).toBe(201);
    expect(replied.json().state).toBe('in_progress');
    const after = (await call(agent.token, 'GET', `/v1/admin/tickets/${ticket.id}`)).json();
    expect(Date.parse(after.sla.resolutionDueAt) - Date.parse(before)).toBe(5 * 3_600_000);
    expect(after.sla.pausedMs).toBe(5 * 3_600_000);

    const resolved = await call(agent.token, 'POST', `/v1/admin/tickets/${ticket.id}/actions`, { action: 'resolve' });
    expect(resolved.json()).toMatchObject({ state: 'resolved', sla: { resolution: 'met' } });
    const closed = await call(alice.token, 'POST', `/v1/tickets/${ticket.id}/actions`, { action: 'close' });
    expect(closed.json().state).toBe('closed');
    const again = await call(alice.token, 'POST', `/v1/tickets/${ticket.id}/actions`, { action: 'reopen' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('SUPPORT_TICKET_TRANSITION_INVALID');
  });

  test('the queue: active tickets by resolution deadline, assignment, my queue; permissions', async () => {
    const low = (
      await call(bob.token, 'POST', '/v1/tickets', { kind: 'account', subject: '改手机号', body: '换号了' })
    ).json();
    const urgent = (
      await call(bob.token, 'POST', '/v1/tickets', { kind: 'fault', subject: '无法开机', body: '开不了机' })
    ).json();
    const queue = (await call(agent.token, 'GET', '/v1/admin/tickets?limit=100')).json().data as {
      id: string;
      resolutionDueAt?: string;
      sla: { resolutionDueAt: string };
    }[];
    const ids = queue.map((t) => t.id);
    expect(ids.indexOf(urgent.id)).toBeLessThan(ids.indexOf(low.id));
    const dues = queue.map((t) => Date.parse(t.sla.resolutionDueAt));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));

    const given = await call(agent.token, 'POST', `/v1/admin/tickets/${low.id}/assign`, { assigneeId: other.staffId });
    expect(given.json()).toMatchObject({ state: 'in_progress', assigneeId: other.staffId });
    const mine = (await call(other.token, 'GET', '/v1/admin/tickets?assignee=me'))
      .json()
      .data.map((t: { id: string }) => t.id);
    expect(mine).toEqual([low.id]);
    const nobody = await call(agent.token, 'POST', `/v1/admin/tickets/${low.id}/assign`, { assigneeId: 'stf_nobody' });
    expect(nobody.statusCode).toBe(422);
    // A staff member without the support desk's permission is no assignee either.
    const notAnAgent = await call(agent.token, 'POST', `/v1/admin/tickets/${low.id}/assign`, {
      assigneeId: marketing.staffId,
    });
    expect(notAnAgent.statusCode).toBe(422);
    expect(notAnAgent.json().code).toBe('SUPPORT_ASSIGNEE_NOT_FOUND');
    expect((await call(marketing.token, 'GET', '/v1/admin/tickets')).statusCode).toBe(403);
    expect((await call(alice.token, 'GET', '/v1/admin/tickets')).statusCode).toBe(401); // a customer token is not a staff session
    const audit = await queryRows<{ action: string }>(
      s.ctx.database.db,
      sql`select action from identity_audit_log where target_id = ${low.id}`,
    );
    expect(audit.map((a) => a.action)).toContain('support.ticket_assigned');
    const agents = (await call(agent.token, 'GET', '/v1/admin/tickets/agents')).json().data as { id: string }[];
    expect(agents.map((a) => a.id)).toEqual(expect.arrayContaining([agent.staffId, other.staffId]));
    const canned = (await call(agent.token, 'GET', `/v1/admin/tickets/${urgent.id}/canned-replies`)).json().data;
    expect(canned.length).toBeGreaterThan(1);
    expect(canned.find((c: { id: string }) => c.id === 'greeting').body).toContain(urgent.id);
  });

  test('the help centre: the seeded FAQ, Chinese search by words, English search, one article', async () => {
    await seedSupport(s.ctx);
    expect((await seedSupport(s.ctx)).created).toBe(0); // running it again changes nothing
    const all = (await call(null, 'GET', '/v1/help/articles')).json().data;
    expect(all).toHaveLength(helpArticles.length);
    const deposit = (await call(null, 'GET', `/v1/help/articles?q=${encodeURIComponent('押金什么时候退')}`)).json()
      .data;
    expect(deposit.length).toBeGreaterThan(0);
    expect(deposit[0].topic).toBe('deposit');
    const english = (await call(null, 'GET', '/v1/help/articles?locale=en&q=deposit')).json().data;
    expect(english[0].topic).toBe('deposit');
    expect((await call(null, 'GET', `/v1/help/articles?q=${encodeURIComponent('火星旅行')}`)).json().data).toEqual([]);
    const one = await call(null, 'GET', `/v1/help/articles/${all[0].slug}`);
    expect(one.json().title['zh-CN']).toBe(helpArticles[0]?.title['zh-CN']);
    expect((await call(null, 'GET', '/v1/help/articles/no-such-article')).statusCode).toBe(404);
  });

  test('the demo tickets: 小张 and 小李 have one open ticket each after the seed, and 小李 one they reopened; a second run adds none', async () => {
    await identityModule.seed?.(s.ctx);
    const first = await seedDemoTicket(s.ctx);
    expect(first.created).toBe(3);
    expect((await seedDemoTicket(s.ctx)).created).toBe(0);
    const rows = await queryRows<{ kind: string; state: string; subject: string }>(
      s.ctx.database.db,
      sql`select t.kind, t.state, t.subject from support_tickets t where t.subject in ('本期租金比上期多了', '快递什么时候到') order by t.subject`,
    );
    expect(rows).toEqual([
      { kind: 'logistics', state: 'open', subject: '快递什么时候到' },
      { kind: 'billing', state: 'open', subject: '本期租金比上期多了' },
    ]);
    // 小李's account ticket: answered, resolved, then reopened by 小李 with a message — counted as reopened.
    const [reopened] = await queryRows<{
      id: string;
      customer_id: string;
      state: string;
      first_response_at: Date | null;
      resolved_at: Date | null;
      opened_at: Date;
      customer_reopened_at: Date | null;
    }>(
      s.ctx.database.db,
      sql`select id, customer_id, state, first_response_at, resolved_at, opened_at, customer_reopened_at
          from support_tickets where subject = '换绑手机号收不到验证码'`,
    );
    expect(reopened).toMatchObject({ state: 'open', resolved_at: null });
    expect(reopened?.first_response_at).not.toBeNull();
    const reopenedAt = new Date(reopened?.customer_reopened_at ?? 0).getTime();
    expect(s.clock.now().getTime() - reopenedAt).toBe(3 * 3_600_000);
    expect(reopenedAt - new Date(reopened?.opened_at ?? 0).getTime()).toBe(27 * 3_600_000);
    expect(await countTicketsReopenedByCustomer(s.ctx.database.db, { customerId: reopened?.customer_id ?? '' })).toBe(
      1,
    );
    // The desk sees when the customer took it back (客户重新打开).
    const desk = (await call(agent.token, 'GET', `/v1/admin/tickets/${reopened?.id}`)).json();
    expect(desk.customerReopenedAt).toBe(new Date(reopenedAt).toISOString());
    const messages = await queryRows<{ author_kind: string; body: string }>(
      s.ctx.database.db,
      sql`select author_kind, body from support_ticket_messages where ticket_id = ${reopened?.id} order by created_at, id`,
    );
    expect(messages.map((m) => m.author_kind)).toEqual(['customer', 'agent', 'customer']);
    const audit = await queryRows<{ action: string; actor_kind: string }>(
      s.ctx.database.db,
      sql`select action, actor_kind from identity_audit_log where target_id = ${reopened?.id} order by seq`,
    );
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'support.ticket_resolve', actor_kind: 'staff' },
        { action: 'support.ticket_reopen', actor_kind: 'customer' },
      ]),
    );
  });

  test('the article editor: a draft is hidden until published, edits are checked, unpublish hides it again', async () => {
    await seedSupport(s.ctx);
    const draft = {
      slug: 'screen-repair-cost',
      topic: 'returns',
      title: { 'zh-CN': '屏幕摔碎了维修要多少钱?', en: 'What does a cracked screen cost?' },
      body: {
        'zh-CN': '购买了碎屏险的订单，屏幕维修免费一次。未购买的，按官方维修价收取。',
        en: 'With screen insurance, one screen repair is free. Without it, the official repair price applies.',
      },
      keywords: { 'zh-CN': '碎屏 维修', en: 'screen repair' },
    };
    expect((await call(marketing.token, 'POST', '/v1/admin/help/articles', draft)).statusCode).toBe(403);
    const created = await call(agent.token, 'POST', '/v1/admin/help/articles', draft);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ slug: draft.slug, published: false, publishedAt: null });
    expect(created.json().updatedByName).toEqual(expect.any(String));
    expect((await call(agent.token, 'POST', '/v1/admin/help/articles', draft)).json().code).toBe(
      'SUPPORT_ARTICLE_SLUG_TAKEN',
    );
    const search = () =>
      call(null, 'GET', `/v1/help/articles?q=${encodeURIComponent('碎屏维修多少钱')}`).then(
        (r) => r.json().data.map((a: { slug: string }) => a.slug) as string[],
      );
    expect(await search()).not.toContain(draft.slug);
    expect((await call(null, 'GET', `/v1/help/articles/${draft.slug}`)).statusCode).toBe(404);
    const admin = (await call(agent.token, 'GET', '/v1/admin/help/articles')).json().data as { slug: string }[];
    expect(admin.at(-1)?.slug).toBe(draft.slug);

    const blank = await call(agent.token, 'PATCH', `/v1/admin/help/articles/${draft.slug}`, {
      ...{ topic: draft.topic, body: draft.body },
      title: { 'zh-CN': '   ', en: 'Cracked screen' },
    });
    expect(blank.statusCode).toBe(422);
    expect(blank.json().code).toBe('SUPPORT_ARTICLE_INVALID');
    const edited = await call(agent.token, 'PATCH', `/v1/admin/help/articles/${draft.slug}`, {
      topic: draft.topic,
      title: { 'zh-CN': '屏幕碎了怎么维修?', en: 'My screen cracked: how is it repaired?' },
      body: draft.body,
      keywords: draft.keywords,
    });
    expect(edited.json().title['zh-CN']).toBe('屏幕碎了怎么维修?');

    const published = await call(agent.token, 'POST', `/v1/admin/help/articles/${draft.slug}/publish`);
    expect(published.json()).toMatchObject({ published: true, publishedAt: expect.any(String) });
    expect(await search()).toContain(draft.slug);
    const english = (await call(null, 'GET', '/v1/help/articles?locale=en&q=cracked%20screen')).json().data;
    expect(english[0].slug).toBe(draft.slug);
    expect((await call(null, 'GET', `/v1/help/articles/${draft.slug}`)).json().title.en).toBe(
      'My screen cracked: how is it repaired?',
    );
    await call(agent.token, 'POST', `/v1/admin/help/articles/${draft.slug}/unpublish`);
    expect(await search()).not.toContain(draft.slug);
    const audit = await queryRows<{ action: string }>(
      s.ctx.database.db,
      sql`select action from identity_audit_log where target_id = ${draft.slug} order by seq`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'support.article_created',
      'support.article_edited',
      'support.article_published',
      'support.article_unpublished',
    ]);
  });

  test('the system closes a resolved ticket after 7 quiet days, not before', async () => {
    const ticket = (
      await call(alice.token, 'POST', '/v1/tickets', { kind: 'logistics', subject: '快递没到', body: '三天了还没到' })
    ).json();
    await call(agent.token, 'POST', `/v1/admin/tickets/${ticket.id}/actions`, { action: 'resolve' });
    const sweep = () =>
      transaction(s.ctx.database.db, (tx) =>
        closeResolvedTickets(tx, { clock: s.clock, timeZone: s.ctx.config.timeZone }, 200),
      );
    s.clock.advance(7 * 24 * 3_600_000 - 60_000);
    await sweep();
    await signInAgain();
    expect((await call(alice.token, 'GET', `/v1/tickets/${ticket.id}`)).json().state).toBe('resolved');
    s.clock.advance(120_000);
    expect(await sweep()).toBeGreaterThanOrEqual(1);
    await signInAgain();
    expect((await call(alice.token, 'GET', `/v1/tickets/${ticket.id}`)).json().state).toBe('closed');
  });
});
