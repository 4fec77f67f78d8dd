// payments.agreement_ended becomes one inbox notification and one SMS per event, even when the outbox
// delivers it twice: ended at the channel (naming the next unpaid bill, or "your next bill") or a
// signing that expired, in Chinese and English.

import { issueBill } from '@zulin/billing';
import { emitEvent, queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { fundTestAccount } from '@zulin/ledger/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { walletAccount } from '@zulin/wallet';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { paymentsEventTypes } from './payments-subscribers';

describeDb('payments events become notifications', (get) => {
  let s: TestServer;
  const drain = async () => {
    for (let i = 0; i < 20; i++) if (!(await s.worker.runOnce()).busy) break;
  };
  const customer = async () => {
    const phone = randomTestPhone();
    return { ...(await signInTestCustomer(s, phone)), phone };
  };
  const ended = (customerId: string, reason: 'ended_at_channel' | 'signing_expired', agreementId: string) =>
    transaction(s.ctx.database, (tx) =>
      emitEvent(tx, s.clock.now(), {
        type: 'payments.agreement_ended',
        aggregateType: 'payment_agreement',
        aggregateId: agreementId,
        payload: { agreementId, customerId, channel: 'alipay', reason, occurredAt: s.clock.now().toISOString() },
      }),
    );
  const inbox = async (token: string, language = 'zh-CN') =>
    (
      await s.app.inject({
        method: 'GET',
        url: '/v1/me/notifications?limit=20',
        headers: { ...bearer(token), 'accept-language': language },
      })
    ).json().data as { template: string; title: string; body: string; target: string }[];
  const texts = async (phone: string) =>
    (
      (await s.app.inject({ method: 'GET', url: `/v1/sandbox/sms?phone=${encodeURIComponent(phone)}` })).json()
        .data as { text: string }[]
    ).map((m) => m.text);
  const rowsOf = async (customerId: string) =>
    (
      await queryRows<{ n: number }>(
        s.ctx.database.db,
        sql`select count(*)::int as n from notification_messages where customer_id = ${customerId}`,
      )
    )[0]?.n;

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: '2026-03-01T02:00:00Z' });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('ended at the channel: auto-debit stopped, the next unpaid bill auto-debit pays (not a sooner damage charge) named with its amount and due date — once, though delivered twice', async () => {
    const me = await customer();
    const finance = await signInTestStaff(s, 'finance');
    const issueManual = async (title: string, dueDate: string, amountMinor: number) => {
      const answer = await s.app.inject({
        method: 'POST',
        url: '/v1/admin/bills',
        headers: bearer(finance.token),
        payload: {
          customerId: me.customerId,
          title,
          dueDate,
          lines: [{ kind: 'damage', description: title, amountMinor }],
        },
      });
      expect(answer.statusCode).toBe(201);
      return answer.json() as { id: string };
    };
    const issueRent = async (title: string, dueDate: string, period: number, amountMinor: number) =>
      (
        await transaction(s.ctx.database, (tx) =>
          issueBill(
            tx,
            { clock: s.clock, timeZone: s.ctx.config.timeZone },
            {
              customerId: me.customerId,
              sourceType: 'rental',
              sourceId: `ro_notice_${me.customerId}`,
              period,
              title,
              dueDate,
              lines: [{ kind: 'rent', description: title, amountMinor }],
              issuedBy: 'rental',
            },
          ),
        )
      ).bill;
    // Two unpaid rent bills: the one due first is the one to pay by hand next. A damage charge due
    // sooner is not named: auto-debit never paid it (the notice used to name it).
    await issueRent('4月租金', '2026-04-05', 2, 25_900);
    const march = await issueRent('3月租金', '2026-03-05', 1, 25_900 + 1_200);
    await issueManual('屏幕划痕赔偿', '2026-03-02', 9_900);
    await drain();
    const before = await rowsOf(me.customerId);
    await ended(me.customerId, 'ended_at_channel', 'pag_test_ended');
    await drain();
    const notices = (await inbox(me.token)).filter((n) => n.template.startsWith('bills.auto_debit'));
    expect(notices).toEqual([
      expect.objectContaining({
        template: 'bills.auto_debit_ended',
        target: 'bills',
        title: '自动扣款已停止',
        body: '支付宝通知我们，您的自动扣款协议已解除，之后的账单不会再自动扣款。下一笔账单“3月租金”¥271.00 将于 2026-03-05 到期，请在“我的账单”中手动支付。如需继续自动扣款，可重新开通。',
      }),
    ]);
    const [english] = (await inbox(me.token, 'en')).filter((n) => n.template === 'bills.auto_debit_ended');
    expect(english?.body).toBe(
      'Alipay told us your auto-debit agreement has ended, so bills are no longer taken automatically. Your next bill, "3月租金", ¥271.00, is due on 2026-03-05: please pay it yourself in My bills. You can turn auto-debit on again at any time.',
    );
    const sms =
      '【Zulin租赁】支付宝通知我们，您的自动扣款协议已解除。下一笔账单 ¥271.00 将于 2026-03-05 到期，请在租机 App 的“我的账单”中手动支付。';
    expect((await texts(me.phone)).filter((t) => t === sms)).toHaveLength(1);
    expect(await rowsOf(me.customerId)).toBe((before ?? 0) + 1);

    // The outbox delivers the event again (a crash between the work and its record), after the
    // March bill was paid from the wallet — the next bill is another now: still one notice and one text.
    const wallet = await transaction(s.ctx.database, (tx) => walletAccount(tx, s.clock, me.customerId));
    await fundTestAccount(s.ctx.database.db, s.clock, wallet.id, 27_100);
    const paid = await s.app.inject({
      method: 'POST',
      url: `/v1/bills/${march.id}/pay`,
      headers: bearer(me.token),
      payload: { method: 'wallet' },
    });
    expect(paid.statusCode).toBe(201);
    await drain();
    await s.ctx.database.db.execute(
      sql`update outbox_deliveries set status = 'pending', next_attempt_at = ${s.clock.now().toISOString()}::timestamptz
          where subscriber = 'notification.payments.agreement_ended'`,
    );
    await drain();
    const redelivered = await queryRows<{ status: string; n: number }>(
      s.ctx.database.db,
      sql`select status, count(*)::int as n from outbox_deliveries
          where subscriber = 'notification.payments.agreement_ended' group by status`,
    );
    expect(redelivered).toEqual([{ status: 'delivered', n: 1 }]);
    expect((await inbox(me.token)).filter((n) => n.template.startsWith('bills.auto_debit'))).toHaveLength(1);
    expect((await texts(me.phone)).filter((t) => t === sms)).toHaveLength(1);
    expect(paymentsEventTypes).toEqual(['payments.agreement_ended']);
  });

  test('ended at the channel with no unpaid bill: "your next bill"; a signing that expired: auto-debit is not on — each once by inbox and SMS', async () => {
    const me = await customer();
    await ended(me.customerId, 'ended_at_channel', 'pag_test_no_bill');
    await ended(me.customerId, 'signing_expired', 'pag_test_expired');
    await drain();
    const notices = await inbox(me.token);
    expect(notices.map((n) => [n.template, n.body]).reverse()).toEqual([
      [
        'bills.auto_debit_ended_no_bill',
        '支付宝通知我们，您的自动扣款协议已解除，之后的账单不会再自动扣款，您的下一笔账单需要手动支付。如需继续自动扣款，可重新开通。',
      ],
      [
        'bills.auto_debit_signing_expired',
        '您发起的支付宝自动扣款签约一天内未完成，已失效，自动扣款没有开通，账单需要手动支付。如需自动扣款，请重新开通。',
      ],
    ]);
    expect((await inbox(me.token, 'en')).map((n) => n.title).reverse()).toEqual([
      'Auto-debit stopped',
      'Auto-debit not turned on',
    ]);
    expect(await texts(me.phone)).toEqual(
      expect.arrayContaining([
        '【Zulin租赁】支付宝通知我们，您的自动扣款协议已解除，下一笔账单请在租机 App 的“我的账单”中手动支付。',
        '【Zulin租赁】您的支付宝自动扣款签约一天内未完成，已失效。账单请在租机 App 中手动支付，或重新开通自动扣款。',
      ]),
    );
    expect(await texts(me.phone)).toHaveLength(2);
  });
});
