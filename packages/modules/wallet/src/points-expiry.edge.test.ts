// Points expiry at its edges (issue #19, point 4; DOMAIN.md §8 "expire after 12 months"): a lot
// earned on a Shanghai business date D can be redeemed until 23:59:59 the day before D + 12 months
// and is gone at 00:00:00 on that anniversary — day 365 after D when no 29 February lies between,
// day 366 when one does; a lot earned on 29 February expires on 28 February (kernel addMonths clamps
// to the month's end). Redemptions spend the oldest lot first. Mutants killed are named per test.
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { assertLedgerConsistent } from '@zulin/ledger';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { walletTestKit } from './testing';

describeDb('points expiry at its edges', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof walletTestKit>;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: '2026-03-02T02:00:00Z' });
    kit = walletTestKit(s);
  });
  afterAll(async () => {
    await s?.close();
  });

  /** A customer whose session is renewed whenever the clock moved. */
  async function customer() {
    const phone = randomTestPhone();
    await signInTestCustomer(s, phone);
    return { phone, session: () => signInTestCustomer(s, phone) };
  }
  async function award(who: { phone: string }, points: number, sourceRef: string) {
    const me = await signInTestCustomer(s, who.phone);
    const admin = bearer((await signInTestStaff(s, 'admin')).token);
    const res = await s.app.inject({
      method: 'POST',
      url: '/v1/admin/wallet/points-awards',
      headers: admin,
      payload: { customerId: me.customerId, points, reason: 'on-time payment', sourceRef },
    });
    expect(res.json().awarded).toBe(true);
  }
  async function points(who: { session: () => Promise<{ token: string }> }) {
    return (await kit.inject(await who.session(), 'GET', '/v1/points')).json() as {
      balance: number;
      lots: { remaining: number; expiresAt: string }[];
    };
  }
  async function redeem(who: { session: () => Promise<{ token: string }> }, n: number) {
    return kit.inject(await who.session(), 'POST', '/v1/points/redemptions', { points: n });
  }
  const expireTick = () => kit.runTick('wallet.expire_points', { force: true });

  test('earned 2 Mar 2026: redeemable at 23:59:59 on 1 Mar 2027 (day 364), gone at 00:00:00 on the anniversary, day 365 (kills 11 or 13 months, `gt` → `gte` in redeem, `lte` → `lt` in the tick); oldest lot spent first (kills newest-first)', async () => {
    const ann = await customer();
    const two = await customer();
    await award(ann, 300, 'edge_ann_1');
    await award(two, 300, 'edge_two_old');
    expect((await points(ann)).lots[0]?.expiresAt).toBe('2027-03-01T16:00:00.000Z');
    // Three months later Two earns a second lot and redeems 400: the old lot first, then 100 of the new.
    s.clock.set('2026-06-01T02:00:00Z');
    await award(two, 300, 'edge_two_new');
    expect((await redeem(two, 400)).json()).toMatchObject({ points: 400, creditedMinor: 400 });
    expect((await points(two)).lots.map((l) => [l.remaining, l.expiresAt])).toEqual([
      [200, '2027-05-31T16:00:00.000Z'],
    ]);

    // 23:59:59 on 1 March 2027 in Shanghai: the lot is still there.
    s.clock.set('2027-03-01T15:59:59Z');
    await expireTick();
    expect((await points(ann)).balance).toBe(300);
    expect((await redeem(ann, 100)).json()).toMatchObject({ creditedMinor: 100 });
    // 00:00:00 on 2 March 2027, the anniversary: the rest is gone, for redemption and in the balance.
    s.clock.set('2027-03-01T16:00:00Z');
    expect((await redeem(ann, 100)).json().code).toBe('WALLET_POINTS_INSUFFICIENT');
    await expireTick();
    expect(await points(ann)).toMatchObject({ balance: 0, lots: [] });
    // Two's old lot was spent, so nothing of Two's expires today.
    expect((await points(two)).balance).toBe(200);
    // Two's newer lot goes at its own anniversary, 1 June 2027 00:00 Shanghai.
    s.clock.set('2027-05-31T16:00:00Z');
    await expireTick();
    expect((await points(two)).balance).toBe(0);
    await assertLedgerConsistent(s.ctx.database.db);
  });

  test('across 29 Feb 2028: a lot earned 2 Mar 2027 lives 366 days, to 2 Mar 2028 (kills "365 days" for "12 months"); a lot earned on 29 Feb 2028 expires at 00:00 on 28 Feb 2029', async () => {
    s.clock.set('2027-03-02T02:00:00Z');
    const leap = await customer();
    await award(leap, 200, 'edge_leap');
    s.clock.set('2028-02-29T02:00:00Z'); // 10:00 on 29 February 2028 in Shanghai
    const feb29 = await customer();
    await award(feb29, 200, 'edge_feb29');
    expect((await points(feb29)).lots[0]?.expiresAt).toBe('2029-02-27T16:00:00.000Z');

    // Day 365 after 2 Mar 2027 is 1 Mar 2028: the lot still lives at its last second.
    s.clock.set('2028-03-01T15:59:59Z');
    await expireTick();
    expect((await points(leap)).balance).toBe(200);
    // Day 366, the anniversary.
    s.clock.set('2028-03-01T16:00:00Z');
    await expireTick();
    expect((await points(leap)).balance).toBe(0);
    expect((await points(feb29)).balance).toBe(200);

    s.clock.set('2029-02-27T15:59:59Z');
    await expireTick();
    expect((await points(feb29)).balance).toBe(200);
    s.clock.set('2029-02-27T16:00:00Z');
    await expireTick();
    expect((await points(feb29)).balance).toBe(0);
  });
});
