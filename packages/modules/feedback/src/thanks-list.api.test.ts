// The public thanks list, GET /v1/feedback/thanks: read without signing in; only feedback marked
// valuable whose named author opted in; each author shown as the core's thanksName of their verified
// real name (张*, 欧阳*, Emily) and the day thanked, nothing else; anonymous feedback never (not even
// as "匿名用户"); newest first; at most thanksListMax; an ETag and `public, no-cache` like the catalog.
import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { idCheckChar } from '@zulin/identity';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { FeedbackLimits } from './limits';

describeDb('the public thanks list', (get) => {
  let s: TestServer;
  let idSequence = 100;

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
  });
  afterAll(async () => {
    await s?.close();
  });

  const thanks = (query = '', headers: Record<string, string> = {}) =>
    s.app.inject({ method: 'GET', url: `/v1/feedback/thanks${query}`, headers });

  /** A customer whose real name was verified as `name` (null: never verified). */
  const customer = async (name: string | null) => {
    const phone = randomTestPhone();
    const signedIn = await signInTestCustomer(s, phone);
    if (name !== null) {
      idSequence++;
      const body = `110105199003${String(10 + (idSequence % 18)).padStart(2, '0')}${String(idSequence).padStart(3, '0')}`;
      const verified = await s.app.inject({
        method: 'POST',
        url: '/v1/me/identity',
        payload: { name, idNumber: `${body}${idCheckChar(body)}` },
        headers: bearer(signedIn.token),
      });
      expect(verified.statusCode, verified.body).toBe(200);
    }
    return { ...signedIn, phone };
  };
  const feedback = async (
    author: { token: string },
    options: { text: string; anonymous?: boolean; thanksOptIn?: boolean; valuable?: boolean },
  ) => {
    const sent = await s.app.inject({
      method: 'POST',
      url: '/v1/feedback',
      payload: { text: options.text, anonymous: options.anonymous ?? false, thanksOptIn: options.thanksOptIn ?? false },
      headers: bearer(author.token),
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const id = sent.json().id as string;
    if (options.valuable) {
      // Signed in now: the clock moves between steps and a staff token is short-lived.
      const handler = await signInTestStaff(s, 'support');
      const marked = await s.app.inject({
        method: 'POST',
        url: `/v1/admin/feedback/${id}/valuable`,
        payload: {},
        headers: bearer(handler.token),
      });
      expect(marked.statusCode, marked.body).toBe(200);
    }
    return id;
  };

  test('only valuable feedback whose named author opted in, as a masked first name and a date, newest first, without a token', async () => {
    const empty = await thanks();
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ data: [] });

    s.clock.set('2026-03-02T02:00:00Z');
    const zhang = await customer('张三丰');
    await feedback(zhang, { text: '客服回复很快，换机很顺利', thanksOptIn: true, valuable: true });
    s.clock.set('2026-03-03T02:00:00Z');
    const emily = await customer('Emily Chen');
    await feedback(emily, { text: 'The battery report was spot on', thanksOptIn: true, valuable: true });
    s.clock.set('2026-03-04T02:00:00Z');
    const ouyang = await customer('欧阳娜娜');
    await feedback(ouyang, { text: '建议增加以旧换新', thanksOptIn: true, valuable: true });
    // Left out: opted in but not valuable; valuable but not opted in; no verified name; anonymous.
    const li = await customer('李四');
    await feedback(li, { text: '物流有点慢', thanksOptIn: true });
    const wang = await customer('王五');
    await feedback(wang, { text: '账单页面看不懂', valuable: true });
    const nameless = await customer(null);
    await feedback(nameless, { text: '押金退得快', thanksOptIn: true, valuable: true });
    const zhao = await customer('赵六');
    const anonymousId = await feedback(zhao, {
      text: '匿名说一句：验机标准要写清楚',
      anonymous: true,
      thanksOptIn: true,
      valuable: true,
    });

    const list = await thanks();
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({
      data: [
        { name: '欧阳*', thankedOn: '2026-03-04' },
        { name: 'Emily', thankedOn: '2026-03-03' },
        { name: '张*', thankedOn: '2026-03-02' },
      ],
    });
    // Nothing of the entries but those two fields: no text, phone, id, order, not the anonymous one.
    for (const leak of [
      '客服回复很快',
      '匿名',
      '验机标准',
      anonymousId,
      zhang.phone,
      zhang.customerId,
      '三丰',
      'Chen',
      '李',
      '王',
      '赵',
    ]) {
      expect(list.body).not.toContain(leak);
    }
    // The anonymous entry was marked valuable (its author got the points), but its opt-in was never kept.
    expect(
      await queryRows(
        s.ctx.database.db,
        sql`select valuable, thanks_opt_in from feedback_entries where id = ${anonymousId}`,
      ),
    ).toEqual([{ valuable: true, thanks_opt_in: false }]);

    expect((await thanks('?limit=2')).json().data).toEqual([
      { name: '欧阳*', thankedOn: '2026-03-04' },
      { name: 'Emily', thankedOn: '2026-03-03' },
    ]);
    expect((await thanks(`?limit=${FeedbackLimits.thanksListMax + 1}`)).statusCode).toBe(422);
    expect((await thanks('?limit=0')).statusCode).toBe(422);
  });

  test('cached like the catalog: an ETag and public, no-cache; If-None-Match answers 304 without a body', async () => {
    const first = await thanks();
    expect(first.headers['cache-control']).toBe('public, no-cache');
    const etag = first.headers.etag;
    expect(etag).toMatch(/^W\/"/);
    const again = await thanks('', { 'if-none-match': String(etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // A new thanks changes the answer and its tag.
    s.clock.set('2026-03-05T02:00:00Z');
    const sun = await customer('孙七');
    await feedback(sun, { text: '希望支持花呗分期', thanksOptIn: true, valuable: true });
    const changed = await thanks('', { 'if-none-match': String(etag) });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().data[0]).toEqual({ name: '孙*', thankedOn: '2026-03-05' });
  });

  test(`at most ${FeedbackLimits.thanksListMax} entries, the newest`, async () => {
    const qian = await customer('钱八');
    // More thanked entries than the list holds, written directly (awarding each through the wallet adds nothing here).
    const total = FeedbackLimits.thanksListMax + 5;
    for (let i = 0; i < total; i++) {
      const at = new Date(Date.UTC(2026, 3, 1) + i * 3_600_000);
      await s.ctx.database.db.execute(sql`
        insert into feedback_entries (id, anonymous, customer_id, author_index, timing, text, answers, media, locale,
          category_confidence_pct, valuable, valuable_at, thanks_opt_in, submitted_on, submitted_at, due_at)
        values (${`fdb_thanks${i}_${Date.now()}`}, false, ${qian.customerId}, 'x', 'general', '谢谢', '[]'::jsonb,
          '[]'::jsonb, 'zh-CN', 0, true, ${at}, true, '2026-04-01', ${at}, ${at})`);
    }
    const list = (await thanks()).json().data as { name: string; thankedOn: string }[];
    expect(list).toHaveLength(FeedbackLimits.thanksListMax);
    // The newest: entry total−1 was thanked at 2026-04-01 00:00Z + 104 h = 2026-04-05 16:00 Shanghai.
    expect(list[0]).toEqual({ name: '钱*', thankedOn: '2026-04-05' });
    expect(list.every((e) => e.name === '钱*')).toBe(true);
  });
});
