// The lists and the console's view of installment orders, and what a cancellation tells the customer
// and where it sends the money: a customer lists only their own orders; the console lists every order
// by status and reads one with its days past due, bucket, accrued penalty, payments and postings; a
// withdrawn down-payment bill is announced as cancelled (never "waived"); a down payment paid through
// Alipay goes back to Alipay, not to the wallet.
import type { AddressInfo } from 'node:net';
import { runTick, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { signInTestStaff } from '@zulin/identity/testing';
import { type Clock, today } from '@zulin/kernel';
import { assertLedgerConsistent, trialBalance } from '@zulin/ledger';
import { getRefund, paymentChannelClient, sendRefund } from '@zulin/payments';
import { deliverSandboxCallbacks, sandboxKeys, usePaymentsBaseUrl } from '@zulin/payments/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { walletBalance } from '@zulin/wallet';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type ApiCustomer, createStandardOffer, installmentApiKit } from './testing';

describeDb('installment order lists, the console view, and where a cancellation sends the money', (get) => {
  let s: TestServer;
  let skuId: string;
  let productId: string;
  let offerId: string;
  let kit: ReturnType<typeof installmentApiKit>;
  const call = (token: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    kit.call(token, method, url, payload);
  const verifiedCustomer = () => kit.verifiedCustomer();
  const fund = (customerId: string, amountMinor: number) => kit.fund(customerId, amountMinor);
  const wallet = async (customerId: string) =>
    (await transaction(s.ctx.database, (tx) => walletBalance(tx, s.clock, customerId))).availableMinor;
  const drain = () => kit.drain();
  const net = async (code: number) => {
    const tb = await transaction(s.ctx.database, (tx) => trialBalance(tx, 'CNY'));
    const line = tb.accounts.find((a) => a.code === code);
    return line ? line.debitsPostedMinor - line.creditsPostedMinor : 0;
  };
  const place = (customer: ApiCustomer) => kit.place(customer, { skuId, offerId });
  const sign = (customer: ApiCustomer, order: { id: string; contractId: string }) => kit.sign(customer, order);
  const later = () => s.clock.set(new Date(s.clock.now().getTime() + 61_000));

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    s.clock.set('2026-06-01T02:00:00Z');
    kit = installmentApiKit(s, { idSequence: 710, name: '王五', birthYear: '1991' });
    // ¥5,999.00 with 10 % down (¥599.90), 12 months at 12 %.
    ({ skuId, productId, offerId } = await createStandardOffer(s, 20));
  });
  afterAll(async () => {
    await s?.close();
  });

  test('a customer lists their own orders only; the console lists all and reads one late order', async () => {
    s.clock.set('2026-06-01T02:00:00Z');
    const erin = await verifiedCustomer();
    const frank = await verifiedCustomer();
    await fund(erin.customerId, 1_000_000);
    const first = await place(erin);
    later();
    const second = await sign(erin, await place(erin));
    expect(
      (await call(erin.token, 'POST', `/v1/bills/${second.bills[0].billId}/pay`, { method: 'wallet' })).statusCode,
    ).toBe(201);
    await drain();
    later();
    await place(frank);

    const mine = await call(erin.token, 'GET', '/v1/installment-orders?limit=1');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().data.map((o: { id: string }) => o.id)).toEqual([second.id]);
    expect(mine.json().data[0]).toMatchObject({ status: 'active', aprSimpleBps: 1200, termMonths: 12 });
    expect(mine.json().data[0].deviceName).toMatch(/\S+ \S+/);
    const next = await call(erin.token, 'GET', `/v1/installment-orders?limit=1&cursor=${mine.json().nextCursor}`);
    expect(next.json()).toMatchObject({ data: [{ id: first.id, status: 'awaiting_signature' }], nextCursor: null });
    const active = await call(erin.token, 'GET', '/v1/installment-orders?status=active');
    expect(active.json().data.map((o: { id: string }) => o.id)).toEqual([second.id]);
    expect((await call(null, 'GET', '/v1/installment-orders')).statusCode).toBe(401);

    // The console: customers may not, a reader of orders may.
    expect((await call(erin.token, 'GET', '/v1/admin/installment-orders')).statusCode).toBe(401);
    const operator = await signInTestStaff(s, 'operator');
    const all = await call(operator.token, 'GET', `/v1/admin/installment-orders?customerId=${erin.customerId}`);
    expect(all.json().data.map((o: { id: string }) => o.id)).toEqual([second.id, first.id]);
    // Staff read who it is, masked — never a bare cus_ id; the customer's own list carries no label.
    const digits = erin.phone.replace(/^\+86/, '');
    const masked = `*五 ${digits.slice(0, 3)}****${digits.slice(-4)}`;
    expect(all.json().data.map((o: { customerLabel: string }) => o.customerLabel)).toEqual([masked, masked]);
    const own = await call(erin.token, 'GET', '/v1/installment-orders');
    expect(own.json().data[0].customerLabel).toBeUndefined();
    // By product (any of its SKUs), as the console's product picker asks; another product's id finds none.
    const byProduct = await call(
      operator.token,
      'GET',
      `/v1/admin/installment-orders?productId=${productId}&customerId=${erin.customerId}`,
    );
    expect(byProduct.json().data.map((o: { id: string }) => o.id)).toEqual([second.id, first.id]);
    const otherProduct = await call(operator.token, 'GET', '/v1/admin/installment-orders?productId=prd_none');
    expect(otherProduct.json().data).toEqual([]);
    const byStatus = await call(operator.token, 'GET', '/v1/admin/installment-orders?status=active&limit=100');
    expect(byStatus.json().data.every((o: { status: string }) => o.status === 'active')).toBe(true);

    // Period 1 is due 07-01 (¥532.80: 12 % on ¥5,399.10) and billed on 06-24; unpaid until 07-11, 10 days late.
    s.clock.set('2026-06-24T02:00:00Z');
    const tick = s.worker.ticks.find((t) => t.name === 'installment.issue_period_bills');
    if (!tick) throw new Error('no bill tick');
    await runTick(s.ctx.database.db, s.clock as Clock, tick, today(s.clock, s.ctx.config.timeZone), { force: true });
    s.clock.set('2026-07-11T02:00:00Z');
    const staff = await signInTestStaff(s, 'operator');
    const detail = await call(staff.token, 'GET', `/v1/admin/installment-orders/${second.id}`);
    expect(detail.statusCode).toBe(200);
    const d = detail.json();
    const period1 = d.order.schedule[0];
    expect(period1).toMatchObject({ period: 1, dueDate: '2026-07-01', billStatus: expect.any(String) });
    // Penalty at the cap (12 % a year) on period 1's principal for 10 days, rounded once half-up.
    const penalty = Math.floor((period1.principalMinor * 10 * 1200) / (10_000 * 365) + 0.5);
    expect(d.overdue).toMatchObject({
      asOfDate: '2026-07-11',
      daysPastDue: 10,
      bucket: 'M1',
      overduePeriods: [1],
      overduePrincipalMinor: period1.principalMinor,
      penaltyAnnualRateBps: 1200,
      penaltyAccruedMinor: penalty,
    });
    expect(penalty).toBeGreaterThan(0);
    expect(d.payments).toEqual([
      expect.objectContaining({ kind: 'down_payment', method: 'wallet', amountMinor: 59_990 }),
    ]);
    const codes = d.postings.map((p: { code: string }) => p.code);
    expect(codes).toContain('installment.sale');
    // The wallet payment of the down payment is among them (2500 wallet → 1150 receivables).
    expect(d.postings).toContainEqual(
      expect.objectContaining({ amountMinor: 59_990, debit: expect.objectContaining({ code: 2500 }) }),
    );
    const sale = d.postings.find((p: { code: string }) => p.code === 'installment.sale');
    expect(sale).toMatchObject({ amountMinor: 599_900, debit: { code: 1210 }, credit: { code: 4050 } });
    expect((await call(staff.token, 'GET', '/v1/admin/installment-orders/iord_nothing')).statusCode).toBe(404);
  });

  test('withdrawing an unpaid down payment tells the customer it was cancelled, not waived', async () => {
    s.clock.set('2026-08-01T02:00:00Z');
    const gina = await verifiedCustomer();
    const order = await sign(gina, await place(gina));
    const cancelled = await call(gina.token, 'POST', `/v1/installment-orders/${order.id}/cancel`, { reason: '不要了' });
    expect(cancelled.statusCode).toBe(200);
    await drain();
    const inbox = (await call(gina.token, 'GET', '/v1/me/notifications?limit=20')).json().data as {
      template: string;
      body: string;
    }[];
    const templates = inbox.map((n) => n.template);
    expect(templates).toContain('bills.bill_withdrawn');
    expect(templates).not.toContain('bills.bill_waived');
    expect(inbox.find((n) => n.template === 'bills.bill_withdrawn')?.body).toBe(
      '分期购机首付款 已撤销，您无需再支付 ¥599.90。',
    );
  });

  test('a down payment paid through Alipay is refunded to Alipay when the order is cancelled', async () => {
    s.clock.set('2026-09-01T02:00:00Z');
    const hana = await verifiedCustomer();
    await fund(hana.customerId, 100_000);
    // The day's ticks first (other orders' period bills move 1210), so the baseline is this order's.
    await drain();
    const financed = await net(1210);
    const sales = await net(4050);
    const receivables = await net(1150);
    const order = await sign(hana, await place(hana));
    const started = await call(hana.token, 'POST', `/v1/bills/${order.bills[0].billId}/pay`, { method: 'alipay' });
    expect(started.statusCode).toBe(201);
    const paymentId = started.json().channelPayment.id;
    const cashierUrl = (await call(hana.token, 'GET', `/v1/payments/${paymentId}`)).json().cashierUrl as string;
    expect(
      (await s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/cashier/${cashierUrl.split('/').at(-1)}/pay` }))
        .statusCode,
    ).toBe(200);
    await deliverSandboxCallbacks(s.ctx.database.db, {
      clock: s.clock,
      keys: await sandboxKeys(s.ctx.database.db, s.clock.now()),
      post: async ({ url, headers, body }) => {
        const answer = await s.app.inject({ method: 'POST', url: new URL(url).pathname, headers, payload: body });
        return { status: answer.statusCode, body: answer.body };
      },
    });
    await drain();
    expect((await call(hana.token, 'GET', `/v1/installment-orders/${order.id}`)).json().status).toBe('active');

    const cancelled = await call(hana.token, 'POST', `/v1/installment-orders/${order.id}/cancel`, {});
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', refundedMinor: 59_990 });
    // Not to the wallet: it holds what it held.
    expect(await wallet(hana.customerId)).toBe(100_000);
    const finance = await signInTestStaff(s, 'finance');
    const refunds = (await call(finance.token, 'GET', '/v1/admin/refunds?state=approved&limit=100')).json().data as {
      id: string;
      paymentId: string;
      amountMinor: number;
    }[];
    const refund = refunds.find((r) => r.paymentId === paymentId);
    expect(refund).toMatchObject({ amountMinor: 59_990 });
    await sendRefund(
      s.ctx.database,
      { clock: s.clock, client: await paymentChannelClient(s.ctx, 'alipay') },
      refund?.id ?? '',
    );
    expect((await getRefund(s.ctx.database.db, refund?.id ?? '')).state).toBe('succeeded');
    // 1210, 4050 and customer receivables are back where they were; the ledger balances.
    expect(await net(1210)).toBe(financed);
    expect(await net(4050)).toBe(sales);
    expect(await net(1150)).toBe(receivables);
    await transaction(s.ctx.database, (tx) => assertLedgerConsistent(tx));
  });
});
