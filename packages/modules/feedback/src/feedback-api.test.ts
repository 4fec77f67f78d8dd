import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSkuNames } from '@zulin/catalog';
import { publishPhoneByApi } from '@zulin/catalog/testing';
import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, test } from 'vitest';

describeDb('feedback API', (get) => {
  let s: TestServer;
  let dataDir: string;
  let alice: { customerId: string; token: string };
  let bob: { customerId: string; token: string };
  let handler: { staffId: string; token: string };
  let warehouse: { token: string };
  const call = (token: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    s.app.inject({ method, url, payload: payload as object, headers: token ? bearer(token) : {} });
  const upload = (token: string, bytes: Buffer, filename = 'photo.png') => {
    const boundary = '----zulinfeedback';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return s.app.inject({
      method: 'POST',
      url: '/v1/uploads',
      payload: body,
      headers: { ...bearer(token), 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
  };
  const png = (r: number) =>
    sharp({ create: { width: 40, height: 30, channels: 3, background: { r, g: 120, b: 80 } } })
      .png()
      .toBuffer();

  /** A rental of `customerId` whose return inspection was settled `endedDaysAgo` days ago (null: still on rent). */
  let orderCounter = 0;
  const rental = async (customerId: string, endedDaysAgo: number | null, skuId = 'sku_test') => {
    orderCounter++;
    const id = `ord_fbtest${orderCounter}${Date.now()}`;
    const now = s.clock.now();
    const endedAt = endedDaysAgo === null ? null : new Date(now.getTime() - endedDaysAgo * 86_400_000);
    await s.ctx.database.db.execute(sql`
      insert into rental_orders (id, customer_id, sku_id, plan_id, status, plan, add_ons, market_price_minor, quote,
        first_payment_minor, deposit_minor, deposit_waived_minor, deposit_to_hold_minor, decision_reason_codes,
        address_ciphertext, city, version, created_at, updated_at)
      values (${id}, ${customerId}, ${skuId}, 'pln_test', ${endedAt ? 'settled' : 'active'}, '{}'::jsonb, '[]'::jsonb,
        599900, '{}'::jsonb, 0, 0, 0, 0, '[]'::jsonb, 'x', '上海', 1, ${now}, ${now})`);
    if (endedAt) {
      await s.ctx.database.db.execute(sql`
        insert into rental_order_events (order_id, seq, action, from_status, to_status, actor_kind, facts, at)
        values (${id}, 1, 'settle', 'inspecting', 'settled', 'staff', '{}'::jsonb, ${endedAt})`);
    }
    return id;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'zulin-feedback-'));
    s = await createTestServer(get().database, { modules, env: { ZULIN_DATA_DIR: dataDir } });
    alice = await signInTestCustomer(s, randomTestPhone());
    bob = await signInTestCustomer(s, randomTestPhone());
    handler = await signInTestStaff(s, 'support');
    warehouse = await signInTestStaff(s, 'warehouse');
  });
  afterAll(async () => {
    await s?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('named feedback: 201 with the exact body, then in "my feedback", classified as a billing complaint', async () => {
    const sent = await call(alice.token, 'POST', '/v1/feedback', {
      rating: 'bad',
      text: '账单金额不对，扣款扣了两次',
      anonymous: false,
      answers: [{ questionId: 'recommend@v1', value: 3 }],
    });
    expect(sent.statusCode).toBe(201);
    const body = sent.json();
    expect(body).toMatchObject({
      anonymous: false,
      orderId: null,
      timing: 'general',
      rating: 'bad',
      text: '账单金额不对，扣款扣了两次',
      answers: [{ questionId: 'recommend@v1', value: 3 }],
      media: [],
      category: 'billing',
      valuable: false,
      replies: [],
    });
    expect(body.id).toMatch(/^fdb_/);
    const mine = (await call(alice.token, 'GET', '/v1/feedback')).json().data;
    expect(mine.map((f: { id: string }) => f.id)).toContain(body.id);
    expect((await call(bob.token, 'GET', '/v1/feedback')).json().data).toEqual([]);
    expect((await call(bob.token, 'GET', `/v1/feedback/${body.id}`)).statusCode).toBe(404);
    const nps = await queryRows<{ nps_score: number }>(
      s.ctx.database.db,
      sql`select nps_score from feedback_entries where id = ${body.id}`,
    );
    expect(nps).toEqual([{ nps_score: 3 }]);
  });

  test('answers must name a shown question version and fit it; empty feedback is refused', async () => {
    const wrong = await call(alice.token, 'POST', '/v1/feedback', {
      text: '还行',
      anonymous: false,
      answers: [{ questionId: 'recommend@v1', value: 11 }],
    });
    expect(wrong.statusCode).toBe(422);
    const unknown = await call(alice.token, 'POST', '/v1/feedback', {
      text: '还行',
      anonymous: false,
      answers: [{ questionId: 'recommend@v9', value: 5 }],
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe('FEEDBACK_ANSWERS_INVALID');
    const empty = await call(alice.token, 'POST', '/v1/feedback', { text: '   ', anonymous: true });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().code).toBe('FEEDBACK_TEXT_INVALID');
    const questions = (await call(alice.token, 'GET', '/v1/feedback/questions')).json().data;
    expect(questions.map((q: { questionId: string }) => q.questionId)).toEqual([
      'phone_quality@v1',
      'service_quality@v1',
      'recommend@v1',
    ]);
  });

  test('anonymous feedback: the handler sees nothing that identifies the customer; the customer still sees it', async () => {
    const orderId = await rental(bob.customerId, null);
    const profile = (await call(bob.token, 'GET', '/v1/me')).json();
    const sent = await call(bob.token, 'POST', '/v1/feedback', {
      rating: 'neutral',
      text: '快递员态度差，电话 13912345678 打不通',
      anonymous: true,
      orderId,
    });
    expect(sent.statusCode).toBe(201);
    const id = sent.json().id as string;
    expect(sent.json()).toMatchObject({ anonymous: true, orderId: null, timing: 'during_rental' });

    const queue = await call(handler.token, 'GET', `/v1/admin/feedback?q=${encodeURIComponent('快递员')}`);
    expect(queue.statusCode).toBe(200);
    const entry = queue.json().data.find((f: { id: string }) => f.id === id);
    expect(entry).toBeDefined();
    expect(entry.author).toBe('anonymous');
    expect(entry.text).toBe('快递员态度差，电话 *** 打不通');
    for (const field of ['customerId', 'customerName', 'customerPhone', 'orderId', 'orderName', 'submittedAt']) {
      expect(entry).not.toHaveProperty(field);
    }
    const detail = await call(handler.token, 'GET', `/v1/admin/feedback/${id}`);
    const raw = detail.body + queue.body;
    for (const secret of [bob.customerId, orderId, '13912345678', profile.phoneMasked ?? '-']) {
      expect(raw).not.toContain(secret);
    }
    // The stored row keeps no customer or order in clear either.
    const [row] = await queryRows<{ customer_id: string | null; order_id: string | null; sealed_author: string }>(
      s.ctx.database.db,
      sql`select customer_id, order_id, sealed_author from feedback_entries where id = ${id}`,
    );
    expect(row?.customer_id).toBeNull();
    expect(row?.order_id).toBeNull();
    expect(row?.sealed_author).not.toContain(bob.customerId);

    const mine = (await call(bob.token, 'GET', '/v1/feedback')).json().data;
    expect(mine.map((f: { id: string }) => f.id)).toContain(id);
    // Staff without feedback.read get nothing.
    expect((await call(warehouse.token, 'GET', '/v1/admin/feedback')).statusCode).toBe(403);
  });

  test('named feedback shows the customer masked and the order to the handler, by the name of what was rented', async () => {
    // A phone published through the console, as operators do: the order is named by its SKU (issue #18).
    const admin = await signInTestStaff(s, 'admin');
    const model = `iPhone FB${Date.now() % 100_000}`;
    const phone = await publishPhoneByApi(s, bearer(admin.token), { model });
    const skuName = (await readSkuNames(s.ctx.database.db, [phone.skuId])).get(phone.skuId);
    expect(skuName).toBe(`苹果 ${model} 256GB 黑色`);
    const orderId = await rental(alice.customerId, null, phone.skuId);
    const sent = await call(alice.token, 'POST', '/v1/feedback', { text: '屏幕有坏点', anonymous: false, orderId });
    const detail = (await call(handler.token, 'GET', `/v1/admin/feedback/${sent.json().id}`)).json();
    expect(detail).toMatchObject({
      author: 'named',
      customerId: alice.customerId,
      orderId,
      orderName: skuName,
      category: 'device',
    });
    // The queue names it too (read for the whole page at once).
    const queue = (await call(handler.token, 'GET', `/v1/admin/feedback?q=${encodeURIComponent('屏幕有坏点')}`)).json();
    expect(queue.data.find((f: { id: string }) => f.id === sent.json().id)).toMatchObject({
      orderId,
      orderName: skuName,
    });
    // An order whose SKU the catalog does not know keeps its id only.
    const unnamed = await rental(alice.customerId, null);
    const other = await call(alice.token, 'POST', '/v1/feedback', {
      text: '电池不耐用',
      anonymous: false,
      orderId: unnamed,
    });
    const otherDetail = (await call(handler.token, 'GET', `/v1/admin/feedback/${other.json().id}`)).json();
    expect(otherDetail).toMatchObject({ orderId: unnamed, orderName: null });
    expect(detail.customerPhone).toMatch(/\*{4}/);
    // Another customer's order is not found.
    const foreign = await call(bob.token, 'POST', '/v1/feedback', { text: '屏幕有坏点', anonymous: false, orderId });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('FEEDBACK_ORDER_NOT_FOUND');
  });

  test('uploads: type by magic bytes, cleaned, attached once, served to the author and handlers only', async () => {
    const photo = await upload(alice.token, await png(10));
    expect(photo.statusCode).toBe(201);
    expect(photo.json()).toMatchObject({ kind: 'image', contentType: 'image/png', hasThumbnail: true });
    const second = await upload(alice.token, await png(200));
    expect(second.statusCode).toBe(201);

    const fake = await upload(alice.token, Buffer.from('<?php echo 1; ?> not a png at all'), 'x.png');
    expect(fake.statusCode).toBe(415);
    expect(fake.json().code).toBe('FEEDBACK_UPLOAD_TYPE_UNSUPPORTED');
    const notMultipart = await call(alice.token, 'POST', '/v1/uploads', { file: 'x' });
    expect(notMultipart.statusCode).toBe(422);

    // Bob cannot attach Alice's upload.
    const stolen = await call(bob.token, 'POST', '/v1/feedback', {
      text: '照片',
      anonymous: false,
      mediaIds: [photo.json().id],
    });
    expect(stolen.statusCode).toBe(422);
    expect(stolen.json().code).toBe('FEEDBACK_MEDIA_NOT_FOUND');

    const sent = await call(alice.token, 'POST', '/v1/feedback', {
      rating: 'bad',
      text: '手机外壳有划痕',
      anonymous: false,
      mediaIds: [photo.json().id, second.json().id],
    });
    expect(sent.statusCode).toBe(201);
    const media = sent.json().media as { id: string; key: string; thumbnailKey: string }[];
    expect(media.map((m) => m.id)).toEqual([photo.json().id, second.json().id]);
    const again = await call(alice.token, 'POST', '/v1/feedback', {
      text: '再发一次',
      anonymous: false,
      mediaIds: [photo.json().id],
    });
    expect(again.statusCode).toBe(422);

    const first = media[0];
    if (!first) throw new Error('no media');
    const file = await call(alice.token, 'GET', `/v1/feedback/${sent.json().id}/media/${first.key}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect((await sharp(file.rawPayload).metadata()).width).toBe(40);
    const thumb = await call(handler.token, 'GET', `/v1/admin/feedback/${sent.json().id}/media/${first.thumbnailKey}`);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect((await call(bob.token, 'GET', `/v1/feedback/${sent.json().id}/media/${first.key}`)).statusCode).toBe(404);
  });

  test('rating a rental: only the owner, only after it ended, once, within 30 days', async () => {
    const ended = await rental(alice.customerId, 10);
    const rate = (token: string, orderId: string, body: object = {}) =>
      call(token, 'POST', `/v1/rentals/${orderId}/rating`, {
        rating: 'good',
        text: '手机很新，服务很好',
        anonymous: false,
        answers: [{ questionId: 'recommend@v1', value: 10 }],
        ...body,
      });
    expect((await rate(bob.token, ended)).statusCode).toBe(404);
    const rated = await rate(alice.token, ended);
    expect(rated.statusCode).toBe(201);
    expect(rated.json()).toMatchObject({ timing: 'after_rental', rating: 'good', orderId: ended });
    const twice = await rate(alice.token, ended, { anonymous: true });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('FEEDBACK_ALREADY_RATED');

    const running = await rate(alice.token, await rental(alice.customerId, null));
    expect(running.statusCode).toBe(409);
    expect(running.json().code).toBe('FEEDBACK_RENTAL_NOT_ENDED');

    // Day 30 after the end is the last day; day 31 is late, with the closing date in the message.
    expect((await rate(alice.token, await rental(alice.customerId, 30))).statusCode).toBe(201);
    const late = await rate(alice.token, await rental(alice.customerId, 31));
    expect(late.statusCode).toBe(422);
    expect(late.json().code).toBe('FEEDBACK_RATING_WINDOW_CLOSED');
    expect(late.json().detail).toMatch(/accepted until \d{4}-\d{2}-\d{2}, 30 days after it ended/);

    // An anonymous rating is still one per rental, without the order in clear.
    const anonymous = await rental(bob.customerId, 2);
    expect((await rate(bob.token, anonymous, { anonymous: true })).statusCode).toBe(201);
    expect((await rate(bob.token, anonymous, { anonymous: false })).json().code).toBe('FEEDBACK_ALREADY_RATED');
  });

  test('a reply notifies the customer (anonymous too, with an audited reveal) and shows in "my feedback"', async () => {
    const sent = await call(bob.token, 'POST', '/v1/feedback', { text: 'App 经常闪退', anonymous: true });
    const id = sent.json().id as string;
    const replied = await call(handler.token, 'POST', `/v1/admin/feedback/${id}/replies`, {
      text: '感谢反馈，新版本已修复闪退问题。',
    });
    expect(replied.statusCode).toBe(201);
    expect(replied.json().replies).toHaveLength(1);
    expect(replied.json()).not.toHaveProperty('customerId');
    const mine = (await call(bob.token, 'GET', '/v1/feedback')).json().data.find((f: { id: string }) => f.id === id);
    expect(mine.replies.map((r: { text: string }) => r.text)).toEqual(['感谢反馈，新版本已修复闪退问题。']);
    const inbox = (await call(bob.token, 'GET', '/v1/me/notifications')).json().data as {
      template?: string;
      title: string;
    }[];
    expect(inbox.some((n) => n.title === '您的反馈有了回复')).toBe(true);
    const audit = await queryRows<{ action: string }>(
      s.ctx.database.db,
      sql`select action from identity_audit_log where target_id = ${id} order by at, action`,
    );
    // The reply resolves the feedback too (handling.ts).
    expect(audit.map((a) => a.action).sort()).toEqual([
      'feedback.author_revealed',
      'feedback.replied',
      'feedback.resolved',
    ]);
    const blank = await call(handler.token, 'POST', `/v1/admin/feedback/${id}/replies`, { text: '   ' });
    expect(blank.statusCode).toBe(422);
  });

  test('valuable: 200 points to the author once, however often it is marked', async () => {
    const sent = await call(alice.token, 'POST', '/v1/feedback', {
      text: '建议在订单页显示归还截止日期',
      anonymous: true,
    });
    const id = sent.json().id as string;
    const first = await call(handler.token, 'POST', `/v1/admin/feedback/${id}/valuable`);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ pointsAwarded: 200, feedback: { valuable: true } });
    const second = await call(handler.token, 'POST', `/v1/admin/feedback/${id}/valuable`);
    expect(second.json().pointsAwarded).toBe(0);
    const lots = await queryRows<{ customer_id: string; points: number }>(
      s.ctx.database.db,
      sql`select customer_id, points from wallet_points_lots where source_ref = ${`feedback:${id}:valuable`}`,
    );
    expect(lots).toEqual([{ customer_id: alice.customerId, points: 200 }]);
    expect((await call(warehouse.token, 'POST', `/v1/admin/feedback/${id}/valuable`)).statusCode).toBe(403);
  });

  test('a category correction is kept and the entry counts under the new category', async () => {
    const sent = await call(alice.token, 'POST', '/v1/feedback', { text: '客服回复很慢', anonymous: false });
    const id = sent.json().id as string;
    expect(sent.json().category).toBe('service');
    const corrected = await call(handler.token, 'POST', `/v1/admin/feedback/${id}/category`, { category: 'app' });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json()).toMatchObject({
      category: 'app',
      autoCategory: 'service',
      corrections: [{ from: 'service', to: 'app', staffId: handler.staffId }],
    });
    const same = await call(handler.token, 'POST', `/v1/admin/feedback/${id}/category`, { category: 'app' });
    expect(same.statusCode).toBe(409);
    const apps = (await call(handler.token, 'GET', '/v1/admin/feedback?category=app&limit=100')).json().data;
    expect(apps.map((f: { id: string }) => f.id)).toContain(id);
  });
});
