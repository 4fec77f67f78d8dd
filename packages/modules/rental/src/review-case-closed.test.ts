import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { releaseExpiredReservations } from '@zulin/inventory';
import { createTestStock } from '@zulin/inventory/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestRentalStock, rentalTestKit, testAddress } from './testing';

describeDb('an order in review waits for the case', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof rentalTestKit>;
  let stock: Awaited<ReturnType<typeof createTestRentalStock>>;
  let lapseStock: Awaited<ReturnType<typeof createTestRentalStock>>;
  const drain = async () => {
    for (let i = 0; i < 20; i++) if (!(await s.worker.runOnce()).busy) break;
  };
  const unitOf = async (unitId: string) =>
    (
      await queryRows<{ state: string; order_ref: string | null }>(
        s.ctx.database.db,
        sql`select state, order_ref from inventory_units where id = ${unitId}`,
      )
    )[0];
  /** A reviewer claims the order's case and closes it. */
  const closeCase = async (decisionId: string, body: Record<string, unknown>) => {
    const reviewer = await signInTestStaff(s, 'risk_reviewer');
    const cases = (await kit.call(reviewer.token, 'GET', '/v1/admin/risk/cases')).json().data;
    const found = cases.find((c: { decisionId: string }) => c.decisionId === decisionId);
    expect(found).toBeDefined();
    expect((await kit.call(reviewer.token, 'POST', `/v1/admin/risk/cases/${found.id}/claim`)).statusCode).toBe(200);
    const closed = await kit.call(reviewer.token, 'POST', `/v1/admin/risk/cases/${found.id}/close`, body);
    expect(closed.statusCode).toBe(200);
  };

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    kit = rentalTestKit(s, signInTestCustomer);
    stock = await createTestRentalStock(createTestStock, s.ctx.database.db, { units: 2, now: s.clock.now() });
    lapseStock = await createTestRentalStock(createTestStock, s.ctx.database.db, { units: 1, now: s.clock.now() });
  }, 300_000);
  afterAll(async () => {
    await s?.close();
  });

  test('approved by the reviewer with a 30 % waiver: the deposit to hold is ¥4,199.30, the phone held, the contract drafted', async () => {
    // Bureau score 550 (< 600): review, no waiver proposed.
    const ann = await kit.verifiedCustomer(550);
    const placed = (
      await kit.call(
        ann.token,
        'POST',
        '/v1/rentals',
        { skuId: stock.skuId, planId: stock.planId, address: testAddress(1) },
        'review-ann',
      )
    ).json();
    expect(placed).toMatchObject({
      status: 'pending_review',
      customerState: { state: 'reviewing' },
      contractId: null,
      depositToHoldMinor: 599_900,
    });
    expect(await unitOf(placed.unitId)).toEqual({ state: 'reserved', order_ref: placed.id });
    await closeCase(placed.decision.id, {
      resolution: 'approve',
      outcome: 'false_positive',
      waiverBps: 3_000,
      creditLimitMinor: 1_000_000,
    });
    await drain();
    const after = (await kit.call(ann.token, 'GET', `/v1/rentals/${placed.id}`)).json();
    expect(after).toMatchObject({
      status: 'awaiting_signature',
      customerState: { state: 'to_sign' },
      depositWaivedMinor: 179_970,
      depositToHoldMinor: 419_930,
      unitId: placed.unitId,
    });
    expect(after.contractId).toMatch(/^ctr_/);
    expect(after.timeline.map((t: { action: string }) => t.action)).toEqual(['submit', 'approve', 'request_signature']);
    const contract = (await kit.call(ann.token, 'GET', `/v1/contracts/${after.contractId}`)).json();
    expect(contract.terms).toMatchObject({ depositMinor: 599_900, depositWaivedMinor: 179_970 });
    // The reservation no longer lapses: the order's own timers release it.
    const held = await queryRows<{ reservation_expires_at: string | null }>(
      s.ctx.database.db,
      sql`select reservation_expires_at from inventory_units where id = ${placed.unitId}`,
    );
    expect(held[0]?.reservation_expires_at).toBeNull();
  });

  test('rejected by the reviewer: the order is rejected and its phone back in stock', async () => {
    const ben = await kit.verifiedCustomer(551);
    const placed = (
      await kit.call(
        ben.token,
        'POST',
        '/v1/rentals',
        { skuId: stock.skuId, planId: stock.planId, address: testAddress(2) },
        'review-ben',
      )
    ).json();
    expect(placed.status).toBe('pending_review');
    await closeCase(placed.decision.id, { resolution: 'reject', outcome: 'confirmed_risk' });
    await drain();
    const after = (await kit.call(ben.token, 'GET', `/v1/rentals/${placed.id}`)).json();
    expect(after).toMatchObject({ status: 'rejected', customerState: { state: 'not_approved' } });
    expect(after.timeline.at(-1)).toMatchObject({ action: 'reject', from: 'pending_review', actor: 'system' });
    expect(await unitOf(placed.unitId)).toEqual({ state: 'in_stock', order_ref: null });
  });

  test('the reservation lapses during the review (4 h): the phone goes to another order, so approval cancels this one', async () => {
    const carl = await kit.verifiedCustomer(552);
    const placed = (
      await kit.call(
        carl.token,
        'POST',
        '/v1/rentals',
        { skuId: lapseStock.skuId, planId: lapseStock.planId, address: testAddress(3) },
        'review-carl',
      )
    ).json();
    expect(placed.status).toBe('pending_review');
    const [unitId] = lapseStock.unitIds;
    expect(placed.unitId).toBe(unitId);
    // Nobody reviews it for 4 h: inventory's sweep puts the only phone of the model back in stock.
    s.clock.advance(4 * 60 * 60 * 1000 + 60_000);
    expect(await releaseExpiredReservations(s.ctx.database.db, { now: s.clock.now(), skuId: lapseStock.skuId })).toBe(
      1,
    );
    expect(await unitOf(placed.unitId)).toEqual({ state: 'in_stock', order_ref: null });
    // The order still waits for its case (it does not learn of the lapse), and another customer takes the phone.
    const dan = await kit.verifiedCustomer(700);
    const taken = (
      await kit.call(
        dan.token,
        'POST',
        '/v1/rentals',
        { skuId: lapseStock.skuId, planId: lapseStock.planId, address: testAddress(4) },
        'review-dan',
      )
    ).json();
    expect(taken).toMatchObject({ status: 'awaiting_signature', unitId });
    await closeCase(placed.decision.id, {
      resolution: 'approve',
      outcome: 'false_positive',
      waiverBps: 10_000,
      creditLimitMinor: 1_000_000,
    });
    await drain();
    const token = (await signInTestCustomer(s, carl.phone)).token;
    const after = (await kit.call(token, 'GET', `/v1/rentals/${placed.id}`)).json();
    expect(after).toMatchObject({ status: 'cancelled', contractId: null });
    expect(after.timeline.at(-1)).toMatchObject({ action: 'cancel', from: 'pending_review', actor: 'system' });
    expect(await unitOf(unitId ?? '')).toEqual({ state: 'reserved', order_ref: taken.id });
  });
});
