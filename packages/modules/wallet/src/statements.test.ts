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
    const rows = csv.body.trim().split('\n');
    expect(rows[0]).toBe(
      'recorded_at,type,direction,amount_cny,balance_after_cny,reference,transaction_id,description,status',
    );
    expect(rows[1]).toBe(`,customer,,,,,,王*明 ${phone.slice(3, 6)}****${phone.slice(-4)},`);
    expect(csv.body).not.toContain(erin.customerId);
    expect(rows).toContain(',closing_balance,,,80.00,,,,');
    const holds = rows.filter((r) => r.split(',')[1] === 'hold');
    const stateOf = (id: string) => holds.find((r) => r.split(',')[5] === id)?.split(',');
    expect(stateOf(paid)?.slice(3, 5)).toEqual(["'-20.00", '']); // a leading minus is quoted (CSV injection)
    expect(stateOf(paid)?.at(-1)).toBe('posted');
    expect(stateOf(returned)?.at(-1)).toBe('voided');
    expect(stateOf(pending)?.at(-1)).toBe('held');
    expect(rows.at(-1)).toBe(',held_at_close,,10.00,,,,,');
    expect(csv.body).not.toContain(',note,');

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
      expect(csv).toContain(`,note,,,,,,本月交易超过 ${WalletLimits.statementLinesMax} 笔`);
      expect(csv).toContain(`本月冻结记录超过 ${WalletLimits.statementLinesMax} 笔`);
      expect(csv).toContain(',closing_balance,,,1234.56,,,,');
      const en = statementCsv({ ...capped, customer: { ...capped.customer, locale: 'en' } }, 'Asia/Shanghai');
      expect(en).toContain(`Only the first ${WalletLimits.statementLinesMax} transactions of the month are listed`);
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
