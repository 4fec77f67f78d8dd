// The handlers' queue (issue #16, handling): due times by the SLA rule with real instants, assignment,
// internal notes that never reach the customer, the overdue filter at its exact boundary, and
// resolving by a reply or explicitly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { feedbackSlaHours } from './handling-sla';

const HOUR = 3_600_000;
// 10:00 in Shanghai on 2026-03-02.
const T0 = '2026-03-02T02:00:00.000Z';

describe('feedbackSlaHours', () => {
  test('bad 24 h, device or billing 48 h, others 72 h; the shortest applies', () => {
    expect(feedbackSlaHours({ rating: 'bad', category: 'service' })).toBe(24);
    expect(feedbackSlaHours({ rating: 'bad', category: 'billing' })).toBe(24);
    expect(feedbackSlaHours({ rating: 'good', category: 'billing' })).toBe(48);
    expect(feedbackSlaHours({ rating: null, category: 'device' })).toBe(48);
    expect(feedbackSlaHours({ rating: 'neutral', category: 'logistics' })).toBe(72);
    expect(feedbackSlaHours({ rating: null, category: null })).toBe(72);
  });
});

describeDb('feedback handling', (get) => {
  let s: TestServer;
  let dataDir: string;
  const phone = randomTestPhone();
  const call = async (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const res = await s.app.inject({ method, url, payload: payload as object, headers: bearer(token) });
    return { status: res.statusCode, body: res.json(), text: res.body };
  };
  /** A customer token signed at the clock's now (tokens live 15 minutes; the tests move the clock). */
  const customer = async () => signInTestCustomer(s, phone);
  const submit = async (body: object) => {
    const { token } = await customer();
    const res = await call(token, 'POST', '/v1/feedback', { anonymous: false, ...body });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  let ids: { bad: string; billing: string; other: string; anonymous: string };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'zulin-feedback-handling-'));
    s = await createTestServer(get().database, { modules, env: { ZULIN_DATA_DIR: dataDir }, now: T0 });
    ids = {
      bad: await submit({ rating: 'bad', text: '客服态度很差，电话一直没人接' }),
      billing: await submit({ rating: 'good', text: '账单金额不对，扣款扣了两次' }),
      other: await submit({ rating: 'neutral', text: '快递员送得还可以' }),
      anonymous: await submit({ rating: 'bad', text: '客服一直不回消息', anonymous: true }),
    };
  });
  afterAll(async () => {
    await s?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('due times by the rule, from the arrival (anonymous: from the end of its day in Shanghai)', async () => {
    s.clock.set(T0);
    const { token } = await signInTestStaff(s, 'support');
    const handling = async (id: string) => (await call(token, 'GET', `/v1/admin/feedback/${id}`)).body;
    const bad = await handling(ids.bad);
    expect(bad.handling).toEqual({
      state: 'new',
      assigneeId: null,
      assigneeName: null,
      dueAt: '2026-03-03T02:00:00.000Z',
      overdue: false,
      sla: 'running',
      resolvedAt: null,
    });
    expect(bad.notes).toEqual([]);
    const billing = await handling(ids.billing);
    expect(billing.category).toBe('billing');
    expect(billing.handling.dueAt).toBe('2026-03-04T02:00:00.000Z');
    const other = await handling(ids.other);
    expect(['device', 'billing']).not.toContain(other.category);
    expect(other.handling.dueAt).toBe('2026-03-05T02:00:00.000Z');
    // Sent 10:00 on 2 March in Shanghai: counted from midnight (16:00Z), then 24 hours.
    const anonymous = await handling(ids.anonymous);
    expect(anonymous.author).toBe('anonymous');
    expect(anonymous.submittedAt).toBeUndefined();
    expect(anonymous.handling.dueAt).toBe('2026-03-03T16:00:00.000Z');
    // Soonest due first.
    const byDue = (await call(token, 'GET', '/v1/admin/feedback?sort=due')).body.data.map((f: { id: string }) => f.id);
    expect(byDue).toEqual([ids.bad, ids.anonymous, ids.billing, ids.other]);
    const page1 = (await call(token, 'GET', '/v1/admin/feedback?sort=due&limit=2')).body;
    const page2 = (await call(token, 'GET', `/v1/admin/feedback?sort=due&limit=2&cursor=${page1.nextCursor}`)).body;
    expect([...page1.data, ...page2.data].map((f: { id: string }) => f.id)).toEqual(byDue);
    // The list carries the handling, never the notes.
    expect(page1.data[0].handling.state).toBe('new');
    expect(page1.data[0]).not.toHaveProperty('notes');
  });

  test('assignment: take, give to another handler, refused for non-handlers; mine / unassigned filters', async () => {
    s.clock.set(new Date(Date.parse(T0) + HOUR));
    const a = await signInTestStaff(s, 'support');
    const b = await signInTestStaff(s, 'admin');
    const warehouse = await signInTestStaff(s, 'warehouse');
    const handlers = (await call(a.token, 'GET', '/v1/admin/feedback/handlers')).body.data as {
      id: string;
      name: string;
    }[];
    const nameOf = (id: string) => handlers.find((h) => h.id === id)?.name;
    expect(nameOf(a.staffId)).toBeDefined();
    expect(nameOf(b.staffId)).toBeDefined();
    expect(nameOf(warehouse.staffId)).toBeUndefined();

    const taken = await call(a.token, 'POST', `/v1/admin/feedback/${ids.other}/assign`, {});
    expect(taken.status).toBe(200);
    expect(taken.body.handling).toMatchObject({
      state: 'in_progress',
      assigneeId: a.staffId,
      assigneeName: nameOf(a.staffId),
    });
    const given = await call(a.token, 'POST', `/v1/admin/feedback/${ids.other}/assign`, { assigneeId: b.staffId });
    expect(given.body.handling).toMatchObject({ state: 'in_progress', assigneeId: b.staffId });
    const notHandler = await call(a.token, 'POST', `/v1/admin/feedback/${ids.other}/assign`, {
      assigneeId: warehouse.staffId,
    });
    expect(notHandler.status).toBe(422);
    expect(notHandler.body.code).toBe('FEEDBACK_ASSIGNEE_NOT_FOUND');
    expect((await call(warehouse.token, 'POST', `/v1/admin/feedback/${ids.other}/assign`, {})).status).toBe(403);

    const list = async (token: string, query: string) =>
      (await call(token, 'GET', `/v1/admin/feedback?${query}`)).body.data.map((f: { id: string }) => f.id);
    expect(await list(b.token, 'assignee=me')).toEqual([ids.other]);
    expect(await list(a.token, 'assignee=me')).toEqual([]);
    expect(await list(a.token, `assignee=${b.staffId}`)).toEqual([ids.other]);
    expect(await list(a.token, 'assignee=none&sort=due')).toEqual([ids.bad, ids.anonymous, ids.billing]);
    expect(await list(a.token, 'state=in_progress')).toEqual([ids.other]);
    const audit = await queryRows<{ actor_id: string; detail: { from: string | null; to: string } }>(
      s.ctx.database.db,
      sql`select actor_id, detail from identity_audit_log where action = 'feedback.assigned' and target_id = ${ids.other} order by at, id`,
    );
    // Both at the same instant of the test clock: compared as a set.
    expect(audit).toHaveLength(2);
    expect(audit).toEqual(
      expect.arrayContaining([
        { actor_id: a.staffId, detail: { from: null, to: a.staffId, state: 'in_progress' } },
        { actor_id: a.staffId, detail: { from: a.staffId, to: b.staffId, state: 'in_progress' } },
      ]),
    );
  });

  test("internal notes: staff only, audited, never in the customer's answers", async () => {
    s.clock.set(new Date(Date.parse(T0) + 2 * HOUR));
    const a = await signInTestStaff(s, 'support');
    const noteText = '内部备注：已联系仓库核实 NOTE-7731';
    const added = await call(a.token, 'POST', `/v1/admin/feedback/${ids.bad}/notes`, { text: noteText });
    expect(added.status).toBe(201);
    expect(added.body.notes).toEqual([
      {
        id: expect.stringMatching(/^fbn_/),
        text: noteText,
        staffId: a.staffId,
        staffName: expect.any(String),
        createdAt: '2026-03-02T04:00:00.000Z',
      },
    ]);
    // A note does not change the handling.
    expect(added.body.handling).toMatchObject({ state: 'new', assigneeId: null });
    const blank = await call(a.token, 'POST', `/v1/admin/feedback/${ids.bad}/notes`, { text: '   ' });
    expect(blank.status).toBe(422);
    expect(blank.body.code).toBe('FEEDBACK_NOTE_INVALID');
    expect((await call(a.token, 'GET', `/v1/admin/feedback/${ids.bad}`)).body.notes).toHaveLength(1);

    const { token } = await customer();
    for (const url of ['/v1/feedback', `/v1/feedback/${ids.bad}`]) {
      const res = await call(token, 'GET', url);
      expect(res.status).toBe(200);
      expect(res.text).toContain('客服态度很差');
      expect(res.text).not.toContain('NOTE-7731');
      expect(res.text).not.toMatch(/"notes"|"handling"|"assignee/);
    }
    const audit = await queryRows<{ actor_id: string; detail: { noteId: string } }>(
      s.ctx.database.db,
      sql`select actor_id, detail from identity_audit_log where action = 'feedback.note_added' and target_id = ${ids.bad}`,
    );
    expect(audit).toEqual([{ actor_id: a.staffId, detail: { noteId: added.body.notes[0].id } }]);
  });

  test('overdue at the exact boundary: not at the due instant, overdue 1 ms after', async () => {
    const due = Date.parse('2026-03-03T02:00:00.000Z');
    s.clock.set(new Date(due));
    let a = await signInTestStaff(s, 'support');
    const overdueIds = async () =>
      (await call(a.token, 'GET', '/v1/admin/feedback?overdue=true')).body.data.map((f: { id: string }) => f.id);
    expect(await overdueIds()).toEqual([]);
    const atDue = (await call(a.token, 'GET', `/v1/admin/feedback/${ids.bad}`)).body.handling;
    expect(atDue).toMatchObject({ overdue: false, sla: 'at_risk' });
    expect(
      (await call(a.token, 'GET', '/v1/admin/feedback?overdue=false')).body.data.map((f: { id: string }) => f.id),
    ).toContain(ids.bad);

    s.clock.set(new Date(due + 1));
    a = await signInTestStaff(s, 'support');
    expect(await overdueIds()).toEqual([ids.bad]);
    expect((await call(a.token, 'GET', `/v1/admin/feedback/${ids.bad}`)).body.handling).toMatchObject({
      overdue: true,
      sla: 'breached',
    });
    // The anonymous one (due 16:00Z) joins 14 hours later.
    s.clock.set(new Date(Date.parse('2026-03-03T16:00:00.001Z')));
    a = await signInTestStaff(s, 'support');
    expect(await overdueIds()).toEqual([ids.anonymous, ids.bad]);
  });

  test('resolve by a reply (late: recorded so), explicit resolve; a resolved one is not resolved or assigned again', async () => {
    const now = new Date(Date.parse('2026-03-03T18:00:00.000Z'));
    s.clock.set(now);
    const a = await signInTestStaff(s, 'support');
    const replied = await call(a.token, 'POST', `/v1/admin/feedback/${ids.bad}/replies`, {
      text: '非常抱歉，已为您处理',
    });
    expect(replied.status).toBe(201);
    expect(replied.body.handling).toEqual({
      state: 'resolved',
      assigneeId: a.staffId,
      assigneeName: expect.any(String),
      dueAt: '2026-03-03T02:00:00.000Z',
      overdue: false,
      sla: 'missed',
      resolvedAt: now.toISOString(),
    });
    const again = await call(a.token, 'POST', `/v1/admin/feedback/${ids.bad}/resolve`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('FEEDBACK_ALREADY_RESOLVED');
    const assignResolved = await call(a.token, 'POST', `/v1/admin/feedback/${ids.bad}/assign`, {});
    expect(assignResolved.status).toBe(409);
    // A second reply leaves it resolved when it was.
    await call(a.token, 'POST', `/v1/admin/feedback/${ids.bad}/replies`, { text: '补充说明' });

    const resolved = await call(a.token, 'POST', `/v1/admin/feedback/${ids.billing}/resolve`);
    expect(resolved.status).toBe(200);
    expect(resolved.body.handling).toMatchObject({ state: 'resolved', sla: 'met', resolvedAt: now.toISOString() });
    expect(resolved.body.replies).toEqual([]);

    const list = async (query: string) =>
      (await call(a.token, 'GET', `/v1/admin/feedback?${query}`)).body.data.map((f: { id: string }) => f.id);
    expect(await list('state=resolved&sort=due')).toEqual([ids.bad, ids.billing]);
    expect(await list('overdue=true')).toEqual([ids.anonymous]);
    const audit = await queryRows<{ target_id: string; detail: { by: string; overdue: boolean } }>(
      s.ctx.database.db,
      sql`select target_id, detail from identity_audit_log where action = 'feedback.resolved' order by at, id`,
    );
    expect(audit.map((r) => [r.target_id, r.detail.by, r.detail.overdue])).toEqual(
      expect.arrayContaining([
        [ids.bad, 'reply', true],
        [ids.billing, 'resolve', false],
      ]),
    );
    expect(audit).toHaveLength(2);
  });
});
