// The preset-question editor end to end: the defaults a new database asks, a new question, an edit
// publishing v2 while v1's answers keep v1, one NPS question, retiring and bringing back, the order,
// stale versions, permissions, the 24-hour grace for forms loaded before an edit, and the NPS
// counting answers of both versions.
import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer, testMasterKey } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { presentQuestion } from './api-schemas';
import { defaultQuestions } from './questions';

const day = '2031-07-01';
const scaleLabels = {
  low: { 'zh-CN': '完全不会', en: 'Not at all likely' },
  high: { 'zh-CN': '非常愿意', en: 'Extremely likely' },
};
const recommendV2Text = { 'zh-CN': '您愿意把我们推荐给朋友吗?', en: 'Would you recommend us to a friend?' };

describeDb('feedback questions editor', (get) => {
  let s: TestServer;
  let support: { staffId: string; token: string };
  let marketing: { staffId: string; token: string };
  let warehouse: { token: string };
  let alice: { customerId: string; token: string };
  type Method = 'GET' | 'POST';
  const call = (token: string, method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    s.app.inject({ method, url, payload: payload as object, headers: { ...bearer(token), ...headers } });
  const admin = (method: Method, path: string, payload?: unknown) =>
    call(support.token, method, `/v1/admin/feedback/questions${path}`, payload);
  const form = async () =>
    (await call(alice.token, 'GET', '/v1/feedback/questions'))
      .json()
      .data.map((q: { questionId: string }) => q.questionId);
  const send = (answers: { questionId: string; value: unknown }[], text = '') =>
    call(alice.token, 'POST', '/v1/feedback', { text, anonymous: false, answers });
  const current = async (key: string) => (await admin('GET', `/${key}`)).json().question;
  const audited = async (action: string) =>
    (
      await queryRows<{ target_id: string; actor_id: string }>(
        s.ctx.database.db,
        sql`select target_id, actor_id from identity_audit_log where action = ${action} order by at, id`,
      )
    ).map((r) => [r.target_id, r.actor_id]);
  /** Access tokens last 15 minutes: after the clock moves a day, everyone signs in again. */
  const signIn = async () => {
    support = await signInTestStaff(s, 'support');
    marketing = await signInTestStaff(s, 'marketing');
    warehouse = await signInTestStaff(s, 'warehouse');
    alice = await signInTestCustomer(s, alicePhone);
  };
  const alicePhone = randomTestPhone();

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: `${day}T02:00:00Z` });
    await signIn();
  });
  afterAll(async () => {
    await s?.close();
  });

  test('a new database asks the three default questions as version 1, served from the table', async () => {
    const served = (await call(alice.token, 'GET', '/v1/feedback/questions')).json().data;
    expect(served).toEqual(defaultQuestions.map(presentQuestion));
    // Production runs no seed: the migration alone wrote them.
    const production = await createTestServer(get().database, {
      modules,
      now: `${day}T02:00:00Z`,
      env: { NODE_ENV: 'production', ZULIN_MASTER_KEY: testMasterKey },
    });
    try {
      expect(production.ctx.config.sandbox).toBe(false);
      const customer = await signInTestCustomer(production);
      const asked = await production.app.inject({ url: '/v1/feedback/questions', headers: bearer(customer.token) });
      expect(asked.json().data).toEqual(defaultQuestions.map(presentQuestion));
    } finally {
      await production.close();
    }
    const rows = await queryRows<{ key: string; version: number; position: number; created_by: string | null }>(
      s.ctx.database.db,
      sql`select key, version, position, created_by from feedback_questions order by position`,
    );
    expect(rows).toEqual([
      { key: 'phone_quality', version: 1, position: 1, created_by: null },
      { key: 'service_quality', version: 1, position: 2, created_by: null },
      { key: 'recommend', version: 1, position: 3, created_by: null },
    ]);
    const list = (await admin('GET', '')).json().data;
    expect(
      list.map((q: { questionId: string; state: string; versions: number; nps: boolean }) => [
        q.questionId,
        q.state,
        q.versions,
        q.nps,
      ]),
    ).toEqual([
      ['phone_quality@v1', 'active', 1, false],
      ['service_quality@v1', 'active', 1, false],
      ['recommend@v1', 'active', 1, true],
    ]);
  });

  test('who may: feedback.read lists, feedback.handle changes, others are refused', async () => {
    expect((await call(marketing.token, 'GET', '/v1/admin/feedback/questions')).statusCode).toBe(200);
    expect((await call(marketing.token, 'GET', '/v1/admin/feedback/questions/recommend')).statusCode).toBe(200);
    const refused = await call(marketing.token, 'POST', '/v1/admin/feedback/questions/recommend/retire', {
      version: 1,
    });
    expect(refused.statusCode).toBe(403);
    expect((await call(warehouse.token, 'GET', '/v1/admin/feedback/questions')).statusCode).toBe(403);
    // A customer is not staff at all.
    expect((await call(alice.token, 'GET', '/v1/admin/feedback/questions')).statusCode).toBe(401);
    const byMarketing = await call(marketing.token, 'POST', '/v1/admin/feedback/questions', {
      key: 'colour',
      kind: 'text',
      text: { 'zh-CN': '颜色?', en: 'Colour?' },
      required: false,
      maxLength: 50,
    });
    expect(byMarketing.statusCode).toBe(403);
    expect(await current('recommend')).toMatchObject({ version: 1, state: 'active' });
    expect((await admin('GET', '/nope')).json().code).toBe('FEEDBACK_QUESTION_NOT_FOUND');
  });

  test('a new question is version 1 at the end of the form; its key is taken once; bad input is named', async () => {
    const created = await admin('POST', '', {
      key: 'what_went_wrong',
      kind: 'choice',
      text: { 'zh-CN': ' 哪里不满意? ', en: 'What went wrong?' },
      required: false,
      multiple: true,
      choices: [
        { id: 'phone', label: { 'zh-CN': '手机', en: 'The phone' } },
        { id: 'delivery', label: { 'zh-CN': '物流', en: 'Delivery' } },
      ],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      key: 'what_went_wrong',
      version: 1,
      questionId: 'what_went_wrong@v1',
      kind: 'choice',
      text: { 'zh-CN': '哪里不满意?', en: 'What went wrong?' },
      multiple: true,
      state: 'active',
      position: 4,
      versions: 1,
      retiredAt: null,
      createdBy: support.staffId,
      createdAt: `${day}T02:00:00.000Z`,
    });
    expect(created.json().createdByName).toEqual(expect.any(String));
    expect(await form()).toEqual(['phone_quality@v1', 'service_quality@v1', 'recommend@v1', 'what_went_wrong@v1']);
    const served = (await call(alice.token, 'GET', '/v1/feedback/questions')).json().data[3];
    expect(served.choices.map((c: { id: string }) => c.id)).toEqual(['phone', 'delivery']);

    const taken = await admin('POST', '', {
      key: 'what_went_wrong',
      kind: 'text',
      text: { 'zh-CN': '还有呢?', en: 'Anything else?' },
      required: false,
      maxLength: 100,
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('FEEDBACK_QUESTION_KEY_TAKEN');
    const invalid = await admin('POST', '', {
      key: 'Bad Key',
      kind: 'choice',
      text: { 'zh-CN': '选一个', en: ' ' },
      required: false,
      choices: [{ id: 'only', label: { 'zh-CN': '唯一', en: 'Only' } }],
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json()).toMatchObject({
      code: 'FEEDBACK_QUESTION_INVALID',
      errors: [
        { path: '/key', message: 'lower_snake_case, at most 40' },
        { path: '/text/en', message: '1–200 characters' },
        { path: '/choices', message: '2–10 choices' },
      ],
    });
    expect(await audited('feedback.question_created')).toEqual([['what_went_wrong', support.staffId]]);
  });

  test('an edit publishes v2: v1 is kept unchanged and its answers keep v1; a stale or empty edit is refused', async () => {
    const before = await send([{ questionId: 'recommend@v1', value: 10 }], '推荐');
    expect(before.statusCode).toBe(201);
    const edit = { version: 1, text: recommendV2Text, required: false, nps: true, labels: scaleLabels };
    const published = await admin('POST', '/recommend/versions', edit);
    expect(published.statusCode).toBe(201);
    expect(published.json()).toMatchObject({
      questionId: 'recommend@v2',
      version: 2,
      versions: 2,
      text: recommendV2Text,
      nps: true,
      position: 3,
      state: 'active',
    });

    const stale = await admin('POST', '/recommend/versions', {
      ...edit,
      text: { 'zh-CN': '推荐吗?', en: 'Recommend?' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('FEEDBACK_QUESTION_VERSION_STALE');
    const unchanged = await admin('POST', '/recommend/versions', { ...edit, version: 2 });
    expect(unchanged.statusCode).toBe(409);
    expect(unchanged.json().code).toBe('FEEDBACK_QUESTION_UNCHANGED');
    const otherKind = await admin('POST', '/recommend/versions', { ...edit, version: 2, maxLength: 20 });
    expect(otherKind.json()).toMatchObject({
      code: 'FEEDBACK_QUESTION_INVALID',
      errors: [{ path: '/maxLength', message: 'only for text questions' }],
    });

    const history = (await admin('GET', '/recommend')).json();
    expect(history.question).toMatchObject({ questionId: 'recommend@v2', versions: 2 });
    expect(history.versions.map((v: { questionId: string }) => v.questionId)).toEqual(['recommend@v2', 'recommend@v1']);
    expect(history.versions[1]).toMatchObject({
      text: defaultQuestions[2]?.text,
      createdBy: null,
      supersededAt: history.versions[0].createdAt,
    });
    expect(history.versions[0].supersededAt).toBeNull();

    expect(await form()).toEqual(['phone_quality@v1', 'service_quality@v1', 'recommend@v2', 'what_went_wrong@v1']);
    const mine = (await call(alice.token, 'GET', `/v1/feedback/${before.json().id}`)).json();
    expect(mine.answers).toEqual([{ questionId: 'recommend@v1', value: 10 }]);
    expect(await audited('feedback.question_version_published')).toEqual([['recommend', support.staffId]]);
  });

  test('a form loaded before the edit is still accepted: v1 answered within 24 h counts for the NPS', async () => {
    const loadedBefore = await send([
      { questionId: 'recommend@v1', value: 3 },
      { questionId: 'what_went_wrong@v1', value: ['delivery'] },
    ]);
    expect(loadedBefore.statusCode).toBe(201);
    const loadedAfter = await send([{ questionId: 'recommend@v2', value: 9 }]);
    expect(loadedAfter.statusCode).toBe(201);
    const scores = await queryRows<{ id: string; nps_score: number | null }>(
      s.ctx.database.db,
      sql`select id, nps_score from feedback_entries where id in (${loadedBefore.json().id}, ${loadedAfter.json().id}) order by submitted_at, id`,
    );
    expect(scores.map((r) => r.nps_score).sort()).toEqual([3, 9]);
    const handler = (await call(support.token, 'GET', `/v1/admin/feedback/${loadedBefore.json().id}`)).json();
    expect(handler.answers).toEqual([
      { questionId: 'recommend@v1', value: 3 },
      { questionId: 'what_went_wrong@v1', value: ['delivery'] },
    ]);
    const never = await send([{ questionId: 'recommend@v3', value: 3 }]);
    expect(never.json()).toMatchObject({
      code: 'FEEDBACK_ANSWERS_INVALID',
      errors: [{ path: '/answers/0/version', message: 'this form shows version 2' }],
    });
  });

  test('at most one active NPS question, refused with its code on create, edit and restore', async () => {
    const npsQuestion = {
      key: 'nps_friend',
      kind: 'scale',
      text: { 'zh-CN': '会推荐给朋友吗?', en: 'Would you tell a friend?' },
      required: false,
      nps: true,
      labels: scaleLabels,
    };
    const second = await admin('POST', '', npsQuestion);
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('FEEDBACK_QUESTION_NPS_TAKEN');
    const phone = await current('phone_quality');
    const editedToNps = await admin('POST', '/phone_quality/versions', {
      version: phone.version,
      text: phone.text,
      required: false,
      nps: true,
      labels: phone.labels,
    });
    expect(editedToNps.json().code).toBe('FEEDBACK_QUESTION_NPS_TAKEN');

    expect((await admin('POST', '/recommend/retire', { version: 2 })).json()).toMatchObject({ state: 'retired' });
    expect((await admin('POST', '', npsQuestion)).statusCode).toBe(201);
    const back = await admin('POST', '/recommend/restore', { version: 2 });
    expect(back.statusCode).toBe(409);
    expect(back.json().code).toBe('FEEDBACK_QUESTION_NPS_TAKEN');
    expect((await admin('POST', '/nps_friend/retire', { version: 1 })).statusCode).toBe(200);
    expect((await admin('POST', '/recommend/restore', { version: 2 })).json()).toMatchObject({
      state: 'active',
      position: 6,
    });
    expect(await form()).toEqual(['phone_quality@v1', 'service_quality@v1', 'what_went_wrong@v1', 'recommend@v2']);
  });

  test('retire and bring back: the form leaves it out, then asks it again at the end', async () => {
    const retired = await admin('POST', '/phone_quality/retire', { version: 1 });
    expect(retired.statusCode).toBe(200);
    expect(retired.json()).toMatchObject({ state: 'retired', retiredAt: `${day}T02:00:00.000Z`, version: 1 });
    expect(await form()).toEqual(['service_quality@v1', 'what_went_wrong@v1', 'recommend@v2']);
    expect((await admin('POST', '/phone_quality/retire', { version: 1 })).json().code).toBe(
      'FEEDBACK_QUESTION_ALREADY_RETIRED',
    );
    // Retired questions are listed after the active ones.
    const list = (await admin('GET', '')).json().data;
    expect(list.map((q: { key: string; state: string }) => `${q.key}:${q.state}`)).toEqual([
      'service_quality:active',
      'what_went_wrong:active',
      'recommend:active',
      'phone_quality:retired',
      'nps_friend:retired',
    ]);
    // Retired 0 h ago: a form loaded before still answers it.
    expect((await send([{ questionId: 'phone_quality@v1', value: 8 }])).statusCode).toBe(201);
    expect((await admin('POST', '/phone_quality/restore', { version: 2 })).json().code).toBe(
      'FEEDBACK_QUESTION_VERSION_STALE',
    );
    expect((await admin('POST', '/phone_quality/restore', { version: 1 })).statusCode).toBe(200);
    expect((await admin('POST', '/phone_quality/restore', { version: 1 })).json().code).toBe(
      'FEEDBACK_QUESTION_NOT_RETIRED',
    );
    expect(await form()).toEqual(['service_quality@v1', 'what_went_wrong@v1', 'recommend@v2', 'phone_quality@v1']);
    expect((await audited('feedback.question_retired')).map(([key]) => key)).toEqual([
      'recommend',
      'nps_friend',
      'phone_quality',
    ]);
    expect((await audited('feedback.question_restored')).map(([key]) => key)).toEqual(['recommend', 'phone_quality']);
  });

  test('the order of the form: every active key once; a list of another set is stale; replays change nothing', async () => {
    const keys = ['recommend', 'phone_quality', 'service_quality', 'what_went_wrong'];
    const once = { 'idempotency-key': 'order-once' };
    const ordered = await call(support.token, 'POST', '/v1/admin/feedback/questions/order', { keys }, once);
    expect(ordered.statusCode).toBe(200);
    expect(
      ordered
        .json()
        .data.slice(0, 4)
        .map((q: { key: string; position: number }) => [q.key, q.position]),
    ).toEqual([
      ['recommend', 1],
      ['phone_quality', 2],
      ['service_quality', 3],
      ['what_went_wrong', 4],
    ]);
    const replay = await call(support.token, 'POST', '/v1/admin/feedback/questions/order', { keys }, once);
    expect(replay.json()).toEqual(ordered.json());
    expect(await audited('feedback.questions_ordered')).toHaveLength(1);
    expect(await form()).toEqual(['recommend@v2', 'phone_quality@v1', 'service_quality@v1', 'what_went_wrong@v1']);

    const missing = await admin('POST', '/order', { keys: keys.slice(0, 3) });
    expect(missing.statusCode).toBe(409);
    expect(missing.json().code).toBe('FEEDBACK_QUESTION_ORDER_STALE');
    const withRetired = await admin('POST', '/order', { keys: [...keys, 'nps_friend'] });
    expect(withRetired.json().code).toBe('FEEDBACK_QUESTION_ORDER_STALE');
    const twice = await admin('POST', '/order', { keys: [...keys.slice(0, 3), 'recommend'] });
    expect(twice.json()).toMatchObject({ code: 'FEEDBACK_QUESTION_INVALID', errors: [{ path: '/keys/3' }] });
    expect(await form()).toEqual(['recommend@v2', 'phone_quality@v1', 'service_quality@v1', 'what_went_wrong@v1']);
  });

  test('two editors publishing on the same version at once: one version is published, the other editor gets 409', async () => {
    const service = await current('service_quality');
    const edit = (en: string) =>
      admin('POST', '/service_quality/versions', {
        version: service.version,
        text: { 'zh-CN': service.text['zh-CN'], en },
        required: false,
        nps: false,
        labels: service.labels,
      });
    const answers = await Promise.all([edit('How was our service today?'), edit('How did we serve you?')]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(answers.find((r) => r.statusCode === 409)?.json().code).toBe('FEEDBACK_QUESTION_VERSION_STALE');
    expect((await admin('GET', '/service_quality')).json().versions).toHaveLength(2);
  });

  describe('a day later', () => {
    test('a required question added today is not asked of older forms; after 24 h it is, and v1 is refused', async () => {
      const remarks = await admin('POST', '', {
        key: 'remarks',
        kind: 'text',
        text: { 'zh-CN': '还有什么想说的?', en: 'Anything else?' },
        required: true,
        maxLength: 200,
      });
      expect(remarks.statusCode).toBe(201);
      expect((await send([{ questionId: 'recommend@v2', value: 7 }])).statusCode).toBe(201);

      s.clock.advance(25 * 3_600_000);
      await signIn();
      const late = await send([{ questionId: 'recommend@v1', value: 3 }]);
      expect(late.statusCode).toBe(422);
      expect(late.json()).toMatchObject({
        code: 'FEEDBACK_ANSWERS_INVALID',
        errors: [
          { path: '/answers/0/version', message: 'this form shows version 2' },
          { path: '/answers', message: 'remarks is required' },
        ],
      });
      const answered = await send([
        { questionId: 'recommend@v2', value: 6 },
        { questionId: 'remarks@v1', value: '  很好  ' },
      ]);
      expect(answered.statusCode).toBe(201);
      expect(answered.json().answers).toEqual([
        { questionId: 'recommend@v2', value: 6 },
        { questionId: 'remarks@v1', value: '很好' },
      ]);
      // phone_quality was retired and brought back yesterday: its v1 is still the current version.
      expect(
        (
          await send([
            { questionId: 'phone_quality@v1', value: 5 },
            { questionId: 'remarks@v1', value: '好' },
          ])
        ).statusCode,
      ).toBe(201);
    });

    test('the NPS counts the answers of v1 and of v2 of the NPS question, by the day they were given', async () => {
      const read = async (date: string) =>
        (await call(support.token, 'GET', `/v1/admin/feedback/analysis?from=${date}&to=${date}&words=5`)).json().nps;
      // Day one: recommend@v1 10 and 3 (one before the edit, one from a form loaded before it), @v2 9 and 7.
      expect(await read(day)).toMatchObject({ responses: 4, promoters: 2, passives: 1, detractors: 1, nps: 25 });
      // Day two: recommend@v2 6.
      expect(await read('2031-07-02')).toMatchObject({ responses: 1, detractors: 1, nps: -100 });
    });
  });
});
