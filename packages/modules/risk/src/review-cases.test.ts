import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { staffNames } from '@zulin/identity';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { riskDeps } from './adapters';
import { addReviewNote } from './add-review-note';
import { appealDecision } from './appeal-decision';
import { claimReviewCase } from './claim-review-case';
import { closeReviewCase } from './close-review-case';
import { type ApplicationInput, prepareApplication, recordApplication } from './decide-application';
import { markBreachedCases } from './mark-breached-cases';
import { getReviewCase, listOpenCases } from './review-cases';
import { testIdNumber } from './testing';

describeDb('risk review cases', (get) => {
  let s: TestServer;
  let n = 0;
  const customer = async (sequence: number) => {
    n += 1;
    const c = await signInTestCustomer(s, `${randomTestPhone().slice(0, -1)}0`);
    const res = await s.app.inject({
      method: 'POST',
      url: '/v1/me/identity',
      headers: bearer(c.token),
      payload: {
        name: '李四',
        idNumber: testIdNumber(sequence, `1985${String(1 + (n % 12)).padStart(2, '0')}1${n % 10}`),
      },
    });
    expect(res.statusCode).toBe(200);
    return c;
  };
  const apply = async (customerId: string, overrides: Partial<ApplicationInput> = {}) => {
    const deps = riskDeps(s.ctx);
    const input: ApplicationInput = {
      customerId,
      purpose: 'rental',
      deviceFingerprint: `dev-${customerId}`,
      ip: null,
      address: null,
      orderValueMinor: 200_000,
      depositMinor: 300_000,
      history: { activeOrders: 0, openBalanceMinor: 0, onTimeRateBps: 10_000, maxDaysPastDue: 0 },
      ...overrides,
    };
    const prepared = await prepareApplication(s.ctx.database.db, deps, input);
    return transaction(s.ctx.database, (tx) => recordApplication(tx, deps, prepared));
  };
  const staff = async (role: 'risk_reviewer') => {
    const { staffId } = await signInTestStaff(s, role);
    const names = await staffNames(s.ctx.database.db, [staffId]);
    return {
      kind: 'staff' as const,
      staffId,
      username: names.get(staffId) ?? 'x',
      role,
      permissions: new Set<never>(),
    };
  };

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
  });
  /** The whole queue, walked two cases a page. */
  const openCases = async () => {
    const rows: Awaited<ReturnType<typeof listOpenCases>>['data'] = [];
    let cursor: string | undefined;
    do {
      const page = await listOpenCases(s.ctx.database.db, { limit: 2, cursor });
      rows.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return rows;
  };
  afterAll(async () => {
    await s?.close();
  });

  test('a 599 score opens a case with a 2 h SLA; a reviewer claims it, notes it and approves with a 30 % waiver', async () => {
    const c = await customer(599);
    const decided = await apply(c.customerId);
    expect(decided).toMatchObject({ outcome: 'review', reasonCodes: ['SCORE_BELOW_600'], depositWaivedMinor: 0 });
    const queue = await openCases();
    const opened = queue.find((row) => row.decisionId === decided.decisionId);
    expect(opened).toMatchObject({ status: 'pending', origin: 'decision' });
    expect(opened!.slaDueAt.getTime() - s.clock.now().getTime()).toBe(2 * 60 * 60 * 1000);

    const alice = await staff('risk_reviewer');
    const bob = await staff('risk_reviewer');
    const db = s.ctx.database;
    await expect(
      transaction(db, (tx) =>
        closeReviewCase(tx, s.clock, alice, { id: opened!.id, resolution: 'reject', outcome: 'confirmed_risk' }),
      ),
    ).rejects.toMatchObject({ code: 'RISK_CASE_NOT_CLAIMED' });
    await transaction(db, (tx) => claimReviewCase(tx, s.clock, alice, opened!.id));
    await expect(transaction(db, (tx) => claimReviewCase(tx, s.clock, bob, opened!.id))).rejects.toMatchObject({
      code: 'RISK_CASE_CLAIMED',
    });
    await transaction(db, (tx) => addReviewNote(tx, s.clock, alice, { id: opened!.id, text: '工作单位已核实' }));
    const closed = await transaction(db, (tx) =>
      closeReviewCase(tx, s.clock, alice, {
        id: opened!.id,
        resolution: 'approve',
        outcome: 'false_positive',
        waiverBps: 3_000,
        creditLimitMinor: 300_000,
      }),
    );
    expect(closed).toMatchObject({
      status: 'closed',
      resolution: 'approve',
      outcome: 'false_positive',
      waiverBps: 3_000,
      depositWaivedMinor: 90_000,
      creditLimitMinor: 300_000,
      closedBy: alice.staffId,
    });
    expect((closed.notes as { text: string }[]).map((note) => note.text)).toEqual(['工作单位已核实']);
    // The order flow waits on this event: how the case ended, with what was granted.
    const events = await queryRows<{ payload: unknown }>(
      db.db,
      sql`select payload from outbox where type = 'risk.review_case_closed' and aggregate_id = ${opened!.id}`,
    );
    expect(events.map((event) => event.payload)).toEqual([
      {
        caseId: opened!.id,
        decisionId: decided.decisionId,
        customerId: c.customerId,
        purpose: 'rental',
        reference: null,
        origin: 'decision',
        resolution: 'approve',
        outcome: 'false_positive',
        waiverBps: 3_000,
        depositWaivedMinor: 90_000,
        creditLimitMinor: 300_000,
      },
    ]);
    await expect(
      transaction(db, (tx) => addReviewNote(tx, s.clock, alice, { id: opened!.id, text: 'x' })),
    ).rejects.toMatchObject({ code: 'RISK_CASE_CLOSED' });
  });

  test('the sweep marks a case breached once, after 2 h and not before', async () => {
    const c = await customer(598);
    const decided = await apply(c.customerId);
    const opened = (await openCases()).find((row) => row.decisionId === decided.decisionId)!;
    s.clock.advance(2 * 60 * 60 * 1000 - 1);
    await transaction(s.ctx.database, (tx) => markBreachedCases(tx, s.clock));
    expect((await getReviewCase(s.ctx.database.db, opened.id)).breachedAt).toBeNull();
    s.clock.advance(1);
    await transaction(s.ctx.database, (tx) => markBreachedCases(tx, s.clock));
    const breachedAt = (await getReviewCase(s.ctx.database.db, opened.id)).breachedAt;
    expect(breachedAt?.toISOString()).toBe(s.clock.now().toISOString());
    s.clock.advance(60_000);
    await transaction(s.ctx.database, (tx) => markBreachedCases(tx, s.clock));
    expect((await getReviewCase(s.ctx.database.db, opened.id)).breachedAt).toEqual(breachedAt);
  });

  test('a customer appeals a rejection once; an approval cannot be appealed; another customer’s decision is not found', async () => {
    const c = await customer(700);
    const rejected = await apply(c.customerId, {
      history: { activeOrders: 3, openBalanceMinor: 0, onTimeRateBps: 10_000, maxDaysPastDue: 0 },
    });
    expect(rejected.outcome).toBe('reject');
    expect((await openCases()).some((row) => row.decisionId === rejected.decisionId)).toBe(false);
    const appeal = await transaction(s.ctx.database, (tx) =>
      appealDecision(tx, s.clock, {
        decisionId: rejected.decisionId,
        customerId: c.customerId,
        text: '其中两单已归还',
      }),
    );
    expect(appeal).toMatchObject({ origin: 'appeal', status: 'pending' });
    await expect(
      transaction(s.ctx.database, (tx) =>
        appealDecision(tx, s.clock, { decisionId: rejected.decisionId, customerId: c.customerId, text: '再次申诉' }),
      ),
    ).rejects.toMatchObject({ code: 'RISK_APPEAL_ALREADY_MADE' });
    const other = await customer(701);
    await expect(
      transaction(s.ctx.database, (tx) =>
        appealDecision(tx, s.clock, { decisionId: rejected.decisionId, customerId: other.customerId, text: 'x' }),
      ),
    ).rejects.toMatchObject({ code: 'RISK_DECISION_NOT_FOUND' });
    const approved = await apply(other.customerId);
    await expect(
      transaction(s.ctx.database, (tx) =>
        appealDecision(tx, s.clock, { decisionId: approved.decisionId, customerId: other.customerId, text: 'x' }),
      ),
    ).rejects.toMatchObject({ code: 'RISK_APPEAL_NOT_REJECTED' });
  });

  test('over HTTP: a reviewer claims and approves a case; the customer appeals a rejection once; another customer gets 404', async () => {
    const reviewer = await signInTestStaff(s, 'risk_reviewer');
    const post = (token: string, url: string, payload?: unknown) =>
      s.app.inject({ method: 'POST', url, payload: payload as object, headers: bearer(token) });
    const c = await customer(597);
    const decided = await apply(c.customerId);
    const queue = (
      await s.app.inject({ method: 'GET', url: '/v1/admin/risk/cases', headers: bearer(reviewer.token) })
    ).json();
    const item = queue.data.find((row: { decisionId: string }) => row.decisionId === decided.decisionId);
    expect(item).toMatchObject({ status: 'pending', breached: false, assignedToName: null });
    // Staff see who the customer is by masked name and phone, not by a bare id (issue #18).
    expect(item.customerLabel).toMatch(/^\*四 1\d{2}\*{4}\d{4}$/); // 李四, masked
    expect((await post(reviewer.token, `/v1/admin/risk/cases/${item.id}/claim`)).json()).toMatchObject({
      status: 'investigating',
      assignedTo: reviewer.staffId,
      assignedToName: expect.stringMatching(/^t\d+\.risk-reviewer\.\d+$/),
    });
    const decisions = (
      await s.app.inject({
        method: 'GET',
        url: `/v1/admin/risk/decisions?customerId=${c.customerId}`,
        headers: bearer(reviewer.token),
      })
    ).json();
    expect(decisions.data[0].customerLabel).toBe(item.customerLabel);
    const closed = await post(reviewer.token, `/v1/admin/risk/cases/${item.id}/close`, {
      resolution: 'approve',
      outcome: 'false_positive',
      waiverBps: 3_000,
      creditLimitMinor: 300_000,
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', resolution: 'approve', depositWaivedMinor: 90_000 });
    expect(closed.json().closedByName).toBe(closed.json().assignedToName);

    const d = await customer(702);
    const rejected = await apply(d.customerId, {
      history: { activeOrders: 3, openBalanceMinor: 0, onTimeRateBps: 10_000, maxDaysPastDue: 0 },
    });
    const stranger = await signInTestCustomer(s);
    expect(
      (await post(stranger.token, `/v1/risk/decisions/${rejected.decisionId}/appeal`, { text: '不是我' })).statusCode,
    ).toBe(404);
    const mine = async (token: string) =>
      (await s.app.inject({ method: 'GET', url: '/v1/risk/decisions', headers: bearer(token) })).json().data;
    expect(await mine(d.token)).toEqual([
      expect.objectContaining({
        id: rejected.decisionId,
        outcome: 'reject',
        reasonCodes: ['TOO_MANY_ACTIVE_ORDERS'],
        depositMinor: 300_000,
        depositWaivedMinor: 0,
        depositToHoldMinor: 300_000,
        appeal: null,
      }),
    ]);
    expect(await mine(stranger.token)).toEqual([]);
    const appeal = await post(d.token, `/v1/risk/decisions/${rejected.decisionId}/appeal`, { text: '两单已归还' });
    expect(appeal.statusCode).toBe(201);
    // The customer is answered with their appeal's state, never the reviewers' case (notes, staff).
    expect(appeal.json()).toEqual({
      decisionId: rejected.decisionId,
      status: 'pending',
      slaDueAt: expect.any(String),
      createdAt: expect.any(String),
    });
    expect((await mine(d.token))[0].appeal).toEqual({ status: 'pending', resolution: null });
    expect(
      (await post(d.token, `/v1/risk/decisions/${rejected.decisionId}/appeal`, { text: '再来' })).json().code,
    ).toBe('RISK_APPEAL_ALREADY_MADE');
  });

  test('the queue pages by SLA deadline then id: every open case once, soonest first, over HTTP too', async () => {
    // Five cases opened at the same instant (the same SLA deadline): the id breaks the tie.
    for (const score of [599, 598, 597, 596, 595]) await apply((await customer(score)).customerId);
    const walked = await openCases();
    expect(walked.length).toBeGreaterThanOrEqual(5);
    expect(new Set(walked.map((c) => c.id)).size).toBe(walked.length);
    const key = (c: (typeof walked)[number]) => `${c.slaDueAt.toISOString()} ${c.id}`;
    expect(walked.map(key)).toEqual(walked.map(key).sort());
    const staff = await signInTestStaff(s, 'risk_reviewer');
    const first = await s.app.inject({ url: '/v1/admin/risk/cases?limit=3', headers: bearer(staff.token) });
    expect(first.statusCode).toBe(200);
    expect(first.json().data.map((c: { id: string }) => c.id)).toEqual(walked.slice(0, 3).map((c) => c.id));
    const second = await s.app.inject({
      url: `/v1/admin/risk/cases?limit=3&cursor=${first.json().nextCursor}`,
      headers: bearer(staff.token),
    });
    expect(second.json().data.map((c: { id: string }) => c.id)).toEqual(walked.slice(3, 6).map((c) => c.id));
    const bad = await s.app.inject({
      url: '/v1/admin/risk/cases?cursor=bm90LWEtY3Vyc29y',
      headers: bearer(staff.token),
    });
    expect(bad.statusCode).toBe(422);
  });
});
