// Paying a rental order through payments, end to end over HTTP with the channel sandboxes: the first
// payment at the cashier, the deposit not waived held as an Alipay fund authorisation (part of it
// covered by credit), the order paid exactly once when both are done; cancelling before shipping
// refunds the first payment in full and releases the hold and the phone; a payment that arrives
// after the order expired is refunded. The ledger balances at every step, with real numbers.
import type { AddressInfo } from 'node:net';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import {
  assertLedgerConsistent,
  channelClearingAccount,
  getBalances,
  platformAccount,
  trialBalance,
} from '@zulin/ledger';
import {
  authorisationChannelClient,
  getAuthorisation,
  getRefund,
  paymentChannelClient,
  sendRefund,
} from '@zulin/payments';
import { deliverSandboxCallbacks, sandboxKeys, usePaymentsBaseUrl } from '@zulin/payments/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { expireUnpaidOrders } from './expire-unpaid-orders';
import { releaseDeposits } from './release-deposits';
import { rentalOrders } from './schema';
import { createTestRentalStock, rentalTestKit, testAddress } from './testing';

describeDb('paying a rental order: first payment, deposit hold, cancellation', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof rentalTestKit>;
  let stock: Awaited<ReturnType<typeof createTestRentalStock>>;
  let n = 0;
  const deps = () => ({ clock: s.clock, timeZone: s.ctx.config.timeZone, masterKey: s.ctx.config.masterKey });
  const balance = async (accountId: string) => {
    const b = (await getBalances(s.ctx.database.db, [accountId])).get(accountId);
    return (b?.creditsPostedMinor ?? 0) - (b?.debitsPostedMinor ?? 0);
  };
  const accounts = async () => ({
    clearing: (await channelClearingAccount(s.ctx.database.db, s.clock, 'alipay')).id,
    receivables: (await platformAccount(s.ctx.database.db, s.clock, 'customer_receivables')).id,
    rent: (await platformAccount(s.ctx.database.db, s.clock, 'rent_revenue')).id,
  });
  const snapshot = async () => {
    const a = await accounts();
    return {
      clearing: await balance(a.clearing),
      receivables: await balance(a.receivables),
      rent: await balance(a.rent),
    };
  };
  const balanced = async () => {
    await assertLedgerConsistent(s.ctx.database.db);
    const tb = await trialBalance(s.ctx.database.db, 'CNY');
    expect(tb.postedDebitsMinor).toBe(tb.postedCreditsMinor);
  };
  const drain = async () => {
    await deliverSandboxCallbacks(s.ctx.database.db, {
      clock: s.clock,
      keys: await sandboxKeys(s.ctx.database.db, s.clock.now()),
      post: async ({ url, headers, body }) => {
        const answer = await s.app.inject({ method: 'POST', url: new URL(url).pathname, headers, payload: body });
        return { status: answer.statusCode, body: answer.body };
      },
    });
    for (let i = 0; i < 10; i++) if (!(await s.worker.runOnce()).busy) break;
  };
  const payAtCashier = async (cashierUrl: string) => {
    const paid = await s.app.inject({
      method: 'POST',
      url: `/v1/sandbox/payments/cashier/${cashierUrl.split('/').at(-1)}/pay`,
    });
    expect(paid.statusCode).toBe(200);
    await drain();
  };
  const release = () =>
    releaseDeposits(s.ctx.database, {
      clock: s.clock,
      clientOf: (channel) => authorisationChannelClient(s.ctx, channel),
    });
  /** A signed order of a customer whose bureau score is `score`. */
  const signedOrder = async (score: number) => {
    const customer = await kit.verifiedCustomer(score);
    n += 1;
    const placed = await kit.call(
      customer.token,
      'POST',
      '/v1/rentals',
      { skuId: stock.skuId, planId: stock.planId, address: testAddress(n) },
      `pay-order-${n}`,
    );
    expect(placed.statusCode).toBe(201);
    const signed = await kit.signOrder(customer, placed.json());
    expect(signed.statusCode).toBe(200);
    expect(signed.json().status).toBe('awaiting_payment');
    return { customer, order: signed.json() };
  };

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: new Date().toISOString() });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    kit = rentalTestKit(s, signInTestCustomer);
    stock = await createTestRentalStock(createTestStock, s.ctx.database.db, { units: 6, now: s.clock.now() });
  });
  afterAll(async () => {
    await s?.close();
  });
  beforeEach(async () => {
    await s.app.inject({ method: 'POST', url: '/v1/sandbox/payments/knobs/reset' });
  });

  test('alipay: ¥259.00 at the cashier and a ¥1,799.70 hold (credit ¥1,000.00) → paid once; cancel refunds ¥259.00 and releases the hold and the phone', async () => {
    // Score 660: 70 % of the ¥5,999.00 deposit waived (¥4,199.30), ¥1,799.70 to hold.
    const { customer, order } = await signedOrder(660);
    expect(order).toMatchObject({
      firstPaymentMinor: 25_900,
      depositWaivedMinor: 419_930,
      depositToHoldMinor: 179_970,
    });
    await s.app.inject({
      method: 'PUT',
      url: '/v1/sandbox/payments/knobs',
      payload: { creditAvailableMinor: 100_000 },
    });
    const before = await snapshot();

    // The deposit needs the payer's token.
    const noToken = await kit.call(customer.token, 'POST', `/v1/rentals/${order.id}/pay`, { channel: 'alipay' });
    expect(noToken.statusCode).toBe(422);
    expect(noToken.json().code).toBe('RENTAL_PAYER_TOKEN_REQUIRED');
    // Another customer's order is not found.
    const stranger = await signInTestCustomer(s);
    const foreign = await kit.call(stranger.token, 'POST', `/v1/rentals/${order.id}/pay`, { channel: 'alipay' });
    expect(foreign.statusCode).toBe(404);

    const started = await kit.call(
      customer.token,
      'POST',
      `/v1/rentals/${order.id}/pay`,
      { channel: 'alipay', payerToken: '286000000000000001' },
      `pay-${order.id}`,
    );
    expect(started.statusCode).toBe(201);
    const body = started.json();
    expect(body.channelPayment).toMatchObject({ channel: 'alipay', amountMinor: 25_900, state: 'pending' });
    expect(body.deposit).toMatchObject({
      state: 'authorised',
      amountMinor: 179_970,
      creditMinor: 100_000,
      fundMinor: 79_970,
    });
    // Held but not paid yet: still awaiting payment; nothing posted (a hold moves none of our money).
    expect(body.order.status).toBe('awaiting_payment');
    expect(await snapshot()).toEqual(before);
    // Asking again answers the same payment and does not hold a second time.
    const again = await kit.call(customer.token, 'POST', `/v1/rentals/${order.id}/pay`, {
      channel: 'alipay',
      payerToken: '286000000000000001',
    });
    expect(again.json().channelPayment.id).toBe(body.channelPayment.id);
    expect(again.json().deposit).toBeNull();

    await payAtCashier(body.channelPayment.cashierUrl);
    const paid = (await kit.call(customer.token, 'GET', `/v1/rentals/${order.id}`)).json();
    expect(paid.status).toBe('paid');
    expect(paid.timeline.filter((t: { action: string }) => t.action === 'pay')).toHaveLength(1);
    // clearing +¥259.00 (the channel owes us), receivables back to where it was, rent revenue +¥259.00.
    const afterPay = await snapshot();
    expect(afterPay.clearing - before.clearing).toBe(-25_900);
    expect(afterPay.receivables - before.receivables).toBe(0);
    expect(afterPay.rent - before.rent).toBe(25_900);
    await balanced();

    // Cancelled before shipping: the booking reversed, the whole ¥259.00 refunded, the hold released.
    const cancelled = await kit.call(customer.token, 'POST', `/v1/rentals/${order.id}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    const [row] = await s.ctx.database.db.select().from(rentalOrders).where(eq(rentalOrders.id, order.id));
    expect(row?.firstPaymentRefundId).toMatch(/^prf_/);
    const refund = await getRefund(s.ctx.database.db, row?.firstPaymentRefundId ?? '');
    expect(refund).toMatchObject({ amountMinor: 25_900, state: 'approved' });
    await sendRefund(
      s.ctx.database,
      { clock: s.clock, client: await paymentChannelClient(s.ctx, 'alipay') },
      refund.id,
    );
    expect((await getRefund(s.ctx.database.db, refund.id)).state).toBe('succeeded');
    expect(await release()).toEqual({ released: 1, failed: 0 });
    const hold = await getAuthorisation(s.ctx.database.db, row?.depositAuthorisationId ?? '');
    expect(hold).toMatchObject({ state: 'released', releasedMinor: 179_970, capturedMinor: 0 });
    // Everything back where it was: the money went back the way it came.
    expect(await snapshot()).toEqual(before);
    await balanced();
    // The phone is back in stock for the next order, and a second sweep releases nothing.
    expect(await release()).toEqual({ released: 0, failed: 0 });
  });

  test('all waived (score 700): the payment alone makes it paid; a payment after the order expired is refunded', async () => {
    const { customer, order } = await signedOrder(700);
    expect(order.depositToHoldMinor).toBe(0);
    const started = await kit.call(customer.token, 'POST', `/v1/rentals/${order.id}/pay`, { channel: 'wechatpay' });
    expect(started.statusCode).toBe(201);
    expect(started.json().deposit).toBeNull();
    await payAtCashier(started.json().channelPayment.cashierUrl);
    expect((await kit.call(customer.token, 'GET', `/v1/rentals/${order.id}`)).json().status).toBe('paid');

    // Another order: the customer opens the cashier but pays only after the 2 h deadline.
    const late = await signedOrder(700);
    const lateStart = await kit.call(late.customer.token, 'POST', `/v1/rentals/${late.order.id}/pay`, {
      channel: 'alipay',
    });
    const before = await snapshot();
    s.clock.advance(2 * 60 * 60 * 1000 + 1000);
    // Paying now is refused (signed in again: the access token lasts less than 2 h); the sweep cancels the order.
    const again = await signInTestCustomer(s, late.customer.phone);
    const tooLate = await kit.call(again.token, 'POST', `/v1/rentals/${late.order.id}/pay`, {
      channel: 'alipay',
    });
    expect(tooLate.statusCode).toBe(409);
    expect(tooLate.json().code).toBe('RENTAL_PAYMENT_DEADLINE_PASSED');
    expect(await expireUnpaidOrders(s.ctx.database.db, deps())).toEqual({ cancelled: 1 });
    await payAtCashier(lateStart.json().channelPayment.cashierUrl);
    const [row] = await s.ctx.database.db.select().from(rentalOrders).where(eq(rentalOrders.id, late.order.id));
    expect(row).toMatchObject({ status: 'cancelled', firstPaymentId: null });
    // The late ¥259.00 sits in receivables (not revenue) with an approved refund for it.
    const mid = await snapshot();
    expect(mid.receivables - before.receivables).toBe(25_900);
    expect(mid.rent - before.rent).toBe(0);
    const refunds = await s.app.inject({
      method: 'GET',
      url: '/v1/admin/refunds?state=approved',
      headers: bearer((await signInTestStaff(s, 'finance')).token),
    });
    const refund = refunds.json().data.find((r: { amountMinor: number; reason: string }) => r.reason.includes('退回'));
    expect(refund).toBeDefined();
    await sendRefund(
      s.ctx.database,
      { clock: s.clock, client: await paymentChannelClient(s.ctx, 'alipay') },
      refund.id,
    );
    expect(await snapshot()).toEqual(before);
    await balanced();
  });

  test('the 2 h deadline passes while the customer is at the cashier: the trade is closed at the channel, the cashier refuses, nothing to refund', async () => {
    const late = await signedOrder(700);
    const started = await kit.call(late.customer.token, 'POST', `/v1/rentals/${late.order.id}/pay`, {
      channel: 'wechatpay',
    });
    expect(started.statusCode).toBe(201);
    const before = await snapshot();
    s.clock.advance(2 * 60 * 60 * 1000 + 1000);
    expect(await expireUnpaidOrders(s.ctx.database.db, deps())).toEqual({ cancelled: 1 });
    expect(await s.runSweep('payments.janitor')).toMatchObject({ asked: 1, closed: 1 });
    const cashier = String(started.json().channelPayment.cashierUrl).split('/').at(-1);
    const refused = await s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/cashier/${cashier}/pay` });
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    const finance = await signInTestStaff(s, 'finance');
    const payment = await s.app.inject({
      method: 'GET',
      url: `/v1/admin/payments/${started.json().channelPayment.id}`,
      headers: bearer(finance.token),
    });
    expect(payment.json()).toMatchObject({ payment: { state: 'closed' }, refunds: [] });
    expect(await snapshot()).toEqual(before);
    await balanced();
  });
});
