import { describeDb } from '@zulin/db/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { modules } from './index';

describeDb('the product as composed', (get) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('every product sweep runs every 30 s or slower', () => {
    const sweeps = modules.flatMap((m) => m.sweeps?.(s.ctx) ?? []);
    expect(sweeps.map((w) => w.name)).toEqual(
      expect.arrayContaining([
        'ledger.expire_pending',
        'inventory.release_expired_reservations',
        'wallet.expire_bill_splits',
        'wallet.dispute_sla',
      ]),
    );
    for (const sweep of sweeps) expect(sweep.everySeconds).toBeGreaterThanOrEqual(30);
  });
});
