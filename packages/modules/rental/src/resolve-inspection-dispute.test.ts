// Resolving a disputed return inspection, over HTTP with the Alipay sandbox (the set-up of
// inspect-return.test.ts): 12 × ¥259.00 on a ¥5,999.00 phone, ¥1,799.70 held, graded on 2027-03-08.
// A cracked back glass is ¥719.88 (captured from the hold, nothing billed); back glass + screen is
// ¥2,219.63 (the hold's ¥1,799.70 captured, ¥419.93 billed). Payments' refund threshold is ¥500.00.
import type { AddressInfo } from 'node:net';
import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import { assertLedgerConsistent, getBalances, platformAccount, trialBalance } from '@zulin/ledger';
import { fundTestAccount } from '@zulin/ledger/testing';
import { deliverSandboxCallbacks, sandboxKeys, usePaymentsBaseUrl } from '@zulin/payments/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { walletAccount } from '@zulin/wallet';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { closeSettledOrders } from './close-settled-orders';
import { rentalDeps } from './module';
import { recordDelivery, shipOrder } from './rent-steps';
import { runRentTick } from './rent-tick';
import { disputeCreditPlan, resolveInspectionDispute } from './resolve-inspection-dispute';
import { rentalInspections, rentalOrders } from './schema';
import { createTestRentalStock, rentalTestKit, returnToWarehouseForTests, testAddress } from './testing';

test('the plan: the unpaid bill first, then the capture to the wallet, then the bill’s payments', () => {
  const money = {
    chargeMinor: 221_963,
    capturedMinor: 179_970,
    billUnpaidMinor: 41_993,
    billPaidMinor: 0,
    billChannelPayments: [],
  };
  expect(disputeCreditPlan(money, 30_000)).toEqual({ waivedMinor: 30_000, legs: [] });
  expect(disputeCreditPlan(money, 45_000)).toEqual({
    waivedMinor: 41_993,
    legs: [{ to: 'wallet', from: 'deposit_capture', amountMinor: 3_007 }],
  });
  // The bill paid by Alipay: the capture comes back first, then the payment is refunded.
  const paid = {
    ...money,
    billUnpaidMinor: 0,
    billPaidMinor: 41_993,
    billChannelPayments: [{ paymentId: 'pay_1', channel: 'alipay' as const, refundableMinor: 41_993 }],
  };
  expect(disputeCreditPlan(paid, 200_000)).toEqual({
    waivedMinor: 0,
    legs: [
      { to: 'wallet', from: 'deposit_capture', amountMinor: 179_970 },
      { to: 'alipay', from: 'bill_payment', amountMinor: 20_030, paymentId: 'pay_1' },
    ],
  });
  expect(() => disputeCreditPlan(money, 0)).toThrow();
  expect(() => disputeCreditPlan(money, 221_964)).toThrow();
});

describeDb(
  'inspection disputes: upheld, adjusted (waived + given back), above the threshold, twice, out of range',
  (get) => {
    let s: TestServer;
    let kit: ReturnType<typeof rentalTestKit>;
    let stock: Awaited<ReturnType<typeof createTestRentalStock>>;
    let opsToken: string;
    let opsStaffId: string;
    const customers = new Map<string, { customerId: string; token: string; phone: string }>();
    const orders = new Map<string, string>();
    const deps = () => rentalDeps(s.ctx);
    const orderOf = (name: string) => {
      const id = orders.get(name);
      if (id === undefined) throw new Error(`no order ${name}`);
      return id;
    };
    const customerOf = (name: string) => {
      const c = customers.get(name);
      if (c === undefined) throw new Error(`no customer ${name}`);
      return c;
    };
    const tokenOf = async (name: string) => (await signInTestCustomer(s, customerOf(name).phone)).token;
    const as = (token: string) => (method: 'GET' | 'POST', url: string, payload?: unknown) =>
      s.app.inject({ method, url, payload: payload as object, headers: bearer(token) });
    const balance = async (accountId: string) => {
      const b = (await getBalances(s.ctx.database.db, [accountId])).get(accountId);
      return (b?.creditsPostedMinor ?? 0) - (b?.debitsPostedMinor ?? 0);
    };
    const snapshot = async (name: string) => {
      const db = s.ctx.database.db;
      const wallet = await transaction(s.ctx.database, (tx) => walletAccount(tx, s.clock, customerOf(name).customerId));
      return {
        receivables: await balance((await platformAccount(db, s.clock, 'customer_receivables')).id),
        fees: await balance((await platformAccount(db, s.clock, 'fee_revenue')).id),
        wallet: await balance(wallet.id),
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
      for (let i = 0; i < 20; i++) if (!(await s.worker.runOnce()).busy) break;
    };
    const billOf = async (billId: string) =>
      (
        await queryRows<{ status: string; amount_minor: string; paid_minor: string; waived_minor: string }>(
          s.ctx.database.db,
          sql`select status, amount_minor, paid_minor, waived_minor from billing_bills where id = ${billId}`,
        )
      ).map((b) => ({
        status: b.status,
        amountMinor: Number(b.amount_minor),
        paidMinor: Number(b.paid_minor),
        waivedMinor: Number(b.waived_minor),
      }))[0];

    async function rentedOrder(name: string, n: number): Promise<void> {
      const customer = await kit.verifiedCustomer(660);
      customers.set(name, customer);
      const placed = await kit.call(
        customer.token,
        'POST',
        '/v1/rentals',
        { skuId: stock.skuId, planId: stock.planId, address: testAddress(n) },
        `dispute-${name}`,
      );
      expect(placed.statusCode).toBe(201);
      const signed = await kit.signOrder(customer, placed.json());
      expect(signed.json()).toMatchObject({ status: 'awaiting_payment', depositToHoldMinor: 179_970 });
      const paying = await kit.call(customer.token, 'POST', `/v1/rentals/${placed.json().id}/pay`, {
        channel: 'alipay',
        payerToken: `28600000000000001${n}`,
      });
      expect(paying.statusCode).toBe(201);
      const cashier = paying.json().channelPayment.cashierUrl as string;
      await s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/cashier/${cashier.split('/').at(-1)}/pay` });
      await drain();
      const warehouse = await signInTestStaff(s, 'warehouse');
      const shipper = {
        kind: 'staff' as const,
        staffId: warehouse.staffId,
        username: 'warehouse',
        role: 'warehouse' as const,
        permissions: new Set<never>(),
      };
      await transaction(s.ctx.database, async (tx) => {
        await shipOrder(tx, deps(), {
          orderId: placed.json().id,
          waybillNo: `SF8${n}`,
          carrier: 'sandbox',
          staff: shipper,
        });
        await recordDelivery(tx, deps(), { orderId: placed.json().id, signedAt: new Date('2027-01-30T09:30:00Z') });
      });
      orders.set(name, placed.json().id);
    }

    async function returned(name: string): Promise<void> {
      const asked = await kit.call(await tokenOf(name), 'POST', `/v1/rentals/${orderOf(name)}/return`, {
        pickup: { date: '2027-03-06', slot: '09-12' },
      });
      expect(asked.statusCode).toBe(200);
      await transaction(s.ctx.database, (tx) => returnToWarehouseForTests(tx, orderOf(name), s.clock.now()));
    }

    async function gradedAndDisputed(name: string, findings: { code: string }[], dispute = true): Promise<void> {
      const token = await tokenOf(name);
      const warehouse = (await signInTestStaff(s, 'warehouse')).token;
      const graded = await as(warehouse)('POST', `/v1/admin/inspections/${orderOf(name)}`, {
        grade: 'C',
        findings,
        photos: [],
      });
      expect(graded.statusCode).toBe(201);
      expect(graded.json().state).toBe('settled');
      if (dispute) {
        const disputed = await kit.call(token, 'POST', `/v1/rentals/${orderOf(name)}/inspection/dispute`, {
          reason: '寄回前完好，请核实',
        });
        expect(disputed.statusCode).toBe(200);
        await drain();
      }
    }

    beforeAll(async () => {
      s = await createTestServer(get().database, { modules, now: '2027-01-30T04:00:00Z' });
      await s.app.listen({ port: 0, host: '127.0.0.1' });
      usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
      kit = rentalTestKit(s, signInTestCustomer);
      stock = await createTestRentalStock(createTestStock, s.ctx.database.db, { units: 5, now: s.clock.now() });
      await rentedOrder('upheld', 1);
      await rentedOrder('below', 2);
      await rentedOrder('above', 3);
      await rentedOrder('undisputed', 4);
      await rentedOrder('paid', 5);
      await runRentTick(s.ctx.database.db, deps(), '2027-01-31');
      s.clock.set('2027-03-05T02:00:00Z');
      for (const name of ['upheld', 'below', 'above', 'undisputed', 'paid']) await returned(name);
      s.clock.set('2027-03-08T02:00:00Z');
      await gradedAndDisputed('upheld', [{ code: 'back_glass' }]);
      await gradedAndDisputed('below', [{ code: 'back_glass' }, { code: 'screen' }]);
      await gradedAndDisputed('above', [{ code: 'back_glass' }, { code: 'screen' }]);
      await gradedAndDisputed('undisputed', [{ code: 'back_glass' }], false);
      await gradedAndDisputed('paid', [{ code: 'back_glass' }, { code: 'screen' }]);
      const ops = await signInTestStaff(s, 'operator');
      opsToken = ops.token;
      opsStaffId = ops.staffId;
    }, 600_000);
    afterAll(async () => {
      await s?.close();
    });

    test('upheld: the charge stands, nothing moves; the ticket is resolved with a note; twice → 409; no dispute → 409', async () => {
      const orderId = orderOf('upheld');
      const before = await snapshot('upheld');
      const resolved = await as(opsToken)('POST', `/v1/admin/rentals/${orderId}/inspection/dispute/resolve`, {
        outcome: 'upheld',
        note: '照片显示后盖裂纹，维持原判',
      });
      expect(resolved.statusCode).toBe(200);
      expect(resolved.json().dispute.resolution).toMatchObject({
        outcome: 'upheld',
        creditMinor: 0,
        waivedMinor: 0,
        refundMinor: 0,
        refundState: 'none',
        refunds: [],
        note: '照片显示后盖裂纹，维持原判',
      });
      expect(await snapshot('upheld')).toEqual(before);
      const twice = await as(opsToken)('POST', `/v1/admin/rentals/${orderId}/inspection/dispute/resolve`, {
        outcome: 'adjusted',
        creditMinor: 100,
        note: '再调',
      });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().code).toBe('RENTAL_DISPUTE_ALREADY_RESOLVED');
      const none = await as(opsToken)('POST', `/v1/admin/rentals/${orderOf('undisputed')}/inspection/dispute/resolve`, {
        outcome: 'upheld',
        note: '无申诉',
      });
      expect(none.statusCode).toBe(409);
      expect(none.json().code).toBe('RENTAL_INSPECTION_NOT_DISPUTED');
      // The customer reads the outcome; support's ticket is resolved with the note.
      const seen = await kit.call(await tokenOf('upheld'), 'GET', `/v1/rentals/${orderId}/inspection`);
      expect(seen.json().dispute.resolution).toMatchObject({ outcome: 'upheld', creditMinor: 0 });
      await drain();
      const tickets = await queryRows<{ id: string; state: string }>(
        s.ctx.database.db,
        sql`select id, state from support_tickets where source_type = 'rental_inspection' and order_id = ${orderId}`,
      );
      expect(tickets.map((t) => t.state)).toEqual(['resolved']);
      const notes = await queryRows<{ author_kind: string; body: string }>(
        s.ctx.database.db,
        sql`select author_kind, body from support_ticket_messages where ticket_id = ${tickets[0]?.id}`,
      );
      expect(notes.at(-1)).toEqual({
        author_kind: 'system',
        body: '申诉处理结果：维持原判，检测费用 ¥719.88 不变。说明：照片显示后盖裂纹，维持原判',
      });
      const audit = await queryRows<{ action: string }>(
        s.ctx.database.db,
        sql`select action from identity_audit_log where target_id = ${orderId} and action = 'rental.inspection_dispute_resolved'`,
      );
      expect(audit).toHaveLength(1);
      const sent = await queryRows<{ template: string }>(
        s.ctx.database.db,
        sql`select template from notification_messages where customer_id = ${customerOf('upheld').customerId} and template like 'rental.inspection_dispute%'`,
      );
      expect(sent.map((m) => m.template)).toEqual(['rental.inspection_dispute_upheld']);
    });

    test('out-of-range credit → 422 naming /body/creditMinor; a failure inside the command leaves everything as it was', async () => {
      const orderId = orderOf('below');
      for (const creditMinor of [0, 221_964]) {
        const bad = await as(opsToken)('POST', `/v1/admin/rentals/${orderId}/inspection/dispute/resolve`, {
          outcome: 'adjusted',
          creditMinor,
          note: '调整',
        });
        expect(bad.statusCode).toBe(422);
        expect(bad.json().code).toBe('RENTAL_DISPUTE_RESOLUTION_INVALID');
        expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['/body/creditMinor']);
      }
      const missing = await as(opsToken)('POST', `/v1/admin/rentals/${orderId}/inspection/dispute/resolve`, {
        outcome: 'adjusted',
        note: '调整',
      });
      expect(missing.statusCode).toBe(422);
      expect(missing.json().errors.map((e: { path: string }) => e.path)).toEqual(['/body/creditMinor']);
      // The waiver and the wallet credit are booked, then the command fails: nothing of it stays.
      const before = await snapshot('below');
      const [inspection] = await s.ctx.database.db
        .select()
        .from(rentalInspections)
        .where(eq(rentalInspections.orderId, orderId));
      const billBefore = await billOf(inspection?.billId ?? '');
      const staff = {
        kind: 'staff' as const,
        staffId: opsStaffId,
        username: 'ops',
        role: 'operator' as const,
        permissions: new Set<never>(),
      };
      await expect(
        transaction(s.ctx.database, async (tx) => {
          const done = await resolveInspectionDispute(tx, deps(), {
            orderId,
            staff,
            outcome: 'adjusted',
            creditMinor: 60_000,
            note: '中途失败',
          });
          expect(done.disputeWaivedMinor).toBe(41_993);
          throw new Error('the command fails after the money was booked');
        }),
      ).rejects.toThrow('the command fails');
      expect(await snapshot('below')).toEqual(before);
      expect(await billOf(inspection?.billId ?? '')).toEqual(billBefore);
      const [after] = await s.ctx.database.db
        .select()
        .from(rentalInspections)
        .where(eq(rentalInspections.orderId, orderId));
      expect(after?.disputeResolvedAt).toBeNull();
      await balanced();
    });

    test('adjusted ¥450.00 below the threshold: ¥419.93 waived on the bill, ¥30.07 of the capture back to the wallet at once', async () => {
      const orderId = orderOf('below');
      const quote = await as(opsToken)('POST', `/v1/admin/rentals/${orderId}/inspection/dispute/quote`, {
        creditMinor: 45_000,
      });
      expect(quote.statusCode).toBe(200);
      expect(quote.json()).toMatchObject({
        waivedMinor: 41_993,
        refundMinor: 3_007,
        refunds: [{ to: 'wallet', from: 'deposit_capture', amountMinor: 3_007 }],
        depositInstrument: 'alipay',
        needsApproval: false,
        approvalAboveMinor: 50_000,
      });
      const before = await snapshot('below');
      const resolved = await as(opsToken)('POST', `/v1/admin/rentals/${orderId}/inspection/dispute/resolve`, {
        outcome: 'adjusted',
        creditMinor: 45_000,
        note: '屏幕划痕属正常使用，退还部分费用',
      });
      expect(resolved.statusCode).toBe(200);
      const inspection = resolved.json();
      expect(inspection).toMatchObject({ chargeMinor: 221_963, capturedMinor: 179_970, billedMinor: 41_993 });
      expect(inspection.dispute.resolution).toMatchObject({
        outcome: 'adjusted',
        creditMinor: 45_000,
        waivedMinor: 41_993,
        refundMinor: 3_007,
        refundState: 'done',
        refunds: [{ to: 'wallet', from: 'deposit_capture', amountMinor: 3_007, refundId: null }],
      });
      // The bill: ¥419.93 waived (settled as waived); the wallet +¥30.07; fee revenue −¥450.00; receivables +¥419.93.
      expect(await billOf(inspection.billId)).toEqual({
        status: 'waived',
        amountMinor: 41_993,
        paidMinor: 0,
        waivedMinor: 41_993,
      });
      const after = await snapshot('below');
      expect(after.wallet - before.wallet).toBe(3_007);
      expect(after.fees - before.fees).toBe(-45_000);
      expect(after.receivables - before.receivables).toBe(41_993);
      // charge = captured + billed still; charge − credit = (captured − given back) + (billed − waived).
      expect(inspection.chargeMinor - 45_000).toBe(179_970 - 3_007 + (41_993 - 41_993));
      await balanced();
      const sent = await queryRows<{ template: string }>(
        s.ctx.database.db,
        sql`select template from notification_messages where customer_id = ${customerOf('below').customerId} and template like 'rental.inspection_dispute%'`,
      );
      expect(sent.map((m) => m.template)).toEqual(['rental.inspection_dispute_adjusted']);
    });

    test('adjusted ¥2,219.63 above the threshold: nothing booked until a second person approves (¥419.93 waived, ¥1,799.70 back); the order stays open until then', async () => {
      const orderId = orderOf('above');
      const before = await snapshot('above');
      // An administrator resolves (and holds payments.refund too): still not the one who approves.
      const admin = (await signInTestStaff(s, 'admin')).token;
      const resolved = await as(admin)('POST', `/v1/admin/rentals/${orderId}/inspection/dispute/resolve`, {
        outcome: 'adjusted',
        creditMinor: 221_963,
        note: '检测有误，全额退还',
      });
      expect(resolved.statusCode).toBe(200);
      expect(resolved.json().dispute.resolution).toMatchObject({
        waivedMinor: 41_993,
        refundMinor: 179_970,
        refundState: 'awaiting_approval',
        approvedAt: null,
      });
      const waiting = await snapshot('above');
      // Neither the write-off nor the money back is booked before the approval, nor the customer told.
      expect(waiting).toEqual(before);
      const told = () =>
        queryRows<{ template: string; params: Record<string, number> }>(
          s.ctx.database.db,
          sql`select template, params from notification_messages where customer_id = ${customerOf('above').customerId} and template like 'rental.inspection_dispute%'`,
        );
      expect(await told()).toEqual([]);
      await drain();
      // Support's ticket gets the note (待复核) and stays open until the approval.
      const ticketState = async () =>
        (
          await queryRows<{ state: string }>(
            s.ctx.database.db,
            sql`select state from support_tickets where source_type = 'rental_inspection' and order_id = ${orderId}`,
          )
        ).map((t) => t.state);
      expect(await ticketState()).toEqual(['open']);
      await balanced();
      const self = await as(admin)('POST', `/v1/admin/rentals/${orderId}/inspection/dispute/approve`);
      expect(self.statusCode).toBe(403);
      expect(self.json().code).toBe('RENTAL_DISPUTE_SAME_STAFF');
      // Past the window, bills settled: the order is held while the money waits.
      s.clock.set('2027-03-16T02:00:00Z');
      await closeSettledOrders(s.ctx.database, deps());
      const status = async () =>
        (await s.ctx.database.db.select().from(rentalOrders).where(eq(rentalOrders.id, orderId)))[0]?.status;
      expect(await status()).toBe('settled');
      // Finance (another person) approves, and the money moves.
      const finance = (await signInTestStaff(s, 'finance')).token;
      const approved = await as(finance)('POST', `/v1/admin/rentals/${orderId}/inspection/dispute/approve`);
      expect(approved.statusCode).toBe(200);
      expect(approved.json().dispute.resolution).toMatchObject({ refundState: 'done', refundMinor: 179_970 });
      expect(approved.json().dispute.resolution.approvedAt).not.toBeNull();
      const after = await snapshot('above');
      expect(after.wallet - before.wallet).toBe(179_970);
      expect(after.fees - before.fees).toBe(-221_963);
      await drain();
      expect(await ticketState()).toEqual(['resolved']);
      // Told once, with what the approval booked: ¥2,219.63 less, ¥419.93 waived, ¥1,799.70 back.
      expect(await told()).toEqual([
        {
          template: 'rental.inspection_dispute_adjusted',
          params: { creditMinor: 221_963, waivedMinor: 41_993, refundMinor: 179_970 },
        },
      ]);
      await balanced();
      const again = await as(finance)('POST', `/v1/admin/rentals/${orderId}/inspection/dispute/approve`);
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('RENTAL_DISPUTE_NOT_AWAITING_APPROVAL');
      // Its early-return bill paid, the resolved order closes.
      const token = await tokenOf('above');
      const wallet = await transaction(s.ctx.database, (tx) =>
        walletAccount(tx, s.clock, customerOf('above').customerId),
      );
      await fundTestAccount(s.ctx.database.db, s.clock, wallet.id, 100_000);
      const owed = (await kit.call(token, 'GET', `/v1/rentals/${orderId}/bills?status=unpaid`)).json().data as {
        id: string;
        outstandingMinor: number;
      }[];
      for (const bill of owed) {
        const paid = await kit.call(token, 'POST', `/v1/bills/${bill.id}/pay`, {
          method: 'wallet',
          amountMinor: bill.outstandingMinor,
        });
        expect(paid.statusCode).toBe(201);
      }
      await closeSettledOrders(s.ctx.database, deps());
      expect(await status()).toBe('closed');
      await balanced();
    });

    test('the bill paid through Alipay: ¥1,900.00 credited — the ¥1,799.70 capture to the wallet, ¥100.30 refunded to Alipay through payments', async () => {
      const orderId = orderOf('paid');
      const token = await tokenOf('paid');
      const [inspection] = await s.ctx.database.db
        .select()
        .from(rentalInspections)
        .where(eq(rentalInspections.orderId, orderId));
      const billId = inspection?.billId ?? '';
      const started = await kit.call(token, 'POST', `/v1/bills/${billId}/pay`, { method: 'alipay' });
      expect(started.statusCode).toBe(201);
      const payment = (await kit.call(token, 'GET', `/v1/payments/${started.json().channelPayment.id}`)).json();
      await s.app.inject({
        method: 'POST',
        url: `/v1/sandbox/payments/cashier/${String(payment.cashierUrl).split('/').at(-1)}/pay`,
      });
      await drain();
      expect(await billOf(billId)).toMatchObject({ status: 'paid', paidMinor: 41_993 });
      // An administrator raises the refund threshold to ¥3,000.00, so the whole credit goes at once.
      const admin = (await signInTestStaff(s, 'admin')).token;
      const threshold = await s.app.inject({
        method: 'PUT',
        url: '/v1/admin/payments-settings',
        payload: { refundApprovalAboveMinor: 300_000 },
        headers: bearer(admin),
      });
      expect(threshold.statusCode).toBe(200);
      const before = await snapshot('paid');
      const resolved = await as(admin)('POST', `/v1/admin/rentals/${orderId}/inspection/dispute/resolve`, {
        outcome: 'adjusted',
        creditMinor: 190_000,
        note: '屏幕为出厂缺陷',
      });
      expect(resolved.statusCode).toBe(200);
      const resolution = resolved.json().dispute.resolution;
      expect(resolution).toMatchObject({ waivedMinor: 0, refundMinor: 190_000, refundState: 'done' });
      expect(resolution.refunds).toMatchObject([
        { to: 'wallet', from: 'deposit_capture', amountMinor: 179_970 },
        { to: 'alipay', from: 'bill_payment', amountMinor: 10_030 },
      ]);
      const refundId = resolution.refunds[1].refundId as string;
      const mid = await snapshot('paid');
      expect(mid.wallet - before.wallet).toBe(179_970);
      expect(mid.fees - before.fees).toBe(-190_000);
      expect(mid.receivables - before.receivables).toBe(10_030);
      await balanced();
      // Payments' sweep sends the approved refund; the channel confirms: receivables → clearing.
      await s.runSweep('payments.refunds');
      await drain();
      const [refund] = await queryRows<{ state: string; amount_minor: string }>(
        s.ctx.database.db,
        sql`select state, amount_minor from payments_refunds where id = ${refundId}`,
      );
      expect(refund).toMatchObject({ state: 'succeeded' });
      expect(Number(refund?.amount_minor)).toBe(10_030);
      const after = await snapshot('paid');
      expect(after.receivables - before.receivables).toBe(0);
      expect(after.fees - before.fees).toBe(-190_000);
      await balanced();
      await s.app.inject({
        method: 'PUT',
        url: '/v1/admin/payments-settings',
        payload: { refundApprovalAboveMinor: 50_000 },
        headers: bearer(admin),
      });
    });
  },
);
