// The demo installment orders: made through the real use cases, one per state, and idempotent.

import { transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { assertLedgerConsistent } from '@zulin/ledger';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { installmentDeps } from './deps';
import { installmentModule } from './module';
import { viewOrder } from './orders';
import { installmentOrders } from './schema';

describeDb('installment demo data', (get) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    // Every seed before ours, in the server's module order (identity's customers, the catalog, wallets).
    for (const module of modules) {
      if (module === installmentModule) break;
      await module.seed?.(s.ctx);
    }
  }, 300_000);
  afterAll(async () => {
    await s?.close();
  });

  test('paid off, prepaid, overdue and current orders; a second run creates nothing; the ledger verifies', async () => {
    expect((await installmentModule.seed?.(s.ctx))?.created).toBe(4);
    const rows = await s.ctx.database.db.select().from(installmentOrders).orderBy(installmentOrders.createdAt);
    const views = await Promise.all(rows.map((row) => viewOrder(s.ctx.database.db, installmentDeps(s.ctx), row)));
    const [paidOff, overdue, prepaid, current] = views;
    expect(paidOff).toMatchObject({ status: 'paid_off', paidPeriods: 3, balanceMinor: 0 });
    expect(paidOff?.prepayments.map((p) => p.strategy)).toEqual(['payoff']);
    expect(prepaid).toMatchObject({ status: 'active', paidPeriods: 1 });
    expect(prepaid?.prepayments).toEqual([
      expect.objectContaining({ strategy: 'reduce_term', principalMinor: 50_000 }),
    ]);
    expect(prepaid?.schedule.length).toBeLessThan(6);
    expect(overdue).toMatchObject({ status: 'active', paidPeriods: 0 });
    expect(overdue?.schedule[0]?.billStatus).toBe('overdue');
    expect(current).toMatchObject({ status: 'active', paidPeriods: 0 });
    expect(current?.schedule[0]?.billStatus).toBe('open');
    expect((await installmentModule.seed?.(s.ctx))?.created).toBe(0);
    // Every order was signed before it started; the seeds after ours (contracts' demo signings today)
    // still run.
    expect(rows.every((row) => row.signedAt !== null)).toBe(true);
    for (const module of modules.slice(modules.indexOf(installmentModule) + 1)) await module.seed?.(s.ctx);
    await transaction(s.ctx.database, (tx) => assertLedgerConsistent(tx));
  });
});
