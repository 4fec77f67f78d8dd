import { transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { riskDeps } from './adapters';
import { type ApplicationInput, preCheck, prepareApplication, recordApplication } from './decide-application';
import { defaultRuleSet } from './default-rule-set';
import { testIdNumber } from './testing';

describeDb('risk', (get) => {
  let s: TestServer;
  let reviewer: { staffId: string; token: string };
  let admin: { staffId: string; token: string };
  let birthDay = 0;
  const call = (token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    s.app.inject({ method, url, payload: payload as object, headers: bearer(token) });

  /** A signed-in customer verified with an ID number whose sequence the sandbox bureau scores. */
  const verifiedCustomer = async (sequence: number, phone?: string) => {
    birthDay += 1;
    const birth = `1990${String(1 + Math.floor(birthDay / 28)).padStart(2, '0')}${String(1 + (birthDay % 28)).padStart(2, '0')}`;
    // The sandbox channels read the phone's last digit (7, 8, 9 give a level): end it in 0.
    const customer = await signInTestCustomer(s, phone ?? `${randomTestPhone().slice(0, -1)}0`);
    const verified = await s.app.inject({
      method: 'POST',
      url: '/v1/me/identity',
      headers: bearer(customer.token),
      payload: { name: '张三', idNumber: testIdNumber(sequence, birth) },
    });
    expect(verified.statusCode).toBe(200);
    return customer;
  };
  const application = (customerId: string, overrides: Partial<ApplicationInput> = {}): ApplicationInput => ({
    customerId,
    purpose: 'rental',
    deviceFingerprint: `dev-${customerId}`,
    ip: '198.51.100.7',
    address: `浙江省杭州市西湖区文三路 ${customerId} 号`,
    orderValueMinor: 300_000,
    depositMinor: 300_000,
    history: { activeOrders: 0, openBalanceMinor: 0, onTimeRateBps: 10_000, maxDaysPastDue: 0 },
    ...overrides,
  });
  const apply = async (input: ApplicationInput) => {
    const deps = riskDeps(s.ctx);
    const prepared = await prepareApplication(s.ctx.database.db, deps, input);
    return transaction(s.ctx.database, (tx) => recordApplication(tx, deps, prepared));
  };

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    reviewer = await signInTestStaff(s, 'risk_reviewer');
    admin = await signInTestStaff(s, 'admin');
  });
  afterAll(async () => {
    await s?.close();
  });

  test('a 700 bureau score is approved with the whole deposit waived, and the stored decision explains itself', async () => {
    const alice = await verifiedCustomer(700);
    const decided = await apply(application(alice.customerId));
    expect(decided).toMatchObject({
      outcome: 'approve',
      score: 700,
      depositWaivedMinor: 300_000,
      depositToHoldMinor: 0,
      creditLimitMinor: 1_500_000,
      ruleSetVersion: 0,
    });
    const detail = await call(reviewer.token, 'GET', `/v1/admin/risk/decisions/${decided.decisionId}`);
    expect(detail.statusCode).toBe(200);
    const body = detail.json();
    expect(body.record.facts).toMatchObject({
      bureauScore: 700,
      age: 36,
      identityVerified: true,
      deviceApplications24h: 1,
    });
    expect(body.record.rules).toHaveLength(defaultRuleSet.rules.length);
    expect(body.sources.map((source: { system: string }) => source.system)).toEqual([
      'bureau',
      'judicial_blacklist',
      'alipay_risk_level',
      'wechat_payscore_level',
    ]);
    expect(body.explanation.lines).toEqual([]);

    // A record stored before `limitInForceMinor` existed still reads (the fact's neutral −1), not a 500.
    await s.ctx.database.db.execute(
      sql`update risk_decisions set record = record #- '{facts,limitInForceMinor}' where id = ${decided.decisionId}`,
    );
    const older = await call(reviewer.token, 'GET', `/v1/admin/risk/decisions/${decided.decisionId}`);
    expect(older.statusCode).toBe(200);
    expect(older.json().record.facts.limitInForceMinor).toBe(-1);
  });

  test('the fourth application in 24 h from one device is rejected, and the detail names the device condition', async () => {
    const device = 'shared-device-0001';
    const outcomes: string[] = [];
    let lastId = '';
    for (const sequence of [700, 701, 702, 703]) {
      const customer = await verifiedCustomer(sequence);
      const decided = await apply(application(customer.customerId, { deviceFingerprint: device }));
      outcomes.push(decided.outcome);
      lastId = decided.decisionId;
    }
    // The 3rd is a third ID on one device (block_and_review); the 4th breaks the 24 h limit too.
    expect(outcomes).toEqual(['approve', 'approve', 'block_and_review', 'reject']);
    const detail = (await call(reviewer.token, 'GET', `/v1/admin/risk/decisions/${lastId}`)).json();
    expect(detail.reasonCodes).toEqual(['VELOCITY_24H', 'SHARED_DEVICE_OR_ADDRESS']);
    expect(detail.explanation.lines).toContain(
      'velocity_24h.device: deviceApplications24h <= 3 was false (deviceApplications24h = 4) → reject VELOCITY_24H',
    );
    // A day later the window has moved on: the same device may apply again (still shared by 4 IDs).
    s.clock.advance(24 * 60 * 60 * 1000 + 1);
    // Access tokens expire with the day; the staff sign in again.
    reviewer = await signInTestStaff(s, 'risk_reviewer');
    admin = await signInTestStaff(s, 'admin');
    const next = await verifiedCustomer(704);
    expect((await apply(application(next.customerId, { deviceFingerprint: device }))).reasonCodes).toEqual([
      'SHARED_DEVICE_OR_ADDRESS',
    ]);
  });

  test('a phone or IP range on the blacklist rejects; taking it off lets the next application through; both audited', async () => {
    const phone = '+8613900139001';
    const bob = await verifiedCustomer(720, phone);
    const added = await call(reviewer.token, 'POST', '/v1/admin/risk/list-entries', {
      list: 'blacklist',
      kind: 'phone',
      value: '139 0013 9001',
      reason: '欺诈团伙（工单 T-1）',
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ kind: 'phone', display: '139****9001', addedBy: reviewer.staffId });
    const again = await call(reviewer.token, 'POST', '/v1/admin/risk/list-entries', {
      list: 'blacklist',
      kind: 'phone',
      value: '+8613900139001',
      reason: '重复',
    });
    expect(again.json().code).toBe('RISK_LIST_ENTRY_EXISTS');
    expect((await apply(application(bob.customerId))).reasonCodes).toEqual(['BLACKLISTED']);
    const removed = await call(reviewer.token, 'POST', `/v1/admin/risk/list-entries/${added.json().id}/remove`, {
      reason: '误报',
    });
    expect(removed.statusCode).toBe(200);
    expect((await apply(application(bob.customerId))).outcome).toBe('approve');

    const range = await call(reviewer.token, 'POST', '/v1/admin/risk/list-entries', {
      list: 'blacklist',
      kind: 'ip_cidr',
      value: '203.0.113.0/24',
      reason: '代理 IP 段',
    });
    expect(range.statusCode).toBe(201);
    const carol = await verifiedCustomer(730);
    const inRange = await apply(application(carol.customerId, { ip: '203.0.113.77' }));
    expect(inRange.record.rules[0]?.conditions.find((c) => c.id === 'ip')?.value).toBe(false);
    expect((await apply(application(carol.customerId, { ip: '203.0.114.1' }))).outcome).toBe('approve');
    const bad = await call(reviewer.token, 'POST', '/v1/admin/risk/list-entries', {
      list: 'blacklist',
      kind: 'ip_cidr',
      value: '203.0.113.0/33',
      reason: 'x',
    });
    expect(bad.json()).toMatchObject({ code: 'RISK_LIST_VALUE_INVALID', errors: [{ path: '/body/value' }] });
  });

  test('a draft is back-tested, refused to its own editor, published by a second person, applied at once, and rolled back', async () => {
    const dave = await verifiedCustomer(699);
    const before = await apply(application(dave.customerId));
    expect(before).toMatchObject({ outcome: 'approve', depositWaivedMinor: 210_000, ruleSetVersion: 0 });

    // The draft waives 100 % from 690 instead of 700.
    const ruleSet = structuredClone(defaultRuleSet);
    ruleSet.waiverBands = [
      { minScore: 690, waiverBps: 10_000 },
      { minScore: 650, waiverBps: 7_000 },
      { minScore: 600, waiverBps: 3_000 },
    ];
    const draft = await call(reviewer.token, 'POST', '/v1/admin/risk/rule-sets', { note: '690 起全免', ruleSet });
    expect(draft.statusCode).toBe(201);
    const version = draft.json().version as number;
    expect(draft.json()).toMatchObject({ status: 'draft', basedOn: 0, editedBy: reviewer.staffId });

    const bad = structuredClone(ruleSet);
    bad.rules[0] = { ...bad.rules[0]!, conditions: [{ id: 'x', expr: 'salary > 1' }] };
    const refused = await call(reviewer.token, 'PUT', `/v1/admin/risk/rule-sets/${version}`, { ruleSet: bad });
    expect(refused.json()).toMatchObject({
      code: 'RISK_RULE_SET_INVALID',
      errors: [{ path: '/body/ruleSet/rules/0/conditions/0/expr' }],
    });

    const backtest = await call(reviewer.token, 'POST', `/v1/admin/risk/rule-sets/${version}/backtest`, {});
    expect(backtest.statusCode).toBe(200);
    const report = backtest.json();
    const changedIds = report.changes.map((c: { decisionId: string }) => c.decisionId);
    expect(changedIds).toContain(before.decisionId);
    expect(report.changes.find((c: { decisionId: string }) => c.decisionId === before.decisionId)).toMatchObject({
      before: { outcome: 'approve', waiverBps: 7_000, depositWaivedMinor: 210_000 },
      after: { outcome: 'approve', waiverBps: 10_000, depositWaivedMinor: 300_000 },
    });
    // Only scores 690–699 change: every other recorded decision stays as it was.
    expect(report.changed).toBe(1);
    expect(report.outcomeChanged).toBe(0);
    expect(report.waiverChanged).toBe(1);

    const self = await call(reviewer.token, 'POST', `/v1/admin/risk/rule-sets/${version}/publish`);
    expect(self.statusCode).toBe(403); // the reviewer role lacks risk.rules_publish
    const editedByAdmin = await call(admin.token, 'PUT', `/v1/admin/risk/rule-sets/${version}`, { ruleSet });
    expect(editedByAdmin.statusCode).toBe(200);
    const ownApproval = await call(admin.token, 'POST', `/v1/admin/risk/rule-sets/${version}/publish`);
    expect(ownApproval.json().code).toBe('RISK_PUBLISH_SELF_APPROVAL');
    await call(reviewer.token, 'PUT', `/v1/admin/risk/rule-sets/${version}`, { ruleSet, note: '复核后' });
    const published = await call(admin.token, 'POST', `/v1/admin/risk/rule-sets/${version}/publish`);
    expect(published.json()).toMatchObject({
      status: 'published',
      publishedBy: admin.staffId,
      editedBy: reviewer.staffId,
    });

    // No restart: the next decision uses the new version.
    const erin = await verifiedCustomer(695);
    expect(await apply(application(erin.customerId))).toMatchObject({
      ruleSetVersion: version,
      depositWaivedMinor: 300_000,
    });

    const editPublished = await call(reviewer.token, 'PUT', `/v1/admin/risk/rule-sets/${version}`, { ruleSet });
    expect(editPublished.json().code).toBe('RISK_RULE_SET_NOT_DRAFT');

    const rolledBack = await call(admin.token, 'POST', '/v1/admin/risk/rule-sets/rollback');
    expect(rolledBack.json()).toEqual({ retired: version, published: 0 });
    const frank = await verifiedCustomer(696);
    expect(await apply(application(frank.customerId))).toMatchObject({
      ruleSetVersion: 0,
      depositWaivedMinor: 210_000,
    });
  });

  test('a draft in shadow is decided beside the live set and recorded with the decision', async () => {
    const ruleSet = structuredClone(defaultRuleSet);
    ruleSet.thresholds = [{ id: 'score_below_720', scoreBelow: 720, outcome: 'review', reasonCode: 'SCORE_BELOW_720' }];
    const draft = (await call(reviewer.token, 'POST', '/v1/admin/risk/rule-sets', { note: '更严', ruleSet })).json();
    expect(
      (await call(reviewer.token, 'POST', `/v1/admin/risk/rule-sets/${draft.version}/shadow`, { shadow: true }))
        .statusCode,
    ).toBe(200);
    const gina = await verifiedCustomer(710);
    const decided = await apply(application(gina.customerId));
    expect(decided.outcome).toBe('approve');
    const detail = (await call(reviewer.token, 'GET', `/v1/admin/risk/decisions/${decided.decisionId}`)).json();
    expect(detail).toMatchObject({ shadowVersion: draft.version, shadowOutcome: 'review' });
    expect(detail.shadowRecord.reasonCodes).toEqual(['SCORE_BELOW_720']);
    const shadowed = (
      await call(reviewer.token, 'GET', `/v1/admin/risk/decisions?shadowVersion=${draft.version}`)
    ).json();
    expect(shadowed.data.map((row: { id: string }) => row.id)).toEqual([decided.decisionId]);
    await call(reviewer.token, 'POST', `/v1/admin/risk/rule-sets/${draft.version}/shadow`, { shadow: false });
  });

  test('the pre-check answers the waiver without recording an application', async () => {
    const hana = await verifiedCustomer(650);
    const deps = riskDeps(s.ctx);
    const first = await preCheck(s.ctx.database.db, deps, application(hana.customerId, { depositMinor: 100_001 }));
    expect(first.reasonCodes).toEqual([]);
    expect(first).toMatchObject({ outcome: 'approve', depositWaivedMinor: 70_001, depositToHoldMinor: 30_000 });
    const list = (await call(reviewer.token, 'GET', `/v1/admin/risk/decisions?customerId=${hana.customerId}`)).json();
    expect(list.data).toEqual([]);
  });

  test('an unverified customer is rejected for identity without asking the bureau', async () => {
    const ivan = await signInTestCustomer(s);
    const decided = await apply(application(ivan.customerId));
    expect(decided.outcome).toBe('reject');
    expect(decided.reasonCodes).toContain('IDENTITY_MISMATCH');
    expect(decided.record.facts.bureauScore).toBe(350);
  });
});
