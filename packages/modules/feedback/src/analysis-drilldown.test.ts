// The analysis' breakdowns, its drill-downs into the queue and the CSV export, on a fixed small set of
// feedback in February 2035 (a month no other test writes in): two products of the test catalog, two
// warehouses, both carriers, named and anonymous entries, one general feedback without an order.
//
//   e1 02-03 A  mA   WA  sandbox_express  bad      NPS 2   logistics  named, order ord_drill_1
//   e2 02-04 A  mA   WA  sandbox_express  bad      NPS 6   logistics  anonymous
//   e3 02-10 A  mA2  WB  store_pickup     good     NPS 10  —          named
//   e4 02-11 B  mB   WB  sandbox_express  neutral  NPS 8   device     anonymous (a phone number typed in)
//   e5 02-20 B  mB   WA  sandbox_express  good     NPS 9   device     named
//   e6 02-25 —  —    —   —                good     —       service    named, general
// e3 (named) and e4 (anonymous) were sent from the app's error screen (反馈问题), the others from the form.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProductNames } from '@zulin/catalog';
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FeedbackLimits } from './limits';
import { feedbackEntries } from './schema';

type Entry = typeof feedbackEntries.$inferInsert;

describeDb('feedback analysis: breakdowns, drill-downs and the CSV export', (get) => {
  let s: TestServer;
  let dataDir: string;
  let token = '';
  let customerId = '';
  let a: Awaited<ReturnType<typeof createTestStock>>;
  let b: Awaited<ReturnType<typeof createTestStock>>;
  const ids = {
    e1: 'fdb_drill_e1',
    e2: 'fdb_drill_e2',
    e3: 'fdb_drill_e3',
    e4: 'fdb_drill_e4',
    e5: 'fdb_drill_e5',
    e6: 'fdb_drill_e6',
  };
  const range = 'from=2035-02-01&to=2035-02-28';
  const get2 = (url: string, as = token) => s.app.inject({ method: 'GET', url, headers: bearer(as) });
  const queue = async (query: string) => {
    const res = await get2(`/v1/admin/feedback?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { data: { id: string; orderId?: string | null; author: string }[]; nextCursor: string | null };
  };
  const queueIds = async (query: string) => (await queue(query)).data.map((f) => f.id);

  const entry = (id: string, day: string, second: number, over: Partial<Entry>): Entry => ({
    id,
    anonymous: false,
    customerId,
    authorIndex: 'drill-test',
    timing: 'after_rental',
    text: '',
    answers: [],
    npsScore: null,
    media: [],
    locale: 'zh-CN',
    categoryConfidencePct: 50,
    submittedOn: day,
    submittedAt: new Date(`${day}T04:00:${String(second).padStart(2, '0')}Z`),
    dueAt: new Date(`${day}T04:00:${String(second).padStart(2, '0')}Z`),
    ...over,
  });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'zulin-feedback-drill-'));
    s = await createTestServer(get().database, {
      modules,
      env: { ZULIN_DATA_DIR: dataDir },
      now: '2035-03-01T04:00:00Z',
    });
    const db = s.ctx.database.db;
    a = await createTestStock(db, { units: 0, now: s.clock.now() });
    b = await createTestStock(db, { units: 0, now: s.clock.now() });
    customerId = (await signInTestCustomer(s, randomTestPhone())).customerId;
    token = (await signInTestStaff(s, 'support')).token;
    const A = { productId: a.productId, warehouseId: a.warehouseId };
    await db.insert(feedbackEntries).values([
      entry(ids.e1, '2035-02-03', 1, {
        ...A,
        orderId: 'ord_drill_1',
        model: 'mA',
        carrier: 'sandbox_express',
        rating: 'bad',
        npsScore: 2,
        category: 'logistics',
        text: '快递太慢了，等了五天',
      }),
      entry(ids.e2, '2035-02-04', 2, {
        ...A,
        anonymous: true,
        customerId: null,
        sealedAuthor: 'sealed',
        model: 'mA',
        carrier: 'sandbox_express',
        rating: 'bad',
        npsScore: 6,
        category: 'logistics',
        text: '快递员没打电话就放在驿站了',
      }),
      entry(ids.e3, '2035-02-10', 3, {
        productId: a.productId,
        warehouseId: b.warehouseId,
        model: 'mA2',
        carrier: 'store_pickup',
        rating: 'good',
        npsScore: 10,
        source: 'error_screen',
        errorCode: 'INTERNAL',
        errorRequestId: 'req_drill_e3',
        text: '门店自提很方便，屏幕也完好',
      }),
      entry(ids.e4, '2035-02-11', 4, {
        productId: b.productId,
        warehouseId: b.warehouseId,
        anonymous: true,
        customerId: null,
        sealedAuthor: 'sealed',
        model: 'mB',
        carrier: 'sandbox_express',
        rating: 'neutral',
        npsScore: 8,
        category: 'device',
        source: 'error_screen',
        errorCode: 'SERVICE_UNAVAILABLE',
        text: '屏幕有划痕, 联系我 13812345678',
      }),
      entry(ids.e5, '2035-02-20', 5, {
        productId: b.productId,
        warehouseId: a.warehouseId,
        model: 'mB',
        carrier: 'sandbox_express',
        rating: 'good',
        npsScore: 9,
        category: 'device',
        locale: 'en',
        text: 'He said "fine", then\nit broke',
      }),
      entry(ids.e6, '2035-02-25', 6, { timing: 'general', rating: 'good', category: 'service', text: '客服态度很好' }),
    ]);
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('breakdowns', () => {
    test('by product, model, warehouse and carrier: exact counts, shares, NPS, categories, names', async () => {
      const res = await get2(`/v1/admin/feedback/analysis?${range}&words=10`);
      expect(res.statusCode, res.body).toBe(200);
      const { breakdowns, feedbacks } = res.json();
      expect(feedbacks).toBe(6);
      const names = await readProductNames(s.ctx.database.db, [a.productId, b.productId]);
      expect(names.get(a.productId)).toMatch(/^苹果 Test Phone /);

      const product = breakdowns.product;
      expect(product.unknown).toBe(1);
      expect(product.others).toBeNull();
      expect(product.groups).toEqual([
        {
          key: a.productId,
          name: names.get(a.productId),
          feedbacks: 3,
          ratings: {
            total: 3,
            counts: { good: 1, neutral: 0, bad: 2 },
            sharesBps: { good: 3333, neutral: 0, bad: 6667 },
          },
          // 1 promoter (10), 2 detractors (2, 6) of 3: −33.3 → −33.
          nps: { responses: 3, promoters: 1, passives: 0, detractors: 2, nps: -33 },
          topCategories: [{ category: 'logistics', feedbacks: 2 }],
        },
        {
          key: b.productId,
          name: names.get(b.productId),
          feedbacks: 2,
          ratings: {
            total: 2,
            counts: { good: 1, neutral: 1, bad: 0 },
            sharesBps: { good: 5000, neutral: 5000, bad: 0 },
          },
          // 1 promoter (9), 1 passive (8): 50.
          nps: { responses: 2, promoters: 1, passives: 1, detractors: 0, nps: 50 },
          topCategories: [{ category: 'device', feedbacks: 2 }],
        },
      ]);
      // mA and mB both 2: by key; then mA2.
      expect(
        breakdowns.model.groups.map((g: { key: string; name: string; feedbacks: number }) => [
          g.key,
          g.name,
          g.feedbacks,
        ]),
      ).toEqual([
        ['mA', 'mA', 2],
        ['mB', 'mB', 2],
        ['mA2', 'mA2', 1],
      ]);
      const warehouses = breakdowns.warehouse.groups.map((g: { key: string; name: string; feedbacks: number }) => [
        g.key,
        g.name,
        g.feedbacks,
      ]);
      expect(warehouses).toEqual([
        [a.warehouseId, expect.stringMatching(/^测试仓 /), 3],
        [b.warehouseId, expect.stringMatching(/^测试仓 /), 2],
      ]);
      const carrier = breakdowns.carrier;
      expect(
        carrier.groups.map((g: { key: string; name: string; feedbacks: number }) => [g.key, g.name, g.feedbacks]),
      ).toEqual([
        ['sandbox_express', 'Zulin 沙箱快递', 4],
        ['store_pickup', '门店自提', 1],
      ]);
      // 2, 6, 8, 9: 1 promoter, 2 detractors of 4 = −25.
      expect(carrier.groups[0].nps.nps).toBe(-25);
      // A tie: in the categories' own order (device, logistics, billing, service, app).
      expect(carrier.groups[0].topCategories).toEqual([
        { category: 'device', feedbacks: 2 },
        { category: 'logistics', feedbacks: 2 },
      ]);
      expect(carrier.unknown).toBe(1);
      // Carriers named in the language asked for.
      const en = (await get2(`/v1/admin/feedback/analysis?${range}&locale=en`)).json();
      expect(en.breakdowns.carrier.groups[0].name).toBe('Zulin Sandbox Express');
    });

    test('bounded: the 20 largest groups, the rest folded into others', async () => {
      const models = [
        'm00',
        'm00',
        'm00',
        'm01',
        'm01',
        ...Array.from({ length: 20 }, (_, i) => `m${String(i + 2).padStart(2, '0')}`),
      ];
      await s.ctx.database.db
        .insert(feedbackEntries)
        .values(
          models.map((model, i) =>
            entry(`fdb_drill_bound${i}`, '2035-01-10', i, { model, rating: i === models.length - 1 ? 'bad' : 'good' }),
          ),
        );
      const res = await get2('/v1/admin/feedback/analysis?from=2035-01-10&to=2035-01-10');
      const model = res.json().breakdowns.model;
      expect(model.groups).toHaveLength(FeedbackLimits.breakdownGroupsMax);
      expect(model.groups.slice(0, 3).map((g: { key: string; feedbacks: number }) => [g.key, g.feedbacks])).toEqual([
        ['m00', 3],
        ['m01', 2],
        ['m02', 1],
      ]);
      expect(model.groups.at(-1).key).toBe('m19');
      expect(model.others).toMatchObject({ groups: 2, feedbacks: 2, ratings: { counts: { good: 1, bad: 1 } } });
      expect(model.unknown).toBe(0);
    });
  });

  describe('drill-down into the queue', () => {
    test('a word finds the texts holding it as a word, as many as the word list counted', async () => {
      const analysis = (await get2(`/v1/admin/feedback/analysis?${range}&words=50`)).json();
      const counted = (word: string) => analysis.topWords.find((w: { word: string }) => w.word === word)?.texts;
      expect(counted('快递')).toBe(1);
      expect(await queueIds(`${range}&word=快递`)).toEqual([ids.e1]);
      // The characters alone are found in 快递员 too: that is `q`, not `word`.
      expect(await queueIds(`${range}&q=快递`)).toEqual([ids.e2, ids.e1]);
      expect(counted('屏幕')).toBe(2);
      // One per page: the word filter pages with its cursor.
      const first = await queue(`${range}&word=屏幕&limit=1`);
      expect(first.data.map((f) => f.id)).toEqual([ids.e4]);
      expect(first.nextCursor).not.toBeNull();
      const second = await queue(`${range}&word=屏幕&limit=1&cursor=${first.nextCursor}`);
      expect(second.data.map((f) => f.id)).toEqual([ids.e3]);
      expect(second.nextCursor).toBeNull();
    });

    test('a category, a product, a model, a warehouse and a carrier', async () => {
      expect(await queueIds(`${range}&category=device`)).toEqual([ids.e5, ids.e4]);
      expect(await queueIds(`${range}&productId=${a.productId}`)).toEqual([ids.e3, ids.e2, ids.e1]);
      expect(await queueIds(`${range}&model=mB`)).toEqual([ids.e5, ids.e4]);
      expect(await queueIds(`${range}&warehouseId=${b.warehouseId}`)).toEqual([ids.e4, ids.e3]);
      expect(await queueIds(`${range}&carrier=store_pickup`)).toEqual([ids.e3]);
      expect(await queueIds(`${range}&carrier=sandbox_express&productId=${b.productId}&category=device`)).toEqual([
        ids.e5,
        ids.e4,
      ]);
      // The named entry names its order; the anonymous one has no order field at all.
      const byProduct = (await queue(`${range}&productId=${a.productId}`)).data;
      expect(byProduct.find((f) => f.id === ids.e1)).toMatchObject({ author: 'named', orderId: 'ord_drill_1' });
      expect(byProduct.find((f) => f.id === ids.e2)).not.toHaveProperty('orderId');
    });

    test('by source: the error screen (反馈问题) or the form, with the other filters; another value is refused', async () => {
      expect(await queueIds(`${range}&source=error_screen`)).toEqual([ids.e4, ids.e3]);
      expect(await queueIds(`${range}&source=form`)).toEqual([ids.e6, ids.e5, ids.e2, ids.e1]);
      expect(await queueIds(`${range}&source=error_screen&productId=${a.productId}`)).toEqual([ids.e3]);
      expect(await queueIds(`${range}&source=error_screen&word=屏幕&limit=1`)).toEqual([ids.e4]);
      // The named one shows its code and request id; the anonymous one its code only.
      const shown = (await queue(`${range}&source=error_screen`)).data as unknown as Record<string, unknown>[];
      expect(shown.find((f) => f.id === ids.e3)).toMatchObject({
        source: 'error_screen',
        errorCode: 'INTERNAL',
        errorRequestId: 'req_drill_e3',
      });
      expect(shown.find((f) => f.id === ids.e4)).toMatchObject({
        source: 'error_screen',
        errorCode: 'SERVICE_UNAVAILABLE',
      });
      expect(shown.find((f) => f.id === ids.e4)).not.toHaveProperty('errorRequestId');
      const other = await get2(`/v1/admin/feedback?${range}&source=chat`);
      expect(other.statusCode).toBe(422);
      expect(other.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    test('a period: its days, clipped to the range, hold exactly its feedback', async () => {
      const weeks = (await get2('/v1/admin/feedback/analysis?from=2035-02-04&to=2035-02-28&period=week')).json()
        .byPeriod;
      // 2035-02-04 is a Sunday: its ISO week started on Monday the 29th of January.
      expect(weeks[0]).toMatchObject({ key: '2035-W05', fromDate: '2035-02-04', toDate: '2035-02-04', feedbacks: 1 });
      for (const week of weeks as { fromDate: string; toDate: string; feedbacks: number }[]) {
        expect(await queueIds(`from=${week.fromDate}&to=${week.toDate}`)).toHaveLength(week.feedbacks);
      }
      expect(
        weeks.map((w: { key: string; fromDate: string; toDate: string }) => [w.key, w.fromDate, w.toDate]),
      ).toEqual([
        ['2035-W05', '2035-02-04', '2035-02-04'],
        ['2035-W06', '2035-02-05', '2035-02-11'],
        ['2035-W08', '2035-02-19', '2035-02-25'],
      ]);
      expect(await queueIds('from=2035-02-05&to=2035-02-11')).toEqual([ids.e4, ids.e3]);
      const months = (await get2(`/v1/admin/feedback/analysis?${range}`)).json().byPeriod;
      expect(months).toMatchObject([{ key: '2035-02', fromDate: '2035-02-01', toDate: '2035-02-28', feedbacks: 6 }]);
    });

    test('a range that is not one is refused with its code', async () => {
      const backwards = await get2('/v1/admin/feedback?from=2035-02-10&to=2035-02-01');
      expect(backwards.json()).toMatchObject({ status: 422, code: 'FEEDBACK_ANALYSIS_RANGE_INVALID' });
      const noSuchDay = await get2('/v1/admin/feedback?to=2035-02-30');
      expect(noSuchDay.json()).toMatchObject({ status: 422, code: 'FEEDBACK_ANALYSIS_RANGE_INVALID' });
    });
  });

  describe('CSV export', () => {
    test('BOM, header, one line per entry oldest first, names, anonymous lines without order, quoting', async () => {
      const res = await get2(`/v1/admin/feedback/export.csv?${range}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="zulin-feedback-2035-02-01-2035-02-28.csv"',
      );
      expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const csv = res.rawPayload.toString('utf8');
      const names = await readProductNames(s.ctx.database.db, [a.productId, b.productId]);
      const wa = (await get2(`/v1/admin/feedback/analysis?${range}`)).json().breakdowns.warehouse.groups;
      const warehouseName = (id: string) => wa.find((w: { key: string }) => w.key === id)?.name;
      expect(csv).toBe(
        [
          '\uFEFF反馈编号,提交日期,评价,NPS,分类,订单,商品,机型,仓库,承运商,来源,内容',
          `${ids.e1},2035-02-03,不满意,2,物流,ord_drill_1,${names.get(a.productId)},mA,${warehouseName(a.warehouseId)},Zulin 沙箱快递,反馈表单,快递太慢了，等了五天`,
          `${ids.e2},2035-02-04,不满意,6,物流,,${names.get(a.productId)},mA,${warehouseName(a.warehouseId)},Zulin 沙箱快递,反馈表单,快递员没打电话就放在驿站了`,
          `${ids.e3},2035-02-10,满意,10,,,${names.get(a.productId)},mA2,${warehouseName(b.warehouseId)},门店自提,App 出错页,门店自提很方便，屏幕也完好`,
          // Anonymous: no order, the phone number typed in masked; the comma quotes the cell.
          `${ids.e4},2035-02-11,一般,8,设备,,${names.get(b.productId)},mB,${warehouseName(b.warehouseId)},Zulin 沙箱快递,App 出错页,"屏幕有划痕, 联系我 ***"`,
          `${ids.e5},2035-02-20,满意,9,设备,,${names.get(b.productId)},mB,${warehouseName(a.warehouseId)},Zulin 沙箱快递,反馈表单,"He said ""fine"", then\nit broke"`,
          `${ids.e6},2035-02-25,满意,,服务,,,,,,反馈表单,客服态度很好`,
          '',
        ].join('\r\n'),
      );
      expect(csv).not.toContain(customerId);
      expect(csv).not.toContain('13812345678');
    });

    test('in English, with a drill-down filter; only staff who may read feedback', async () => {
      const en = await get2(`/v1/admin/feedback/export.csv?${range}&locale=en&carrier=store_pickup`);
      expect(en.rawPayload.toString('utf8').split('\r\n')).toEqual([
        '\uFEFFFeedback,Submitted,Rating,NPS,Category,Order,Product,Model,Warehouse,Carrier,Source,Text',
        expect.stringMatching(
          new RegExp(
            `^${ids.e3},2035-02-10,Good,10,,,.*,mA2,.*,Store pick-up,App error screen,门店自提很方便，屏幕也完好$`,
          ),
        ),
        '',
      ]);
      // By source: the lines sent from the error screen, the column saying so in either language.
      const errorScreen = await get2(`/v1/admin/feedback/export.csv?${range}&source=error_screen&locale=en`);
      expect(errorScreen.statusCode, errorScreen.body).toBe(200);
      const lines = errorScreen.rawPayload.toString('utf8').split('\r\n');
      expect(lines.map((line) => line.split(',')[0])).toEqual(['\uFEFFFeedback', ids.e3, ids.e4, '']);
      expect(lines.slice(1, 3).every((line) => line.includes(',App error screen,'))).toBe(true);
      const form = (await get2(`/v1/admin/feedback/export.csv?${range}&source=form`)).rawPayload.toString('utf8');
      expect(form.split('\r\n').map((line) => line.split(',')[0])).toEqual([
        '\uFEFF反馈编号',
        ids.e1,
        ids.e2,
        ids.e5,
        ids.e6,
        '',
      ]);
      expect((await get2(`/v1/admin/feedback/export.csv?${range}&source=chat`)).statusCode).toBe(422);
      const byWord = (await get2(`/v1/admin/feedback/export.csv?${range}&word=快递`)).rawPayload.toString('utf8');
      expect(byWord.split('\r\n').map((line) => line.split(',')[0])).toEqual(['\uFEFF反馈编号', ids.e1, '']);
      const warehouse = (await signInTestStaff(s, 'warehouse')).token;
      expect((await get2(`/v1/admin/feedback/export.csv?${range}`, warehouse)).statusCode).toBe(403);
      const customer = (await signInTestCustomer(s, randomTestPhone())).token;
      expect((await get2(`/v1/admin/feedback/export.csv?${range}`, customer)).statusCode).toBe(401);
    });

    test(`bounded: ${FeedbackLimits.exportRowsMax} entries export, one more is refused with its code`, async () => {
      const db = s.ctx.database.db;
      const bulk = (from: number, to: number) =>
        db.execute(sql`
          insert into feedback_entries (id, anonymous, author_index, timing, text, answers, media, locale,
            category_confidence_pct, submitted_on, submitted_at, due_at)
          select 'fdb_drill_bulk' || g, true, 'drill-bulk', 'general', 'bulk ' || g, '[]'::jsonb, '[]'::jsonb, 'en', 0,
            '2035-04-01', timestamptz '2035-04-01T04:00:00Z' + g * interval '1 millisecond',
            timestamptz '2035-04-02T16:00:00Z'
          from generate_series(${from}::int, ${to}::int) as g`);
      await bulk(1, FeedbackLimits.exportRowsMax);
      const full = await get2('/v1/admin/feedback/export.csv?from=2035-04-01&to=2035-04-01');
      expect(full.statusCode).toBe(200);
      const lines = full.rawPayload.toString('utf8').split('\r\n');
      expect(lines).toHaveLength(FeedbackLimits.exportRowsMax + 2);
      expect(lines[1]).toBe('fdb_drill_bulk1,2035-04-01,,,,,,,,,反馈表单,bulk 1');
      await bulk(FeedbackLimits.exportRowsMax + 1, FeedbackLimits.exportRowsMax + 1);
      const over = await get2('/v1/admin/feedback/export.csv?from=2035-04-01&to=2035-04-01');
      expect(over.statusCode).toBe(422);
      expect(over.json()).toMatchObject({ code: 'FEEDBACK_EXPORT_TOO_LARGE' });
      expect(over.json().detail).toContain(String(FeedbackLimits.exportRowsMax));
      // Narrowed, it exports again.
      const narrowed = await get2('/v1/admin/feedback/export.csv?from=2035-04-01&to=2035-04-01&q=bulk%2020001');
      expect(narrowed.statusCode).toBe(200);
      expect(narrowed.rawPayload.toString('utf8').split('\r\n')[1]).toBe(
        'fdb_drill_bulk20001,2035-04-01,,,,,,,,,反馈表单,bulk 20001',
      );
    }, 120_000);
  });
});
