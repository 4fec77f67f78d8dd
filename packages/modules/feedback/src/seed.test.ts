// The demo feedback after every other module's demo data (as `zulin seed` runs them): each entry names
// a phone of the demo catalog, a demo warehouse and one of the carriers, so the analysis' breakdowns
// show real names; the entries about the demo customers' shipped rentals carry those rentals' phone,
// warehouse and carrier (the order itself on named entries only); a second run adds nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProductNames } from '@zulin/catalog';
import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestStaff } from '@zulin/identity/testing';
import { listWarehouses } from '@zulin/inventory';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { FeedbackLimits } from './limits';
import { feedbackModule } from './module';
import { readOrderContext } from './order-facts';
import { demoErrorScreenCount } from './seed';

interface DemoRow {
  id: string;
  anonymous: boolean;
  order_id: string | null;
  product_id: string | null;
  model: string | null;
  warehouse_id: string | null;
  carrier: string | null;
  category: string | null;
}

describeDb('feedback demo data', (get) => {
  let s: TestServer;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'zulin-feedback-seed-'));
    s = await createTestServer(get().database, { modules, env: { ZULIN_DATA_DIR: dataDir } });
    for (const module of modules) {
      if (module === feedbackModule) break;
      await module.seed?.(s.ctx);
    }
  }, 600_000);
  afterAll(async () => {
    await s?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("every entry names a demo phone, warehouse and carrier; some are about the customers' own rentals", async () => {
    expect((await feedbackModule.seed?.(s.ctx))?.created).toBe(FeedbackLimits.demoSeedCount + demoErrorScreenCount);
    expect((await feedbackModule.seed?.(s.ctx))?.created).toBe(0);
    const db = s.ctx.database.db;
    const rows = await queryRows<DemoRow>(
      db,
      sql`select id, anonymous, order_id, product_id, model, warehouse_id, carrier, category
          from feedback_entries where demo and source = 'form' order by id`,
    );
    expect(rows).toHaveLength(FeedbackLimits.demoSeedCount);
    const productIds = [...new Set(rows.map((r) => r.product_id ?? ''))];
    const names = await readProductNames(db, productIds);
    expect(productIds.every((id) => names.has(id))).toBe(true);
    expect(productIds.length).toBeGreaterThan(1);
    const warehouses = new Set((await listWarehouses(db)).map((w) => w.id));
    expect(rows.every((r) => r.warehouse_id !== null && warehouses.has(r.warehouse_id))).toBe(true);
    expect(new Set(rows.map((r) => r.carrier))).toEqual(new Set(['sandbox_express', 'store_pickup']));
    expect(rows.every((r) => r.model?.startsWith(names.get(r.product_id ?? '') ?? '?') === true)).toBe(true);

    // The entries about a demo customer's shipped rental: named ones name it, anonymous ones do not.
    const orders = await queryRows<{ id: string; customer_id: string }>(
      db,
      sql`select id, customer_id from rental_orders where unit_id is not null`,
    );
    const deps = { clock: s.clock, timeZone: s.ctx.config.timeZone, masterKey: s.ctx.config.masterKey };
    const named = rows.filter((r) => r.order_id !== null);
    expect(named.length).toBeGreaterThan(5);
    expect(rows.some((r) => r.anonymous && r.order_id !== null)).toBe(false);
    for (const row of named) {
      expect(orders.map((o) => o.id)).toContain(row.order_id);
      const context = await readOrderContext(db, deps, { orderId: row.order_id ?? '' });
      expect([row.product_id, row.model, row.warehouse_id, row.carrier]).toEqual([
        context.productId,
        context.model,
        context.warehouseId,
        context.carrier,
      ]);
    }

    // The dashboard names its breakdown lines, and shows the planted pattern: the courier draws more
    // logistics complaints than the store pick-up.
    const staff = await signInTestStaff(s, 'support');
    const res = await s.app.inject({
      method: 'GET',
      url: '/v1/admin/feedback/analysis',
      headers: bearer(staff.token),
    });
    expect(res.statusCode, res.body).toBe(200);
    const { breakdowns } = res.json();
    // Only the entries sent from the error screen name no phone (general feedback about the app).
    expect(breakdowns.product.unknown).toBe(demoErrorScreenCount);
    for (const g of breakdowns.product.groups) expect(g.name).toBe(names.get(g.key));
    const share = (code: string) => {
      const g = breakdowns.carrier.groups.find((c: { key: string }) => c.key === code);
      return (
        (g.topCategories.find((c: { category: string }) => c.category === 'logistics')?.feedbacks ?? 0) / g.feedbacks
      );
    };
    expect(share('sandbox_express')).toBeGreaterThan(share('store_pickup'));

    // The thanks wall has the newest three named, satisfied entries, marked valuable with their points.
    const thanks = await s.app.inject({ url: '/v1/feedback/thanks' });
    expect(thanks.statusCode).toBe(200);
    expect(thanks.json().data).toHaveLength(FeedbackLimits.demoThankedCount);
    for (const entry of thanks.json().data) expect(entry.name).toMatch(/^[张李]\*$/);
    const valuable = await queryRows<{ n: number; lots: number }>(
      db,
      sql`select (select count(*)::int from feedback_entries where demo and valuable and thanks_opt_in and not anonymous
                  and rating = 'good') as n,
                 (select count(*)::int from wallet_points_lots where source_ref like 'feedback:%:valuable') as lots`,
    );
    expect(valuable[0]).toEqual({ n: FeedbackLimits.demoThankedCount, lots: FeedbackLimits.demoThankedCount });
  }, 300_000);

  test('two entries sent from the error screen: the named one with code and request id, the anonymous one without its request id; classified as app', async () => {
    const db = s.ctx.database.db;
    const rows = await queryRows<{
      id: string;
      anonymous: boolean;
      error_code: string | null;
      error_request_id: string | null;
      category: string | null;
      matched_rule_ids: string[];
      submitted_at: Date;
    }>(
      db,
      sql`select id, anonymous, error_code, error_request_id, category, matched_rule_ids, submitted_at
          from feedback_entries where demo and source = 'error_screen' order by submitted_at`,
    );
    expect(rows).toHaveLength(demoErrorScreenCount);
    const [named, anonymous] = rows;
    expect(named).toMatchObject({ anonymous: false, error_code: 'INTERNAL', category: 'app' });
    expect(named?.error_request_id).toMatch(/^req_/);
    expect(anonymous).toMatchObject({ anonymous: true, error_code: 'SERVICE_UNAVAILABLE', error_request_id: null });
    // 小李 (the anonymous author) took a support ticket back three hours before: both facts weighed.
    expect(anonymous?.matched_rule_ids).toEqual(expect.arrayContaining(['error_screen', 'ticket_reopened']));
    expect(named?.matched_rule_ids).toContain('error_screen');
    expect(named?.matched_rule_ids).not.toContain('ticket_reopened');
    // The queue's source filter shows them, newest first; the handler sees the named one's request id only.
    const staff = await signInTestStaff(s, 'support');
    const res = await s.app.inject({
      method: 'GET',
      url: '/v1/admin/feedback?source=error_screen',
      headers: bearer(staff.token),
    });
    expect(res.statusCode, res.body).toBe(200);
    const queue = res.json().data as Record<string, unknown>[];
    expect(queue.map((f) => f.id)).toEqual([anonymous?.id, named?.id]);
    expect(queue[1]).toMatchObject({
      source: 'error_screen',
      errorCode: 'INTERNAL',
      errorRequestId: named?.error_request_id,
    });
    expect(queue[0]).not.toHaveProperty('errorRequestId');
    expect((await feedbackModule.seed?.(s.ctx))?.created).toBe(0);
  });

  test('the demo queue looks worked: new and taken ones inside their deadline, the rest resolved on time (a few with a reply), one or two overdue', async () => {
    const db = s.ctx.database.db;
    const now = s.clock.now();
    const rows = await queryRows<{
      state: string;
      assignee_id: string | null;
      due_at: Date;
      resolved_at: Date | null;
      replies: number;
    }>(
      db,
      sql`select e.handling_state as state, e.assignee_id, e.due_at, e.resolved_at,
                 (select count(*)::int from feedback_replies r where r.feedback_id = e.id) as replies
          from feedback_entries e where e.demo`,
    );
    const overdue = rows.filter((r) => r.state !== 'resolved' && new Date(r.due_at).getTime() <= now.getTime());
    expect(overdue.length).toBeGreaterThanOrEqual(1);
    expect(overdue.length).toBeLessThanOrEqual(FeedbackLimits.demoOverdueCount);
    const open = rows.filter((r) => r.state !== 'resolved' && new Date(r.due_at).getTime() > now.getTime());
    expect(open.some((r) => r.state === 'new')).toBe(true);
    expect(open.some((r) => r.state === 'in_progress' && r.assignee_id !== null)).toBe(true);
    const resolved = rows.filter((r) => r.state === 'resolved');
    expect(resolved.length).toBeGreaterThan(rows.length / 2);
    // Resolved by a handler before their due time, through the use cases (their audit entries are there).
    for (const r of resolved) {
      expect(r.assignee_id).not.toBeNull();
      expect(new Date(r.resolved_at ?? 0).getTime()).toBeLessThanOrEqual(new Date(r.due_at).getTime());
    }
    expect(resolved.filter((r) => r.replies > 0)).toHaveLength(FeedbackLimits.demoRepliedCount);
    const audited = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from identity_audit_log where action = 'feedback.resolved'`,
    );
    expect(audited[0]?.n).toBe(resolved.length);
    // The handlers' queue agrees: its overdue filter shows exactly those.
    const staff = await signInTestStaff(s, 'support');
    const res = await s.app.inject({ url: '/v1/admin/feedback?overdue=true', headers: bearer(staff.token) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data).toHaveLength(overdue.length);
  });
});
