// Back in stock under the SKU whose condition fits the grade (docs/catalog-inventory.md, "Grade and
// condition"): a 全新 phone rented, returned and graded A goes under the 99新 SKU of the same phone,
// B under 95新; C and D, or a phone the catalog has no SKU of that condition for, are refused with
// nothing written; a reservation never takes a phone whose grade does not fit the SKU ordered.
import { createSku } from '@zulin/catalog';
import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { allocateUnitByImei } from './allocate-unit';
import { InventoryErrors } from './errors';
import { gradeOrderUnit, moveOrderUnit } from './move-order-unit';
import { availabilityBySku } from './reservations';
import { reserveUnit } from './reserve-unit';
import type { UnitGrade } from './schema';
import { createTestStock, randomTestImei } from './testing';
import { insertUnit } from './units';

const actor = { kind: 'system' as const };

describeDb('back in stock under the SKU of its grade', (get) => {
  let server: TestServer;
  let staff: { authorization: string };
  let orders = 0;

  beforeAll(async () => {
    server = await createTestServer(get().database, { modules });
    staff = bearer((await signInTestStaff(server, 'warehouse')).token);
  });
  afterAll(async () => {
    await server.close();
  });

  const db = () => server.ctx.database.db;
  const now = () => server.clock.now();

  /** A 全新 SKU with `units` phones, and its 99新 and 95新 siblings (same product, storage, colour) unless told not to. */
  async function phone(options: { units: number; siblings?: boolean }) {
    const stock = await createTestStock(db(), { units: options.units, now: now() });
    const sibling = async (condition: 'used_99' | 'used_95', marketPriceMinor: number) =>
      (
        await createSku(db(), {
          input: { productId: stock.productId, storageGb: 256, colour: '黑色', condition, marketPriceMinor },
          actor,
          now: now(),
        })
      ).id;
    if (options.siblings === false) return { ...stock, used99: null, used95: null };
    return { ...stock, used99: await sibling('used_99', 499_900), used95: await sibling('used_95', 429_900) };
  }

  /** Rents a phone of the SKU, brings it back and grades it at the returns desk: it waits `inspecting`. */
  async function rentedAndGraded(skuId: string, grade: UnitGrade): Promise<string> {
    const orderRef = `ord_grade_${++orders}`;
    return transaction(db(), async (tx) => {
      const held = await reserveUnit(tx, { skuId, orderRef, now: now() });
      for (const step of ['ship', 'deliver', 'start_return', 'receive_return'] as const)
        await moveOrderUnit(tx, { unitId: held.unitId, orderRef, step, now: now() });
      expect(await gradeOrderUnit(tx, { unitId: held.unitId, orderRef, grade, now: now(), actor })).toBe(true);
      return held.unitId;
    });
  }

  const backInStock = (unitId: string, body: Record<string, unknown> = {}) =>
    server.app.inject({
      method: 'POST',
      url: `/v1/admin/units/${unitId}/transitions`,
      payload: { to: 'in_stock', reason: '验机完成，入库', ...body },
      headers: staff,
    });
  const plan = async (unitId: string, query = '') =>
    (
      await server.app.inject({ method: 'GET', url: `/v1/admin/units/${unitId}/restock-plan${query}`, headers: staff })
    ).json();
  const unitRow = async (unitId: string) =>
    (
      await queryRows<{ sku_id: string; state: string; grade: string }>(
        db(),
        sql`select sku_id, state, grade from inventory_units where id = ${unitId}`,
      )
    )[0];
  const writes = async (unitId: string) =>
    (
      await queryRows<{ history: number; audits: number }>(
        db(),
        sql`select (select count(*)::int from inventory_unit_history where unit_id = ${unitId}) as history,
                   (select count(*)::int from identity_audit_log where target_id = ${unitId}) as audits`,
      )
    )[0];

  test('全新 rented, graded A: the console is told 99新, and the phone goes in stock under the 99新 SKU; stock of both right', async () => {
    const p = await phone({ units: 3 });
    const unitId = await rentedAndGraded(p.skuId, 'A');
    const counts = () => availabilityBySku(db(), { skuIds: [p.skuId, p.used99 ?? '', p.used95 ?? ''], now: now() });
    expect(await counts()).toEqual({ [p.skuId]: 2, [p.used99 ?? '']: 0, [p.used95 ?? '']: 0 });

    expect(await plan(unitId)).toMatchObject({
      grade: 'A',
      condition: 'used_99',
      fromSkuId: p.skuId,
      fromCondition: 'new',
      toSkuId: p.used99,
      toSkuActive: true,
      changesSku: true,
      refusal: null,
    });
    const moved = await backInStock(unitId);
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      skuId: p.used99,
      state: 'in_stock',
      grade: 'A',
      skuCondition: 'used_99',
      gradeFitsSku: true,
    });
    expect(await counts()).toEqual({ [p.skuId]: 2, [p.used99 ?? '']: 1, [p.used95 ?? '']: 0 });

    const history = await queryRows<{
      from_state: string;
      to_state: string;
      reason_code: string;
      reason_params: unknown;
    }>(
      db(),
      sql`select from_state, to_state, reason_code, reason_params from inventory_unit_history
          where unit_id = ${unitId} and from_state = 'inspecting' order by at, id`,
    );
    expect(history.map((h) => h.reason_code)).toEqual(['return_graded', 'resku_by_grade', null]);
    expect(history[1]).toMatchObject({
      from_state: 'inspecting',
      to_state: 'inspecting',
      reason_params: { fromSkuId: p.skuId, toSkuId: p.used99, grade: 'A' },
    });
    const [entry] = await queryRows<{ detail: Record<string, unknown> }>(
      db(),
      sql`select detail from identity_audit_log where target_id = ${unitId} and action = 'inventory.unit_resku'`,
    );
    expect(entry?.detail).toMatchObject({
      fromSkuId: p.skuId,
      toSkuId: p.used99,
      grade: 'A',
      fromCondition: 'new',
      toCondition: 'used_99',
      reasonCode: 'resku_by_grade',
    });
    // The state change's event names the SKU the phone is under now.
    const [event] = await queryRows<{ payload: { skuId: string } }>(
      db(),
      sql`select payload from outbox where aggregate_id = ${unitId} and type = 'inventory.unit_state_changed'
          order by seq desc limit 1`,
    );
    expect(event?.payload.skuId).toBe(p.used99);

    // The next customer who rents 全新 gets a 全新 phone; the 99新 customer gets this one.
    const next = await transaction(db(), (tx) =>
      reserveUnit(tx, { skuId: p.skuId, orderRef: 'ord_next_new', now: now() }),
    );
    expect(next.unitId).not.toBe(unitId);
    const used = await transaction(db(), (tx) =>
      reserveUnit(tx, { skuId: p.used99 ?? '', orderRef: 'ord_next_99', now: now() }),
    );
    expect(used.unitId).toBe(unitId);
  });

  test('graded B: in stock under the 95新 SKU', async () => {
    const p = await phone({ units: 1 });
    const unitId = await rentedAndGraded(p.skuId, 'B');
    expect((await plan(unitId)).toSkuId).toBe(p.used95);
    expect((await backInStock(unitId)).statusCode).toBe(200);
    expect(await unitRow(unitId)).toEqual({ sku_id: p.used95, state: 'in_stock', grade: 'B' });
    expect(await availabilityBySku(db(), { skuIds: [p.skuId, p.used95 ?? ''], now: now() })).toEqual({
      [p.skuId]: 0,
      [p.used95 ?? '']: 1,
    });
  });

  test('graded C: 409 INVENTORY_GRADE_NOT_SELLABLE, nothing written; refurbished and graded B it goes under 95新', async () => {
    const p = await phone({ units: 1 });
    const unitId = await rentedAndGraded(p.skuId, 'C');
    expect(await plan(unitId)).toMatchObject({
      condition: null,
      toSkuId: null,
      refusal: 'INVENTORY_GRADE_NOT_SELLABLE',
    });
    const before = await writes(unitId);
    const refused = await backInStock(unitId);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'INVENTORY_GRADE_NOT_SELLABLE' });
    expect(refused.json().detail).toContain('graded C');
    expect(await unitRow(unitId)).toEqual({ sku_id: p.skuId, state: 'inspecting', grade: 'C' });
    expect(await writes(unitId)).toEqual(before);

    // The returns desk's grade stands at inspecting: grading again is for a phone that was worked on.
    const early = await backInStock(unitId, { grade: 'B' });
    expect(early.statusCode).toBe(422);
    expect(early.json().errors).toEqual([expect.objectContaining({ path: '/body/grade' })]);

    const refurbishing = await server.app.inject({
      method: 'POST',
      url: `/v1/admin/units/${unitId}/transitions`,
      payload: { to: 'refurbishing', reason: '更换屏幕' },
      headers: staff,
    });
    expect(refurbishing.statusCode).toBe(200);
    expect(await plan(unitId, '?grade=B')).toMatchObject({ grade: 'B', toSkuId: p.used95, changesSku: true });
    const restocked = await backInStock(unitId, { grade: 'B' });
    expect(restocked.statusCode).toBe(200);
    expect(await unitRow(unitId)).toEqual({ sku_id: p.used95, state: 'in_stock', grade: 'B' });
    const codes = await queryRows<{ reason_code: string | null }>(
      db(),
      sql`select reason_code from inventory_unit_history where unit_id = ${unitId} and from_state = 'refurbishing' order by at, id`,
    );
    expect(codes.map((c) => c.reason_code)).toEqual(['unit_regraded', 'resku_by_grade', null]);
  });

  test('graded D: refused back in stock and cannot be graded again', async () => {
    const p = await phone({ units: 1 });
    const unitId = await rentedAndGraded(p.skuId, 'D');
    expect((await backInStock(unitId)).json()).toMatchObject({ code: 'INVENTORY_GRADE_NOT_SELLABLE' });
    await server.app.inject({
      method: 'POST',
      url: `/v1/admin/units/${unitId}/transitions`,
      payload: { to: 'repair', reason: '送修' },
      headers: staff,
    });
    const regraded = await backInStock(unitId, { grade: 'A' });
    expect(regraded.statusCode).toBe(409);
    expect(regraded.json()).toMatchObject({ code: 'INVENTORY_GRADE_NOT_SELLABLE' });
    expect(await unitRow(unitId)).toEqual({ sku_id: p.skuId, state: 'repair', grade: 'D' });
  });

  test('no 99新 SKU of the phone: 409 INVENTORY_NO_SKU_FOR_GRADE naming the condition to create, nothing changed', async () => {
    const p = await phone({ units: 2, siblings: false });
    const unitId = await rentedAndGraded(p.skuId, 'A');
    expect(await plan(unitId)).toMatchObject({
      condition: 'used_99',
      toSkuId: null,
      refusal: 'INVENTORY_NO_SKU_FOR_GRADE',
    });
    const before = await writes(unitId);
    const refused = await backInStock(unitId);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'INVENTORY_NO_SKU_FOR_GRADE' });
    expect(refused.json().detail).toContain('used_99 (99新)');
    expect(await unitRow(unitId)).toEqual({ sku_id: p.skuId, state: 'inspecting', grade: 'A' });
    expect(await writes(unitId)).toEqual(before);
    expect(await availabilityBySku(db(), { skuIds: [p.skuId], now: now() })).toEqual({ [p.skuId]: 1 });
  });

  test('a phone whose grade fits its SKU goes back in stock under it, with no move', async () => {
    const p = await phone({ units: 1 });
    const unitId = await rentedAndGraded(p.skuId, 'new');
    expect(await plan(unitId)).toMatchObject({ toSkuId: p.skuId, changesSku: false, refusal: null });
    expect((await backInStock(unitId)).statusCode).toBe(200);
    expect(await unitRow(unitId)).toEqual({ sku_id: p.skuId, state: 'in_stock', grade: 'new' });
    const moves = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from inventory_unit_history where unit_id = ${unitId} and reason_code = 'resku_by_grade'`,
    );
    expect(moves[0]?.n).toBe(0);
    // A 99新 phone rented as 99新 and graded A again stays under 99新.
    const used = await createTestStock(db(), { units: 0, now: now() });
    const used99 = await createSku(db(), {
      input: {
        productId: used.productId,
        storageGb: 128,
        colour: '白色',
        condition: 'used_99',
        marketPriceMinor: 399_900,
      },
      actor,
      now: now(),
    });
    const usedUnit = await transaction(db(), (tx) =>
      insertUnit(tx, {
        input: {
          skuId: used99.id,
          imei: randomTestImei(),
          serialNumber: 'SN-99-1',
          warehouseId: used.warehouseId,
          costMinor: 300_000,
          grade: 'A',
        },
        actor,
        now: now(),
        today: '2026-01-01',
        reason: { code: 'demo_stock' },
      }),
    );
    const back = await rentedAndGraded(used99.id, 'A');
    expect(back).toBe(usedUnit.id);
    expect((await backInStock(back)).statusCode).toBe(200);
    expect(await unitRow(back)).toEqual({ sku_id: used99.id, state: 'in_stock', grade: 'A' });
  });

  test('a reservation never takes a phone whose grade does not fit the SKU, and availability does not count it', async () => {
    const p = await phone({ units: 0 });
    const add = (grade: UnitGrade, serialNumber: string) =>
      transaction(db(), (tx) =>
        insertUnit(tx, {
          input: {
            skuId: p.skuId,
            imei: randomTestImei(),
            serialNumber,
            warehouseId: p.warehouseId,
            costMinor: 300_000,
            grade,
          },
          actor,
          now: now(),
          today: '2026-01-01',
          reason: { code: 'unit_registered' },
        }),
      );
    // Filed wrongly by hand: a B phone under the 全新 SKU (older, so the oldest-first pick would take it).
    const misfiled = await add('B', 'SN-MISFILED');
    expect(await availabilityBySku(db(), { skuIds: [p.skuId], now: now() })).toEqual({ [p.skuId]: 0 });
    await expect(
      transaction(db(), (tx) => reserveUnit(tx, { skuId: p.skuId, orderRef: 'ord_misfit_1', now: now() })),
    ).rejects.toSatisfy(InventoryErrors.INVENTORY_UNIT_UNAVAILABLE.is);
    // Scanned at the shipping desk for a 全新 order: refused too.
    await expect(
      transaction(db(), (tx) =>
        allocateUnitByImei(tx, { imei: misfiled.imei, skuId: p.skuId, orderRef: 'ord_misfit_2', now: now(), actor }),
      ),
    ).rejects.toSatisfy(InventoryErrors.INVENTORY_UNIT_SKU_MISMATCH.is);
    const fitting = await add('new', 'SN-FITTING');
    expect(await availabilityBySku(db(), { skuIds: [p.skuId], now: now() })).toEqual({ [p.skuId]: 1 });
    const held = await transaction(db(), (tx) =>
      reserveUnit(tx, { skuId: p.skuId, orderRef: 'ord_misfit_3', now: now() }),
    );
    expect(held.unitId).toBe(fitting.id);
    expect((await unitRow(misfiled.id))?.state).toBe('in_stock');
  });
});
