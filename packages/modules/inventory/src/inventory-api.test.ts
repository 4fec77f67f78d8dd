import { createSku, publishProduct } from '@zulin/catalog';
import { transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { createPartnerKey } from '@zulin/identity';
import { bearer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { withCheckDigit } from './imei';
import { reserveUnit } from './reserve-unit';
import { createTestStock, randomTestImei } from './testing';

describeDb('inventory API', (get) => {
  let server: TestServer;
  let staff: { authorization: string };
  let staffId: string;
  let stock: Awaited<ReturnType<typeof createTestStock>>;

  beforeAll(async () => {
    server = await createTestServer(get().database, { modules });
    const signedIn = await signInTestStaff(server, 'warehouse');
    staff = bearer(signedIn.token);
    staffId = signedIn.staffId;
    stock = await createTestStock(server.ctx.database.db, { units: 0, now: server.clock.now() });
  });
  afterAll(async () => {
    await server.close();
  });

  const post = (url: string, payload: unknown) =>
    server.app.inject({ method: 'POST', url, payload: payload as object, headers: staff });
  const getJson = async (url: string) => {
    const response = await server.app.inject({ method: 'GET', url, headers: staff });
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  test('a unit is registered by IMEI; a bad check digit is 422 and a known IMEI 409', async () => {
    const imei = withCheckDigit('35693803564380');
    const body = {
      skuId: stock.skuId,
      imei,
      serialNumber: 'F2LXK0A1N72Q',
      warehouseId: stock.warehouseId,
      costMinor: 452_000,
    };
    const created = await post('/v1/admin/units', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      state: 'in_stock',
      tac: '35693803',
      costMinor: 452_000,
      bookValueMinor: 452_000,
      grade: 'new',
    });

    const badDigit = `${imei.slice(0, 14)}${(Number(imei[14]) + 1) % 10}`;
    const invalid = await post('/v1/admin/units', { ...body, imei: badDigit });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json()).toMatchObject({ code: 'INVENTORY_IMEI_INVALID', errors: [{ path: '/body/imei' }] });

    const duplicate = await post('/v1/admin/units', { ...body, serialNumber: 'OTHER' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('INVENTORY_IMEI_DUPLICATE');

    const unknownSku = await post('/v1/admin/units', { ...body, imei: randomTestImei(), skuId: 'sku_nope' });
    expect(unknownSku.statusCode).toBe(404);

    const unitId = created.json().id;
    const detail = await getJson(`/v1/admin/units/${unitId}`);
    expect(detail.history).toHaveLength(1);
    expect(detail.history[0]).toMatchObject({
      fromState: null,
      toState: 'in_stock',
      // A system-written reason is its code, worded by the console in the reader's language: no English stored.
      reason: null,
      reasonCode: 'unit_registered',
      reasonParams: {},
      actor: { kind: 'staff', id: staffId },
    });
    // The history names the staff member (identity's staffNames: the test staff's username).
    expect(detail.history[0].actor.name).toMatch(/^t\d+\.warehouse\.\d+$/);

    const repair = await post(`/v1/admin/units/${unitId}/transitions`, { to: 'repair', reason: '屏幕检测不良' });
    expect(repair.statusCode).toBe(200);
    expect(repair.json().history.at(-1)).toMatchObject({
      fromState: 'in_stock',
      toState: 'repair',
      reason: '屏幕检测不良',
      // Typed by staff: no code, shown as typed.
      reasonCode: null,
    });
    const shipped = await post(`/v1/admin/units/${unitId}/transitions`, { to: 'on_rent', reason: 'by hand' });
    expect(shipped.statusCode).toBe(422);
    const fromRepair = await post(`/v1/admin/units/${unitId}/transitions`, {
      to: 'lost',
      reason: 'not allowed from repair',
    });
    expect(fromRepair.json().code).toBe('INVENTORY_INVALID_TRANSITION');

    const byImei = await getJson(`/v1/admin/units?imei=${imei}`);
    expect(byImei.data.map((u: { id: string }) => u.id)).toEqual([unitId]);
    // Staff read the phone, not `sku_…`: brand in Chinese, model, storage, colour.
    expect(byImei.data[0].skuName).toMatch(/^苹果 Test Phone \S+ 256GB 黑色$/);
    expect(detail.skuName).toBe(byImei.data[0].skuName);
    const inRepair = await getJson(`/v1/admin/units?state=repair&skuId=${stock.skuId}`);
    expect(inRepair.data).toHaveLength(1);
  });

  test('a CSV with a bad IMEI row imports nothing and names the line; skipInvalid imports the rest', async () => {
    const good = [randomTestImei(), randomTestImei()];
    const bad = `${good[0]?.slice(0, 14)}${(Number(good[0]?.[14]) + 1) % 10}`;
    const warehouse = (await getJson('/v1/admin/warehouses')).data.find(
      (w: { id: string }) => w.id === stock.warehouseId,
    ).code;
    const csv = [
      'skuId,imei,serialNumber,warehouse,cost,grade',
      `${stock.skuId},${good[0]},SN-1,${warehouse},4520.00,new`,
      `${stock.skuId},${bad},SN-2,${warehouse},4520.00,new`,
      `${stock.skuId},${good[1]},SN-3,${warehouse},4520.5,A`,
      `${stock.skuId},${good[1]},SN-4,${warehouse},-1,Z`,
    ].join('\n');
    const send = (query: string) =>
      server.app.inject({
        method: 'POST',
        url: `/v1/admin/units/import${query}`,
        payload: csv,
        headers: { ...staff, 'content-type': 'text/csv' },
      });

    const refused = await send('');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('INVENTORY_IMPORT_INVALID');
    const paths = refused.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/body/lines/3/imei', '/body/lines/5/imei', '/body/lines/5/cost', '/body/lines/5/grade']),
    );
    expect((await getJson(`/v1/admin/units?skuId=${stock.skuId}&limit=100`)).data).toHaveLength(1);

    const dryRun = await send('?dryRun=true');
    expect(dryRun.statusCode).toBe(200);
    expect(dryRun.json()).toMatchObject({ committed: false, totalRows: 4, validRows: 2 });
    expect(dryRun.json().invalidRows.map((r: { line: number }) => r.line)).toEqual([3, 5]);

    const partial = await send('?skipInvalid=true');
    expect(partial.statusCode).toBe(201);
    expect(partial.json()).toMatchObject({ committed: true, importedCount: 2 });
    const units = (await getJson(`/v1/admin/units?skuId=${stock.skuId}&limit=100`)).data;
    expect(units).toHaveLength(3);
    expect(units.find((u: { imei: string }) => u.imei === good[1]).costMinor).toBe(452_050);
    // Each imported unit's history says which CSV line it came from, as a code and the line.
    const fromLine4 = await getJson(`/v1/admin/units/${units.find((u: { imei: string }) => u.imei === good[1]).id}`);
    expect(fromLine4.history).toEqual([
      expect.objectContaining({
        toState: 'in_stock',
        reason: null,
        reasonCode: 'unit_imported',
        reasonParams: { line: '4' },
      }),
    ]);
  });

  test('a CSV names its phones as the screens do; a name two SKUs share needs the condition', async () => {
    const product = (await getJson(`/v1/admin/skus/${stock.skuId}`)).productId as string;
    const model = (await getJson(`/v1/admin/products/${product}`)).model as string;
    const warehouse = (await getJson('/v1/admin/warehouses')).data.find(
      (w: { id: string }) => w.id === stock.warehouseId,
    ).code;
    const imeis = [randomTestImei(), randomTestImei(), randomTestImei(), randomTestImei()];
    const send = (lines: string[], query = '?dryRun=true') =>
      server.app.inject({
        method: 'POST',
        url: `/v1/admin/units/import${query}`,
        payload: lines.join('\n'),
        headers: { ...staff, 'content-type': 'text/csv' },
      });
    // The name every screen shows, in Chinese or with the brand in English, spacing and case aside.
    const named = await send([
      'skuName,imei,serialNumber,warehouse,cost',
      `苹果 ${model} 256GB 黑色,${imeis[0]},N-1,${warehouse},4500`,
      `apple  ${model.toUpperCase()} 256gb 黑色,${imeis[1]},N-2,${warehouse},4500`,
      `苹果 ${model} 512GB 黑色,${imeis[2]},N-3,${warehouse},4500`,
    ]);
    expect(named.statusCode).toBe(200);
    expect(named.json()).toMatchObject({ totalRows: 3, validRows: 2 });
    expect(named.json().invalidRows).toEqual([
      {
        line: 4,
        imei: imeis[2],
        errors: [
          { column: 'skuName', code: 'CATALOG_SKU_NOT_FOUND', message: `no SKU is named 苹果 ${model} 512GB 黑色` },
        ],
      },
    ]);

    // The same phone as 99新 too: the name alone is two SKUs; the condition column picks one.
    const used = await createSku(server.ctx.database.db, {
      input: { productId: product, storageGb: 256, colour: '黑色', condition: 'used_99', marketPriceMinor: 499_900 },
      actor: { kind: 'system' },
      now: server.clock.now(),
    });
    const ambiguous = await send([
      'sku,imei,serialNumber,warehouse,cost',
      `苹果 ${model} 256GB 黑色,${imeis[0]},N-1,${warehouse},4500`,
    ]);
    expect(ambiguous.json().invalidRows[0].errors).toEqual([
      expect.objectContaining({ column: 'skuId', code: 'INVENTORY_SKU_AMBIGUOUS' }),
    ]);
    const imported = await send(
      [
        'skuName,condition,imei,serialNumber,warehouse,cost',
        `苹果 ${model} 256GB 黑色,99新,${imeis[0]},N-1,${warehouse},4500`,
        `苹果 ${model} 256GB 黑色,new,${imeis[1]},N-2,${warehouse},4500`,
        `苹果 ${model} 256GB 黑色,like new,${imeis[3]},N-4,${warehouse},4500`,
      ],
      '?skipInvalid=true',
    );
    expect(imported.statusCode).toBe(201);
    expect(imported.json()).toMatchObject({ importedCount: 2 });
    expect(imported.json().invalidRows[0]).toMatchObject({ line: 4, errors: [{ column: 'condition', code: 'enum' }] });
    const units = (await getJson(`/v1/admin/units?skuId=${used.id}&limit=100`)).data;
    expect(units.map((u: { imei: string }) => u.imei)).toEqual([imeis[0]]);
  });

  test('a procurement order is received unit by unit into stock', async () => {
    const supplier = await post('/v1/admin/suppliers', { name: '深圳华强北数码供应链', contactName: '王经理' });
    expect(supplier.statusCode).toBe(201);
    const order = await post('/v1/admin/procurement-orders', {
      supplierId: supplier.json().id,
      warehouseId: stock.warehouseId,
      lines: [{ skuId: stock.skuId, quantity: 2, unitCostMinor: 440_000 }],
    });
    expect(order.statusCode).toBe(201);
    expect(order.json()).toMatchObject({ status: 'draft', totalCostMinor: 880_000 });
    const orderId = order.json().id;
    const lineId = order.json().lines[0].id;
    const early = await post(`/v1/admin/procurement-orders/${orderId}/receive`, {
      units: [{ lineId, imei: randomTestImei(), serialNumber: 'X' }],
    });
    expect(early.json().code).toBe('INVENTORY_PROCUREMENT_INVALID_STATUS');
    expect((await post(`/v1/admin/procurement-orders/${orderId}/place`, {})).json().status).toBe('ordered');
    const first = await post(`/v1/admin/procurement-orders/${orderId}/receive`, {
      units: [{ lineId, imei: randomTestImei(), serialNumber: 'P1' }],
    });
    expect(first.json()).toMatchObject({ status: 'partially_received', lines: [{ receivedQuantity: 1 }] });
    const over = await post(`/v1/admin/procurement-orders/${orderId}/receive`, {
      units: [
        { lineId, imei: randomTestImei(), serialNumber: 'P2' },
        { lineId, imei: randomTestImei(), serialNumber: 'P3' },
      ],
    });
    expect(over.json().code).toBe('INVENTORY_PROCUREMENT_OVER_RECEIVED');
    const rest = await post(`/v1/admin/procurement-orders/${orderId}/receive`, {
      units: [{ lineId, imei: randomTestImei(), serialNumber: 'P2' }],
    });
    expect(rest.json().status).toBe('received');
    const received = await getJson(`/v1/admin/units?skuId=${stock.skuId}&limit=100`);
    const fromOrder = received.data.filter(
      (u: { procurementOrderId: string | null }) => u.procurementOrderId === orderId,
    );
    expect(fromOrder).toHaveLength(2);
    expect(fromOrder.map((u: { supplierName: string }) => u.supplierName)).toEqual([
      '深圳华强北数码供应链',
      '深圳华强北数码供应链',
    ]);
  });

  test('a supplier pushes its feed with a scoped API key; the latest report per model is kept', async () => {
    const db = server.ctx.database.db;
    const anonymous = await server.app.inject({
      method: 'POST',
      url: '/v1/partner/inventory-feed',
      payload: { items: [] },
    });
    expect(anonymous.statusCode).toBe(401);
    const { apiKey } = await createPartnerKey(db, server.clock, {
      partnerId: 'ptn_huaqiang',
      scopes: ['inventory.feed'],
    });
    const { apiKey: otherScope } = await createPartnerKey(db, server.clock, {
      partnerId: 'ptn_carrier',
      scopes: ['shipments.track'],
    });
    const supplier = await post('/v1/admin/suppliers', { name: '华强北一号供应商', partnerId: 'ptn_huaqiang' });
    expect(supplier.statusCode).toBe(201);
    const push = (key: string, items: unknown[]) =>
      server.app.inject({
        method: 'POST',
        url: '/v1/partner/inventory-feed',
        payload: { items },
        headers: { 'x-api-key': key },
      });
    expect((await push(otherScope, [{ model: 'X', quantity: 1, priceMinor: 1 }])).statusCode).toBe(403);
    expect((await push(apiKey, [{ model: 'IP16P-256-BLK', quantity: 40, priceMinor: 720_000 }])).json()).toEqual({
      accepted: 1,
    });
    const second = await push(apiKey, [
      { model: 'IP16P-256-BLK', quantity: 25, priceMinor: 715_000 },
      { model: 'MATE80-512-BLK', quantity: 8, priceMinor: 610_000 },
    ]);
    expect(second.statusCode).toBe(200);
    const feed = await getJson('/v1/admin/supplier-feed?partnerId=ptn_huaqiang');
    expect(feed.data).toHaveLength(2);
    expect(feed.data.find((f: { model: string }) => f.model === 'IP16P-256-BLK')).toMatchObject({
      quantity: 25,
      priceMinor: 715_000,
      supplierName: '华强北一号供应商',
    });
  });

  test('the public stock per SKU: 2 phones of one version, 0 of another; a reservation takes one; an unpublished product is 404', async () => {
    const db = server.ctx.database.db;
    const now = server.clock.now();
    const stocked = await createTestStock(db, { units: 2, now });
    const actor = { kind: 'system' as const };
    const empty = await createSku(db, {
      input: {
        productId: stocked.productId,
        storageGb: 512,
        colour: '白色',
        condition: 'new',
        marketPriceMinor: 699_900,
      },
      actor,
      now,
    });
    const url = `/v1/products/${stocked.productId}/availability`;
    expect((await server.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    await transaction(db, (tx) => publishProduct(tx, { productId: stocked.productId, actor, now }));
    const anonymous = await server.app.inject({ method: 'GET', url });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ data: { [stocked.skuId]: 2, [empty.id]: 0 } });
    await transaction(db, (tx) => reserveUnit(tx, { skuId: stocked.skuId, orderRef: 'ord_stock_test', now }));
    expect((await server.app.inject({ method: 'GET', url })).json().data).toEqual({
      [stocked.skuId]: 1,
      [empty.id]: 0,
    });
  });
});
