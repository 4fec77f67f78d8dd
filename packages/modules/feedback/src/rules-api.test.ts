// The classification-rule editor end to end: the defaults migration 0063 wrote, who may read and
// publish, corrections kept with what the rules said and the words, suggestions from three
// corrections, trying a draft, publishing r2 (the next feedback is classified by it, stored entries
// keep their version), stale and unchanged and invalid sets refused, and two editors at once.
import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { defaultClassificationRules } from './classify/default-rules';
import type { ClassificationRule, TermRule } from './classify/rules';

const { version: _defaultVersion, ...defaultContent } = defaultClassificationRules;

/** The defaults with terms appended to one term rule. */
function withTerms(ruleId: string, terms: string[]) {
  return {
    ...defaultContent,
    rules: defaultContent.rules.map(
      (r): ClassificationRule => (r.id === ruleId && r.kind === 'terms' ? { ...r, terms: [...r.terms, ...terms] } : r),
    ),
  };
}

describeDb('feedback classification rules editor', (get) => {
  let s: TestServer;
  let support: { staffId: string; token: string };
  let marketing: { token: string };
  let warehouse: { token: string };
  let alice: { customerId: string; token: string };
  type Method = 'GET' | 'POST';
  const call = (token: string, method: Method, url: string, payload?: unknown) =>
    s.app.inject({ method, url, payload: payload as object, headers: bearer(token) });
  const rules = (method: Method, path: string, payload?: unknown) =>
    call(support.token, method, `/v1/admin/feedback/rules${path}`, payload);
  const send = async (text: string) => {
    const sent = await call(alice.token, 'POST', '/v1/feedback', { text, anonymous: false });
    expect(sent.statusCode).toBe(201);
    return sent.json() as { id: string; category: string | null };
  };
  const handlerView = async (id: string) => (await call(support.token, 'GET', `/v1/admin/feedback/${id}`)).json();

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: '2031-08-01T02:00:00Z' });
    support = await signInTestStaff(s, 'support');
    marketing = await signInTestStaff(s, 'marketing');
    warehouse = await signInTestStaff(s, 'warehouse');
    alice = await signInTestCustomer(s, randomTestPhone());
  });
  afterAll(async () => {
    await s?.close();
  });

  test('a new database classifies with the defaults, written by the migration as default-1', async () => {
    const answer = (await rules('GET', '')).json();
    expect(answer.current).toMatchObject({ version: 'default-1', publishedBy: null, note: null });
    expect({
      rules: answer.current.rules,
      confidentScore: answer.current.confidentScore,
      tieOrder: answer.current.tieOrder,
    }).toEqual(JSON.parse(JSON.stringify(defaultContent)));
    expect(answer.current.publishedAt).toBe('2000-01-01T00:00:00.000Z');
    expect(answer.versions).toEqual([
      expect.objectContaining({ version: 'default-1', current: true, rules: defaultContent.rules.length }),
    ]);
    expect(answer.totalVersions).toBe(1);
    const sent = await send('手机内存太小，客服不理人');
    expect(sent.category).toBe('service');
    expect((await handlerView(sent.id)).rulesVersion).toBe('default-1');
  });

  test('who may: feedback.read sees and tries the rules, feedback.handle publishes, others are refused', async () => {
    expect((await call(marketing.token, 'GET', '/v1/admin/feedback/rules')).statusCode).toBe(200);
    expect((await call(marketing.token, 'GET', '/v1/admin/feedback/rules/suggestions')).statusCode).toBe(200);
    expect((await call(marketing.token, 'GET', '/v1/admin/feedback/rules/versions/default-1')).statusCode).toBe(200);
    const tried = await call(marketing.token, 'POST', '/v1/admin/feedback/rules/preview', {
      ...defaultContent,
      text: '屏幕有划痕',
    });
    expect(tried.statusCode).toBe(200);
    const byMarketing = await call(marketing.token, 'POST', '/v1/admin/feedback/rules', {
      expectedVersion: 'default-1',
      ...withTerms('device_parts', ['内存']),
    });
    expect(byMarketing.statusCode).toBe(403);
    expect((await call(warehouse.token, 'GET', '/v1/admin/feedback/rules')).statusCode).toBe(403);
    expect((await call(alice.token, 'GET', '/v1/admin/feedback/rules')).statusCode).toBe(401);
    expect((await rules('GET', '/versions/r9')).json().code).toBe('FEEDBACK_RULE_SET_NOT_FOUND');
  });

  test('a correction keeps what the rules said, the rules that matched, the words and the note', async () => {
    const sent = await send('内存太小了装不下几个应用，客服说没办法');
    expect(sent.category).toBe('service');
    const corrected = await call(support.token, 'POST', `/v1/admin/feedback/${sent.id}/category`, {
      category: 'device',
      note: '  说的是手机内存  ',
    });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json().corrections).toEqual([
      expect.objectContaining({ from: 'service', to: 'device', note: '说的是手机内存' }),
    ]);
    const [kept] = await queryRows<Record<string, unknown>>(
      s.ctx.database.db,
      sql`select rules_version, suggested_category, suggested_confidence_pct, matched_rule_ids, words, note
          from feedback_corrections where feedback_id = ${sent.id}`,
    );
    expect(kept).toEqual({
      rules_version: 'default-1',
      suggested_category: 'service',
      // 客服 alone: score 3 of 3, below the confident score 6 → 100 × 3/3 × 3/6.
      suggested_confidence_pct: 50,
      matched_rule_ids: ['service_words'],
      words: ['内存', '太小', '装不下', '应用', '客服', '办法'],
      note: '说的是手机内存',
    });
  });

  test('an entry stored before the rules were kept with it: the correction classifies its text again', async () => {
    const sent = await send('快递员态度很差');
    await s.ctx.database.db.execute(sql`update feedback_entries set matched_rule_ids = null where id = ${sent.id}`);
    await call(support.token, 'POST', `/v1/admin/feedback/${sent.id}/category`, { category: 'service' });
    const [kept] = await queryRows<{ matched_rule_ids: string[]; rules_version: string }>(
      s.ctx.database.db,
      sql`select matched_rule_ids, rules_version from feedback_corrections where feedback_id = ${sent.id}`,
    );
    expect(kept).toEqual({ rules_version: 'default-1', matched_rule_ids: ['logistics_words', 'service_words'] });
  });

  test('three corrections to device holding 内存 suggest adding it, with the feedback behind it', async () => {
    // The first test's entry, and one more: with the correction above, three feedbacks about 内存.
    const [first] = await queryRows<{ id: string }>(
      s.ctx.database.db,
      sql`select id from feedback_entries where text = '手机内存太小，客服不理人'`,
    );
    const more = await send('内存不够用，客服态度还行');
    expect(more.category).toBe('service');
    const before = (await rules('GET', '/suggestions')).json();
    expect(before.data.filter((x: { term?: string }) => x.term === '内存')).toEqual([]);
    for (const id of [first?.id, more.id]) {
      expect(
        (await call(support.token, 'POST', `/v1/admin/feedback/${id}/category`, { category: 'device' })).statusCode,
      ).toBe(200);
    }
    const suggestions = (await rules('GET', '/suggestions')).json();
    expect(suggestions).toMatchObject({ rulesVersion: 'default-1', correctionsRead: 4, minCorrections: 3 });
    const memory = suggestions.data.find((x: { term?: string }) => x.term === '内存');
    expect(memory).toMatchObject({ kind: 'add_term', category: 'device', corrections: 3 });
    expect(memory.feedbackIds).toHaveLength(3);
    // Newest correction first: the last one corrected.
    expect(memory.feedbackIds[0]).toBe(more.id);
    expect(memory.feedbackIds).toContain(first?.id);
    // service_words matched all three, which handlers moved to device: review it.
    expect(suggestions.data).toContainEqual(
      expect.objectContaining({ kind: 'review_rule', ruleId: 'service_words', category: 'service', corrections: 3 }),
    );
  });

  test('trying a draft classifies the sample with it and stores nothing; an invalid draft names the fields', async () => {
    const tried = await rules('POST', '/preview', {
      ...withTerms('device_parts', ['内存']),
      text: '内存不够用',
    });
    expect(tried.statusCode).toBe(200);
    expect(tried.json()).toMatchObject({
      category: 'device',
      matched: [{ ruleId: 'device_parts', category: 'device', score: 3, terms: ['内存'] }],
      scores: { device: 3, service: 0 },
    });
    const withFacts = await rules('POST', '/preview', {
      ...defaultContent,
      text: '还行吧',
      facts: { deliveryLateDays: 2 },
    });
    expect(withFacts.json()).toMatchObject({ category: 'logistics', matched: [{ ruleId: 'delivery_late' }] });
    const bad = await rules('POST', '/preview', { ...withTerms('device_parts', ['', '屏幕']), text: '屏幕' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('FEEDBACK_RULES_INVALID');
    const count = await queryRows(s.ctx.database.db, sql`select 1 from feedback_rule_sets`);
    expect(count).toHaveLength(1);
  });

  test('an invalid set is refused with every field named; an unchanged one is refused', async () => {
    const rulesNow = defaultContent.rules as readonly ClassificationRule[];
    const parts = rulesNow[0] as TermRule;
    const invalid = await rules('POST', '', {
      expectedVersion: 'default-1',
      ...defaultContent,
      // Weight 0, an untrimmed term, a term twice (it would count twice), an id twice, a short tie order.
      rules: [
        { ...parts, weight: 0, terms: ['屏幕', ' 内存', 'SCREEN', 'screen'] },
        { ...parts, terms: ['x'] },
        ...rulesNow.slice(1),
      ],
      tieOrder: ['device', 'billing'],
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json()).toMatchObject({ code: 'FEEDBACK_RULES_INVALID' });
    expect(invalid.json().errors.map((e: { path: string }) => e.path)).toEqual([
      '/rules/0/weight',
      '/rules/0/terms/1',
      '/rules/0/terms/3',
      '/rules/1/id',
      '/tieOrder',
    ]);
    const unchanged = await rules('POST', '', { expectedVersion: 'default-1', ...defaultContent, note: '没改' });
    expect(unchanged.statusCode).toBe(422);
    expect(unchanged.json().code).toBe('FEEDBACK_RULES_UNCHANGED');
  });

  test('publishing r2: the next feedback is classified by it, stored entries keep default-1; a stale edit is 409', async () => {
    const text = '内存和存储空间都太小了，客服说没办法';
    const before = await send(text);
    expect(before.category).toBe('service');
    const published = await rules('POST', '', {
      expectedVersion: 'default-1',
      ...withTerms('device_parts', ['内存', '存储空间']),
      note: '手机内存的问题归设备',
    });
    expect(published.statusCode).toBe(201);
    expect(published.json()).toMatchObject({
      version: 'r2',
      publishedBy: support.staffId,
      publishedByName: expect.any(String),
      note: '手机内存的问题归设备',
    });
    const after = await send(text);
    expect(after.category).toBe('device');
    expect((await handlerView(after.id)).rulesVersion).toBe('r2');
    expect(await handlerView(before.id)).toMatchObject({ category: 'service', rulesVersion: 'default-1' });
    const [stored] = await queryRows<{ matched_rule_ids: string[] }>(
      s.ctx.database.db,
      sql`select matched_rule_ids from feedback_entries where id = ${after.id}`,
    );
    expect(stored?.matched_rule_ids).toEqual(['device_parts', 'service_words']);

    const listed = (await rules('GET', '')).json();
    expect(listed.current.version).toBe('r2');
    expect(listed.versions.map((v: { version: string; current: boolean }) => [v.version, v.current])).toEqual([
      ['r2', true],
      ['default-1', false],
    ]);
    // The old version reads as it was published.
    expect((await rules('GET', '/versions/default-1')).json().rules).toEqual(
      JSON.parse(JSON.stringify(defaultContent.rules)),
    );
    const audit = await queryRows<{ target_id: string; actor_id: string; detail: Record<string, unknown> }>(
      s.ctx.database.db,
      sql`select target_id, actor_id, detail from identity_audit_log where action = 'feedback.rules_published'`,
    );
    expect(audit).toEqual([
      {
        target_id: 'r2',
        actor_id: support.staffId,
        detail: {
          from: 'default-1',
          to: 'r2',
          note: '手机内存的问题归设备',
          added: [],
          removed: [],
          changed: ['device_parts'],
        },
      },
    ]);
    // Edited on default-1 by someone else: refused, and nothing is published.
    const stale = await rules('POST', '', { expectedVersion: 'default-1', ...withTerms('device_parts', ['闪存']) });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('FEEDBACK_RULES_VERSION_STALE');
    // The set now knows 内存: no longer suggested.
    const suggestions = (await rules('GET', '/suggestions')).json();
    expect(suggestions.rulesVersion).toBe('r2');
    expect(suggestions.data.filter((x: { term?: string }) => x.term === '内存')).toEqual([]);
  });

  test('two editors publishing on the same version at once: one version is published, the other gets 409', async () => {
    const current = (await rules('GET', '')).json().current;
    const content = { rules: current.rules, confidentScore: current.confidentScore, tieOrder: current.tieOrder };
    const [a, b] = await Promise.all([
      rules('POST', '', { expectedVersion: 'r2', ...content, confidentScore: 7 }),
      rules('POST', '', { expectedVersion: 'r2', ...content, confidentScore: 8 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect((await rules('GET', '')).json()).toMatchObject({ current: { version: 'r3' }, totalVersions: 3 });
  });
});
