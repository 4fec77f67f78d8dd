import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { walletTestKit } from '@zulin/wallet/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';

interface Dashboard {
  businessDate: string;
  figures: { key: string; unit: string; value: number | null; trend: { date: string; value: number }[] }[];
}

describeDb('the console dashboard', (get) => {
  let s: TestServer;

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
  });
  afterAll(async () => {
    await s.close();
  });

  const dashboard = async (token: string): Promise<Dashboard> => {
    const response = await s.app.inject({ method: 'GET', url: '/v1/staff/dashboard', headers: bearer(token) });
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  const figure = (d: Dashboard, key: string) => d.figures.find((f) => f.key === key);

  test('counts customers, the money topped up today and the float, each to the staff allowed to see it', async () => {
    const finance = await signInTestStaff(s, 'finance');
    const before = await dashboard(finance.token);
    expect(before.businessDate).toBe('2026-03-02');

    const kit = walletTestKit(s);
    const ann = await signInTestCustomer(s);
    const ben = await signInTestCustomer(s);
    await kit.topUp(ann, 12_345);
    await kit.topUp(ben, 50_000);

    const after = await dashboard(finance.token);
    expect(figure(after, 'wallet.top_ups_today')?.value).toBe(
      (figure(before, 'wallet.top_ups_today')?.value ?? 0) + 62_345,
    );
    expect(figure(after, 'ledger.wallet_float')?.value).toBe(
      (figure(before, 'ledger.wallet_float')?.value ?? 0) + 62_345,
    );
    const customers = figure(after, 'identity.customers');
    expect(customers?.value).toBe((figure(before, 'identity.customers')?.value ?? 0) + 2);
    // 14 days, oldest first, ending today; today's point counts the two new customers.
    expect(customers?.trend).toHaveLength(14);
    expect(customers?.trend.at(-1)?.date).toBe('2026-03-02');
    expect(customers?.trend.at(-1)?.value).toBe((figure(before, 'identity.customers')?.trend.at(-1)?.value ?? 0) + 2);
    expect(customers?.trend[0]?.date).toBe('2026-02-17');

    // The next business day: today's top-ups start again from zero, yesterday's stay in the trend.
    s.clock.advance(24 * 60 * 60 * 1000);
    const tomorrow = await dashboard((await signInTestStaff(s, 'finance')).token); // yesterday's token expired
    expect(figure(tomorrow, 'wallet.top_ups_today')?.value).toBe(0);
    expect(figure(tomorrow, 'wallet.top_ups_today')?.trend.at(-2)).toEqual({
      date: '2026-03-02',
      value: figure(after, 'wallet.top_ups_today')?.value,
    });

    // Marketing sees none of the money figures; a customer is no staff member (401, as every admin route).
    const marketing = await signInTestStaff(s, 'marketing');
    const keys = (await dashboard(marketing.token)).figures.map((f) => f.key);
    expect(keys).not.toContain('ledger.wallet_float');
    expect(keys).not.toContain('wallet.top_ups_today');
    const carl = await signInTestCustomer(s);
    const refused = await s.app.inject({ method: 'GET', url: '/v1/staff/dashboard', headers: bearer(carl.token) });
    expect(refused.statusCode).toBe(401);
    expect((await s.app.inject({ method: 'GET', url: '/v1/staff/dashboard' })).statusCode).toBe(401);
  });
});
