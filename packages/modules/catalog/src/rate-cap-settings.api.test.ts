// The rate cap as an operator setting (issue #15): 4 × LPR 3.00 % = 12.00 % while nothing is stored;
// finance sets the LPR to 3.45 % (cap 13.80 %) and an offer at 13.03 % a year saves; back at 3.00 % the
// same offer is refused naming both rates, the offer saved meanwhile is listed above the cap, hidden
// from customers and can still be retired; bad input is refused with its code and nothing is kept;
// every change is audited with before and after.
import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import type { StaffPrincipal } from '@zulin/identity';
import { bearer, signInTestStaff } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { publishProduct } from './change-product-status';
import { saveRateCap } from './rate-cap-settings';

describeDb('the rate cap setting', (get) => {
  let s: TestServer;
  let skuId: string;
  let operator: { authorization: string };
  let finance: { authorization: string; staffId: string };
  const url = '/v1/admin/installment-rate-cap';
  const call = (
    headers: { authorization: string },
    method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    payload?: unknown,
  ) => s.app.inject({ method, url: path, payload: payload as object, headers });
  // 12 months, interest-free with a 0.60 % service fee a period: 13.03 % a year (IRR of the cash flows).
  const feeOffer = () => ({
    skuId,
    termMonths: 12,
    annualRateBps: 0,
    feeRateBpsPerPeriod: 60,
    method: 'equal_installment',
  });

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    s.clock.set('2026-06-01T02:00:00Z');
    const stock = await createTestStock(s.ctx.database.db, { units: 2, now: s.clock.now() });
    await publishProduct(s.ctx.database.db, {
      productId: stock.productId,
      actor: { kind: 'system' },
      now: s.clock.now(),
    });
    skuId = stock.skuId;
    operator = bearer((await signInTestStaff(s, 'operator')).token);
    const signedIn = await signInTestStaff(s, 'finance');
    finance = { ...bearer(signedIn.token), staffId: signedIn.staffId };
  });
  afterAll(async () => {
    await s?.close();
  });

  test('12.00 % by default; at LPR 3.45 % × 4 = 13.80 % an offer at 13.03 % saves; back at 12.00 % it is refused naming both rates', async () => {
    const shown = await call(operator, 'GET', url);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual({
      rateCap: { lprBps: 300, capMultiple: 4 },
      capBps: 1200,
      offersAboveCap: { total: 0, data: [] },
      defaults: { lprBps: 300, capMultiple: 4 },
      updatedBy: null,
      updatedByName: null,
      updatedAt: null,
      effectiveFrom: null,
      scheduled: [],
      history: [],
    });
    const refused = await call(operator, 'POST', '/v1/admin/installment-offers', feeOffer());
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'CATALOG_OFFER_RATE_ABOVE_CAP',
      detail:
        "The offer's annualised rate of 13.03 % is above the cap of 12.00 % (4 × LPR 3.00 %), so it cannot be saved.",
      errors: [{ path: '/body/feeRateBpsPerPeriod', code: 'above_cap' }],
    });

    // The PBOC's LPR moves to 3.45 %: the cap is 13.80 %.
    const raised = await call(finance, 'PUT', url, { lprBps: 345, capMultiple: 4 });
    expect(raised.statusCode).toBe(200);
    expect(raised.json()).toMatchObject({
      rateCap: { lprBps: 345, capMultiple: 4 },
      capBps: 1380,
      offersAboveCap: { total: 0, data: [] },
      updatedBy: finance.staffId,
      updatedByName: expect.any(String),
      updatedAt: '2026-06-01T02:00:00.000Z',
      effectiveFrom: '2026-06-01',
      scheduled: [],
      history: [{ lprBps: 345, capMultiple: 4, capBps: 1380, effectiveFrom: '2026-06-01' }],
    });
    const saved = await call(operator, 'POST', '/v1/admin/installment-offers', feeOffer());
    expect(saved.statusCode).toBe(201);
    expect(saved.json()).toMatchObject({ aprSimpleBps: 1303, active: true });
    const offerId = saved.json().id as string;
    // The offers editor reads the cap in force beside the offers.
    const listed = await call(operator, 'GET', `/v1/admin/installment-offers?skuId=${skuId}`);
    expect(listed.json().rateCap).toEqual({ lprBps: 345, capMultiple: 4, capBps: 1380 });
    // An edit is held to it too: 0.70 % a period is 15.2x % a year.
    const tooHigh = await call(operator, 'PATCH', `/v1/admin/installment-offers/${offerId}`, {
      feeRateBpsPerPeriod: 70,
    });
    expect([tooHigh.statusCode, tooHigh.json().code]).toEqual([422, 'CATALOG_OFFER_RATE_ABOVE_CAP']);
    expect(tooHigh.json().detail).toContain('above the cap of 13.80 % (4 × LPR 3.45 %)');

    // Back to 3.00 %: allowed, and the answer names the offer now above the cap.
    s.clock.set('2026-06-01T02:05:00Z');
    const lowered = await call(finance, 'PUT', url, { lprBps: 300 });
    expect(lowered.statusCode).toBe(200);
    expect(lowered.json()).toMatchObject({
      rateCap: { lprBps: 300, capMultiple: 4 },
      capBps: 1200,
      offersAboveCap: {
        total: 1,
        data: [{ offerId, skuId, termMonths: 12, aprSimpleBps: 1303, skuName: expect.stringContaining('GB') }],
      },
    });
    expect((await call(operator, 'GET', url)).json().offersAboveCap.total).toBe(1);
    // A new offer at 13.03 % is refused again, naming its rate and the cap.
    const again = await call(operator, 'POST', '/v1/admin/installment-offers', { ...feeOffer(), termMonths: 6 });
    expect(again.statusCode).toBe(422);
    expect(again.json().detail).toMatch(
      /^The offer's annualised rate of 1\d\.\d\d % is above the cap of 12\.00 % \(4 × LPR 3\.00 %\)/,
    );
    // Customers no longer see the offer above the cap (it cannot be ordered); the console does.
    const publicOffers = await s.app.inject({ url: `/v1/skus/${skuId}/installment-offers` });
    expect(publicOffers.json().data).toEqual([]);
    const staffOffers = (await call(operator, 'GET', `/v1/admin/installment-offers?skuId=${skuId}`)).json();
    expect(staffOffers.data.map((o: { id: string }) => o.id)).toEqual([offerId]);
    expect(staffOffers.rateCap.capBps).toBe(1200);
    // Editing it to 0.50 % a period (10.9x % a year) brings it back within the cap.
    const edited = await call(operator, 'PATCH', `/v1/admin/installment-offers/${offerId}`, {
      feeRateBpsPerPeriod: 50,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().aprSimpleBps).toBeLessThanOrEqual(1200);
    expect((await s.app.inject({ url: `/v1/skus/${skuId}/installment-offers` })).json().data).toHaveLength(1);
    expect((await call(operator, 'GET', url)).json().offersAboveCap).toEqual({ total: 0, data: [] });

    const audit = await queryRows<{ actor_id: string; detail: { changed: string[]; before: unknown; after: unknown } }>(
      s.ctx.database.db,
      sql`select actor_id, detail from identity_audit_log where action = 'catalog.rate_cap_changed' order by at`,
    );
    expect(audit.map((a) => [a.detail.changed, a.detail.before, a.detail.after])).toEqual([
      [['lprBps'], { lprBps: 300, capMultiple: 4 }, { lprBps: 345, capMultiple: 4 }],
      [['lprBps'], { lprBps: 345, capMultiple: 4 }, { lprBps: 300, capMultiple: 4 }],
    ]);
    expect(audit.every((a) => a.actor_id === finance.staffId)).toBe(true);
    const events = await queryRows<{ payload: { changedBy: string; keys: string[] } }>(
      s.ctx.database.db,
      sql`select payload from outbox where type = 'catalog.rate_cap_changed' order by seq`,
    );
    expect(events.map((e) => e.payload)).toEqual([
      { changedBy: finance.staffId, keys: ['lprBps'], effectiveFrom: '2026-06-01' },
      { changedBy: finance.staffId, keys: ['lprBps'], effectiveFrom: '2026-06-01' },
    ]);
  });

  test('an offer left above a lowered cap can be retired', async () => {
    expect((await call(finance, 'PUT', url, { lprBps: 345 })).statusCode).toBe(200);
    const offer = await call(operator, 'POST', '/v1/admin/installment-offers', { ...feeOffer(), termMonths: 24 });
    expect(offer.statusCode).toBe(201);
    expect((await call(finance, 'PUT', url, {})).json()).toMatchObject({ capBps: 1200, offersAboveCap: { total: 1 } });
    const retired = await call(operator, 'DELETE', `/v1/admin/installment-offers/${offer.json().id}`);
    expect(retired.statusCode).toBe(200);
    expect(retired.json().active).toBe(false);
    expect((await call(operator, 'GET', url)).json().offersAboveCap.total).toBe(0);
  });

  test('an offer saved while the cap is being lowered waits for the change and is checked against the new cap', async () => {
    expect((await call(finance, 'PUT', url, { lprBps: 345 })).statusCode).toBe(200); // 13.80 %
    const staff: StaffPrincipal = {
      kind: 'staff',
      staffId: finance.staffId,
      username: 'finance',
      role: 'finance',
      permissions: new Set(['bills.write']),
    };
    // Finance lowers the cap to 12.00 % in a transaction that is held open…
    let lowering!: () => void;
    let commit!: () => void;
    const lowered = new Promise<void>((resolve) => {
      lowering = resolve;
    });
    const held = new Promise<void>((resolve) => {
      commit = resolve;
    });
    const change = transaction(s.ctx.database, async (tx) => {
      await saveRateCap(tx, { input: { lprBps: 300 }, staff, clock: s.clock, timeZone: 'Asia/Shanghai' });
      lowering();
      await held;
    });
    await lowered;
    // …while the desk saves a 24-month offer at 13.27 % a year: under the old cap, above the new one. It must not
    // be checked against the cap being replaced.
    let answered = false;
    const offer = call(operator, 'POST', '/v1/admin/installment-offers', { ...feeOffer(), termMonths: 24 }).then(
      (res) => {
        answered = true;
        return res;
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answered).toBe(false);
    commit();
    await change;
    const res = await offer;
    expect([res.statusCode, res.json().code]).toEqual([422, 'CATALOG_OFFER_RATE_ABOVE_CAP']);
    expect(res.json().detail).toContain('above the cap of 12.00 % (4 × LPR 3.00 %)');
  });

  test('bad input is refused with its code, naming each field, and nothing is kept; finance only may change it', async () => {
    const before = (await call(operator, 'GET', url)).json();
    for (const [bad, code, paths] of [
      [{ lprBps: 0 }, 'VALIDATION_FAILED', ['/body/lprBps']],
      [{ lprBps: 2001 }, 'VALIDATION_FAILED', ['/body/lprBps']],
      [{ lprBps: 3.45 }, 'VALIDATION_FAILED', ['/body/lprBps']],
      [{ capMultiple: 0 }, 'VALIDATION_FAILED', ['/body/capMultiple']],
      [{ capMultiple: 11 }, 'VALIDATION_FAILED', ['/body/capMultiple']],
      [{ capMultiple: 4.5, lprBps: -1 }, 'VALIDATION_FAILED', ['/body/capMultiple', '/body/lprBps']],
      // Each in range, but 10 × 20.00 % is a cap of 200 %: above the 100 % an offer's rate may be.
      [{ lprBps: 2000, capMultiple: 10 }, 'CATALOG_RATE_CAP_INVALID', ['/body/capMultiple']],
    ] as const) {
      const res = await call(finance, 'PUT', url, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code, JSON.stringify(bad)).toBe(code);
      expect(
        res
          .json()
          .errors.map((e: { path: string }) => e.path)
          .sort(),
        JSON.stringify(bad),
      ).toEqual(paths);
    }
    const capTooHigh = await call(finance, 'PUT', url, { lprBps: 2000, capMultiple: 10 });
    expect(capTooHigh.json().errors[0]).toMatchObject({
      code: 'cap_too_high',
      message: '10 × LPR 20.00 % is a cap of 200.00 %; the cap may be at most 100.00 %',
    });
    expect((await call(operator, 'GET', url)).json()).toEqual(before);
    // The offers desk may read it, not lift the cap over its own offers; a role without orders.read may not read it.
    expect((await call(operator, 'PUT', url, { lprBps: 500 })).statusCode).toBe(403);
    const marketing = bearer((await signInTestStaff(s, 'marketing')).token);
    expect((await call(marketing, 'GET', url)).statusCode).toBe(403);
    expect((await s.app.inject({ url })).statusCode).toBe(401);
  });

  test('a change takes effect from its business date: 3.45 % from 20 June is scheduled, 12.00 % holds until then, the history lists both', async () => {
    // 2026-06-10 10:00 in Shanghai; the cap in force is 12.00 % (the last change, today's or earlier).
    const signInAgain = async () => {
      operator = bearer((await signInTestStaff(s, 'operator')).token);
      const signedIn = await signInTestStaff(s, 'finance');
      finance = { ...bearer(signedIn.token), staffId: signedIn.staffId };
    };
    s.clock.set('2026-06-10T02:00:00Z');
    await signInAgain();
    expect((await call(finance, 'PUT', url, { lprBps: 300 })).json()).toMatchObject({
      capBps: 1200,
      effectiveFrom: '2026-06-10',
    });
    // Not before today: yesterday is refused at /body/effectiveFrom, and nothing is kept.
    const past = await call(finance, 'PUT', url, { lprBps: 345, effectiveFrom: '2026-06-09' });
    expect([past.statusCode, past.json().code]).toEqual([422, 'CATALOG_RATE_CAP_INVALID']);
    expect(past.json().errors).toEqual([
      { path: '/body/effectiveFrom', message: 'from 2026-06-10 to 2027-06-11', code: 'effective_from_past' },
    ]);
    const tooFar = await call(finance, 'PUT', url, { lprBps: 345, effectiveFrom: '2027-06-12' });
    expect(tooFar.json().errors[0]).toMatchObject({ path: '/body/effectiveFrom', code: 'effective_from_invalid' });
    // The PBOC publishes 3.45 % on the 10th, in force from the 20th: the answer is still 12.00 % now,
    // with the change scheduled (the 13.03 % offer would then be within the cap).
    const scheduled = await call(finance, 'PUT', url, { lprBps: 345, capMultiple: 4, effectiveFrom: '2026-06-20' });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    expect(scheduled.json()).toMatchObject({
      rateCap: { lprBps: 300, capMultiple: 4 },
      capBps: 1200,
      effectiveFrom: '2026-06-10',
      scheduled: [{ lprBps: 345, capMultiple: 4, capBps: 1380, effectiveFrom: '2026-06-20', setBy: finance.staffId }],
    });
    expect(scheduled.json().history[0]).toMatchObject({ capBps: 1380, effectiveFrom: '2026-06-20' });
    expect(scheduled.json().history[1]).toMatchObject({ capBps: 1200, effectiveFrom: '2026-06-10' });
    // An offer at 13.03 % on the 19th (23:59 in Shanghai) is refused: the cap in force is still 12.00 %.
    s.clock.set('2026-06-19T15:59:00Z');
    await signInAgain();
    const early = await call(operator, 'POST', '/v1/admin/installment-offers', { ...feeOffer(), termMonths: 6 });
    expect([early.statusCode, early.json().code]).toEqual([422, 'CATALOG_OFFER_RATE_ABOVE_CAP']);
    expect(early.json().detail).toContain('above the cap of 12.00 % (4 × LPR 3.00 %)');
    // From 00:00 on the 20th in Shanghai (16:00 UTC on the 19th) the new cap is in force: the offer saves.
    s.clock.set('2026-06-19T16:00:00Z');
    const shown = (await call(operator, 'GET', url)).json();
    expect(shown).toMatchObject({ capBps: 1380, effectiveFrom: '2026-06-20', scheduled: [] });
    const onTime = await call(operator, 'POST', '/v1/admin/installment-offers', { ...feeOffer(), termMonths: 6 });
    expect(onTime.statusCode, onTime.body).toBe(201);
    expect(onTime.json().aprSimpleBps).toBeLessThanOrEqual(1380);
    const listed = await call(operator, 'GET', `/v1/admin/installment-offers?skuId=${skuId}`);
    expect(listed.json().rateCap).toEqual({ lprBps: 345, capMultiple: 4, capBps: 1380 });
    // The audit names the day and the cap it replaces on that day.
    const audit = await queryRows<{ detail: { before: unknown; after: unknown; effectiveFrom: string } }>(
      s.ctx.database.db,
      sql`select detail from identity_audit_log where action = 'catalog.rate_cap_changed'
          and detail->>'effectiveFrom' = '2026-06-20'`,
    );
    expect(audit[0]?.detail).toMatchObject({
      before: { lprBps: 300, capMultiple: 4 },
      after: { lprBps: 345, capMultiple: 4 },
      effectiveFrom: '2026-06-20',
    });
  });
});
