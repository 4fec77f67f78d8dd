// The deposit held on the customer's wallet balance (`depositInstrument: 'wallet'`), over HTTP: a
// ¥2,000.00 phone for a customer whose score waives 30 % of the deposit (¥600.00), so ¥1,400.00 is
// held on the wallet. A short wallet is refused before anything is written; the hold is taken once
// however often the customer asks; graded C with a cracked back glass (12 %, ¥240.00) and a missing
// charger (¥50.00), ¥290.00 is captured from the hold into fee revenue and ¥1,110.00 released the
// same day; an order cancelled before shipping gives the whole hold back. The wallet balance +
// captured + still held stays what the customer had; the ledger balances at every step.
import type { AddressInfo } from 'node:net';
import { transaction } from '@zulin/db';
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
import { rentalDeps } from './module';
import { releaseDeposits } from './release-deposits';
import { recordDelivery, shipOrder } from './rent-steps';
import { runRentTick } from './rent-tick';
import { rentalOrders } from './schema';
import { createTestRentalStock, rentalTestKit, returnToWarehouseForTests, testAddress } from './testing';

describeDb('deposit held on the wallet balance', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof rentalTestKit>;
  let stock: Awaited<ReturnType<typeof createTestRentalStock>>;
  let n = 0;
  const deps = () => rentalDeps(s.ctx);
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
  const posted = async (accountId: string) => {
    const b = (await getBalances(s.ctx.database.db, [accountId])).get(accountId);
    return (b?.creditsPostedMinor ?? 0) - (b?.debitsPostedMinor ?? 0);
  };
  const count = async (table: string) => {
    const result = await s.ctx.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
    return Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n);
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
      `wallet-hold-${n}`,
    );
    expect(placed.statusCode).toBe(201);
    const signed = await kit.signOrder(customer, placed.json());
    expect(signed.json()).toMatchObject({
      status: 'awaiting_payment',
      depositMinor: 200_000,
      depositWaivedMinor: 60_000,
      depositToHoldMinor: 140_000,
    });
    return { customer, order: signed.json() as { id: string; firstPaymentMinor: number } };
  };
  const pay = (token: string, orderId: string, key?: string) =>
    kit.call(token, 'POST', `/v1/rentals/${orderId}/pay`, { channel: 'alipay', depositInstrument: 'wallet' }, key);

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: '2027-01-30T04:00:00Z' });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    kit = rentalTestKit(s, signInTestCustomer);
    stock = await createTestRentalStock(createTestStock, s.ctx.database.db, {
      units: 3,
      now: s.clock.now(),
      marketPriceMinor: 200_000,
    });
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  test('short wallet refused with nothing written; ¥1,400.00 held once; graded C: ¥290.00 captured, ¥1,110.00 released', async () => {
    const { customer, order } = await signedOrder();
    await fund(customer.customerId, 100_000);

    // ¥1,000.00 available, ¥1,400.00 needed: refused, and no payment, hold or transfer is written.
    const counts = async () => ({
      payments: await count('payments_orders'),
      holds: await count('payments_authorisations'),
      transfers: await count('ledger_transfers'),
    });
    const before = await counts();
    const short = await pay(customer.token, order.id, `short-${order.id}`);
    expect(short.statusCode).toBe(422);
    expect(short.json().code).toBe('PAYMENTS_WALLET_BALANCE_INSUFFICIENT');
    expect(short.json().detail).toContain('100000 fen available');
    expect(short.json().detail).toContain('needs 140000 fen');
    expect(await counts()).toEqual(before);
    expect((await orderRow(order.id)).status).toBe('awaiting_payment');

    // Topped up to ¥2,000.00: held on the wallet, no payer token needed.
    await fund(customer.customerId, 100_000);
    const paying = await pay(customer.token, order.id, `pay-${order.id}`);
    expect(paying.statusCode).toBe(201);
    expect(paying.json().deposit).toMatchObject({
      channel: 'wallet',
      state: 'authorised',
      amountMinor: 140_000,
      creditMinor: 0,
      fundMinor: 140_000,
    });
    expect(await wallet(customer.customerId)).toEqual({ postedMinor: 200_000, availableMinor: 60_000 });
    await balanced();
    // The same request again (same key, then a new one): the same answer, held once.
    const replay = await pay(customer.token, order.id, `pay-${order.id}`);
    expect(replay.json()).toEqual(paying.json());
    const again = await pay(customer.token, order.id);
    expect(again.statusCode).toBe(201);
    expect(again.json().deposit).toBeNull();
    expect(again.json().channelPayment.id).toBe(paying.json().channelPayment.id);
    expect(await wallet(customer.customerId)).toEqual({ postedMinor: 200_000, availableMinor: 60_000 });

    const cashier = paying.json().channelPayment.cashierUrl as string;
    const paid = await s.app.inject({
      method: 'POST',
      url: `/v1/sandbox/payments/cashier/${cashier.split('/').at(-1)}/pay`,
    });
    expect(paid.statusCode).toBe(200);
    await drain();
    expect((await orderRow(order.id)).status).toBe('paid');

    const warehouse = await signInTestStaff(s, 'warehouse');
    const shipper = {
      kind: 'staff' as const,
      staffId: warehouse.staffId,
      username: 'warehouse',
      role: 'warehouse' as const,
      permissions: new Set<never>(),
    };
    await transaction(s.ctx.database, async (tx) => {
      await shipOrder(tx, deps(), { orderId: order.id, waybillNo: `SFW${n}`, carrier: 'sandbox', staff: shipper });
      await recordDelivery(tx, deps(), { orderId: order.id, signedAt: new Date('2027-01-30T09:30:00Z') });
    });
    await runRentTick(s.ctx.database.db, deps(), '2027-01-31');
    s.clock.set('2027-03-05T02:00:00Z');
    const token = (await signInTestCustomer(s, customer.phone)).token;
    const asked = await kit.call(token, 'POST', `/v1/rentals/${order.id}/return`, {
      pickup: { date: '2027-03-06', slot: '09-12' },
    });
    expect(asked.statusCode).toBe(200);
    await transaction(s.ctx.database, (tx) => returnToWarehouseForTests(tx, order.id, s.clock.now()));
    s.clock.set('2027-03-08T02:00:00Z');

    const fees = (await platformAccount(s.ctx.database.db, s.clock, 'fee_revenue')).id;
    const feesBefore = await posted(fees);
    const inspector = (await signInTestStaff(s, 'warehouse')).token;
    const graded = await s.app.inject({
      method: 'POST',
      url: `/v1/admin/inspections/${order.id}`,
      payload: { grade: 'C', findings: [{ code: 'back_glass' }, { code: 'missing_accessory' }], photos: [] },
      headers: { ...bearer(inspector), 'idempotency-key': `grade-${order.id}` },
    });
    expect(graded.statusCode).toBe(201);
    expect(graded.json()).toMatchObject({
      state: 'settled',
      chargeMinor: 29_000,
      capturedMinor: 29_000,
      billedMinor: 0,
      releasedMinor: 111_000,
    });
    const hold = await getAuthorisation(s.ctx.database.db, (await orderRow(order.id)).depositAuthorisationId ?? '');
    expect(hold).toMatchObject({
      state: 'settled',
      amountMinor: 140_000,
      capturedMinor: 29_000,
      releasedMinor: 111_000,
    });
    // authorised = captured + released + still held (0).
    expect(hold.capturedMinor + hold.releasedMinor + (hold.amountMinor - hold.capturedMinor - hold.releasedMinor)).toBe(
      140_000,
    );
    expect((await posted(fees)) - feesBefore).toBe(29_000);
    // ¥2,000.00 − ¥290.00: the wallet paid the charge and has the rest back, nothing held.
    expect(await wallet(customer.customerId)).toEqual({ postedMinor: 171_000, availableMinor: 171_000 });
    await balanced();
  }, 400_000);

  test('cancelled before shipping: the whole ¥1,400.00 hold goes back to the wallet', async () => {
    s.clock.set('2027-03-09T02:00:00Z');
    const { customer, order } = await signedOrder();
    await fund(customer.customerId, 150_000);
    const paying = await pay(customer.token, order.id);
    expect(paying.statusCode).toBe(201);
    expect(await wallet(customer.customerId)).toEqual({ postedMinor: 150_000, availableMinor: 10_000 });
    const cancelled = await kit.call(customer.token, 'POST', `/v1/rentals/${order.id}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    const released = await releaseDeposits(s.ctx.database, {
      clock: s.clock,
      clientOf: (channel) => authorisationChannelClient(s.ctx, channel),
    });
    expect(released).toEqual({ released: 1, failed: 0 });
    const row = await orderRow(order.id);
    expect(row.depositReleasedAt).not.toBeNull();
    expect(await getAuthorisation(s.ctx.database.db, row.depositAuthorisationId ?? '')).toMatchObject({
      state: 'released',
      capturedMinor: 0,
      releasedMinor: 140_000,
    });
    expect(await wallet(customer.customerId)).toEqual({ postedMinor: 150_000, availableMinor: 150_000 });
    await balanced();
  });
});
