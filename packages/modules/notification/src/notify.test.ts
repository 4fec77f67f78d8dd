import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { signInTestCustomer } from '@zulin/identity/testing';
import { AssertionError } from '@zulin/kernel';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type NotifyOptions, notify } from './notify';

describeDb('notify', (get) => {
  let s: TestServer;
  let customerId: string;
  const options = (dedupeKey: string): NotifyOptions => ({
    customerId,
    category: 'wallet',
    template: 'wallet.cashback_granted',
    params: { amountMinor: 500 },
    dedupeKey,
  });
  const rowsFor = (dedupeKey: string) =>
    queryRows<{ id: string }>(
      s.ctx.database.db,
      sql`select id from notification_messages where customer_id = ${customerId} and dedupe_key = ${dedupeKey}`,
    );
  const smsRequests = (notificationId: string) =>
    queryRows(
      s.ctx.database.db,
      sql`select 1 from outbox where type = 'notification.sms_requested' and aggregate_id = ${notificationId}`,
    );

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    customerId = (await signInTestCustomer(s)).customerId;
  });
  afterAll(async () => {
    await s?.close();
  });

  test('the same dedupe key notifies once; the second call answers the first notification', async () => {
    const first = await transaction(s.ctx.database, (tx) =>
      notify(tx, s.ctx, options('evt_a:wallet.cashback_granted')),
    );
    const second = await transaction(s.ctx.database, (tx) =>
      notify(tx, s.ctx, options('evt_a:wallet.cashback_granted')),
    );
    expect(first).toMatchObject({ created: true, inApp: true, smsRequested: true });
    expect(second).toEqual({ ...first, created: false });
    expect(await rowsFor('evt_a:wallet.cashback_granted')).toHaveLength(1);
    expect(await smsRequests(first.notificationId)).toHaveLength(1);
  });

  test('deliveries racing on the same key leave one notification and one SMS request', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        transaction(s.ctx.database, (tx) => notify(tx, s.ctx, options('evt_race:wallet.cashback_granted'))),
      ),
    );
    expect(new Set(results.map((r) => r.notificationId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await rowsFor('evt_race:wallet.cashback_granted')).toHaveLength(1);
    expect(await smsRequests(results[0]?.notificationId as string)).toHaveLength(1);
  });

  test('a rolled-back transaction leaves no notification and no SMS request', async () => {
    await expect(
      transaction(s.ctx.database, async (tx) => {
        await notify(tx, s.ctx, options('evt_rollback:wallet.cashback_granted'));
        throw new Error('the command failed after notifying');
      }),
    ).rejects.toThrow('the command failed');
    expect(await rowsFor('evt_rollback:wallet.cashback_granted')).toHaveLength(0);
  });

  test('a wrong category, an unknown template or parameters that do not fit are bugs, refused', async () => {
    const attempt = (o: NotifyOptions) => transaction(s.ctx.database, (tx) => notify(tx, s.ctx, o));
    await expect(attempt({ ...options('k1'), category: 'orders' })).rejects.toBeInstanceOf(AssertionError);
    await expect(attempt({ ...options('k2'), template: 'wallet.nope' })).rejects.toBeInstanceOf(AssertionError);
    await expect(attempt({ ...options('k3'), params: {} })).rejects.toThrow('amountMinor is missing');
    await expect(attempt({ ...options('k4'), params: { amountMinor: 1.5 } })).rejects.toThrow('must be an integer');
    await expect(attempt({ ...options('k5'), params: { amountMinor: 1, extra: 'x' } })).rejects.toThrow(
      'extra is not declared',
    );
    for (const key of ['k1', 'k2', 'k3', 'k4', 'k5']) expect(await rowsFor(key)).toHaveLength(0);
  });
});
