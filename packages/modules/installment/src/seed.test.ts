// The demo installment orders: made through the real use cases, one per state, and idempotent.

import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { assertLedgerConsistent } from '@zulin/ledger';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { installmentDeps } from './deps';
import { installmentModule } from './module';
import { viewOrder } from './orders';
import { installmentFunders, installmentOrders } from './schema';

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
    // Four orders and the demo funder (华信消费金融（演示）, 80 % / 75 %).
    expect((await installmentModule.seed?.(s.ctx))?.created).toBe(5);
    const funders = await s.ctx.database.db.select().from(installmentFunders);
    expect(funders.map((f) => [f.name, f.principalShareBps, f.interestShareBps])).toEqual([
      ['华信消费金融（演示）', 8000, 7500],
    ]);
    const rows = await s.ctx.database.db.select().from(installmentOrders).orderBy(installmentOrders.createdAt);
    const views = await Promise.all(rows.map((row) => viewOrder(s.ctx.database.db, installmentDeps(s.ctx), row)));
    const [paidOff, overdue, prepaid, current] = views;
    expect(paidOff).toMatchObject({ status: 'paid_off', paidPeriods: 3, balanceMinor: 0 });
    expect(paidOff?.prepayments.map((p) => p.strategy)).toEqual(['payoff']);
    // Shipped from the desk after it started, so paying it off made the phone the customer's (unit sold).
    expect(paidOff).toMatchObject({ fulfilment: 'shipped', ownershipTransferredAt: expect.any(String) });
    const [unit] = await queryRows<{ state: string; order_ref: string }>(
      s.ctx.database.db,
      sql`select state, order_ref from inventory_units where id = ${paidOff?.unitId ?? ''}`,
    );
    expect(unit).toEqual({ state: 'sold', order_ref: paidOff?.id });
    expect(prepaid).toMatchObject({ status: 'active', paidPeriods: 1 });
    expect(prepaid?.prepayments).toEqual([
      expect.objectContaining({ strategy: 'reduce_term', principalMinor: 50_000 }),
    ]);
    expect(prepaid?.schedule.length).toBeLessThan(6);
    expect(overdue).toMatchObject({ status: 'active', paidPeriods: 0 });
    expect(overdue?.schedule[0]?.billStatus).toBe('overdue');
    expect(current).toMatchObject({ status: 'active', paidPeriods: 0 });
    expect(current?.schedule[0]?.billStatus).toBe('open');
    // The current order waits on the shipping desk with its phone reserved; the others shipped.
    expect(current).toMatchObject({ fulfilment: 'awaiting_shipment', imei: null, unitId: expect.any(String) });
    expect([prepaid?.fulfilment, overdue?.fulfilment]).toEqual(['shipped', 'shipped']);
    expect((await installmentModule.seed?.(s.ctx))?.created).toBe(0);
    // Every order was signed before it started; the seeds after ours (contracts' demo signings today)
    // still run.
    expect(rows.every((row) => row.signedAt !== null)).toBe(true);
    for (const module of modules.slice(modules.indexOf(installmentModule) + 1)) await module.seed?.(s.ctx);
    await transaction(s.ctx.database, (tx) => assertLedgerConsistent(tx));
  }, 300_000); // four orders placed, signed, shipped and repaid through the use cases: minutes on a loaded machine
});
