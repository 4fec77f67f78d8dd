// The first payment paid from the wallet balance (`paymentInstrument: 'wallet'`), over HTTP: a
// ¥2,000.00 phone for a customer whose score waives 30 % of the deposit (¥600.00, so ¥1,400.00 to
// hold). Paid from the wallet, the first payment moves wallet → customer receivables and is booked as
// revenue in the same transaction, the order is paid at once (no cashier), and a short wallet — for
// the payment and the hold together — is refused with nothing written. Cancelled before shipping, the
// first payment comes back to the wallet at once (no channel refund) and the hold is released. The
// wallet may pay while the deposit is held by the channel; a channel payment left open at the cashier
// is abandoned, and if it is paid anyway it is refunded in full. The ledger balances at every step.
import type { AddressInfo } from 'node:net';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import { assertLedgerConsistent, customerAccount, getBalances, platformAccount, trialBalance } from '@zulin/ledger';
import { fundTestAccount } from '@zulin/ledger/testing';
import { authorisationChannelClient, getAuthorisation } from '@zulin/payments';
import { deliverSandboxCallbacks, sandboxKeys, usePaymentsBaseUrl } from '@zulin/payments/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { walletFirstPaymentId } from './first-payment';
import { releaseDeposits } from './release-deposits';
import { rentalOrders } from './schema';
import { createTestRentalStock, rentalTestKit, testAddress } from './testing';

describeDb('the first payment paid from the wallet', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof rentalTestKit>;
  let stock: Awaited<ReturnType<typeof createTestRentalStock>>;
  let n = 0;
  const wallet = async (customerId: string) => {
    const account = await customerAccount(s.ctx.database.db, s.clock, customerId, 'wallet');
    const b = (await getBalances(s.ctx.database.db, [account.id])).get(account.id);
    const postedMinor = (b?.creditsPostedMinor ?? 0) - (b?.debitsPostedMinor ?? 0);
    return { postedMinor, availableMinor: postedMinor - (b?.debitsPendingMinor ?? 0) };
  };
  const fund = async (customerId: string, minor: number) => {
    const account = await customerAccount(s.ctx.database.db, s.clock, customerId, 'wallet');
    await fundTestAccount(s.ctx.database.db, s.clock, account.id, minor);
  };
  const posted = async (purpose: 'rent_revenue' | 'fee_revenue' | 'customer_receivables') => {
    const account = await platformAccount(s.ctx.database.db, s.clock, purpose);
    const b = (await getBalances(s.ctx.database.db, [account.id])).get(account.id);
    return (b?.creditsPostedMinor ?? 0) - (b?.debitsPostedMinor ?? 0);
  };
  const count = async (table: string) => {
    const result = await s.ctx.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
    return Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n);
  };
  const counts = async () => ({
    payments: await count('payments_orders'),
    holds: await count('payments_authorisations'),
    transfers: await count('ledger_transfers'),
  });
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
    for (let i = 0; i < 20; i++) if (!(await s.worker.runOnce()).busy) break;
  };
  const orderRow = async (orderId: string) => {
    const [row] = await s.ctx.database.db.select().from(rentalOrders).where(eq(rentalOrders.id, orderId));
    if (row === undefined) throw new Error('no order');
    return row;
  };
  /** A signed order of a customer scored 600 (30 % of the ¥2,000.00 deposit waived). */
  const signedOrder = async () => {
    const customer = await kit.verifiedCustomer(600);
    n += 1;
    const placed = await kit.call(
      customer.token,
      'POST',
      '/v1/rentals',
      { skuId: stock.skuId, planId: stock.planId, address: testAddress(n) },
      `wallet-first-${n}`,
    );
    expect(placed.statusCode).toBe(201);
    const signed = await kit.signOrder(customer, placed.json());
    expect(signed.json()).toMatchObject({ status: 'awaiting_payment', depositToHoldMinor: 140_000 });
    return { customer, order: signed.json() as { id: string; firstPaymentMinor: number } };
  };

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: '2027-01-30T04:00:00Z' });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    kit = rentalTestKit(s, signInTestCustomer);
    stock = await createTestRentalStock(createTestStock, s.ctx.database.db, {
      units: 4,
      now: s.clock.now(),
      marketPriceMinor: 200_000,
    });
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  test('paid from the wallet with the hold: short by ¥0.01 refused with nothing written; then paid at once; cancelled: all back to the wallet', async () => {
    const { customer, order } = await signedOrder();
    expect(order.firstPaymentMinor).toBe(25_900);
    const all = { paymentInstrument: 'wallet', depositInstrument: 'wallet' };
    // ¥259.00 + ¥1,400.00 needed, ¥1,658.99 there: refused, nothing written.
    await fund(customer.customerId, 165_899);
    const before = await counts();
    const short = await kit.call(customer.token, 'POST', `/v1/rentals/${order.id}/pay`, all, `short-${order.id}`);
    expect(short.statusCode).toBe(422);
    expect(short.json().code).toBe('PAYMENTS_WALLET_BALANCE_INSUFFICIENT');
    expect(short.json().detail).toContain('165899 fen available');
    expect(short.json().detail).toContain('needs 165900 fen');
    expect(await counts()).toEqual(before);
    expect(await orderRow(order.id)).toMatchObject({ status: 'awaiting_payment', firstPaymentId: null });

    await fund(customer.customerId, 1);
    const rentBefore = await posted('rent_revenue');
    const receivablesBefore = await posted('customer_receivables');
    const paying = await kit.call(customer.token, 'POST', `/v1/rentals/${order.id}/pay`, all, `pay-${order.id}`);
    expect(paying.statusCode).toBe(201);
    expect(paying.json()).toMatchObject({
      order: { status: 'paid', firstPaymentFrom: 'wallet' },
      channelPayment: null,
      walletPayment: { amountMinor: 25_900, transferId: walletFirstPaymentId(order.id) },
      deposit: { channel: 'wallet', state: 'authorised', amountMinor: 140_000 },
    });
    // ¥1,659.00 − ¥259.00 paid = ¥1,400.00 posted, all of it held: nothing available.
    expect(await wallet(customer.customerId)).toEqual({ postedMinor: 140_000, availableMinor: 0 });
    // The upfront rent is revenue; receivables took the payment and gave it to revenue (net 0).
    expect((await posted('rent_revenue')) - rentBefore).toBe(25_900);
    expect((await posted('customer_receivables')) - receivablesBefore).toBe(0);
    expect(await orderRow(order.id)).toMatchObject({ status: 'paid', firstPaymentId: walletFirstPaymentId(order.id) });
    await balanced();
    // The same request again: the same answer; a new one is refused (the order is paid), nothing moves.
    const replay = await kit.call(customer.token, 'POST', `/v1/rentals/${order.id}/pay`, all, `pay-${order.id}`);
    expect(replay.json()).toEqual(paying.json());
    const again = await kit.call(customer.token, 'POST', `/v1/rentals/${order.id}/pay`, all);
    expect(again.statusCode).toBe(409);
    expect(await wallet(customer.customerId)).toEqual({ postedMinor: 140_000, availableMinor: 0 });

    // The console's cancel dialog names the refund: ¥259.00 back to the wallet.
    const desk = await signInTestStaff(s, 'operator');
    const detail = await kit.call(desk.token, 'GET', `/v1/admin/rentals/${order.id}/detail`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().cancelRefund).toEqual({
      amountMinor: 25_900,
      paymentId: walletFirstPaymentId(order.id),
      channel: 'wallet',
    });

    // Cancelled before shipping: the ¥259.00 is back in the wallet at once, the booking reversed,
    // and the release sweep gives the ¥1,400.00 hold back.
    const cancelled = await kit.call(customer.token, 'POST', `/v1/rentals/${order.id}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    expect((await orderRow(order.id)).firstPaymentRefundId).toBe(`txn_rfpwr_${order.id}`);
    expect((await posted('rent_revenue')) - rentBefore).toBe(0);
    expect(await wallet(customer.customerId)).toEqual({ postedMinor: 165_900, availableMinor: 25_900 });
    const released = await releaseDeposits(s.ctx.database, {
      clock: s.clock,
      clientOf: (channel) => authorisationChannelClient(s.ctx, channel),
    });
    expect(released).toEqual({ released: 1, failed: 0 });
    expect(await wallet(customer.customerId)).toEqual({ postedMinor: 165_900, availableMinor: 165_900 });
    expect((await posted('customer_receivables')) - receivablesBefore).toBe(0);
    await balanced();
    // The wallet history tells both lines with the order they belong to.
    const history = await kit.call(customer.token, 'GET', '/v1/wallet/transactions');
    const lines = history.json().data.filter((l: { reference: string }) => l.reference === order.id);
    expect(
      lines.map((l: { type: string; direction: string; amountMinor: number }) => [l.type, l.direction, l.amountMinor]),
    ).toEqual(
      expect.arrayContaining([
        ['bill_payment', 'out', 25_900],
        ['rental.first_payment_refunded', 'in', 25_900],
      ]),
    );
  }, 300_000);

  test('the wallet pays, the channel holds the deposit; the cashier left open is abandoned and refunded if paid', async () => {
    const { customer, order } = await signedOrder();
    // First at the channel's cashier (not paid there), then from the wallet.
    const atCashier = await kit.call(customer.token, 'POST', `/v1/rentals/${order.id}/pay`, {
      channel: 'alipay',
      payerToken: 'auth-code-1',
    });
    expect(atCashier.statusCode).toBe(201);
    expect(atCashier.json().deposit).toMatchObject({ channel: 'alipay', state: 'authorised', amountMinor: 140_000 });
    expect((await orderRow(order.id)).status).toBe('awaiting_payment');
    await fund(customer.customerId, 25_900);
    const fromWallet = await kit.call(customer.token, 'POST', `/v1/rentals/${order.id}/pay`, {
      paymentInstrument: 'wallet',
    });
    expect(fromWallet.statusCode).toBe(201);
    expect(fromWallet.json()).toMatchObject({
      order: { status: 'paid' },
      channelPayment: null,
      walletPayment: { amountMinor: 25_900 },
      deposit: null,
    });
    expect(await wallet(customer.customerId)).toEqual({ postedMinor: 0, availableMinor: 0 });
    // The hold stays the channel's, for the order.
    const row = await orderRow(order.id);
    expect(await getAuthorisation(s.ctx.database.db, row.depositAuthorisationId ?? '')).toMatchObject({
      channel: 'alipay',
      state: 'authorised',
    });
    await balanced();

    // The customer pays the abandoned trade anyway (before the janitor closes it): refunded in full.
    const receivablesBefore = await posted('customer_receivables');
    const cashier = String(atCashier.json().channelPayment.cashierUrl).split('/').at(-1);
    const paidTwice = await s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/cashier/${cashier}/pay` });
    expect(paidTwice.statusCode).toBe(200);
    await drain();
    expect(await orderRow(order.id)).toMatchObject({ status: 'paid', firstPaymentId: walletFirstPaymentId(order.id) });
    const finance = await signInTestStaff(s, 'finance');
    const refunds = await s.app.inject({
      method: 'GET',
      url: '/v1/admin/refunds?state=approved',
      headers: bearer(finance.token),
    });
    expect(
      refunds.json().data.filter((r: { paymentId: string }) => r.paymentId === atCashier.json().channelPayment.id),
    ).toHaveLength(1);
    // The second ¥259.00 waits in receivables for its refund, not in revenue.
    expect((await posted('customer_receivables')) - receivablesBefore).toBe(25_900);
    await balanced();
  }, 300_000);

  test('bad requests: no channel for a channel payment, an unknown instrument', async () => {
    const { customer, order } = await signedOrder();
    const noChannel = await kit.call(customer.token, 'POST', `/v1/rentals/${order.id}/pay`, {
      depositInstrument: 'wallet',
    });
    expect(noChannel.statusCode).toBe(422);
    expect(noChannel.json()).toMatchObject({
      code: 'RENTAL_PAY_CHANNEL_REQUIRED',
      errors: [{ path: '/body/channel' }],
    });
    const unknown = await kit.call(customer.token, 'POST', `/v1/rentals/${order.id}/pay`, {
      paymentInstrument: 'card',
    });
    expect(unknown.statusCode).toBe(422);
    expect((await orderRow(order.id)).status).toBe('awaiting_payment');
  });
});
