// Asking for a withdrawal, at its edges (issue #19, mutation run of request-withdrawal.ts on
// 5 December): the amount guard, the ¥50,000.00 maximum's field, the hold the ledger records (its
// id txn_wdr_<id>, pending for 3 days, to the bank's clearing account, described with the card),
// the row and the event, "not enough money" at 1 分 over the balance, and a ledger error that is
// not "not enough money" passed on as it is. Each test names the mutants it kills.
import { queryRows, recordHalt, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { randomTestPhone, signInTestCustomer } from '@zulin/identity/testing';
import { AssertionError } from '@zulin/kernel';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { WalletLimits } from './limits';
import { requestWithdrawal } from './request-withdrawal';
import { walletTestKit } from './testing';

describeDb('asking for a withdrawal, at its edges', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof walletTestKit>;
  beforeAll(async () => {
    // 10:00 in Shanghai on Monday 2 March 2026.
    s = await createTestServer(get().database, { modules, now: '2026-03-02T02:00:00Z' });
    kit = walletTestKit(s);
  });
  afterAll(async () => {
    await s?.close();
  });

  const deps = () => ({ clock: s.clock, masterKey: s.ctx.config.masterKey, timeZone: s.ctx.config.timeZone });
  /** A customer with money and a bound card (last 4: 0128). */
  async function customerWithCard(topUpMinor: number) {
    const who = await signInTestCustomer(s, randomTestPhone());
    if (topUpMinor > 0) await kit.topUp(who, topUpMinor);
    const card = await kit.inject(who, 'POST', '/v1/bank-cards', { cardNumber: '6222021234567890128' });
    expect(card.statusCode).toBe(201);
    return { who, cardId: card.json().id as string };
  }
  const withdraw = (who: { token: string }, bankCardId: string, amountMinor: number) =>
    kit.inject(who, 'POST', '/v1/wallet/withdrawals', { bankCardId, amountMinor });
  const held = async (customerId: string) =>
    queryRows<{ id: string }>(
      s.ctx.database.db,
      sql`select id from wallet_withdrawals where customer_id = ${customerId}`,
    );

  test('the amount guard: 0, −¥1.00, ¥0.015 and NaN are refused before anything is read; ¥0.01 is held (kills the guard → true, `&&` → `||`, `> 0` → `>= 0`)', async () => {
    const { who, cardId } = await customerWithCard(1);
    for (const amountMinor of [0, -100, 1.5, Number.NaN]) {
      await expect(
        transaction(s.ctx.database, (tx) =>
          requestWithdrawal(tx, deps(), { customerId: who.customerId, bankCardId: cardId, amountMinor }),
        ),
      ).rejects.toBeInstanceOf(AssertionError);
    }
    const cent = await withdraw(who, cardId, 1);
    expect(cent.statusCode).toBe(201);
    expect(await kit.wallet(who)).toMatchObject({ availableMinor: 0, pendingOutMinor: 1 });
  });

  test('¥50,000.01 is refused with its field, before the card or the balance is looked at (kills the field message → "")', async () => {
    const who = await signInTestCustomer(s, randomTestPhone());
    const over = await withdraw(who, 'card_not_mine', 5_000_001);
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({
      code: 'WALLET_SINGLE_WITHDRAWAL_LIMIT',
      errors: [{ path: '/body/amountMinor', message: 'at most 5000000' }],
    });
  });

  test('¥4,999.99: the hold txn_wdr_<id>, pending 3 days from the wallet to the bank clearing account, described; the row and the event (kills `.slice(4)` removed, the id → "", the hold\'s kind, currency, metadata and description → ""/{}, the event → {}/"")', async () => {
    const { who, cardId } = await customerWithCard(500_000);
    const res = await withdraw(who, cardId, 499_999);
    expect(res.statusCode).toBe(201);
    const id: string = res.json().id;
    expect(id).toMatch(/^wdr_[0-9A-Z]{26}$/);
    expect(res.json()).toMatchObject({ amountMinor: 499_999, status: 'processing' });
    const [row] = await queryRows<{
      hold_transfer_id: string;
      business_date: string;
      bank_card_id: string;
      status: string;
    }>(
      s.ctx.database.db,
      sql`select hold_transfer_id, business_date::text as business_date, bank_card_id, status from wallet_withdrawals where id = ${id}`,
    );
    expect(row).toEqual({
      hold_transfer_id: `txn_${id}`,
      business_date: '2026-03-02',
      bank_card_id: cardId,
      status: 'processing',
    });
    const [hold] = await queryRows<{
      kind: string;
      amount_minor: string | number;
      currency: string;
      code: string;
      reference: string;
      timeout_seconds: number;
      metadata: Record<string, string>;
      debit_owner: string;
      credit_owner: string;
      credit_purpose: string;
    }>(
      s.ctx.database.db,
      sql`select t.kind, t.amount_minor, t.currency, t.code, t.reference, t.timeout_seconds, t.metadata,
                 d.owner_id as debit_owner, c.owner_id as credit_owner, c.purpose as credit_purpose
            from ledger_transfers t
            join ledger_accounts d on d.id = t.debit_account_id
            join ledger_accounts c on c.id = t.credit_account_id
           where t.id = ${`txn_${id}`}`,
    );
    expect(hold).toMatchObject({
      kind: 'pending',
      currency: 'CNY',
      code: 'wallet.withdrawal',
      reference: id,
      timeout_seconds: WalletLimits.withdrawalHoldSeconds,
      metadata: { bankCardId: cardId, last4: '0128', description: 'Withdrawal to card 0128' },
      debit_owner: who.customerId,
      credit_owner: 'bank',
      credit_purpose: 'channel_clearing',
    });
    expect(Number(hold?.amount_minor)).toBe(499_999);
    const [event] = await queryRows<{ type: string; aggregate_type: string; aggregate_id: string; payload: unknown }>(
      s.ctx.database.db,
      sql`select type, aggregate_type, aggregate_id, payload from outbox where payload->>'withdrawalId' = ${id} and type = 'wallet.withdrawal_requested'`,
    );
    expect(event).toEqual({
      type: 'wallet.withdrawal_requested',
      aggregate_type: 'wallet',
      aggregate_id: who.customerId,
      payload: { withdrawalId: id, customerId: who.customerId, amountMinor: 499_999 },
    });
    expect(await kit.wallet(who)).toMatchObject({ availableMinor: 1, pendingOutMinor: 499_999 });
  });

  test('1 分 more than the balance is "not enough money": nothing is held or recorded', async () => {
    const { who, cardId } = await customerWithCard(10_000);
    const poor = await withdraw(who, cardId, 10_001);
    expect(poor.statusCode).toBe(409);
    expect(poor.json().code).toBe('WALLET_INSUFFICIENT_BALANCE');
    expect(await held(who.customerId)).toEqual([]);
    expect(await kit.wallet(who)).toMatchObject({ availableMinor: 10_000, pendingOutMinor: 0 });
    expect((await withdraw(who, cardId, 10_000)).statusCode).toBe(201);
  });

  test('a halted ledger is answered as the ledger says (503 LEDGER_HALTED), not as "not enough money" (kills `.is(error)` → true)', async () => {
    const { who, cardId } = await customerWithCard(10_000);
    // The halt is recorded inside the transaction that then asks, and rolled back with it.
    await expect(
      transaction(s.ctx.database, async (tx) => {
        await recordHalt(tx, 'ledger', 'test: a broken balance', s.clock.now());
        return requestWithdrawal(tx, deps(), { customerId: who.customerId, bankCardId: cardId, amountMinor: 1_000 });
      }),
    ).rejects.toMatchObject({ status: 503, code: 'LEDGER_HALTED' });
    expect(await held(who.customerId)).toEqual([]);
    expect((await withdraw(who, cardId, 1_000)).statusCode).toBe(201);
  });
});
