// Transfers between wallets at their edges (issue #19, mutation run of send-transfer.ts on
// 5 December): the amount guard and the ¥50,000.00 maximum from both sides, the refusals' field
// errors, what is written (the wallet row, the ledger transfer under txn_wtr_<id>, its reference
// and metadata, the event), a bill split's own reference, and which ledger errors become "not
// enough money". Each test names the mutants it kills.
import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { randomTestPhone, signInTestCustomer } from '@zulin/identity/testing';
import { AssertionError } from '@zulin/kernel';
import { totpCodeAt } from '@zulin/platform';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { moveBetweenWallets, sendToCustomer } from './send-transfer';
import { walletTestKit } from './testing';

describeDb('transfers between wallets at their edges', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof walletTestKit>;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: '2026-03-02T02:00:00Z' });
    kit = walletTestKit(s);
  });
  afterAll(async () => {
    await s?.close();
  });

  const deps = () => ({ clock: s.clock, masterKey: s.ctx.config.masterKey, timeZone: s.ctx.config.timeZone });
  const customer = async () => {
    const phone = randomTestPhone();
    return { ...(await signInTestCustomer(s, phone)), phone };
  };
  const ledgerTransfer = async (id: string) =>
    (
      await queryRows<{
        kind: string;
        amount_minor: string | number;
        currency: string;
        code: string;
        reference: string | null;
        metadata: Record<string, string>;
      }>(
        s.ctx.database.db,
        sql`select kind, amount_minor, currency, code, reference, metadata from ledger_transfers where id = ${id}`,
      )
    )[0];
  const walletRow = async (id: string) =>
    (
      await queryRows<{
        customer_id: string;
        to_customer_id: string;
        amount_minor: string | number;
        note: string | null;
        transfer_id: string;
      }>(
        s.ctx.database.db,
        sql`select customer_id, to_customer_id, amount_minor, note, transfer_id from wallet_transfers where id = ${id}`,
      )
    )[0];
  const event = async (walletTransferId: string) =>
    (
      await queryRows<{ type: string; aggregate_type: string; aggregate_id: string; payload: Record<string, unknown> }>(
        s.ctx.database.db,
        sql`select type, aggregate_type, aggregate_id, payload from outbox where payload->>'walletTransferId' = ${walletTransferId}`,
      )
    )[0];

  test('the amount guard: 0, −¥1.00, ¥0.015 and NaN are refused before anything is read; ¥0.01 moves (kills the guard → true, `&&` → `||`, `> 0` → `>= 0`)', async () => {
    const alice = await customer();
    const bob = await customer();
    for (const amountMinor of [0, -100, 1.5, Number.NaN]) {
      await expect(
        transaction(s.ctx.database, (tx) =>
          sendToCustomer(tx, deps(), { customerId: alice.customerId, toPhone: bob.phone, amountMinor }),
        ),
      ).rejects.toBeInstanceOf(AssertionError);
    }
    await kit.topUp(alice, 1);
    const cent = await kit.inject(alice, 'POST', '/v1/wallet/transfers', { toPhone: bob.phone, amountMinor: 1 });
    expect(cent.statusCode).toBe(201);
    expect((await kit.wallet(bob)).availableMinor).toBe(1);
  });

  test('the maximum: ¥50,000.00 is sent, ¥50,000.01 refused with its field (kills `>` → `>=` and the field message → "")', async () => {
    const alice = await customer();
    const bob = await customer();
    await kit.topUp(alice, 5_000_000);
    await kit.topUp(alice, 1);
    const enrolled = (await kit.inject(alice, 'POST', '/v1/wallet/second-factor')).json();
    const confirm = await kit.inject(alice, 'POST', '/v1/wallet/second-factor/confirm', {
      code: await totpCodeAt(enrolled.secret, s.clock.now()),
    });
    expect(confirm.json()).toEqual({ status: 'active' });
    s.clock.advance(30_000);
    const over = await kit.inject(alice, 'POST', '/v1/wallet/transfers', {
      toPhone: bob.phone,
      amountMinor: 5_000_001,
      totpCode: await totpCodeAt(enrolled.secret, s.clock.now()),
    });
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({
      code: 'WALLET_AMOUNT_INVALID',
      errors: [{ path: '/body/amountMinor', message: 'at most 5000000' }],
    });
    s.clock.advance(30_000);
    const exact = await kit.inject(alice, 'POST', '/v1/wallet/transfers', {
      toPhone: bob.phone,
      amountMinor: 5_000_000,
      totpCode: await totpCodeAt(enrolled.secret, s.clock.now()),
    });
    expect(exact.statusCode).toBe(201);
    expect((await kit.wallet(alice)).availableMinor).toBe(1);
    expect((await kit.wallet(bob)).availableMinor).toBe(5_000_000);
  });

  test('an unknown number and my own number are refused with their fields, and nothing moves (kills the field messages → "")', async () => {
    const alice = await customer();
    await kit.topUp(alice, 10_000);
    const nobody = await kit.inject(alice, 'POST', '/v1/wallet/transfers', {
      toPhone: randomTestPhone(),
      amountMinor: 1_000,
    });
    expect(nobody.statusCode).toBe(404);
    expect(nobody.json()).toMatchObject({
      code: 'WALLET_RECIPIENT_NOT_FOUND',
      errors: [{ path: '/body/toPhone', message: 'no customer' }],
    });
    const self = await kit.inject(alice, 'POST', '/v1/wallet/transfers', { toPhone: alice.phone, amountMinor: 1_000 });
    expect(self.statusCode).toBe(422);
    expect(self.json()).toMatchObject({
      code: 'WALLET_RECIPIENT_SELF',
      errors: [{ path: '/body/toPhone', message: 'that is you' }],
    });
    expect((await kit.wallet(alice)).availableMinor).toBe(10_000);
  });

  test('¥12.34 with a note: the wallet row, the ledger transfer txn_wtr_<id> (reference = the id, the note as description) and the event (kills `.slice(4)` removed, the id → "", `??` → `&&`, the note test, the metadata and the event → {}/"")', async () => {
    const alice = await customer();
    const bob = await customer();
    await kit.topUp(alice, 10_000);
    const sent = await kit.inject(alice, 'POST', '/v1/wallet/transfers', {
      toPhone: bob.phone,
      amountMinor: 1_234,
      note: 'lunch',
    });
    expect(sent.statusCode).toBe(201);
    const { id, transferId } = sent.json();
    expect(id).toMatch(/^wtr_[0-9A-Z]{26}$/);
    expect(transferId).toBe(`txn_${id}`);
    expect(sent.json()).toMatchObject({ amountMinor: 1_234, note: 'lunch' });
    expect(await walletRow(id)).toMatchObject({
      customer_id: alice.customerId,
      to_customer_id: bob.customerId,
      note: 'lunch',
      transfer_id: `txn_${id}`,
    });
    expect(await ledgerTransfer(`txn_${id}`)).toMatchObject({
      kind: 'posted',
      currency: 'CNY',
      code: 'wallet.transfer',
      reference: id,
      metadata: { description: 'lunch' },
    });
    expect(Number((await ledgerTransfer(`txn_${id}`))?.amount_minor)).toBe(1_234);
    expect(await event(id)).toEqual({
      type: 'wallet.transfer_sent',
      aggregate_type: 'wallet',
      aggregate_id: alice.customerId,
      payload: {
        walletTransferId: id,
        transferId: `txn_${id}`,
        customerId: alice.customerId,
        fromCustomerId: alice.customerId,
        toCustomerId: bob.customerId,
        amountMinor: 1_234,
        type: 'transfer',
      },
    });
    expect((await kit.wallet(alice)).availableMinor).toBe(10_000 - 1_234);
    expect((await kit.wallet(bob)).availableMinor).toBe(1_234);
  });

  test('without a note: note null and metadata {} (kills the note test → true)', async () => {
    const alice = await customer();
    const bob = await customer();
    await kit.topUp(alice, 1_000);
    const sent = await kit.inject(alice, 'POST', '/v1/wallet/transfers', { toPhone: bob.phone, amountMinor: 1_000 });
    expect(sent.statusCode).toBe(201);
    expect(sent.json().note).toBeNull();
    expect((await walletRow(sent.json().id))?.note).toBeNull();
    expect((await ledgerTransfer(sent.json().transferId))?.metadata).toEqual({});
  });

  test('one cent more than the balance is "not enough money" and moves nothing', async () => {
    const alice = await customer();
    const bob = await customer();
    await kit.topUp(alice, 1_000);
    const poor = await kit.inject(alice, 'POST', '/v1/wallet/transfers', { toPhone: bob.phone, amountMinor: 1_001 });
    expect(poor.statusCode).toBe(409);
    expect(poor.json().code).toBe('WALLET_INSUFFICIENT_BALANCE');
    expect((await kit.wallet(alice)).availableMinor).toBe(1_000);
    expect((await kit.wallet(bob)).availableMinor).toBe(0);
  });

  test('a bill split\'s move keeps the split\'s reference and code; another ledger error is not turned into "not enough money" (kills `??` → `&&` on the reference and `.is(error)` → true)', async () => {
    const alice = await customer();
    const bob = await customer();
    await kit.topUp(alice, 5_000);
    const moved = await transaction(s.ctx.database, (tx) =>
      moveBetweenWallets(tx, deps(), {
        fromCustomerId: alice.customerId,
        toCustomerId: bob.customerId,
        amountMinor: 2_500,
        type: 'bill_split',
        note: null,
        reference: 'bsp_test_reference',
      }),
    );
    expect(await ledgerTransfer(moved.transferId)).toMatchObject({
      code: 'wallet.bill_split',
      reference: 'bsp_test_reference',
      metadata: {},
    });
    expect((await event(moved.id))?.payload).toMatchObject({ type: 'bill_split', amountMinor: 2_500 });
    // One wallet to itself: the ledger refuses the same account on both sides (LEDGER_ACCOUNTS_SAME).
    await expect(
      transaction(s.ctx.database, (tx) =>
        moveBetweenWallets(tx, deps(), {
          fromCustomerId: alice.customerId,
          toCustomerId: alice.customerId,
          amountMinor: 100,
          type: 'transfer',
          note: null,
        }),
      ),
    ).rejects.toMatchObject({ code: 'LEDGER_ACCOUNTS_SAME' });
    expect((await kit.wallet(alice)).availableMinor).toBe(2_500);
  });
});
