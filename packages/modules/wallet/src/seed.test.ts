import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { findCustomerIdByPhone, identityModule } from '@zulin/identity';
import { inSnapshot, ledgerModule, trialBalance, verifyLedger } from '@zulin/ledger';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { walletBalance } from './accounts';
import { walletModule } from './module';
import { demoWalletPhones } from './seed';

describeDb('wallet demo data', (get) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
  });
  afterAll(async () => {
    await s?.close();
  });

  /** The seeds the wallet's demo data needs, in the server's module order; what the wallet's created. */
  const seedAll = async () => {
    await identityModule.seed?.(s.ctx);
    await ledgerModule.seed?.(s.ctx);
    return (await walletModule.seed?.(s.ctx))?.created;
  };
  const counts = async () => {
    const [row] = await queryRows<Record<string, unknown>>(
      s.ctx.database.db,
      sql`select (select count(*) from ledger_transfers) as transfers, (select count(*) from outbox) as events,
                 (select count(*) from inbox) as inbound, (select count(*) from wallet_top_ups) as top_ups,
                 (select count(*) from wallet_transfers) as wallet_transfers,
                 (select count(*) from wallet_bill_splits) as splits, (select count(*) from wallet_disputes) as disputes,
                 (select count(*) from wallet_points_lots) as lots, (select count(*) from wallet_cashbacks) as cashbacks`,
    );
    return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)]));
  };

  test('the demo customers get wallet activity; the ledger balances and verifies; a second run changes nothing', async () => {
    expect(await seedAll()).toBeGreaterThan(0);
    const db = s.ctx.database.db;
    const id = async (phone: string) => (await findCustomerIdByPhone(db, s.ctx.config.masterKey, phone)) as string;
    const [zhang, li, wang] = await Promise.all([
      id(demoWalletPhones.zhang),
      id(demoWalletPhones.li),
      id(demoWalletPhones.wang),
    ]);
    // 小张: ¥3,000 top-up − ¥88 to 小李 + ¥5 of points + 小李's ¥120 share of the hot pot.
    expect(await walletBalance(db, s.clock, zhang)).toMatchObject({ availableMinor: 300_000 - 8_800 + 500 + 12_000 });
    // 小李: ¥500 top-up + ¥88 − ¥120 share.
    expect(await walletBalance(db, s.clock, li)).toMatchObject({ availableMinor: 50_000 + 8_800 - 12_000 });
    expect(await walletBalance(db, s.clock, wang)).toMatchObject({ availableMinor: 888 });
    const [split] = await queryRows<{ status: string; unpaid: unknown }>(
      db,
      sql`select s.status, (select count(*) from wallet_bill_split_shares x where x.split_id = s.id and x.status = 'unpaid') as unpaid
            from wallet_bill_splits s where s.customer_id = ${zhang}`,
    );
    expect(split).toMatchObject({ status: 'open' });
    expect(Number(split?.unpaid)).toBe(1);
    const disputes = await queryRows<{ status: string }>(db, sql`select status from wallet_disputes`);
    expect(disputes).toEqual([{ status: 'open' }]);

    const before = await counts();
    expect(await seedAll()).toBe(0);
    expect(await counts()).toEqual(before);

    for (const currency of ['CNY', 'POINTS'] as const) {
      const tb = await inSnapshot(s.ctx.database, (tx) => trialBalance(tx, currency));
      expect(tb.balanced, currency).toBe(true);
      expect(tb.postedDebitsMinor, currency).toBeGreaterThan(0);
    }
    const verification = await inSnapshot(s.ctx.database, (tx) => verifyLedger(tx));
    expect(verification.problems).toEqual([]);
    expect(verification.ok).toBe(true);

    // Every wallet event names the customer it concerns, and carries money as integer amountMinor.
    const events = await queryRows<{ type: string; payload: Record<string, unknown> }>(
      db,
      sql`select type, payload from outbox where type like 'wallet.%'`,
    );
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set([
        'wallet.top_up_succeeded',
        'wallet.transfer_sent',
        'wallet.points_awarded',
        'wallet.points_redeemed',
        'wallet.cashback_granted',
        'wallet.bill_split_requested',
        'wallet.dispute_opened',
      ]),
    );
    for (const e of events) {
      expect(typeof e.payload.customerId, e.type).toBe('string');
      expect(Number.isSafeInteger(e.payload.amountMinor), e.type).toBe(true);
    }
  });
});
