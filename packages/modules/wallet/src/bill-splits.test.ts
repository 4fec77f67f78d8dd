import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { randomTestPhone, signInTestCustomer } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { WalletLimits } from './limits';
import { walletTestKit } from './testing';

describeDb('bill split expiry', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof walletTestKit>;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    kit = walletTestKit(s);
  });
  afterAll(async () => {
    await s?.close();
  });

  test('after 7 days the tick expires an open split; its unpaid shares can no longer be paid', async () => {
    const phones = [randomTestPhone(), randomTestPhone(), randomTestPhone()] as const;
    type Customer = Awaited<ReturnType<typeof signInTestCustomer>>;
    const signIn = async () =>
      (await Promise.all(phones.map((p) => signInTestCustomer(s, p)))) as [Customer, Customer, Customer];
    let [alice, bob, carol] = await signIn();
    await kit.topUp(bob, 5_000);
    await kit.topUp(carol, 5_000);
    const split = (
      await kit.inject(alice, 'POST', '/v1/bill-splits', {
        title: '聚餐',
        totalMinor: 9_000,
        friendPhones: [phones[1], phones[2]],
      })
    ).json();
    expect((await kit.inject(bob, 'POST', `/v1/bill-splits/${split.id}/pay`)).json()).toMatchObject({
      status: 'open',
      paidMinor: 6_000,
    });
    // A second split, a day younger: it must still be open after the first one's expiry.
    s.clock.advance(86_400_000);
    [alice, bob, carol] = await signIn();
    const younger = (
      await kit.inject(alice, 'POST', '/v1/bill-splits', {
        title: '电影',
        totalMinor: 2_000,
        friendPhones: [phones[1]],
      })
    ).json();

    s.clock.advance((WalletLimits.billSplitExpiryDays - 1) * 86_400_000 - 60_000);
    [alice, bob, carol] = await signIn();
    expect(await kit.runTick('wallet.expire_bill_splits')).toMatchObject({ result: { expired: 0 } });
    expect((await kit.inject(alice, 'GET', `/v1/bill-splits/${split.id}`)).json().status).toBe('open');

    s.clock.advance(120_000);
    // Past its expiry the share is refused even before the tick has run.
    const early = await kit.inject(carol, 'POST', `/v1/bill-splits/${split.id}/pay`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('WALLET_BILL_SPLIT_NOT_OPEN');
    expect(await kit.runTick('wallet.expire_bill_splits', { force: true })).toMatchObject({
      status: 'done',
      result: { expired: 1 },
    });
    const expired = (await kit.inject(alice, 'GET', `/v1/bill-splits/${split.id}`)).json();
    expect(expired).toMatchObject({ status: 'expired', paidMinor: 6_000 });
    expect(expired.shares.map((x: { status: string }) => x.status)).toEqual(['paid', 'paid', 'unpaid']);
    const late = await kit.inject(carol, 'POST', `/v1/bill-splits/${split.id}/pay`);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('WALLET_BILL_SPLIT_NOT_OPEN');
    expect((await kit.wallet(carol)).availableMinor).toBe(5_000);
    expect((await kit.inject(alice, 'GET', `/v1/bill-splits/${younger.id}`)).json().status).toBe('open');

    // Once: a forced re-run finds nothing more, and one event tells the requester what stayed unpaid.
    expect(await kit.runTick('wallet.expire_bill_splits', { force: true })).toMatchObject({ result: { expired: 0 } });
    const events = await queryRows<{ payload: Record<string, unknown> }>(
      s.ctx.database.db,
      sql`select payload from outbox where type = 'wallet.bill_split_expired' and aggregate_id = ${split.id}`,
    );
    expect(events.map((e) => e.payload)).toEqual([
      { splitId: split.id, customerId: alice.customerId, title: '聚餐', amountMinor: 3_000 },
    ]);
  });
});
