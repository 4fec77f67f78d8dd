// Paying a bill through Alipay or WeChat Pay, end to end over HTTP: the customer asks to pay, gets the
// sandbox cashier, pays there; the sandbox's signed callback reaches /v1/webhooks/<channel>, payments
// posts channel clearing → receivables, and billing (told by payments.payment_succeeded) allocates it
// over the bill's lines. A payment the bill no longer needs lands in the customer's wallet.
import type { AddressInfo } from 'node:net';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { assertLedgerConsistent } from '@zulin/ledger';
import { deliverSandboxCallbacks, sandboxKeys, usePaymentsBaseUrl } from '@zulin/payments/testing';
import { runCommand } from '@zulin/platform';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { withdrawBill } from './withdraw-bill';

describeDb('paying a bill through a channel', (get) => {
  let s: TestServer;
  let finance: { token: string };
  const call = (token: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    s.app.inject({ method, url, payload: payload as object, headers: token ? bearer(token) : {} });
  const charge = (customerId: string, lines: { kind: string; description: string; amountMinor: number }[]) =>
    call(finance.token, 'POST', '/v1/admin/bills', { customerId, title: '12月租金', dueDate: '2026-12-20', lines });
  /** The channel's cashier of a payment (the route answers the recorded attempt; it is submitted after the commit). */
  const cashierOf = async (token: string, paymentId: string): Promise<string> => {
    const payment = (await call(token, 'GET', `/v1/payments/${paymentId}`)).json();
    expect(payment.state).toBe('pending');
    return payment.cashierUrl;
  };
  const payAtCashier = async (cashierUrl: string) => {
    const paid = await s.app.inject({
      method: 'POST',
      url: `/v1/sandbox/payments/cashier/${cashierUrl.split('/').at(-1)}/pay`,
    });
    expect(paid.statusCode).toBe(200);
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

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: new Date().toISOString() });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    finance = await signInTestStaff(s, 'finance');
  });
  afterAll(async () => {
    await s?.close();
  });

  for (const channel of ['alipay', 'wechatpay'] as const) {
    test(`${channel}: the bill is paid when the signed callback arrives, allocated penalty first`, async () => {
      const alice = await signInTestCustomer(s);
      const bill = (
        await charge(alice.customerId, [
          { kind: 'rent', description: '租金', amountMinor: 29_900 },
          { kind: 'penalty', description: '逾期违约金', amountMinor: 150 },
        ])
      ).json();
      const started = await call(alice.token, 'POST', `/v1/bills/${bill.id}/pay`, { method: channel });
      expect(started.statusCode).toBe(201);
      const { channelPayment } = started.json();
      // The answer is the attempt as the command recorded it; the channel was asked after the commit.
      expect(channelPayment).toMatchObject({ channel, amountMinor: 30_050, state: 'created', cashierUrl: null });
      const cashierUrl = await cashierOf(alice.token, channelPayment.id);
      expect(cashierUrl).toMatch(/sandbox-cashier\//);
      expect(started.json().bill).toMatchObject({ status: 'open', outstandingMinor: 30_050 });
      // Asking again before paying answers the same attempt, not a second one.
      const again = await call(alice.token, 'POST', `/v1/bills/${bill.id}/pay`, { method: channel });
      expect(again.json().channelPayment.id).toBe(channelPayment.id);

      await payAtCashier(cashierUrl);
      const after = (await call(alice.token, 'GET', `/v1/bills/${bill.id}`)).json();
      expect(after).toMatchObject({ status: 'paid', paidMinor: 30_050, outstandingMinor: 0 });
      expect(after.payments).toHaveLength(1);
      expect(after.payments[0]).toMatchObject({
        method: channel,
        amountMinor: 30_050,
        transferId: `txn_pay_${channelPayment.id}`,
        allocations: [
          { position: 1, amountMinor: 150 },
          { position: 0, amountMinor: 29_900 },
        ],
      });
      const payment = await call(alice.token, 'GET', `/v1/payments/${channelPayment.id}`);
      expect(payment.json()).toMatchObject({ state: 'succeeded', purpose: 'billing.bill', reference: bill.id });
      // Paid bills cannot be paid again, by either path.
      expect((await call(alice.token, 'POST', `/v1/bills/${bill.id}/pay`, { method: channel })).json().code).toBe(
        'BILLING_BILL_SETTLED',
      );
      expect((await call(alice.token, 'POST', `/v1/bills/${bill.id}/pay`, { method: 'wallet' })).json().code).toBe(
        'BILLING_BILL_SETTLED',
      );
      await assertLedgerConsistent(s.ctx.database.db);
    });
  }

  test('an Idempotency-Key names one attempt: a retry while the channel is slow, or after, answers the same payment', async () => {
    const alice = await signInTestCustomer(s);
    const bill = (await charge(alice.customerId, [{ kind: 'rent', description: '租金', amountMinor: 8_800 }])).json();
    const keyed = (key: string) =>
      s.app.inject({
        method: 'POST',
        url: `/v1/bills/${bill.id}/pay`,
        payload: { method: 'wechatpay' },
        headers: { ...bearer(alice.token), 'idempotency-key': key },
      });
    const ordersOfBill = async () =>
      (await call(finance.token, 'GET', `/v1/admin/payments?customerId=${alice.customerId}`)).json().data as {
        id: string;
        reference: string;
      }[];
    // The channel answers the create only after 2 s: the first request is still waiting when the
    // client's retry (same key) comes in, long enough later that the platform takes the claim over.
    await s.app.inject({
      method: 'PUT',
      url: '/v1/sandbox/payments/knobs',
      payload: { timeoutNextCalls: 1, timeoutSeconds: 2 },
    });
    const first = keyed('pay-bill-once');
    for (let i = 0; i < 100 && (await ordersOfBill()).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    s.clock.advance(61_000);
    const retry = await keyed('pay-bill-once');
    const firstAnswer = await first;
    await s.app.inject({ method: 'POST', url: '/v1/sandbox/payments/knobs/reset' });
    const answered = [firstAnswer, retry].filter((r) => r.statusCode === 201).map((r) => r.json().channelPayment.id);
    expect(answered.length).toBeGreaterThan(0);
    expect(new Set(answered).size).toBe(1);
    const orders = await ordersOfBill();
    expect(orders.map((o) => o.id)).toEqual([answered[0]]);
    // Replaying the key once the attempt is decided answers it again and starts nothing.
    const replay = await keyed('pay-bill-once');
    expect(replay.statusCode).toBe(201);
    expect(replay.json().channelPayment.id).toBe(answered[0]);
    expect(await ordersOfBill()).toHaveLength(1);
    // The attempt reached the channel after its record was committed: it is pending with a cashier.
    const payment = (await call(alice.token, 'GET', `/v1/payments/${answered[0]}`)).json();
    expect(payment).toMatchObject({ state: 'pending', amountMinor: 8_800 });
  });

  test('another customer’s bill answers 404 and starts nothing; an amount above what is owed is refused', async () => {
    const alice = await signInTestCustomer(s);
    const bob = await signInTestCustomer(s);
    const bill = (await charge(alice.customerId, [{ kind: 'fee', description: '配件', amountMinor: 1_000 }])).json();
    const stranger = await call(bob.token, 'POST', `/v1/bills/${bill.id}/pay`, { method: 'alipay' });
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json().code).toBe('BILLING_BILL_NOT_FOUND');
    const tooMuch = await call(alice.token, 'POST', `/v1/bills/${bill.id}/pay`, {
      method: 'alipay',
      amountMinor: 1_001,
    });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().code).toBe('BILLING_AMOUNT_INVALID');
    const list = await call(finance.token, 'GET', `/v1/admin/payments?customerId=${alice.customerId}`);
    expect(list.json().data).toEqual([]);
  });

  test('two channel payments for one bill: the second pays what is left and the rest goes to the wallet', async () => {
    const alice = await signInTestCustomer(s);
    const bill = (await charge(alice.customerId, [{ kind: 'rent', description: '租金', amountMinor: 12_000 }])).json();
    const part = (
      await call(alice.token, 'POST', `/v1/bills/${bill.id}/pay`, { method: 'wechatpay', amountMinor: 5_000 })
    ).json().channelPayment;
    const whole = (await call(alice.token, 'POST', `/v1/bills/${bill.id}/pay`, { method: 'alipay' })).json()
      .channelPayment;
    expect(whole.amountMinor).toBe(12_000);
    await payAtCashier(await cashierOf(alice.token, part.id));
    expect((await call(alice.token, 'GET', `/v1/bills/${bill.id}`)).json()).toMatchObject({
      status: 'open',
      outstandingMinor: 7_000,
    });
    await payAtCashier(await cashierOf(alice.token, whole.id));
    const after = (await call(alice.token, 'GET', `/v1/bills/${bill.id}`)).json();
    expect(after).toMatchObject({ status: 'paid', paidMinor: 12_000 });
    expect(after.payments.map((p: { method: string; amountMinor: number }) => [p.method, p.amountMinor])).toEqual([
      ['wechatpay', 5_000],
      ['alipay', 7_000],
    ]);
    // 120 元 paid for a bill that then owed 70 元: 50 元 is the customer's, in the wallet.
    expect((await call(alice.token, 'GET', '/v1/wallet')).json().availableMinor).toBe(5_000);
    await assertLedgerConsistent(s.ctx.database.db);
  });

  test('a channel payment confirmed after its bill was withdrawn is refunded in full, not kept', async () => {
    const alice = await signInTestCustomer(s);
    const bill = (
      await charge(alice.customerId, [{ kind: 'rent', description: '首付款', amountMinor: 59_990 }])
    ).json();
    const started = (await call(alice.token, 'POST', `/v1/bills/${bill.id}/pay`, { method: 'alipay' })).json()
      .channelPayment;
    const cashierUrl = await cashierOf(alice.token, started.id);
    // Its source withdraws the bill (an installment order expired unpaid) while the customer is at the cashier.
    await runCommand(s.ctx.database, (tx) =>
      withdrawBill(
        tx,
        { clock: s.clock, timeZone: s.ctx.config.timeZone },
        {
          billId: bill.id,
          sourceType: bill.sourceType,
          sourceId: bill.sourceId,
          reason: { code: 'installment_order_cancelled', params: { cause: 'expiry' } },
        },
      ),
    );
    await payAtCashier(cashierUrl);
    const after = (await call(alice.token, 'GET', `/v1/bills/${bill.id}`)).json();
    expect(after).toMatchObject({ status: 'waived', withdrawn: true, paidMinor: 0, waivedMinor: 59_990 });
    expect(after.payments).toEqual([]);
    // Nothing kept in the wallet: the whole ¥599.90 is refunded to Alipay, approved at once.
    expect((await call(alice.token, 'GET', '/v1/wallet')).json().availableMinor).toBe(0);
    const payment = (await call(finance.token, 'GET', `/v1/admin/payments/${started.id}`)).json();
    expect(payment.refunds).toHaveLength(1);
    expect(payment.refunds[0]).toMatchObject({ amountMinor: 59_990, outRequestNo: `${started.id}_withdrawn` });
    expect(payment.refunds[0].state).not.toBe('pending_approval');
    await assertLedgerConsistent(s.ctx.database.db);
  });

  test('a bill withdrawn while the customer is at the cashier: the janitor closes the trade at the channel, the cashier refuses, nothing moves', async () => {
    const bob = await signInTestCustomer(s);
    const bill = (await charge(bob.customerId, [{ kind: 'rent', description: '首付款', amountMinor: 59_990 }])).json();
    const started = (await call(bob.token, 'POST', `/v1/bills/${bill.id}/pay`, { method: 'wechatpay' })).json()
      .channelPayment;
    const cashierUrl = await cashierOf(bob.token, started.id);
    await runCommand(s.ctx.database, (tx) =>
      withdrawBill(
        tx,
        { clock: s.clock, timeZone: s.ctx.config.timeZone },
        {
          billId: bill.id,
          sourceType: bill.sourceType,
          sourceId: bill.sourceId,
          reason: { code: 'installment_order_cancelled', params: { cause: 'expiry' } },
        },
      ),
    );
    expect(await s.runSweep('payments.janitor')).toMatchObject({ asked: 1, closed: 1 });
    const late = await s.app.inject({
      method: 'POST',
      url: `/v1/sandbox/payments/cashier/${cashierUrl.split('/').at(-1)}/pay`,
    });
    expect(late.statusCode).toBeGreaterThanOrEqual(400);
    const payment = (await call(finance.token, 'GET', `/v1/admin/payments/${started.id}`)).json();
    expect(payment).toMatchObject({ payment: { state: 'closed' }, refunds: [] });
    expect((await call(bob.token, 'GET', `/v1/bills/${bill.id}`)).json()).toMatchObject({ paidMinor: 0, payments: [] });
    expect((await call(bob.token, 'GET', '/v1/wallet')).json().availableMinor).toBe(0);
    await assertLedgerConsistent(s.ctx.database.db);
  });
});
