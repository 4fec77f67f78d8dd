// Chasing a ¥259.00 rent bill day by day on the test clock: reminders T−7, T−3, T−1 and D+1 through
// the notification module (once each), the auto-debit on the due date refused for insufficient funds
// at the Alipay sandbox, retried on D+1 and paid — the bill settled, clearing and receivables moved by
// exactly ¥259.00; nothing is charged twice for a date; a customer without an agreement is reminded
// but never charged; the timers decide the days.
import type { AddressInfo } from 'node:net';
import { issueBill } from '@zulin/billing';
import { evidenceOfSubject } from '@zulin/contracts';
import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { addDays, type BusinessDate, today } from '@zulin/kernel';
import { assertLedgerConsistent, channelClearingAccount, getBalances, platformAccount } from '@zulin/ledger';
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
import { autoDebitReference, collectRent, rentAutoDebitPurpose } from './collect-rent';
import { rentalDeps } from './module';

const DAY_MS = 24 * 60 * 60 * 1000;

describeDb('rent reminders and auto-debit on the test clock', (get) => {
  let s: TestServer;
  let n = 0;
  const deps = () => rentalDeps(s.ctx);
  const date = (): BusinessDate => today(s.clock, s.ctx.config.timeZone);
  const knobs = (changes: Record<string, unknown>) =>
    s.app.inject({ method: 'PUT', url: '/v1/sandbox/payments/knobs', payload: changes });
  const balance = async (accountId: string) => {
    const b = (await getBalances(s.ctx.database.db, [accountId])).get(accountId);
    return (b?.creditsPostedMinor ?? 0) - (b?.debitsPostedMinor ?? 0);
  };
  /** The daily tick for today, then what runs after it: the agreement sweep and the outbox. */
  const day = async () => {
    const result = await collectRent(s.ctx.database.db, deps(), date());
    const client = await agreementChannelClient(s.ctx, 'alipay');
    await sendAgreementCharges(s.ctx.database, { clock: s.clock, client });
    for (let i = 0; i < 10; i++) if (!(await s.worker.runOnce()).busy) break;
    return result;
  };
  const signedAgreement = async (customerId: string) => {
    const agreementDeps = { clock: s.clock, client: await agreementChannelClient(s.ctx, 'alipay') };
    const a = await runCommand(s.ctx.database, (tx) =>
      requestAgreement(tx, agreementDeps, {
        customerId,
        outRequestNo: `rent_agr_${n++}_${customerId.slice(-6)}`,
        perChargeMaxMinor: 100_000,
        periodDays: 30,
        reference: `ren_collect_${n}`,
      }),
    );
    const url = new URL((await openSignPage(s.ctx.database, agreementDeps, a)).signUrl);
    const page = await s.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    const sandboxId = String(page.headers.location).split('/').at(-1);
    await s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/agreements/${sandboxId}/sign` });
    expect((await refreshAgreement(s.ctx.database, agreementDeps, a.id)).state).toBe('active');
  };
  const rentBill = (customerId: string, dueDate: BusinessDate) =>
    runCommand(s.ctx.database, (tx) =>
      issueBill(tx, deps(), {
        customerId,
        sourceType: 'rental',
        sourceId: `ren_collect_${customerId.slice(-8)}`,
        period: 2,
        title: '第 2 期租金',
        dueDate,
        lines: [{ kind: 'rent', description: '租金', amountMinor: 25_900 }],
        issuedBy: 'rental',
      }),
    );
  const notices = (customerId: string) =>
    queryRows<{
      template: string;
      params: { days?: number; outstandingMinor: number; retryDate?: string; title?: string };
    }>(
      s.ctx.database.db,
      sql`select template, params from notification_messages where customer_id = ${customerId} order by id`,
    );
  const charges = (billId: string) =>
    queryRows<{ reference: string; state: string; amount_minor: number; purpose: string }>(
      s.ctx.database.db,
      sql`select reference, state, amount_minor::int as amount_minor, purpose from payments_orders
          where reference like ${`${billId}#%`} order by reference`,
    );

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: new Date().toISOString() });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await s?.close();
  });

  test('T−7, T−3, T−1 reminded; the due-date charge fails, the D+1 retry pays ¥259.00; D+3 asks nothing', async () => {
    const ann = await signInTestCustomer(s);
    const bob = await signInTestCustomer(s);
    await signedAgreement(ann.customerId);
    const dueDate = addDays(date(), 7);
    const { bill } = await rentBill(ann.customerId, dueDate);
    const { bill: bobBill } = await rentBill(bob.customerId, dueDate);
    const clearing = await channelClearingAccount(s.ctx.database.db, s.clock, 'alipay');
    const receivables = await platformAccount(s.ctx.database.db, s.clock, 'customer_receivables');
    const before = { clearing: await balance(clearing.id), receivables: await balance(receivables.id) };

    // T−7 (the day the rent tick issues the bill): the first reminder, for both customers.
    expect(await day()).toEqual({ reminded: 2, charged: 0, skipped: 0 });
    // Asked again for the same date: nothing new.
    expect(await day()).toEqual({ reminded: 0, charged: 0, skipped: 0 });
    const walk = async (toDate: BusinessDate) => {
      const results: Record<string, Awaited<ReturnType<typeof day>>> = {};
      while (date() < toDate) {
        s.clock.advance(DAY_MS);
        results[date()] = await day();
      }
      return results;
    };
    const toDue = await walk(addDays(dueDate, -1));
    expect(toDue[addDays(dueDate, -3)]).toEqual({ reminded: 2, charged: 0, skipped: 0 });
    expect(toDue[addDays(dueDate, -1)]).toEqual({ reminded: 2, charged: 0, skipped: 0 });
    expect(Object.values(toDue).reduce((sum, r) => sum + r.reminded, 0)).toBe(4);
    // Each reminder is in the evidence log under the rental, in the reminder's transaction: T−7, T−3, T−1.
    const reminders = await evidenceOfSubject(s.ctx.database.db, {
      kind: 'rental',
      id: `ren_collect_${ann.customerId.slice(-8)}`,
    });
    expect(reminders.map((e) => [e.kind, e.customerId, e.data.reminder, e.data.days, e.data.billId])).toEqual(
      [7, 3, 1].map((days) => ['rental.reminder_sent', ann.customerId, 'before_due', days, bill.id]),
    );
    expect(reminders[0]?.data).toMatchObject({ dueDate, outstandingMinor: 25_900 });

    // The due date: Ann's agreement is charged and refused for insufficient funds; Bob has none.
    await knobs({ insufficientFunds: true });
    s.clock.advance(DAY_MS);
    expect(date()).toBe(dueDate);
    expect(await day()).toEqual({ reminded: 0, charged: 1, skipped: 1 });
    expect(await charges(bill.id)).toEqual([
      {
        reference: autoDebitReference(bill.id, 0),
        state: 'failed',
        amount_minor: 25_900,
        purpose: rentAutoDebitPurpose,
      },
    ]);
    expect(await balance(clearing.id)).toBe(before.clearing);
    // Ann is told at once: refused, retried tomorrow (D+1 of the default D+1/D+3/D+5).
    const failedNotice = (await notices(ann.customerId)).find((m) => m.template === 'bills.auto_debit_failed');
    expect(failedNotice?.params).toEqual({
      title: '第 2 期租金',
      outstandingMinor: 25_900,
      retryDate: addDays(dueDate, 1),
    });

    // D+1: the overdue reminder, and the retry pays the whole ¥259.00.
    await knobs({ insufficientFunds: false });
    s.clock.advance(DAY_MS);
    expect(await day()).toEqual({ reminded: 2, charged: 1, skipped: 1 });
    expect((await charges(bill.id)).map((c) => [c.reference, c.state])).toEqual([
      [autoDebitReference(bill.id, 0), 'failed'],
      [autoDebitReference(bill.id, 1), 'succeeded'],
    ]);
    const staff = await signInTestStaff(s, 'finance');
    const paid = await s.app.inject({
      method: 'GET',
      url: `/v1/admin/bills/${bill.id}`,
      headers: { authorization: `Bearer ${staff.token}` },
    });
    expect(paid.json()).toMatchObject({ status: 'paid', paidMinor: 25_900 });
    // Clearing −¥259.00 (the channel owes us), receivables +¥259.00 (Ann's bill no longer owed).
    expect(await balance(clearing.id)).toBe(before.clearing - 25_900);
    expect(await balance(receivables.id)).toBe(before.receivables + 25_900);
    await assertLedgerConsistent(s.ctx.database.db);

    // D+3: Ann's bill is paid, so nothing more for her; Bob is reminded again and still not charged.
    s.clock.advance(2 * DAY_MS);
    expect(await day()).toEqual({ reminded: 1, charged: 0, skipped: 1 });
    expect(await charges(bill.id)).toHaveLength(2);
    expect(await charges(bobBill.id)).toEqual([]);

    expect(
      (await notices(ann.customerId))
        .filter((m) => m.template.startsWith('bills.rent_') || m.template.startsWith('bills.auto_debit'))
        .map((m) => [m.template, m.params.days, m.params.outstandingMinor]),
    ).toEqual([
      ['bills.rent_due_soon', 7, 25_900],
      ['bills.rent_due_soon', 3, 25_900],
      ['bills.rent_due_soon', 1, 25_900],
      ['bills.auto_debit_failed', undefined, 25_900],
      ['bills.rent_overdue_reminder', 1, 25_900],
    ]);
    expect(
      (await notices(bob.customerId)).filter((m) => m.template.startsWith('bills.rent_')).map((m) => m.params.days),
    ).toEqual([7, 3, 1, 1, 3]);
  }, 240_000);
  test('a charge that succeeded but is not yet applied to its bill stops the next retry (no second debit)', async () => {
    const cy = await signInTestCustomer(s);
    await signedAgreement(cy.customerId);
    const dueDate = addDays(date(), 1);
    const { bill } = await rentBill(cy.customerId, dueDate);
    s.clock.advance(DAY_MS);
    // The due date: the charge is made and the channel says it succeeded, but the outbox has not yet
    // delivered the payment to the bill (a slow or failing subscriber): the bill still owes ¥259.00.
    await collectRent(s.ctx.database.db, deps(), date());
    const client = await agreementChannelClient(s.ctx, 'alipay');
    await sendAgreementCharges(s.ctx.database, { clock: s.clock, client });
    expect((await charges(bill.id)).map((c) => [c.reference, c.state])).toEqual([
      [autoDebitReference(bill.id, 0), 'succeeded'],
    ]);
    // D+1 (a retry day): nothing more is charged for the bill.
    s.clock.advance(DAY_MS);
    await collectRent(s.ctx.database.db, deps(), date());
    await sendAgreementCharges(s.ctx.database, { clock: s.clock, client });
    expect(await charges(bill.id)).toHaveLength(1);
    // Once delivered, the one charge pays the bill.
    for (let i = 0; i < 10; i++) if (!(await s.worker.runOnce()).busy) break;
    const staff = await signInTestStaff(s, 'finance');
    const paid = await s.app.inject({
      method: 'GET',
      url: `/v1/admin/bills/${bill.id}`,
      headers: { authorization: `Bearer ${staff.token}` },
    });
    expect(paid.json()).toMatchObject({ status: 'paid', paidMinor: 25_900 });
  });
});
