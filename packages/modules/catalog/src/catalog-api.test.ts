import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

describeDb('catalog API', (get) => {
  let server: TestServer;
  let staff: { authorization: string };
  let viewer: { authorization: string };
  let dataDir: string;

  beforeAll(async () => {
    server = await createTestServer(get().database, { modules });
    dataDir = await mkdtemp(join(tmpdir(), 'zulin-catalog-'));
    server.ctx.config.dataDir = dataDir;
    staff = bearer((await signInTestStaff(server, 'operator')).token);
    viewer = bearer((await signInTestStaff(server, 'support')).token);
  });
  afterAll(async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const post = (url: string, payload: unknown, headers = staff) =>
    server.app.inject({ method: 'POST', url, payload: payload as object, headers });

  async function phone(
    brand: string,
    model: string,
    sku: { storageGb: number; colour: string; priceMinor: number; rentMinor: number },
  ) {
    const product = await post('/v1/admin/products', { brand, model, description: `${model} demo` });
    expect(product.statusCode).toBe(201);
    const productId = product.json().id as string;
    const created = await post('/v1/admin/skus', {
      productId,
      storageGb: sku.storageGb,
      colour: sku.colour,
      condition: 'new',
      marketPriceMinor: sku.priceMinor,
    });
    expect(created.statusCode).toBe(201);
    const skuId = created.json().id as string;
    const plan = await post('/v1/admin/plans', {
      skuId,
      termUnit: 'month',
      termCount: 12,
      rentMinor: sku.rentMinor,
      buyoutAtEndMinor: Math.round(sku.priceMinor * 0.3),
      addOns: [{ code: 'screen_insurance', priceMinor: 1500, per: 'period' }],
    });
    expect(plan.statusCode).toBe(201);
    return { productId, skuId, planId: plan.json().id as string };
  }

  describe('building a product from nothing', () => {
    test('a plan defaults its deposit to the market price, and publishing needs a plan', async () => {
      const product = await post('/v1/admin/products', { brand: '苹果', model: 'iPhone 17 Pro', series: 'iPhone 17' });
      expect(product.json()).toMatchObject({
        brand: 'apple',
        brandName: 'Apple',
        brandNameZh: '苹果',
        status: 'draft',
      });
      const productId = product.json().id;
      const notReady = await post(`/v1/admin/products/${productId}/publish`, {});
      expect(notReady.statusCode).toBe(409);
      expect(notReady.json().code).toBe('CATALOG_PUBLISH_NOT_READY');

      const sku = await post('/v1/admin/skus', {
        productId,
        storageGb: 256,
        colour: '星宇橙',
        condition: 'new',
        marketPriceMinor: 899_900,
      });
      expect(sku.statusCode).toBe(201);
      const skuId = sku.json().id;
      const plan = await post('/v1/admin/plans', {
        skuId,
        termUnit: 'month',
        termCount: 12,
        rentMinor: 39_900,
        buyoutAtEndMinor: 250_000,
      });
      expect(plan.statusCode).toBe(201);
      expect(plan.json()).toMatchObject({
        depositMinor: 899_900,
        upfrontPeriods: 1,
        renewalRentMinor: 39_900,
        term: '12m',
      });

      const offer = await post('/v1/admin/installment-offers', {
        skuId,
        termMonths: 12,
        annualRateBps: 0,
        downPaymentBps: 1000,
        method: 'equal_installment',
      });
      expect(offer.statusCode).toBe(201);
      expect(offer.json().interestFree).toBe(true);

      const published = await post(`/v1/admin/products/${productId}/publish`, {});
      expect(published.statusCode).toBe(200);
      expect(published.json().status).toBe('published');

      const page = await server.app.inject({ method: 'GET', url: `/v1/products/${productId}` });
      expect(page.statusCode).toBe(200);
      expect(page.json().skus).toHaveLength(1);
      expect(page.json().skus[0]).toMatchObject({
        storageLabel: '256GB',
        lowestMonthlyRentMinor: 39_900,
        planTerms: ['12m'],
      });
      const plans = await server.app.inject({ method: 'GET', url: `/v1/skus/${skuId}/plans` });
      expect(plans.json().data).toHaveLength(1);
      const offers = await server.app.inject({ method: 'GET', url: `/v1/skus/${skuId}/installment-offers` });
      expect(offers.json().data[0].termMonths).toBe(12);

      const trail = await queryRows<{ action: string; actor_kind: string }>(
        server.ctx.database.db,
        sql`select action, actor_kind from identity_audit_log where target_id = ${productId} order by at, id`,
      );
      expect(trail.map((a) => a.action)).toEqual(['catalog.product_created', 'catalog.product_published']);
      expect(trail[1]?.actor_kind).toBe('staff');
      const events = await queryRows<{ type: string }>(
        server.ctx.database.db,
        sql`select type from outbox where aggregate_id = ${productId}`,
      );
      expect(events.map((e) => e.type)).toEqual(['catalog.product_published']);

      const again = await post(`/v1/admin/products/${productId}/publish`, {});
      expect(again.json().code).toBe('CATALOG_INVALID_TRANSITION');
      const unpublished = await post(`/v1/admin/products/${productId}/unpublish`, { reason: 'price review' });
      expect(unpublished.json().status).toBe('unpublished');
      const hidden = await server.app.inject({ method: 'GET', url: `/v1/products/${productId}` });
      expect(hidden.statusCode).toBe(404);
      const hiddenPlans = await server.app.inject({ method: 'GET', url: `/v1/skus/${skuId}/plans` });
      expect(hiddenPlans.statusCode).toBe(404);
    });

    test('every invalid plan field is named in one 422', async () => {
      const { skuId } = await phone('Huawei', 'Mate 80', {
        storageGb: 512,
        colour: '曜石黑',
        priceMinor: 599_900,
        rentMinor: 26_900,
      });
      const response = await post('/v1/admin/plans', {
        skuId,
        termUnit: 'month',
        termCount: 5,
        rentMinor: 10_000,
        depositMinor: 700_000,
        buyoutAtEndMinor: 100,
        upfrontPeriods: 9,
        addOns: [
          { code: 'screen_insurance', priceMinor: 100, per: 'once' },
          { code: 'screen_insurance', priceMinor: 100, per: 'once' },
        ],
      });
      expect(response.statusCode).toBe(422);
      const paths = response.json().errors.map((e: { path: string }) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['/body/termCount', '/body/depositMinor', '/body/addOns/1/code']));
    });

    test('a second plan for the same term is a conflict; an offer above the rate cap is refused', async () => {
      const { skuId } = await phone('Xiaomi', '小米 16', {
        storageGb: 256,
        colour: '白色',
        priceMinor: 449_900,
        rentMinor: 19_900,
      });
      const duplicate = await post('/v1/admin/plans', {
        skuId,
        termUnit: 'month',
        termCount: 12,
        rentMinor: 18_000,
        buyoutAtEndMinor: 100_000,
      });
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json().code).toBe('CATALOG_PLAN_TERM_EXISTS');
      // A 1 % monthly fee on a 12-month equal-principal loan is about 21.5 % a year: above 12 %.
      const expensive = await post('/v1/admin/installment-offers', {
        skuId,
        termMonths: 12,
        annualRateBps: 0,
        feeRateBpsPerPeriod: 100,
        method: 'equal_principal',
      });
      expect(expensive.statusCode).toBe(422);
      expect(expensive.json().code).toBe('CATALOG_OFFER_RATE_ABOVE_CAP');
      const both = await post('/v1/admin/installment-offers', {
        skuId,
        termMonths: 6,
        annualRateBps: 500,
        feeRateBpsPerPeriod: 10,
        method: 'equal_principal',
      });
      expect(both.statusCode).toBe(422);
      expect(both.json().errors[0].path).toBe('/body/feeRateBpsPerPeriod');
    });

    test('staff without catalog.write cannot edit; anonymous callers cannot see the admin API', async () => {
      const refused = await post('/v1/admin/products', { brand: 'vivo', model: 'X300' }, viewer);
      expect(refused.statusCode).toBe(403);
      const anonymous = await server.app.inject({ method: 'GET', url: '/v1/admin/products' });
      expect(anonymous.statusCode).toBe(401);
      const list = await server.app.inject({ method: 'GET', url: '/v1/admin/products?limit=2', headers: viewer });
      expect(list.statusCode).toBe(200);
      expect(list.json().data).toHaveLength(2);
      expect(list.json().nextCursor).toEqual(expect.any(String));
    });
  });

  describe('search', () => {
    beforeAll(async () => {
      const phones = [
        ['Apple', 'iPhone 16 Pro', 256, '沙漠色', 799_900, 32_900],
        ['Apple', 'iPhone 16', 128, '黑色', 599_900, 24_900],
        ['Huawei', 'Pura 80 Pro', 512, '曜石黑', 699_900, 29_900],
        ['Honor', 'Magic7 Pro', 256, '月影灰', 549_900, 22_900],
        ['Samsung', 'Galaxy S25 Ultra', 256, '钛灰', 959_900, 39_900],
      ] as const;
      for (const [brand, model, storageGb, colour, priceMinor, rentMinor] of phones) {
        const { productId } = await phone(brand, model, { storageGb, colour, priceMinor, rentMinor });
        expect((await post(`/v1/admin/products/${productId}/publish`, {})).statusCode).toBe(200);
      }
    });

    const search = async (query: string) => {
      const response = await server.app.inject({ method: 'GET', url: `/v1/products?${query}` });
      expect(response.statusCode).toBe(200);
      return response.json() as { data: { model: string; fromMonthlyRentMinor: number }[]; nextCursor: string | null };
    };
    const models = async (query: string) => (await search(query)).data.map((p) => p.model).sort();

    test('Chinese brand names find the English catalog', async () => {
      expect(await models(`q=${encodeURIComponent('苹果 256G')}`)).toEqual(['iPhone 16 Pro']);
      expect(await models(`q=${encodeURIComponent('华为')}`)).toEqual(['Pura 80 Pro']);
      expect(await models(`q=${encodeURIComponent('三星')}`)).toEqual(['Galaxy S25 Ultra']);
    });

    test('English queries match word starts, and every token must match', async () => {
      expect(await models('q=iphone%20pro')).toEqual(['iPhone 16 Pro']);
      expect(await models('q=IPHONE')).toEqual(['iPhone 16', 'iPhone 16 Pro']);
      expect(await models('q=iphone%20ultra')).toEqual([]);
      expect(await models(`q=${encodeURIComponent('荣耀magic7')}`)).toEqual(['Magic7 Pro']);
      expect(await models(`q=${encodeURIComponent('黑')}`)).toEqual(['Pura 80 Pro', 'iPhone 16']);
    });

    test('the console finds what customers find: one search (issue #18 point 11)', async () => {
      const staffModels = async (q: string) => {
        const url = `/v1/admin/products?limit=100&status=published&q=${encodeURIComponent(q)}`;
        const response = await server.app.inject({ method: 'GET', url, headers: viewer });
        expect(response.statusCode).toBe(200);
        return (response.json().data as { model: string }[]).map((p) => p.model).sort();
      };
      for (const q of ['苹果', '苹果 256G', '华为', 'iphone pro', '荣耀magic7', '黑', 'iphone ultra']) {
        expect(await staffModels(q), q).toEqual(await models(`q=${encodeURIComponent(q)}`));
      }
      expect(await staffModels('苹果')).toEqual(['iPhone 16', 'iPhone 16 Pro']);
    });

    test('filters and sorts, paged by cursor without repeats', async () => {
      expect(await models('brand=%E8%8B%B9%E6%9E%9C&storageGb=128')).toEqual(['iPhone 16']);
      expect(await models('maxRentMinor=25000')).toEqual(['Magic7 Pro', 'iPhone 16']);
      expect(await models('term=7d')).toEqual([]);
      const byRent = await search('sort=rent_asc&brand=apple');
      expect(byRent.data.map((p) => p.fromMonthlyRentMinor)).toEqual([24_900, 32_900]);
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let pageNo = 0; pageNo < 10; pageNo++) {
        const page = await search(`sort=price_desc&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.data.map((p) => p.model));
        cursor = page.nextCursor;
        if (cursor === null) break;
      }
      expect(new Set(seen).size).toBe(seen.length);
      // Five published products; the others of this file are drafts or unpublished.
      expect(seen).toHaveLength(5);
      const bad = await server.app.inject({ method: 'GET', url: '/v1/products?cursor=nonsense' });
      expect(bad.statusCode).toBe(422);
    });
  });

  describe('images', () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

    function multipartBody(bytes: Buffer, filename: string, contentType: string) {
      const boundary = '----zulintest';
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
        ),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return { body, headers: { ...staff, 'content-type': `multipart/form-data; boundary=${boundary}` } };
    }

    test('a PNG is stored under its hash and served with immutable caching', async () => {
      const { productId } = await phone('OPPO', 'Find X9', {
        storageGb: 256,
        colour: '白',
        priceMinor: 499_900,
        rentMinor: 21_900,
      });
      const { body, headers } = multipartBody(png, 'phone.png', 'image/png');
      const uploaded = await server.app.inject({
        method: 'POST',
        url: `/v1/admin/products/${productId}/images`,
        payload: body,
        headers,
      });
      expect(uploaded.statusCode).toBe(201);
      const image = uploaded.json().images[0];
      expect(image.file).toMatch(/^[a-f0-9]{64}\.png$/);
      const served = await server.app.inject({ method: 'GET', url: image.url });
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe('image/png');
      expect(served.headers['cache-control']).toContain('immutable');
      expect(served.rawPayload.equals(png)).toBe(true);
    });

    test('a file that is not an image is refused whatever it claims to be', async () => {
      const { productId } = await phone('vivo', 'X300 Pro', {
        storageGb: 512,
        colour: '蓝',
        priceMinor: 599_900,
        rentMinor: 25_900,
      });
      const { body, headers } = multipartBody(Buffer.from('<script>alert(1)</script>'), 'evil.png', 'image/png');
      const refused = await server.app.inject({
        method: 'POST',
        url: `/v1/admin/products/${productId}/images`,
        payload: body,
        headers,
      });
      expect(refused.statusCode).toBe(415);
      expect(refused.json().code).toBe('CATALOG_IMAGE_TYPE_UNSUPPORTED');
      const missing = await server.app.inject({ method: 'GET', url: '/v1/images/..%2F..%2Fetc%2Fpasswd' });
      expect(missing.statusCode).toBe(404);
    });

    test('staff tag an image with one of the SKU colours; the H5 product read shows it; another colour is refused', async () => {
      const { productId } = await phone('Xiaomi', '17 Ultra', {
        storageGb: 512,
        colour: '黑色',
        priceMinor: 649_900,
        rentMinor: 27_900,
      });
      const white = await post('/v1/admin/skus', {
        productId,
        storageGb: 512,
        colour: 'White',
        condition: 'new',
        marketPriceMinor: 649_900,
      });
      expect(white.statusCode).toBe(201);
      const { body, headers } = multipartBody(png, 'black.png', 'image/png');
      const uploaded = await server.app.inject({
        method: 'POST',
        url: `/v1/admin/products/${productId}/images`,
        payload: body,
        headers,
      });
      expect(uploaded.statusCode).toBe(201);
      const file = uploaded.json().images[0].file as string;
      const tag = (colour: string | null, as = staff) =>
        server.app.inject({
          method: 'PATCH',
          url: `/v1/admin/products/${productId}/images/${file}`,
          payload: { colour },
          headers: as,
        });

      // Tagged 黑色: the console's product and, once published, the customer's product page show it.
      const tagged = await tag('黑色');
      expect(tagged.statusCode, tagged.body).toBe(200);
      expect(tagged.json().images).toEqual([expect.objectContaining({ file, colour: '黑色' })]);
      expect((await post(`/v1/admin/products/${productId}/publish`, {})).statusCode).toBe(200);
      const h5 = await server.app.inject({ url: `/v1/products/${productId}` });
      expect(h5.statusCode).toBe(200);
      expect(h5.json().images).toEqual([expect.objectContaining({ file, colour: '黑色' })]);

      // Typed in another case, it is stored as the SKUs spell it.
      expect((await tag('white')).json().images[0].colour).toBe('White');

      // A colour no SKU of the product has is refused, naming the field; the tag stays as it was.
      const refused = await tag('金色');
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({
        code: 'CATALOG_IMAGE_COLOUR_UNKNOWN',
        errors: [{ path: '/body/colour', code: 'unknown_colour' }],
      });
      expect(refused.json().detail).toContain('White, 黑色');
      // Only staff who may edit the catalog tag images; an image the product does not have is 404.
      expect((await tag('黑色', viewer)).statusCode).toBe(403);
      const stranger = await server.app.inject({
        method: 'PATCH',
        url: `/v1/admin/products/${productId}/images/${'0'.repeat(64)}.png`,
        payload: { colour: null },
        headers: staff,
      });
      expect(stranger.json().code).toBe('CATALOG_IMAGE_NOT_FOUND');
      const stillWhite = await server.app.inject({ url: `/v1/products/${productId}` });
      expect(stillWhite.json().images[0].colour).toBe('White');

      // Cleared: shown for every colour again.
      const cleared = await tag(null);
      expect(cleared.statusCode).toBe(200);
      expect(cleared.json().images[0].colour).toBeNull();
      expect((await server.app.inject({ url: `/v1/products/${productId}` })).json().images[0].colour).toBeNull();

      // Each change audited once, before → after (the refused one left nothing).
      const audited = await queryRows<{ detail: { from: string | null; to: string | null } }>(
        get().database.db,
        sql`select detail from identity_audit_log
            where action = 'catalog.product_image_colour_set' and target_id = ${productId} order by seq`,
      );
      expect(audited.map((a) => [a.detail.from, a.detail.to])).toEqual([
        [null, '黑色'],
        ['黑色', 'White'],
        ['White', null],
      ]);
    });
  });
});
