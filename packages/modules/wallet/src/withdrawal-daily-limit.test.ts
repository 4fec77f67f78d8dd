// The daily withdrawal limit under real concurrency (PostgreSQL, two server processes): eight
// parallel ¥40,000 withdrawals by one customer against the ¥200,000 daily limit. The limit is a sum
// over rows the ledger's balance lock does not cover; only the per-customer wallet lock keeps two
// requests from both reading "¥160,000 so far" and both passing.
//
// The second factor is replaced by a pass here: a real one cannot be given to eight parallel
// requests (a TOTP step and an SMS code are each good once), and it is tested on its own in
// wallet.test.ts and sms-step-up.test.ts. Everything else is the product's code.
import { type Database, queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { randomTestPhone, signInTestCustomer } from '@zulin/identity/testing';
import { verifyLedger } from '@zulin/ledger';
import { fundTestAccount } from '@zulin/ledger/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { walletAccount } from './accounts';
import { WalletLimits } from './limits';
import { walletTestKit } from './testing';

vi.mock('./second-factor', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./second-factor')>()),
  requireSecondFactor: async () => {},
}));

describeDb('daily withdrawal limit under concurrency', (get, kind) => {
  let servers: TestServer[] = [];
  beforeAll(async () => {
    const second: Database = kind === 'postgres' ? await get().openAnother() : get().database;
    servers = [await createTestServer(get().database, { modules }), await createTestServer(second, { modules })];
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  test('8 parallel requests of ¥40,000 against the ¥200,000 daily limit: exactly 5 pass', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    const customer = await signInTestCustomer(a, randomTestPhone());
    const account = await transaction(a.ctx.database, (tx) => walletAccount(tx, a.clock, customer.customerId));
    await fundTestAccount(a.ctx.database.db, a.clock, account.id, 8 * 4_000_000);
    const card = (
      await walletTestKit(a).inject(customer, 'POST', '/v1/bank-cards', { cardNumber: '6222021234567890128' })
    ).json();

    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        walletTestKit(i % 2 === 0 ? a : b).inject(customer, 'POST', '/v1/wallet/withdrawals', {
          bankCardId: card.id,
          amountMinor: 4_000_000,
        }),
      ),
    );
    const ok = attempts.filter((r) => r.statusCode === 201);
    const refused = attempts.filter((r) => r.statusCode !== 201);
    expect(ok).toHaveLength(5);
    expect(refused.map((r) => r.json().code)).toEqual(Array(3).fill('WALLET_DAILY_WITHDRAWAL_LIMIT'));

    const [day] = await queryRows<{ total: unknown; n: unknown }>(
      a.ctx.database.db,
      sql`select coalesce(sum(amount_minor), 0) as total, count(*) as n from wallet_withdrawals
           where customer_id = ${customer.customerId} and status <> 'failed'`,
    );
    expect(Number(day?.total)).toBe(WalletLimits.withdrawalDailyMaxMinor);
    expect(Number(day?.total)).toBeLessThanOrEqual(20_000_000);
    expect(Number(day?.n)).toBe(5);
    expect(await walletTestKit(a).wallet(customer)).toMatchObject({
      availableMinor: 3 * 4_000_000,
      pendingOutMinor: 5 * 4_000_000,
    });
    expect((await verifyLedger(a.ctx.database.db)).ok).toBe(true);
  });
});
