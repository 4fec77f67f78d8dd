// A late payout's fall-back (pay-out-withdrawal.ts `bookLatePayout`): the wallet was spent between
// the read of its balance and the lock of the transfers, so the booking from the wallet is refused
// LEDGER_INSUFFICIENT_FUNDS — the bank's payment must still be booked, all of it from suspense. Two
// transactions racing cannot be staged on one connection (PGlite), so the read is made stale: the
// ledger's getBalances answers, once, the wallet as it stood before the customer spent it.
import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { randomTestPhone, signInTestCustomer } from '@zulin/identity/testing';
import * as ledger from '@zulin/ledger';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { walletAccount } from './accounts';
import { type BankAdapter, sandboxBankAdapter } from './bank-verification';
import { WalletLimits } from './limits';
import { bookLatePayout, latePayoutTransferIds } from './pay-out-withdrawal';
import { useBankAdapter, walletTestKit } from './testing';

/** The balances to answer once for an account instead of reading them (a read made before a spend). */
const stale = new Map<string, ledger.Balances>();
vi.mock('@zulin/ledger', async (original) => {
  const real = await original<typeof import('@zulin/ledger')>();
  return {
    ...real,
    getBalances: async (...args: Parameters<typeof real.getBalances>) => {
      const read = await real.getBalances(...args);
      for (const id of args[1]) {
        const before = stale.get(id);
        if (before) {
          stale.delete(id);
          read.set(id, before);
        }
      }
      return read;
    },
  };
});

describeDb('a late payout when the wallet was spent between the read and the lock', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof walletTestKit>;
  const silentBank: BankAdapter = {
    verifyCard: sandboxBankAdapter.verifyCard,
    async payout() {
      throw new Error('ETIMEDOUT: the bank never answered');
    },
  };

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    kit = walletTestKit(s);
  });
  afterAll(async () => {
    await s?.close();
  });

  test('all of it is parked in suspense, nothing taken from the wallet, and the event says so', async () => {
    // ¥100.00 topped up, ¥30.00 asked for; the bank stays silent: processing, its hold pending.
    const phone = randomTestPhone();
    const who = await signInTestCustomer(s, phone);
    useBankAdapter(s, sandboxBankAdapter);
    await kit.topUp(who, 10_000);
    const card = (await kit.inject(who, 'POST', '/v1/bank-cards', { cardNumber: '6222021234567890128' })).json();
    useBankAdapter(s, silentBank);
    const requested = await kit.inject(who, 'POST', '/v1/wallet/withdrawals', {
      bankCardId: card.id,
      amountMinor: 3_000,
    });
    expect(requested.statusCode).toBe(201);
    await kit.drain();
    const id: string = requested.json().id;
    const [row] = await queryRows<{ customer_id: string; amount_minor: number; hold_transfer_id: string }>(
      s.ctx.database.db,
      sql`select customer_id, amount_minor, hold_transfer_id from wallet_withdrawals where id = ${id}`,
    );
    const w = {
      id,
      customerId: row?.customer_id ?? '',
      amountMinor: Number(row?.amount_minor),
      holdTransferId: row?.hold_transfer_id ?? '',
    };
    // The hold expires (¥100.00 available again); the payout is read now, then ¥90.00 is spent.
    s.clock.advance(WalletLimits.withdrawalHoldSeconds * 1000 + 60_000);
    await kit.runTick('ledger.expire_pending', { force: true });
    const wallet = await walletAccount(s.ctx.database.db, s.clock, w.customerId);
    const before = (await ledger.getBalances(s.ctx.database.db, [wallet.id])).get(wallet.id);
    expect(before && ledger.availableMinor(before)).toBe(10_000);
    const suspense = await ledger.platformAccount(s.ctx.database.db, s.clock, 'suspense');
    const suspenseBefore = (await ledger.getBalances(s.ctx.database.db, [suspense.id])).get(suspense.id);
    await transaction(s.ctx.database, async (tx) => {
      const revenue = await ledger.platformAccount(tx, s.clock, 'fee_revenue');
      await ledger.createTransfers(tx, s.clock, [
        {
          id: `txn_test_spend_${id.slice(4)}`,
          debitAccountId: wallet.id,
          creditAccountId: revenue.id,
          amountMinor: 9_000,
          currency: 'CNY',
          code: 'test.spend',
        },
      ]);
    });
    // The booking reads the wallet as it stood before the spend (¥100.00): ¥30.00 from the wallet is refused.
    if (before) stale.set(wallet.id, before);
    await transaction(s.ctx.database, (tx) =>
      bookLatePayout(tx, { clock: s.clock, masterKey: s.ctx.config.masterKey, timeZone: s.ctx.config.timeZone }, w),
    );
    expect(stale.size).toBe(0);

    const posted = await queryRows<{ id: string; amount_minor: number | string }>(
      s.ctx.database.db,
      sql`select id, amount_minor from ledger_transfers where reference = ${id} and kind = 'posted' order by id`,
    );
    expect(posted.map((t) => [t.id, Number(t.amount_minor)])).toEqual([
      [latePayoutTransferIds(id).fromSuspense, 3_000],
    ]);
    const [event] = await queryRows<{ payload: Record<string, unknown> }>(
      s.ctx.database.db,
      sql`select payload from outbox where type = 'wallet.withdrawal_paid_late' and payload->>'withdrawalId' = ${id}`,
    );
    expect(event?.payload).toMatchObject({ amountMinor: 3_000, fromWalletMinor: 0, fromSuspenseMinor: 3_000 });
    // The wallet keeps its ¥10.00; suspense paid the bank's ¥30.00.
    expect(await kit.wallet(await signInTestCustomer(s, phone))).toMatchObject({ availableMinor: 1_000 });
    const suspenseAfter = (await ledger.getBalances(s.ctx.database.db, [suspense.id])).get(suspense.id);
    expect((suspenseAfter?.debitsPostedMinor ?? 0) - (suspenseBefore?.debitsPostedMinor ?? 0)).toBe(3_000);
    await ledger.assertLedgerConsistent(s.ctx.database.db);
  });
});
