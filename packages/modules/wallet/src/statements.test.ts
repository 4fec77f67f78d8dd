import { describeDb } from '@zulin/db/testing';
import { randomTestPhone, signInTestCustomer } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sandboxBankAdapter } from './bank-verification';
import { WalletLimits } from './limits';
import { type Statement, statementCsv, statementPdf } from './statements';
import { useBankAdapter, walletTestKit } from './testing';

describeDb('wallet statements', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof walletTestKit>;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    kit = walletTestKit(s);
  });
  afterAll(async () => {
    await s?.close();
  });

  test('the CSV names the customer by masked name and phone, and lists the holds with their state at month end', async () => {
    const phone = randomTestPhone();
    const erin = await signInTestCustomer(s, phone);
    const verified = await s.app.inject({
      method: 'POST',
      url: '/v1/me/identity',
      headers: { authorization: `Bearer ${erin.token}` },
      payload: { name: '王小明', idNumber: '320102198506152220' },
    });
    expect(verified.statusCode).toBe(200);
    await kit.topUp(erin, 10_000);
    useBankAdapter(s, sandboxBankAdapter);
    const card = (await kit.inject(erin, 'POST', '/v1/bank-cards', { cardNumber: '6217000000000000004' })).json();
    const failing = (await kit.inject(erin, 'POST', '/v1/bank-cards', { cardNumber: '6225880000000000002' })).json();
    const withdraw = async (bankCardId: string, amountMinor: number) =>
      (await kit.inject(erin, 'POST', '/v1/wallet/withdrawals', { bankCardId, amountMinor })).json().id as string;
    const paid = await withdraw(card.id, 2_000);
    const returned = await withdraw(failing.id, 700);
    await kit.drain();
    useBankAdapter(s, {
      verifyCard: sandboxBankAdapter.verifyCard,
      payout: async () => {
        throw new Error('no answer');
      },
    });
    const pending = await withdraw(card.id, 1_000);
    await kit.drain();

    const month = s.clock.now().toISOString().slice(0, 7);
    const csv = await kit.inject(erin, 'GET', `/v1/wallet/statements/${month}.csv`);
    expect(csv.statusCode).toBe(200);
    // Excel reads UTF-8 only after a byte-order mark; the customer reads their own language.
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    const rows = csv.body.slice(1).trim().split('\n');
    expect(rows[0]).toBe('时间,类型,收支,金额（元）,余额（元）,参考号,交易号,说明,状态');
    expect(rows[1]).toBe(`,客户,,,,,,王*明 ${phone.slice(3, 6)}****${phone.slice(-4)},`);
    expect(csv.body).not.toContain(erin.customerId);
    expect(rows).toContain(',期末余额,,,80.00,,,,');
    const topUp = rows.find((r) => r.split(',')[1] === '充值')?.split(',');
    expect([topUp?.[2], topUp?.[3], topUp?.at(-1)]).toEqual(['收入', '100.00', '已完成']);
    const holds = rows.filter((r) => r.split(',')[1] === '冻结');
    const stateOf = (id: string) => holds.find((r) => r.split(',')[5] === id)?.split(',');
    expect(stateOf(paid)?.slice(3, 5)).toEqual(["'-20.00", '']); // a leading minus is quoted (CSV injection)
    expect(stateOf(paid)?.at(-1)).toBe('已支付');
    expect(stateOf(returned)?.at(-1)).toBe('已退回');
    expect(stateOf(pending)?.at(-1)).toBe('冻结中');
    expect(rows.at(-1)).toBe(',月末冻结金额,,10.00,,,,,');
    expect(rows.filter((r) => r.startsWith(',说明,'))).toEqual([]); // no note: nothing was cut
    // No English in a Chinese statement: the stock "Top-up" is left out, a hold names the card.
    expect(topUp?.[7]).toBe('');
    expect(stateOf(paid)?.[7]).toMatch(/^尾号 \d{4} 的银行卡$/);
    expect(csv.body).not.toMatch(/Top-up|Withdrawal to/);
    for (const code of [
      'top_up',
      'withdrawal',
      'opening_balance',
      'closing_balance',
      ',hold,',
      'posted',
      'voided',
      ',in,',
      ',out,',
    ]) {
      expect(csv.body, code).not.toContain(code); // no machine code left in the customer's statement
    }

    const pdf = await kit.inject(erin, 'GET', `/v1/wallet/statements/${month}.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  describe('the line cap', () => {
    const capped: Statement = {
      month: '2026-03',
      customer: { nameMasked: '张*丰', phoneMasked: '138****8000', locale: 'zh-CN' },
      openingMinor: 0,
      closingMinor: 123_456,
      inMinor: 100,
      outMinor: 0,
      lines: [],
      truncated: true,
      holds: [],
      heldAtCloseMinor: 0,
      holdsTruncated: true,
    };

    test('the CSV says where it stopped', () => {
      const csv = statementCsv(capped, 'Asia/Shanghai');
      expect(csv).toContain(`,说明,,,,,,本月交易超过 ${WalletLimits.statementLinesMax} 笔`);
      expect(csv).toContain(`本月冻结记录超过 ${WalletLimits.statementLinesMax} 笔`);
      expect(csv).toContain(',期末余额,,,1234.56,,,,');
      const en = statementCsv({ ...capped, customer: { ...capped.customer, locale: 'en' } }, 'Asia/Shanghai');
      expect(en.split('\n')[0]).toBe(
        '\uFEFFTime,Type,In/out,Amount (CNY),Balance (CNY),Reference,Transaction,Description,Status',
      );
      expect(en).toContain(',Closing balance,,,1234.56,,,,');
      expect(en).toContain(
        `,Note,,,,,,Only the first ${WalletLimits.statementLinesMax} transactions of the month are listed`,
      );
    });

    test('the PDF renders in both languages', async () => {
      for (const locale of ['zh-CN', 'en'] as const) {
        const pdf = await statementPdf(
          { ...capped, customer: { ...capped.customer, locale } },
          { timeZone: 'Asia/Shanghai', now: new Date('2026-04-01T00:00:00Z') },
        );
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      }
    });
  });
});
