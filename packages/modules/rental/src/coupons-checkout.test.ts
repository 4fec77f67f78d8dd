// Coupons at checkout, end to end over HTTP (docs/marketing.md, "At checkout"): the console creates
// the templates, the customer redeems WELCOME50 (¥50 off a first payment of ¥300 or more, first order
// only), the quote shows its line on a ¥899/month plan, placing the order uses it in the order's
// transaction (an idempotent repeat uses nothing twice), cancelling returns it, a second order is no
// first order, two non-stackable coupons are refused; paid, revenue is booked gross with the discount
// as marketing expense and the trial balance stays balanced.
import type { AddressInfo } from 'node:net';
import { createPlan } from '@zulin/catalog';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import { assertLedgerConsistent, getBalances, platformAccount, trialBalance } from '@zulin/ledger';
import { deliverSandboxCallbacks, sandboxKeys, usePaymentsBaseUrl } from '@zulin/payments/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestRentalStock, rentalTestKit, testAddress } from './testing';

describeDb('coupons at checkout', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof rentalTestKit>;
  let skuId: string;
  let planId: string;
  let staffToken: string;
  let n = 0;
  const admin = (url: string, payload: unknown) =>
    s.app.inject({ method: 'POST', url, payload: payload as object, headers: bearer(staffToken) });
  const template = (over: Record<string, unknown>) => ({
    target: 'first_payment',
    validFromDate: '2026-01-01',
    validToDate: '2026-12-31',
    ...over,
  });
  const redeem = async (token: string, code: string) => {
    const res = await kit.call(token, 'POST', '/v1/coupons/redeem', { code });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  const mine = async (token: string) => (await kit.call(token, 'GET', '/v1/coupons')).json().data;
  const place = (token: string, couponCodes: string[], key?: string) => {
    n += 1;
    return kit.call(token, 'POST', '/v1/rentals', { skuId, planId, couponCodes, address: testAddress(n) }, key);
  };
  const balance = async (purpose: 'rent_revenue' | 'marketing_expense') => {
    const id = (await platformAccount(s.ctx.database.db, s.clock, purpose)).id;
    const b = (await getBalances(s.ctx.database.db, [id])).get(id);
    return (b?.creditsPostedMinor ?? 0) - (b?.debitsPostedMinor ?? 0);
  };

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: '2026-03-02T02:00:00Z' });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    kit = rentalTestKit(s, signInTestCustomer);
    const stock = await createTestRentalStock(createTestStock, s.ctx.database.db, { units: 6, now: s.clock.now() });
    skuId = stock.skuId;
    const plan = await createPlan(s.ctx.database.db, {
      input: { skuId, termUnit: 'month', termCount: 6, rentMinor: 89_900, buyoutAtEndMinor: 300_000 },
      actor: { kind: 'system' },
      now: s.clock.now(),
    });
    planId = plan.id;
    staffToken = (await signInTestStaff(s, 'marketing')).token;
    const created = [
      await admin(
        '/v1/admin/coupons',
        template({
          name: '新人满300减50',
          kind: 'threshold',
          amountMinor: 5_000,
          thresholdMinor: 30_000,
          firstOrderOnly: true,
          code: 'welcome50',
        }),
      ),
      await admin(
        '/v1/admin/coupons',
        template({
          name: '九折',
          kind: 'percent',
          percentBps: 1_000,
          capMinor: 8_000,
          target: 'rent',
          stackable: true,
          code: 'RENT10',
        }),
      ),
    ];
    for (const res of created) expect(res.statusCode).toBe(201);
    expect(created[0]?.json().code).toBe('WELCOME50');
  });
  afterAll(async () => {
    await s?.close();
  });

  test('¥50 off a ¥899 first payment: the quote shows the line, the order charges it, cancelling returns the coupon', async () => {
    const alice = await kit.verifiedCustomer(700);
    const coupon = await redeem(alice.token, 'WELCOME50');
    const quote = await kit.call(alice.token, 'POST', '/v1/rentals/quote', { skuId, planId, couponCodes: [coupon] });
    expect(quote.statusCode).toBe(200);
    expect(quote.json()).toMatchObject({
      upfrontMinor: 89_900,
      discountMinor: 5_000,
      discounts: [{ code: coupon, amountMinor: 5_000 }],
      firstPaymentMinor: 84_900,
    });
    // Someone else's coupon is not found, and nothing without a token.
    const bob = await kit.verifiedCustomer(700);
    const foreign = await kit.call(bob.token, 'POST', '/v1/rentals/quote', { skuId, planId, couponCodes: [coupon] });
    expect(foreign.json().code).toBe('MARKETING_COUPON_NOT_FOUND');
    const anonymous = await kit.call(null, 'POST', '/v1/rentals/quote', { skuId, planId, couponCodes: [coupon] });
    expect(anonymous.statusCode).toBe(404);

    const placed = await place(alice.token, [coupon], 'coupon-order-1');
    expect(placed.statusCode).toBe(201);
    expect(placed.json()).toMatchObject({ firstPaymentMinor: 84_900 });
    expect((await mine(alice.token))[0]).toMatchObject({ id: coupon, state: 'used', orderId: placed.json().id });
    // The same key again answers the same order and uses nothing twice.
    n -= 1;
    const again = await place(alice.token, [coupon], 'coupon-order-1');
    expect(again.json().id).toBe(placed.json().id);
    // Another order with the used coupon is refused, and leaves no order.
    const twice = await place(alice.token, [coupon]);
    expect(twice.json().code).toBe('MARKETING_COUPON_USED');

    const cancelled = await kit.call(alice.token, 'POST', `/v1/rentals/${placed.json().id}/cancel`, {
      reason: '不想要了',
    });
    expect(cancelled.statusCode).toBe(200);
    expect((await mine(alice.token))[0]).toMatchObject({ id: coupon, state: 'available', orderId: null });
  });

  test('first order only: refused on the second order; two non-stackable coupons refused; 10 % capped at ¥80 stacks', async () => {
    const carol = await kit.verifiedCustomer(700);
    const first = await place(carol.token, []);
    expect(first.statusCode).toBe(201);
    const welcome = await redeem(carol.token, 'WELCOME50');
    const refused = await kit.call(carol.token, 'POST', '/v1/rentals/quote', { skuId, planId, couponCodes: [welcome] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'MARKETING_COUPON_NOT_FIRST_ORDER',
      errors: [{ path: '/body/couponCodes/0' }],
    });

    const dave = await kit.verifiedCustomer(700);
    const a = await redeem(dave.token, 'WELCOME50');
    const b = await redeem(dave.token, 'RENT10');
    const notStackable = await admin(
      '/v1/admin/coupons',
      template({ name: '立减20', kind: 'fixed', amountMinor: 2_000, code: `FIX${n}X` }),
    );
    const c = await redeem(dave.token, notStackable.json().code);
    const both = await kit.call(dave.token, 'POST', '/v1/rentals/quote', { skuId, planId, couponCodes: [a, c] });
    expect(both.json().code).toBe('MARKETING_COUPON_NOT_STACKABLE');
    // RENT10 stacks: ¥50 off, then 10 % of ¥899 = ¥89.90 capped at ¥80.
    const stacked = await kit.call(dave.token, 'POST', '/v1/rentals/quote', { skuId, planId, couponCodes: [a, b] });
    expect(stacked.json()).toMatchObject({
      discounts: [
        { code: a, amountMinor: 5_000 },
        { code: b, amountMinor: 8_000 },
      ],
      discountMinor: 13_000,
      firstPaymentMinor: 76_900,
    });
  });

  test('paid with a coupon: rent revenue ¥899.00 gross, marketing expense ¥50.00, the trial balance balanced', async () => {
    const erin = await kit.verifiedCustomer(700);
    const coupon = await redeem(erin.token, 'WELCOME50');
    const placed = await place(erin.token, [coupon]);
    expect(placed.statusCode).toBe(201);
    const signed = await kit.signOrder(erin, placed.json());
    expect(signed.statusCode).toBe(200);
    const rentBefore = await balance('rent_revenue');
    const expenseBefore = await balance('marketing_expense');
    const started = await kit.call(erin.token, 'POST', `/v1/rentals/${placed.json().id}/pay`, {
      channel: 'alipay',
      payerToken: '286000000000000001',
    });
    expect(started.statusCode).toBe(201);
    expect(started.json().channelPayment).toMatchObject({ amountMinor: 84_900 });
    const cashier = String(started.json().channelPayment.cashierUrl).split('/').at(-1);
    expect(
      (await s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/cashier/${cashier}/pay` })).statusCode,
    ).toBe(200);
    await deliverSandboxCallbacks(s.ctx.database.db, {
      clock: s.clock,
      keys: await sandboxKeys(s.ctx.database.db, s.clock.now()),
      post: async ({ url, headers, body }) => {
        const answer = await s.app.inject({ method: 'POST', url: new URL(url).pathname, headers, payload: body });
        return { status: answer.statusCode, body: answer.body };
      },
    });
    for (let i = 0; i < 10; i++) if (!(await s.worker.runOnce()).busy) break;
    expect((await kit.call(erin.token, 'GET', `/v1/rentals/${placed.json().id}`)).json().status).toBe('paid');
    expect((await balance('rent_revenue')) - rentBefore).toBe(89_900);
    expect((await balance('marketing_expense')) - expenseBefore).toBe(-5_000);
    await assertLedgerConsistent(s.ctx.database.db);
    const tb = await trialBalance(s.ctx.database.db, 'CNY');
    expect(tb.postedDebitsMinor).toBe(tb.postedCreditsMinor);
  });
});
