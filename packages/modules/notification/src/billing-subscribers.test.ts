import { queryRows, runTick, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { fundTestAccount } from '@zulin/ledger/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { walletAccount } from '@zulin/wallet';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { billingEventTypes } from './billing-subscribers';

describeDb('billing events become notifications', (get) => {
  let s: TestServer;

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('issue, part payment, overdue, waiver and payment each notify the customer once', async () => {
    const phone = randomTestPhone();
    let customer = await signInTestCustomer(s, phone);
    const finance = await signInTestStaff(s, 'finance');
    const call = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
      s.app.inject({ method, url, payload: payload as object, headers: bearer(token) });
    const drain = async () => {
      for (let i = 0; i < 20; i++) if (!(await s.worker.runOnce()).busy) break;
    };
    const wallet = await transaction(s.ctx.database, (tx) => walletAccount(tx, s.clock, customer.customerId));
    await fundTestAccount(s.ctx.database.db, s.clock, wallet.id, 50_000);

    const bill = (
      await call(finance.token, 'POST', '/v1/admin/bills', {
        customerId: customer.customerId,
        title: '屏幕维修费',
        dueDate: '2026-03-05',
        lines: [
          { kind: 'damage', description: '屏幕维修', amountMinor: 18_000 },
          { kind: 'penalty', description: '违约金', amountMinor: 540 },
        ],
      })
    ).json();
    // The penalty is waived at once; ¥50 is paid towards the repair; the rest falls overdue, then is paid.
    const asked = await call(finance.token, 'POST', `/v1/admin/bills/${bill.id}/waivers`, {
      reason: '首次逾期',
      positions: [1],
    });
    const checker = await signInTestStaff(s, 'finance');
    const waived = await call(checker.token, 'POST', `/v1/admin/bill-waivers/${asked.json().id}/approve`, {});
    expect(waived.statusCode).toBe(200);
    expect(
      (await call(customer.token, 'POST', `/v1/bills/${bill.id}/pay`, { method: 'wallet', amountMinor: 5_000 }))
        .statusCode,
    ).toBe(201);
    await drain();
    s.clock.set('2026-03-07T02:00:00Z');
    const tick = s.worker.ticks.find((t) => t.name === 'billing.mark_overdue');
    if (!tick) throw new Error('billing declares the overdue tick');
    await runTick(s.ctx.database.db, s.clock, tick, '2026-03-07');
    customer = await signInTestCustomer(s, phone);
    expect((await call(customer.token, 'POST', `/v1/bills/${bill.id}/pay`, { method: 'wallet' })).statusCode).toBe(201);
    await drain();

    const inbox = (await call(customer.token, 'GET', '/v1/me/notifications?limit=20')).json().data as {
      template: string;
      body: string;
      target: string;
    }[];
    expect(inbox.map((n) => n.template).reverse()).toEqual([
      'bills.bill_issued',
      'bills.bill_waived',
      'bills.bill_part_paid',
      'bills.bill_overdue',
      'bills.bill_paid',
    ]);
    expect(inbox.every((n) => n.target === 'bills')).toBe(true);
    const body = (template: string) => inbox.find((n) => n.template === template)?.body;
    expect(body('bills.bill_issued')).toBe('屏幕维修费：¥185.40，2026-03-05 到期，可在“我的账单”用钱包支付。');
    expect(body('bills.bill_waived')).toBe('屏幕维修费 已为您减免 ¥5.40。');
    expect(body('bills.bill_part_paid')).toBe('您已为 屏幕维修费 支付 ¥50.00，还需支付 ¥130.00。');
    expect(body('bills.bill_overdue')).toBe('屏幕维修费 已于 2026-03-05 到期，尚有 ¥130.00 未支付，请尽快支付。');
    expect(body('bills.bill_paid')).toBe('您已支付 ¥130.00，屏幕维修费 已结清。');
    // The overdue bill also went out by SMS (bills SMS is on by default).
    const texts = (await s.app.inject({ url: `/v1/sandbox/sms?phone=${encodeURIComponent(phone)}` })).json().data as {
      text: string;
    }[];
    expect(texts.map((m) => m.text)).toContain(
      '【Zulin租赁】账单已逾期：屏幕维修费 已于 2026-03-05 到期，尚有 ¥130.00 未支付，请尽快支付。',
    );

    // Every event delivered again: nothing new.
    const count = async () =>
      (await queryRows<{ n: number }>(s.ctx.database.db, sql`select count(*)::int as n from notification_messages`))[0]
        ?.n;
    const before = await count();
    await s.ctx.database.db.execute(
      sql`update outbox_deliveries set status = 'pending', next_attempt_at = ${s.clock.now().toISOString()}::timestamptz
          where subscriber like 'notification.billing.%'`,
    );
    await drain();
    expect(await count()).toBe(before);
    expect(billingEventTypes.sort()).toEqual([
      'billing.bill_issued',
      'billing.bill_overdue',
      'billing.bill_paid',
      'billing.bill_waived',
      'billing.bill_withdrawn',
    ]);
  });
});
