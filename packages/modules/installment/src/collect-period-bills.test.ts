// Auto-debit of installment period bills on the test clock, with a real schedule: ¥6,000.00 over 12
// months 等额本息 at 12 %, funded 80 % of principal / 75 % of interest. Period 1 (¥533.09, due
// 04-02) is debited through the customer's Alipay agreement on its due date to the cent and split with
// the funder (¥423.47); period 2 (¥533.09, due 05-02) is refused by the sandbox on the due date and on
// D+1, not tried on D+2, and paid on D+3 with the 3 days' penalty the overdue tick booked (¥0.47)
// taken first — ¥533.56 in all; the customer is told each refusal with the next retry day; a customer
// without an agreement is never debited; repeating the tick debits nothing twice.
import type { AddressInfo } from 'node:net';
import { createInstallmentOffer, publishProduct } from '@zulin/catalog';
import { queryRows, runTick, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { idCheckChar } from '@zulin/identity';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import { type BusinessDate, type Clock, today } from '@zulin/kernel';
import { assertLedgerConsistent, trialBalance } from '@zulin/ledger';
import { renderNotification } from '@zulin/notification';
import {
  agreementChannelClient,
  openSignPage,
  refreshAgreement,
  requestAgreement,
  sendAgreementCharges,
} from '@zulin/payments';
import { usePaymentsBaseUrl } from '@zulin/payments/testing';
import { runCommand } from '@zulin/platform';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { collectPeriodBills } from './collect-period-bills';
import { installmentDeps } from './deps';
import { installmentAutoDebitPurpose } from './period-auto-debits';

function testIdNumber(sequence: number, birth: string): string {
  const first17 = `110101${birth}${String(sequence).padStart(3, '0')}`;
  return `${first17}${idCheckChar(first17)}`;
}

describeDb('installment period bills auto-debited through agreements', (get) => {
  let s: TestServer;
  let skuId: string;
  let offerId: string;
  let birthDay = 0;
  const call = (token: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    s.app.inject({ method, url, payload: payload as object, headers: token ? bearer(token) : {} });
  const date = (): BusinessDate => today(s.clock, s.ctx.config.timeZone);
  const setDay = (d: string) => s.clock.set(`${d}T02:00:00Z`);
  const knobs = (changes: Record<string, unknown>) =>
    s.app.inject({ method: 'PUT', url: '/v1/sandbox/payments/knobs', payload: changes });
  const verifiedCustomer = async (sequence: number) => {
    birthDay += 1;
    const birth = `1991${String(1 + Math.floor(birthDay / 28)).padStart(2, '0')}${String(1 + (birthDay % 28)).padStart(2, '0')}`;
    const phone = `${randomTestPhone().slice(0, -1)}0`;
    const customer = { ...(await signInTestCustomer(s, phone)), phone };
    const verified = await call(customer.token, 'POST', '/v1/me/identity', {
      name: '赵六',
      idNumber: testIdNumber(sequence, birth),
    });
    expect(verified.statusCode).toBe(200);
    return customer;
  };
  const drain = async () => {
    for (let i = 0; i < 20; i++) if (!(await s.worker.runOnce()).busy) break;
  };
  const tick = (name: string) => {
    const t = s.worker.ticks.find((x) => x.name === name);
    if (!t) throw new Error(`no tick ${name}`);
    return runTick(s.ctx.database.db, s.clock as Clock, t, date(), { force: true });
  };
  /** The day's ticks in their order, the debit tick's own result, then the agreement sweep and the outbox. */
  const day = async () => {
    await tick('installment.issue_period_bills');
    await tick('billing.mark_overdue');
    await tick('installment.track_overdue');
    const result = await collectPeriodBills(s.ctx.database.db, installmentDeps(s.ctx), date());
    await sendAgreementCharges(s.ctx.database, {
      clock: s.clock,
      client: await agreementChannelClient(s.ctx, 'alipay'),
    });
    await drain();
    return result;
  };
  const net = async (code: number) => {
    const tb = await transaction(s.ctx.database, (tx) => trialBalance(tx, 'CNY'));
    return tb.accounts
      .filter((a) => a.code === code)
      .reduce((sum, a) => sum + a.debitsPostedMinor - a.creditsPostedMinor, 0);
  };
  const charges = (billId: string) =>
    queryRows<{ reference: string; state: string; amount_minor: number; purpose: string; day: string }>(
      s.ctx.database.db,
      sql`select reference, state, amount_minor::int as amount_minor, purpose,
                 to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day
          from payments_orders where reference like ${`${billId}#%`} order by reference`,
    );
  const notices = (customerId: string) =>
    queryRows<{ template: string; params: Record<string, unknown> }>(
      s.ctx.database.db,
      sql`select template, params from notification_messages
          where customer_id = ${customerId} and template like 'bills.auto_debit%' order by id`,
    );
  const signedAgreement = async (customerId: string) => {
    const agreementDeps = { clock: s.clock, client: await agreementChannelClient(s.ctx, 'alipay') };
    const a = await runCommand(s.ctx.database, (tx) =>
      requestAgreement(tx, agreementDeps, {
        customerId,
        outRequestNo: `inst_agr_${customerId.slice(-10)}`,
        perChargeMaxMinor: 100_000,
        periodDays: 30,
        reference: `inst_debit_${customerId.slice(-10)}`,
      }),
    );
    const url = new URL((await openSignPage(s.ctx.database, agreementDeps, a)).signUrl);
    const page = await s.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    const sandboxId = String(page.headers.location).split('/').at(-1);
    await s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/agreements/${sandboxId}/sign` });
    expect((await refreshAgreement(s.ctx.database, agreementDeps, a.id)).state).toBe('active');
  };
  const placeAndSign = async (customer: { token: string; phone: string }) => {
    const order = (await call(customer.token, 'POST', '/v1/installment-orders', { skuId, offerId })).json();
    expect(order).toMatchObject({ status: 'awaiting_signature', principalMinor: 600_000 });
    expect((await call(customer.token, 'POST', `/v1/contracts/${order.contractId}/sign-codes`)).statusCode).toBe(202);
    const sms = await s.app.inject({ url: `/v1/sandbox/sms?phone=${encodeURIComponent(customer.phone)}` });
    const signed = await call(customer.token, 'POST', `/v1/installment-orders/${order.id}/sign`, {
      code: sms.json().data[0].code,
      signature: { kind: 'typed', name: '赵六' },
    });
    expect(signed.statusCode).toBe(200);
    return order as { id: string };
  };

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    const now = s.clock.now();
    const stock = await createTestStock(s.ctx.database.db, { units: 20, now, marketPriceMinor: 600_000 });
    await publishProduct(s.ctx.database.db, { productId: stock.productId, actor: { kind: 'system' }, now });
    skuId = stock.skuId;
    const offer = await transaction(s.ctx.database, (tx) =>
      createInstallmentOffer(tx, {
        input: { skuId, termMonths: 12, annualRateBps: 1200, method: 'equal_installment', downPaymentBps: 0 },
        actor: { kind: 'system' },
        now,
      }),
    );
    offerId = offer.id;
  });
  afterAll(async () => {
    await s?.close();
  });

  test('due date debited to the cent; refused → D+1, D+3 (not D+2), paid with the penalty first; no agreement → none', async () => {
    setDay('2026-03-02');
    const admin = await signInTestStaff(s, 'admin');
    const finance = await signInTestStaff(s, 'finance');
    const zhao = await verifiedCustomer(901);
    const qian = await verifiedCustomer(902);
    const funder = (
      await call(admin.token, 'POST', '/v1/admin/installment-funders', {
        name: `代扣资金方 ${Date.now()}`,
        principalShareBps: 8000,
        interestShareBps: 7500,
      })
    ).json();
    const order = await placeAndSign(zhao);
    const other = await placeAndSign(qian);
    expect(
      (await call(finance.token, 'POST', `/v1/admin/installment-orders/${order.id}/funder`, { funderId: funder.id }))
        .statusCode,
    ).toBe(200);
    await drain();
    await signedAgreement(zhao.customerId);

    // 03-26: the period 1 bills are issued (7 days ahead); nothing is due yet, so nothing is debited.
    setDay('2026-03-26');
    expect(await day()).toEqual({ reminded: 0, charged: 0, skipped: 0 });
    const view = async (customer: { phone: string }, id: string) => {
      const again = await signInTestCustomer(s, customer.phone);
      return (await call(again.token, 'GET', `/v1/installment-orders/${id}`)).json();
    };
    const first = (await view(zhao, order.id)).schedule[0];
    expect(first).toMatchObject({ period: 1, dueDate: '2026-04-02', paymentMinor: 53_309, principalMinor: 47_309 });
    const otherFirst = (await view(qian, other.id)).schedule[0];

    // 04-02, the due date: Zhao's ¥533.09 is debited once; Qian has no agreement and is skipped.
    setDay('2026-04-02');
    const payableBefore = -(await net(2210));
    expect(await day()).toEqual({ reminded: 0, charged: 1, skipped: 1 });
    // The same tick again the same day debits nothing more (the attempt exists, the bill is paid).
    expect(await collectPeriodBills(s.ctx.database.db, installmentDeps(s.ctx), date())).toEqual({
      reminded: 0,
      charged: 0,
      skipped: 1,
    });
    await sendAgreementCharges(s.ctx.database, {
      clock: s.clock,
      client: await agreementChannelClient(s.ctx, 'alipay'),
    });
    expect(await charges(first.billId)).toEqual([
      {
        reference: `${first.billId}#0`,
        state: 'succeeded',
        amount_minor: 53_309,
        purpose: installmentAutoDebitPurpose,
        day: '2026-04-02',
      },
    ]);
    const afterFirst = await view(zhao, order.id);
    expect(afterFirst.schedule[0].billStatus).toBe('paid');
    expect(afterFirst.paidPeriods).toBe(1);
    // The funder's split of the debited payment, as for any payment: ⌊47,309 × 80 %⌋ + ⌊6,000 × 75 %⌋.
    expect(-(await net(2210)) - payableBefore).toBe(37_847 + 4_500);
    expect(await charges(otherFirst.billId)).toEqual([]);
    expect((await view(qian, other.id)).schedule[0].billStatus).toBe('open');

    // 05-02, period 2's due date (¥533.09: principal 477.82, interest 55.27): the sandbox refuses.
    setDay('2026-04-25');
    await day();
    const second = (await view(zhao, order.id)).schedule[1];
    expect(second).toMatchObject({ period: 2, dueDate: '2026-05-02', paymentMinor: 53_309, principalMinor: 47_782 });
    await knobs({ insufficientFunds: true });
    setDay('2026-05-02');
    // Qian's period 2 is skipped (no agreement); her unpaid period 1 is past its last retry day (D+5).
    expect(await day()).toEqual({ reminded: 0, charged: 1, skipped: 1 });
    expect((await notices(zhao.customerId)).map((n) => [n.template, n.params])).toEqual([
      ['bills.auto_debit_failed', { title: expect.any(String), outstandingMinor: 53_309, retryDate: '2026-05-03' }],
    ]);
    // The order page's failed-debit line: attempt 0 refused, tried again tomorrow.
    expect((await view(zhao, order.id)).autoDebitFailures).toEqual([
      expect.objectContaining({
        billId: second.billId,
        period: 2,
        outstandingMinor: 53_309,
        attempt: 0,
        failedOn: '2026-05-02',
        nextRetryDate: '2026-05-03',
      }),
    ]);

    // D+1: refused again (the penalty of 1 day, ¥0.16, is already on the bill); next try D+3.
    setDay('2026-05-03');
    expect(await day()).toMatchObject({ charged: 1 });
    expect((await notices(zhao.customerId)).at(-1)?.params).toEqual({
      title: expect.any(String),
      outstandingMinor: 53_309 + 16,
      retryDate: '2026-05-05',
    });
    // D+2: no attempt is due — nothing debited, nothing even asked.
    setDay('2026-05-04');
    await knobs({ insufficientFunds: false });
    expect(await day()).toEqual({ reminded: 0, charged: 0, skipped: 0 });
    expect((await charges(second.billId)).map((c) => c.reference)).toEqual([
      `${second.billId}#0`,
      `${second.billId}#1`,
    ]);

    // D+3: the channel pays. 3 days' penalty on ¥477.82 at 12 % (⌊47,782 × 12 % × 3 / 365⌉ = 47 分) was
    // booked by the overdue tick this morning, so ¥533.56 is debited and the penalty is paid first.
    setDay('2026-05-05');
    const payableBeforeSecond = -(await net(2210));
    // D+3 is a reminder day too: Zhao's (before the debit) and Qian's period 2.
    expect(await day()).toEqual({ reminded: 2, charged: 1, skipped: 1 });
    expect((await charges(second.billId)).map((c) => [c.reference, c.state, c.amount_minor, c.day])).toEqual([
      [`${second.billId}#0`, 'failed', 53_309, '2026-05-02'],
      [`${second.billId}#1`, 'failed', 53_309 + 16, '2026-05-03'],
      [`${second.billId}#2`, 'succeeded', 53_356, '2026-05-05'],
    ]);
    const staff = await signInTestStaff(s, 'finance');
    const bill = (await call(staff.token, 'GET', `/v1/admin/bills/${second.billId}`)).json();
    expect(bill).toMatchObject({ status: 'paid', amountMinor: 53_356, paidMinor: 53_356 });
    const penalty = bill.lines.filter((l: { kind: string }) => l.kind === 'penalty');
    expect(penalty.map((l: { amountMinor: number; paidMinor: number }) => [l.amountMinor, l.paidMinor])).toEqual([
      [47, 47],
    ]);
    // The funder's part of period 2 (principal and interest only; the penalty stays with the platform):
    // ⌊95,091 × 80 %⌋ − 37,847 = 38,225 and ⌊11,527 × 75 %⌋ − 4,500 = 4,145.
    expect(-(await net(2210)) - payableBeforeSecond).toBe(38_225 + 4_145);
    expect((await view(zhao, order.id)).autoDebitFailures).toEqual([]);

    // D+5: the bill is paid, so nothing more; Qian's bills were never debited.
    setDay('2026-05-07');
    await day();
    expect(await charges(second.billId)).toHaveLength(3);
    expect(await charges(otherFirst.billId)).toEqual([]);

    // The console: every attempt of every bill (attempt, date, result).
    const operator = await signInTestStaff(s, 'operator');
    const page = (await call(operator.token, 'GET', `/v1/admin/installment-orders/${order.id}`)).json();
    expect(
      page.autoDebitAttempts.map(
        (a: { period: number; attempt: number; date: string; state: string; amountMinor: number }) => [
          a.period,
          a.attempt,
          a.date,
          a.state,
          a.amountMinor,
        ],
      ),
    ).toEqual([
      [1, 0, '2026-04-02', 'succeeded', 53_309],
      [2, 0, '2026-05-02', 'failed', 53_309],
      [2, 1, '2026-05-03', 'failed', 53_325],
      [2, 2, '2026-05-05', 'succeeded', 53_356],
    ]);
    await assertLedgerConsistent(s.ctx.database.db);
  }, 300_000);

  test('reminders T−3, T−1, D+1, D+3 of a ¥533.09 period: once each, the amount, and whether auto-debit takes it', async () => {
    setDay('2026-08-10');
    const sun = await verifiedCustomer(903);
    const li = await verifiedCustomer(904);
    const withDebit = await placeAndSign(sun);
    const manual = await placeAndSign(li);
    await drain();
    await signedAgreement(sun.customerId);
    const reminders = (customerId: string) =>
      queryRows<{ template: string; params: Record<string, string | number> }>(
        s.ctx.database.db,
        sql`select template, params from notification_messages
            where customer_id = ${customerId} and template like 'bills.installment_%' order by id`,
      );
    // 09-03: period 1 (due 09-10) is billed; then each day to D+4 — the debit refused from the due date on.
    const byDay: Record<string, number> = {};
    for (let d = 3; d <= 14; d++) {
      const day_ = `2026-09-${String(d).padStart(2, '0')}`;
      if (day_ === '2026-09-10') await knobs({ insufficientFunds: true });
      setDay(day_);
      const before = (await reminders(sun.customerId)).length + (await reminders(li.customerId)).length;
      await day();
      // A second run the same day sends nothing more.
      await collectPeriodBills(s.ctx.database.db, installmentDeps(s.ctx), date());
      byDay[day_] = (await reminders(sun.customerId)).length + (await reminders(li.customerId)).length - before;
    }
    await knobs({ insufficientFunds: false });
    expect(byDay).toEqual({
      '2026-09-03': 0,
      '2026-09-04': 0,
      '2026-09-05': 0,
      '2026-09-06': 0,
      '2026-09-07': 2,
      '2026-09-08': 0,
      '2026-09-09': 2,
      '2026-09-10': 0,
      '2026-09-11': 2,
      '2026-09-12': 0,
      '2026-09-13': 2,
      '2026-09-14': 0,
    });
    const title = (await reminders(li.customerId))[0]?.params.title;
    // Li has no agreement: told to pay himself; after the due date the amount grows by the penalty
    // booked each day on ¥473.09 at 12 % (1 day: 16 分; 3 days: 47 分).
    expect((await reminders(li.customerId)).map((n) => [n.template, n.params])).toEqual([
      ['bills.installment_due_soon', { title, outstandingMinor: 53_309, dueDate: '2026-09-10', days: 3 }],
      ['bills.installment_due_soon', { title, outstandingMinor: 53_309, dueDate: '2026-09-10', days: 1 }],
      ['bills.installment_overdue_reminder', { title, outstandingMinor: 53_325, dueDate: '2026-09-10', days: 1 }],
      ['bills.installment_overdue_reminder', { title, outstandingMinor: 53_356, dueDate: '2026-09-10', days: 3 }],
    ]);
    // Sun's agreement covers the amount: told auto-debit takes it.
    expect(
      (await reminders(sun.customerId)).map((n) => [n.template, n.params.days, n.params.outstandingMinor]),
    ).toEqual([
      ['bills.installment_due_soon_auto_debit', 3, 53_309],
      ['bills.installment_due_soon_auto_debit', 1, 53_309],
      ['bills.installment_overdue_reminder_auto_debit', 1, 53_325],
      ['bills.installment_overdue_reminder_auto_debit', 3, 53_356],
    ]);
    const render = (
      n: { template: string; params: Record<string, string | number> } | undefined,
      locale: 'zh-CN' | 'en',
    ) => renderNotification(n?.template ?? '', n?.params ?? {}, { locale, timeZone: 'Asia/Shanghai' }).body;
    const [liFirst] = await reminders(li.customerId);
    const [sunFirst] = await reminders(sun.customerId);
    expect(render(liFirst, 'zh-CN')).toContain('应还 ¥533.09。您未开通自动扣款');
    expect(render(liFirst, 'en')).toContain('¥533.09 to pay. Auto-debit is not on');
    expect(render(sunFirst, 'zh-CN')).toContain('应还 ¥533.09，将在到期日通过支付宝自动扣款');
    expect(render(sunFirst, 'en')).toContain('¥533.09, which auto-debit through Alipay will take on the due date');
    // Each reminder is evidence of notice given, on the order.
    const evidence = await queryRows<{ n: number }>(
      s.ctx.database.db,
      sql`select count(*)::int as n from contracts_evidence_entries
          where subject_kind = 'installment' and subject_id = ${manual.id} and kind = 'installment.reminder_sent'`,
    );
    expect(evidence[0]?.n).toBe(4);
    expect(withDebit.id).not.toBe(manual.id);
  }, 300_000);

  test('the operator’s days: reminded T−5 only, refused on the due date and retried D+2 (not D+1), told the retry date', async () => {
    // Signed in at each change: the clock moves a month between them.
    const timers = async (body: object) =>
      call((await signInTestStaff(s, 'operator')).token, 'PUT', '/v1/admin/installment-timers', body);
    expect(
      (await timers({ reminderDaysBeforeDue: [5], reminderDaysAfterDue: [], autoDebitRetryDaysAfterDue: [2] }))
        .statusCode,
    ).toBe(200);
    setDay('2026-11-02');
    const zhou = await verifiedCustomer(905);
    const order = await placeAndSign(zhou);
    await drain();
    await signedAgreement(zhou.customerId);
    const reminders = () =>
      queryRows<{ template: string; days: number }>(
        s.ctx.database.db,
        sql`select template, (params->>'days')::int as days from notification_messages
            where customer_id = ${zhou.customerId} and template like 'bills.installment_%' order by id`,
      );
    const remindedOn: string[] = [];
    for (let d = 25; d <= 35; d++) {
      const day_ = d <= 30 ? `2026-11-${d}` : `2026-12-0${d - 30}`;
      if (day_ === '2026-12-02') await knobs({ insufficientFunds: true });
      setDay(day_);
      const before = (await reminders()).length;
      await day();
      if ((await reminders()).length > before) remindedOn.push(day_);
    }
    await knobs({ insufficientFunds: false });
    // Due 12-02: reminded on 11-27 (T−5) and on no other day — not T−3, T−1, D+1 or D+3.
    expect(remindedOn).toEqual(['2026-11-27']);
    expect((await reminders()).map((r) => [r.template, r.days])).toEqual([
      ['bills.installment_due_soon_auto_debit', 5],
    ]);
    const again = await signInTestCustomer(s, zhou.phone);
    const first = (await call(again.token, 'GET', `/v1/installment-orders/${order.id}`)).json().schedule[0];
    expect(first.dueDate).toBe('2026-12-02');
    // Refused on the due date, tried again on D+2 (12-04) only, and refused again: no retry left.
    expect((await charges(first.billId)).map((c) => [c.reference.split('#')[1], c.day, c.state])).toEqual([
      ['0', '2026-12-02', 'failed'],
      ['1', '2026-12-04', 'failed'],
    ]);
    expect((await notices(zhou.customerId)).map((n) => [n.template, n.params.retryDate ?? null])).toEqual([
      ['bills.auto_debit_failed', '2026-12-04'],
      ['bills.auto_debit_failed_final', null],
    ]);
    expect((await timers({})).statusCode).toBe(200);
  }, 300_000);
});
