import { queryRows, runTick, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { assertLedgerConsistent, trialBalance } from '@zulin/ledger';
import { fundTestAccount } from '@zulin/ledger/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { walletAccount } from '@zulin/wallet';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { issueBill } from './issue-bill';
import { billingModule } from './module';
import { awardOnTimePoints } from './on-time-points';
import { getBill, getBills } from './read-bills';
import { withdrawBill } from './withdraw-bill';

describeDb('billing', (get) => {
  let s: TestServer;
  let alice: { customerId: string; token: string };
  let bob: { customerId: string; token: string };
  let finance: { token: string; staffId: string };
  const deps = () => ({ clock: s.clock, timeZone: s.ctx.config.timeZone });
  const call = (token: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    s.app.inject({ method, url, payload: payload as object, headers: token ? bearer(token) : {} });
  const fund = async (customerId: string, amountMinor: number) => {
    const account = await transaction(s.ctx.database, (tx) => walletAccount(tx, s.clock, customerId));
    await fundTestAccount(s.ctx.database.db, s.clock, account.id, amountMinor);
  };
  const available = async (token: string) => (await call(token, 'GET', '/v1/wallet')).json().availableMinor as number;
  const charge = (
    customerId: string,
    lines: { kind: string; description: string; amountMinor: number }[],
    dueDate = '2026-03-10',
  ) => call(finance.token, 'POST', '/v1/admin/bills', { customerId, title: '配件费', dueDate, lines });
  const receivablesNet = async () => {
    const tb = await transaction(s.ctx.database, (tx) => trialBalance(tx, 'CNY'));
    const line = tb.accounts.find((a) => a.code === 1150);
    return line ? line.debitsPostedMinor - line.creditsPostedMinor : 0;
  };

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    alice = await signInTestCustomer(s, randomTestPhone());
    bob = await signInTestCustomer(s, randomTestPhone());
    finance = await signInTestStaff(s, 'finance');
  });
  afterAll(async () => {
    await s?.close();
  });

  test('staff issue a charge; the customer sees it, another customer does not', async () => {
    const issued = await charge(alice.customerId, [
      { kind: 'fee', description: '手机壳', amountMinor: 3_900 },
      { kind: 'fee', description: '钢化膜', amountMinor: 2_000 },
    ]);
    expect(issued.statusCode).toBe(201);
    const bill = issued.json();
    expect(bill).toMatchObject({ amountMinor: 5_900, outstandingMinor: 5_900, status: 'open', sourceType: 'manual' });
    const mine = (await call(alice.token, 'GET', '/v1/bills?status=unpaid')).json();
    expect(mine.data.map((b: { id: string }) => b.id)).toContain(bill.id);
    expect(mine.summary).toMatchObject({ unpaidMinor: 5_900, overdueMinor: 0, unpaidBills: 1 });
    // Staff read who issued it by name; the customer reads that staff did, not which staff id.
    expect(bill.issuedBy).toBe(`staff:${finance.staffId}`);
    expect(bill.issuedByName).toEqual(expect.any(String));
    expect(bill.issuedByName).not.toContain('stf_');
    expect((await call(alice.token, 'GET', `/v1/bills/${bill.id}`)).json().issuedBy).toBe('staff');
    expect((await call(bob.token, 'GET', `/v1/bills/${bill.id}`)).statusCode).toBe(404);
    const foreignPay = await call(bob.token, 'POST', `/v1/bills/${bill.id}/pay`, { method: 'wallet' });
    expect(foreignPay.statusCode).toBe(404);
    expect(foreignPay.json().code).toBe('BILLING_BILL_NOT_FOUND');
    const audit = await queryRows(
      s.ctx.database.db,
      sql`select action from identity_audit_log where target_id = ${bill.id}`,
    );
    expect(audit).toEqual([{ action: 'billing.bill_issued' }]);
  });

  test('a customer lists only their own bills, whatever the query string says', async () => {
    const aliceBills = (await call(alice.token, 'GET', '/v1/bills')).json().data.map((b: { id: string }) => b.id);
    expect(aliceBills.length).toBeGreaterThan(0);
    for (const query of [
      `?customerId=${alice.customerId}`,
      '?customerId=',
      `?status=unpaid&customerId=${alice.customerId}`,
    ]) {
      const res = await call(bob.token, 'GET', `/v1/bills${query}`);
      const ids = (res.json().data ?? []).map((b: { id: string; customerId: string }) => b.id);
      expect(
        ids.filter((id: string) => aliceBills.includes(id)),
        query,
      ).toEqual([]);
    }
  });

  test('a partial payment goes to the penalty, then fees, then rent; the rest settles the bill', async () => {
    await fund(bob.customerId, 40_000);
    const bill = (
      await charge(bob.customerId, [
        { kind: 'rent', description: '第 2 期租金', amountMinor: 29_900 },
        { kind: 'fee', description: '服务费', amountMinor: 1_000 },
        { kind: 'penalty', description: '违约金', amountMinor: 500 },
      ])
    ).json();
    const before = await receivablesNet();
    const part = await call(bob.token, 'POST', `/v1/bills/${bill.id}/pay`, { method: 'wallet', amountMinor: 3_000 });
    expect(part.statusCode).toBe(201);
    expect(part.json().payment.allocations).toEqual([
      { position: 2, amountMinor: 500 },
      { position: 1, amountMinor: 1_000 },
      { position: 0, amountMinor: 1_500 },
    ]);
    expect(part.json().bill).toMatchObject({ paidMinor: 3_000, outstandingMinor: 28_400, status: 'open' });
    expect(part.json().bill.lines.map((l: { outstandingMinor: number }) => l.outstandingMinor)).toEqual([28_400, 0, 0]);
    expect(await available(bob.token)).toBe(37_000);
    expect(await receivablesNet()).toBe(before - 3_000);

    const tooMuch = await call(bob.token, 'POST', `/v1/bills/${bill.id}/pay`, {
      method: 'wallet',
      amountMinor: 28_401,
    });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().code).toBe('BILLING_AMOUNT_INVALID');

    const rest = await call(bob.token, 'POST', `/v1/bills/${bill.id}/pay`, { method: 'wallet' });
    expect(rest.statusCode).toBe(201);
    expect(rest.json().bill).toMatchObject({ paidMinor: 31_400, outstandingMinor: 0, status: 'paid' });
    expect(rest.json().bill.payments).toHaveLength(2);
    expect(await available(bob.token)).toBe(8_600);
    const again = await call(bob.token, 'POST', `/v1/bills/${bill.id}/pay`, { method: 'wallet' });
    expect(again.json().code).toBe('BILLING_BILL_SETTLED');

    // Read many at once: the same views as one by one, in three queries; an unknown id is absent.
    const other = (await charge(bob.customerId, [{ kind: 'fee', description: '配件', amountMinor: 1_234 }])).json();
    const many = await getBills(s.ctx.database.db, deps(), [bill.id, other.id, 'bill_none', bill.id]);
    expect([...many.keys()].sort()).toEqual([bill.id, other.id].sort());
    expect(many.get(bill.id)).toEqual(await getBill(s.ctx.database.db, deps(), bill.id));
    expect(many.get(bill.id)).toMatchObject({ paidMinor: 31_400, status: 'paid' });
    expect(many.get(bill.id)?.payments).toHaveLength(2);
    expect(many.get(other.id)).toMatchObject({ amountMinor: 1_234, outstandingMinor: 1_234, payments: [] });
    expect(await getBills(s.ctx.database.db, deps(), [])).toEqual(new Map());

    const history = (await call(bob.token, 'GET', '/v1/wallet/transactions')).json().data;
    expect(
      history
        .filter((t: { type: string }) => t.type === 'bill_payment')
        .map((t: { amountMinor: number }) => t.amountMinor),
    ).toEqual([28_400, 3_000]);
    await transaction(s.ctx.database, (tx) => assertLedgerConsistent(tx));
  });

  test('a wallet that cannot cover the payment leaves the bill and the wallet as they were', async () => {
    const poor = await signInTestCustomer(s, randomTestPhone());
    await fund(poor.customerId, 1_000);
    const bill = (
      await charge(poor.customerId, [{ kind: 'damage', description: '屏幕划痕', amountMinor: 18_000 }])
    ).json();
    const refused = await call(poor.token, 'POST', `/v1/bills/${bill.id}/pay`, { method: 'wallet' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('BILLING_WALLET_INSUFFICIENT');
    const after = (await call(poor.token, 'GET', `/v1/bills/${bill.id}`)).json();
    expect(after).toMatchObject({ paidMinor: 0, outstandingMinor: 18_000, status: 'open', payments: [] });
    expect(await available(poor.token)).toBe(1_000);
    // What the wallet can cover may be paid in part.
    const part = await call(poor.token, 'POST', `/v1/bills/${bill.id}/pay`, { method: 'wallet', amountMinor: 1_000 });
    expect(part.json().bill.outstandingMinor).toBe(17_000);
    expect(await available(poor.token)).toBe(0);
  });

  test('concurrent payments of one bill: exactly one succeeds, the wallet pays once', async () => {
    const payer = await signInTestCustomer(s, randomTestPhone());
    await fund(payer.customerId, 100_000);
    const bill = (await charge(payer.customerId, [{ kind: 'fee', description: '服务费', amountMinor: 10_000 }])).json();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => call(payer.token, 'POST', `/v1/bills/${bill.id}/pay`, { method: 'wallet' })),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.filter((r) => r.json().code === 'BILLING_BILL_SETTLED')).toHaveLength(7);
    expect(await available(payer.token)).toBe(90_000);
  });

  test('issuing is idempotent per source and period; a different bill for the same period is a conflict', async () => {
    const options = {
      customerId: alice.customerId,
      sourceType: 'rental',
      sourceId: 'ord_test_1',
      period: 3,
      title: '第 3 期租金',
      dueDate: '2026-04-02',
      lines: [{ kind: 'rent' as const, description: '第 3 期租金', amountMinor: 29_900 }],
      issuedBy: 'rental',
    };
    const first = await transaction(s.ctx.database, (tx) => issueBill(tx, deps(), options));
    const again = await transaction(s.ctx.database, (tx) => issueBill(tx, deps(), options));
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, bill: { id: first.bill.id } });
    const transfers = await queryRows(
      s.ctx.database.db,
      sql`select amount_minor from ledger_transfers where reference = ${first.bill.id}`,
    );
    expect(transfers).toHaveLength(1);
    await expect(
      transaction(s.ctx.database, (tx) =>
        issueBill(tx, deps(), {
          ...options,
          lines: [{ kind: 'rent', description: '第 3 期租金', amountMinor: 30_000 }],
        }),
      ),
    ).rejects.toMatchObject({ code: 'BILLING_BILL_CONFLICT' });
  });

  test('bad charges are refused with every field named; support may read but not charge', async () => {
    const bad = await charge(alice.customerId, [{ kind: 'fee', description: '', amountMinor: 0 }], '2026-02-30');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.length).toBeGreaterThanOrEqual(2);
    const nobody = await charge('cus_nobody', [{ kind: 'fee', description: '费用', amountMinor: 100 }]);
    expect(nobody.json().code).toBe('BILLING_CUSTOMER_NOT_FOUND');
    const support = await signInTestStaff(s, 'support');
    expect((await call(support.token, 'GET', `/v1/admin/bills?customerId=${alice.customerId}`)).statusCode).toBe(200);
    const denied = await call(support.token, 'POST', '/v1/admin/bills', {
      customerId: alice.customerId,
      title: 'x',
      dueDate: '2026-03-10',
      lines: [{ kind: 'fee', description: 'x', amountMinor: 100 }],
    });
    expect(denied.statusCode).toBe(403);
  });

  test('a waiver is asked by one staff member and approved by another; the ledger reverses each line', async () => {
    const carol = await signInTestCustomer(s, randomTestPhone());
    const checker = await signInTestStaff(s, 'finance');
    const bill = (
      await charge(carol.customerId, [
        { kind: 'rent', description: '租金', amountMinor: 20_000 },
        { kind: 'penalty', description: '违约金', amountMinor: 600 },
      ])
    ).json();
    const ask = (body: unknown) => call(finance.token, 'POST', `/v1/admin/bills/${bill.id}/waivers`, body);
    const asked = await ask({ reason: '首次逾期，减免违约金', positions: [1] });
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toMatchObject({ status: 'pending', requestedMinor: 600, positions: [1] });
    // Nothing is waived until someone else approves; one pending request per bill.
    expect((await call(finance.token, 'GET', `/v1/admin/bills/${bill.id}`)).json().waivedMinor).toBe(0);
    expect((await ask({ reason: '再来一次' })).json().code).toBe('BILLING_WAIVER_PENDING');
    const own = await call(finance.token, 'POST', `/v1/admin/bill-waivers/${asked.json().id}/approve`, {});
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('BILLING_WAIVER_SELF_APPROVAL');
    const approved = await call(checker.token, 'POST', `/v1/admin/bill-waivers/${asked.json().id}/approve`, {
      note: '同意',
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().request).toMatchObject({ status: 'approved', waivedMinor: 600, decidedBy: checker.staffId });
    // The console shows who asked and who decided by name.
    expect(approved.json().request.requestedByName).toMatch(/finance/);
    expect(approved.json().request.decidedByName).toMatch(/finance/);
    expect(approved.json().request.decidedByName).not.toBe(approved.json().request.requestedByName);
    expect(approved.json().bill).toMatchObject({ waivedMinor: 600, outstandingMinor: 20_000, status: 'open' });
    const again = await call(checker.token, 'POST', `/v1/admin/bill-waivers/${asked.json().id}/approve`, {});
    expect(again.json().code).toBe('BILLING_WAIVER_DECIDED');
    expect((await ask({ reason: 'x', positions: [1] })).json().code).toBe('BILLING_BILL_INVALID');

    // A rejected request changes nothing; a second request for the rest is approved.
    const second = (await ask({ reason: '客户关怀' })).json();
    const rejected = await call(checker.token, 'POST', `/v1/admin/bill-waivers/${second.id}/reject`, {
      note: '不符合政策',
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decisionNote: '不符合政策' });
    expect((await call(finance.token, 'GET', `/v1/admin/bills/${bill.id}`)).json().outstandingMinor).toBe(20_000);
    const third = (await ask({ reason: '客户关怀' })).json();
    const rest = await call(checker.token, 'POST', `/v1/admin/bill-waivers/${third.id}/approve`, {});
    expect(rest.json().bill).toMatchObject({ waivedMinor: 20_600, outstandingMinor: 0, status: 'waived' });
    const queue = (await call(finance.token, 'GET', `/v1/admin/bill-waivers?billId=${bill.id}`)).json().data;
    expect(queue.map((r: { status: string }) => r.status)).toEqual(['approved', 'rejected', 'approved']);

    const legs = await queryRows<{ code: string; amount_minor: string }>(
      s.ctx.database.db,
      sql`select code, amount_minor from ledger_transfers where reference = ${bill.id} order by id`,
    );
    const sum = (code: string) => legs.filter((l) => l.code === code).reduce((t, l) => t + Number(l.amount_minor), 0);
    expect(sum('billing.issue')).toBe(20_600);
    expect(sum('billing.waive')).toBe(20_600);
    const audit = await queryRows<{ action: string }>(
      s.ctx.database.db,
      sql`select action from identity_audit_log where target_id = ${bill.id} and action like 'billing.%' order by seq`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'billing.bill_issued',
      'billing.waiver_requested',
      'billing.bill_waived',
      'billing.waiver_approved',
      'billing.waiver_requested',
      'billing.waiver_rejected',
      'billing.waiver_requested',
      'billing.bill_waived',
      'billing.waiver_approved',
    ]);
  });

  test('waivers for the console name the bill, the customer and the approver with the time; the customer never reads the internal reason', async () => {
    const phone = randomTestPhone();
    const dave = await signInTestCustomer(s, phone);
    const checker = await signInTestStaff(s, 'finance');
    const bill = (await charge(dave.customerId, [{ kind: 'penalty', description: '违约金', amountMinor: 900 }])).json();
    const digits = phone.replace(/^\+86/, '');
    const masked = `${digits.slice(0, 3)}****${digits.slice(-4)}`;
    expect(bill).toMatchObject({ customerLabel: masked, waiveReason: null });
    const internal = '内部：客户投诉较多，主管同意减免';
    const asked = (
      await call(finance.token, 'POST', `/v1/admin/bills/${bill.id}/waivers`, { reason: internal })
    ).json();
    const queue = (await call(checker.token, 'GET', '/v1/admin/bill-waivers?status=pending')).json().data;
    expect(queue.find((r: { id: string }) => r.id === asked.id)).toMatchObject({
      billTitle: '配件费',
      customerId: dave.customerId,
      customerLabel: masked,
      requestedMinor: 900,
    });
    s.clock.advance(60_000);
    const approved = (await call(checker.token, 'POST', `/v1/admin/bill-waivers/${asked.id}/approve`, {})).json();
    expect(approved.request).toMatchObject({
      decidedBy: checker.staffId,
      decidedByName: expect.stringMatching(/finance/),
      decidedAt: s.clock.now().toISOString(),
    });
    // Staff read the reason; the customer's answers (one bill, the list, a payment) never carry it.
    expect(approved.bill).toMatchObject({ waiveReason: internal, customerLabel: masked });
    expect((await call(finance.token, 'GET', `/v1/admin/bills/${bill.id}`)).json().waiveReason).toBe(internal);
    const mine = await call(dave.token, 'GET', `/v1/bills/${bill.id}`);
    expect(mine.json()).toMatchObject({ status: 'waived', waivedMinor: 900 });
    expect(mine.json()).not.toHaveProperty('waiveReason');
    expect(mine.body).not.toContain(internal);
    const list = await call(dave.token, 'GET', '/v1/bills?status=waived');
    expect(list.json().data.map((b: { id: string }) => b.id)).toContain(bill.id);
    expect(list.body).not.toContain(internal);
    expect(list.body).not.toContain('waiveReason');
  });

  test("a withdrawn bill's reason is a code and its parameters for the console to word, never a sentence; a bill withdrawn before the codes keeps its text", async () => {
    const erin = await signInTestCustomer(s);
    const bill = (
      await charge(erin.customerId, [{ kind: 'penalty', description: '违约金', amountMinor: 1_250 }])
    ).json();
    await transaction(s.ctx.database, (tx) =>
      withdrawBill(tx, deps(), {
        billId: bill.id,
        sourceType: bill.sourceType,
        sourceId: bill.sourceId,
        reason: { code: 'installment_order_cancelled', params: { cause: 'expiry' } },
      }),
    );
    const withdrawn = (await call(finance.token, 'GET', `/v1/admin/bills/${bill.id}`)).json();
    expect(withdrawn).toMatchObject({
      status: 'waived',
      withdrawn: true,
      waivedMinor: 1_250,
      waiveReason: null,
      withdrawReason: { code: 'installment_order_cancelled', params: { cause: 'expiry' } },
    });
    // The customer reads the same code (the H5 words why the bill was cancelled), never a waiver's reason.
    const mine = (await call(erin.token, 'GET', `/v1/bills/${bill.id}`)).json();
    expect(mine).toMatchObject({
      withdrawn: true,
      withdrawReason: { code: 'installment_order_cancelled', params: { cause: 'expiry' } },
    });
    expect(mine).not.toHaveProperty('waiveReason');
    const events = await queryRows<{ payload: Record<string, unknown> }>(
      s.ctx.database.db,
      sql`select payload from outbox where type = 'billing.bill_withdrawn' and aggregate_id = ${bill.id}`,
    );
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({ reasonCode: 'installment_order_cancelled', reasonParams: { cause: 'expiry' } }),
    ]);
    expect(JSON.stringify(events)).not.toMatch(/cancelled:|abandoned by/);
    // A bill withdrawn before the codes: no code, its source's text as written.
    const old = (await charge(erin.customerId, [{ kind: 'penalty', description: '违约金', amountMinor: 300 }])).json();
    await transaction(s.ctx.database, (tx) =>
      tx.execute(sql`update billing_bills set status = 'waived', waived_minor = amount_minor, withdrawn_at = now(),
        waive_reason = 'installment order cancelled: customer cancelled' where id = ${old.id}`),
    );
    expect((await call(finance.token, 'GET', `/v1/admin/bills/${old.id}`)).json()).toMatchObject({
      withdrawn: true,
      withdrawReason: null,
      waiveReason: 'installment order cancelled: customer cancelled',
    });
  });

  test('forgiven principal is written off, not put back as principal still to bill', async () => {
    const checker = await signInTestStaff(s, 'finance');
    const frank = await signInTestCustomer(s, randomTestPhone());
    const { bill } = await transaction(s.ctx.database, (tx) =>
      issueBill(tx, deps(), {
        customerId: frank.customerId,
        sourceType: 'installment',
        sourceId: 'ins_writeoff',
        period: 4,
        title: '第 4 期',
        dueDate: '2026-03-20',
        lines: [
          { kind: 'principal', description: '本金', amountMinor: 80_000 },
          { kind: 'interest', description: '利息', amountMinor: 4_000 },
        ],
        issuedBy: 'installment',
      }),
    );
    const asked = (await call(finance.token, 'POST', `/v1/admin/bills/${bill.id}/waivers`, { reason: '核销' })).json();
    await call(checker.token, 'POST', `/v1/admin/bill-waivers/${asked.id}/approve`, {});
    const tb = await transaction(s.ctx.database, (tx) => trialBalance(tx, 'CNY'));
    const line = (code: number) => tb.accounts.find((a) => a.code === code);
    // 1210 was credited 80,000 at issue and is not debited back; 5200 carries the loss.
    expect(line(1210)?.debitsPostedMinor ?? 0).toBe(0);
    expect(line(5200)?.debitsPostedMinor).toBe(80_000);
    expect(tb.postedDebitsMinor).toBe(tb.postedCreditsMinor);
  });

  test('a bill issued already past due is overdue from the start, with its overdue event', async () => {
    const gina = await signInTestCustomer(s, randomTestPhone());
    const bill = (
      await charge(gina.customerId, [{ kind: 'fee', description: '补缴', amountMinor: 500 }], '2026-02-20')
    ).json();
    expect(bill).toMatchObject({ status: 'overdue', daysOverdue: 10 });
    const events = await queryRows<{ type: string }>(
      s.ctx.database.db,
      sql`select type from outbox where aggregate_id = ${bill.id} order by seq`,
    );
    expect(events.map((e) => e.type)).toEqual(['billing.bill_issued', 'billing.bill_overdue']);
  });

  test('the daily tick marks bills past due as overdue once, with an event', async () => {
    const davePhone = randomTestPhone();
    let dave = await signInTestCustomer(s, davePhone);
    const bill = (
      await charge(dave.customerId, [{ kind: 'fee', description: '服务费', amountMinor: 1_000 }], '2026-03-05')
    ).json();
    const tick = billingModule.ticks?.(s.ctx).find((t) => t.name === 'billing.mark_overdue');
    if (!tick) throw new Error('the overdue tick is declared');
    await runTick(s.ctx.database.db, s.clock, tick, '2026-03-05');
    expect((await call(dave.token, 'GET', `/v1/bills/${bill.id}`)).json().status).toBe('open');
    s.clock.set('2026-03-08T02:00:00Z');
    dave = await signInTestCustomer(s, davePhone); // six days on, the first access token has expired
    const outcome = await runTick(s.ctx.database.db, s.clock, tick, '2026-03-06');
    expect(outcome.status).toBe('done');
    const overdue = (await call(dave.token, 'GET', `/v1/bills/${bill.id}`)).json();
    expect(overdue).toMatchObject({ status: 'overdue', daysOverdue: 3 });
    await runTick(s.ctx.database.db, s.clock, tick, '2026-03-07');
    const events = await queryRows(
      s.ctx.database.db,
      sql`select 1 from outbox where type = 'billing.bill_overdue' and aggregate_id = ${bill.id}`,
    );
    expect(events).toHaveLength(1);
    const summary = (await call(dave.token, 'GET', '/v1/bills')).json().summary;
    expect(summary).toMatchObject({ unpaidMinor: 1_000, overdueMinor: 1_000 });
    s.clock.set('2026-03-02T02:00:00Z');
  });

  test('a rent bill paid on time earns 1 point per yuan, once; a late one and a manual charge earn none', async () => {
    const erin = await signInTestCustomer(s, randomTestPhone());
    await fund(erin.customerId, 100_000);
    const issue = (sourceId: string, dueDate: string, sourceType = 'rental') =>
      transaction(s.ctx.database, (tx) =>
        issueBill(tx, deps(), {
          customerId: erin.customerId,
          sourceType,
          sourceId,
          period: 1,
          title: '第 1 期租金',
          dueDate,
          lines: [{ kind: 'rent', description: '第 1 期租金', amountMinor: 29_950 }],
          issuedBy: 'rental',
        }),
      );
    const onTime = (await issue('ord_points_1', '2026-03-02')).bill;
    const late = (await issue('ord_points_2', '2026-03-01')).bill;
    const manual = (await issue('chg_points_3', '2026-03-09', 'manual')).bill;
    for (const bill of [onTime, late, manual]) {
      expect((await call(erin.token, 'POST', `/v1/bills/${bill.id}/pay`, { method: 'wallet' })).statusCode).toBe(201);
    }
    for (let i = 0; i < 5; i++) if (!(await s.worker.runOnce()).busy) break;
    const points = (await call(erin.token, 'GET', '/v1/points')).json();
    expect(points.balance).toBe(299);
    expect(points.lots.map((l: { reason: string }) => l.reason)).toEqual(['按时支付：第 1 期租金']);
    // The apps read its code and the bill's title (wallet's points-reasons.ts), not the Chinese sentence.
    expect(points.lots[0]).toMatchObject({ reasonCode: 'on_time_payment', reasonDetail: '第 1 期租金' });
    // The same event delivered again awards nothing more.
    const again = await transaction(s.ctx.database, (tx) => awardOnTimePoints(tx, deps(), onTime.id));
    expect(again).toEqual({ points: 299, awarded: false });
    expect((await call(erin.token, 'GET', '/v1/points')).json().balance).toBe(299);
  });

  test('the trial balance stays balanced through issue, pay and waive', async () => {
    const tb = await transaction(s.ctx.database, (tx) => trialBalance(tx, 'CNY'));
    expect(tb.postedDebitsMinor).toBe(tb.postedCreditsMinor);
    await transaction(s.ctx.database, (tx) => assertLedgerConsistent(tx));
  });
});
