import { describeDb } from '@zulin/db/testing';
import { maskPhone } from '@zulin/identity';
import { bearer, randomTestPhone, signInTestCustomer, walkCustomerObjectRoutes } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { walletTestKit } from '@zulin/wallet/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { notificationMessages } from './schema';

interface Customer {
  customerId: string;
  token: string;
  phone: string;
}

describeDb('notification inbox', (get) => {
  let s: TestServer;
  let alice: Customer;
  let bob: Customer;
  let carol: Customer;
  const inject = (
    who: { token: string } | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    s.app.inject({
      method,
      url,
      payload: payload as object,
      headers: { ...(who ? bearer(who.token) : {}), ...headers },
    });
  const drain = async () => {
    for (let i = 0; i < 20; i++) if (!(await s.worker.runOnce()).busy) break;
  };
  const inbox = async (who: Customer, query = '', language?: string) => {
    const res = await inject(who, 'GET', `/v1/me/notifications${query}`, undefined, {
      ...(language ? { 'accept-language': language } : {}),
    });
    expect(res.statusCode).toBe(200);
    return res.json() as {
      data: {
        id: string;
        template: string;
        params: Record<string, unknown>;
        title: string;
        body: string;
        channels: string[];
        read: boolean;
        readAt: string | null;
        target: string | null;
      }[];
      nextCursor: string | null;
      unreadCount: number;
    };
  };
  const textsTo = async (who: Customer): Promise<string[]> =>
    (await inject(null, 'GET', `/v1/sandbox/sms?phone=${encodeURIComponent(who.phone)}`))
      .json()
      .data.map((m: { text: string }) => m.text);
  /** A top-up paid at the payments sandbox's cashier (wallet's test kit), then the worker. */
  async function topUp(who: Customer, amountMinor: number) {
    expect((await walletTestKit(s).topUp(who, amountMinor)).status).toBe('succeeded');
    await drain();
  }
  const signIn = async (): Promise<Customer> => {
    const phone = randomTestPhone();
    return { ...(await signInTestCustomer(s, phone)), phone };
  };

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    alice = await signIn();
    bob = await signIn();
    carol = await signIn();
  });
  afterAll(async () => {
    await s?.close();
  });

  test('a top-up notifies in the inbox and by SMS, in zh-CN by default and in English on request', async () => {
    await topUp(alice, 12_345);
    const zh = await inbox(alice);
    expect(zh.unreadCount).toBe(1);
    expect(zh.data).toHaveLength(1);
    expect(zh.data[0]).toMatchObject({
      template: 'wallet.top_up_succeeded',
      params: { amountMinor: 12_345 },
      title: '充值成功',
      body: '您已成功充值 ¥123.45，已存入钱包余额。',
      channels: ['in_app', 'sms'],
      read: false,
      readAt: null,
      target: 'wallet',
    });
    const res = await inject(alice, 'GET', '/v1/me/notifications', undefined, { 'accept-language': 'en-US,en;q=0.9' });
    expect(res.headers['content-language']).toBe('en');
    expect(res.json().data[0]).toMatchObject({
      title: 'Top-up received',
      body: 'Your top-up of ¥123.45 is in your wallet.',
    });
    expect(await textsTo(alice)).toContain('【Zulin租赁】充值成功：您已成功充值 ¥123.45，已存入钱包余额。');
  });

  test('SMS switched off for wallet notices: no SMS, and the in-app copy stays even with in-app off', async () => {
    const put = await inject(bob, 'PUT', '/v1/me/notification-preferences', {
      data: [
        { category: 'wallet', channel: 'sms', enabled: false },
        { category: 'wallet', channel: 'in_app', enabled: false },
      ],
    });
    expect(put.statusCode).toBe(200);
    await topUp(bob, 50_000);
    const mine = await inbox(bob);
    expect(mine.data.map((n) => [n.template, n.channels])).toEqual([['wallet.top_up_succeeded', ['in_app']]]);
    expect(await textsTo(bob)).toEqual([]);
    const [row] = await s.ctx.database.db
      .select()
      .from(notificationMessages)
      .where(eq(notificationMessages.customerId, bob.customerId));
    expect(row).toMatchObject({ smsStatus: 'not_requested', inApp: true });
  });

  test("the recipient is told of the transfer, the sender of theirs; neither sees the other's", async () => {
    const sent = await inject(alice, 'POST', '/v1/wallet/transfers', { toPhone: bob.phone, amountMinor: 2_000 });
    expect(sent.statusCode).toBe(201);
    await drain();
    const bobs = await inbox(bob);
    expect(bobs.data[0]).toMatchObject({
      template: 'wallet.transfer_received',
      params: { amountMinor: 2_000, fromPhoneMasked: maskPhone(alice.phone) },
      body: `${maskPhone(alice.phone)} 向您转账 ¥20.00，已存入钱包余额。`,
    });
    expect(bobs.data.map((n) => n.template)).not.toContain('wallet.transfer_sent');
    const alices = await inbox(alice);
    expect(alices.data[0]).toMatchObject({
      template: 'wallet.transfer_sent',
      params: { amountMinor: 2_000, toPhoneMasked: maskPhone(bob.phone) },
    });
    expect(alices.data.map((n) => n.template)).not.toContain('wallet.transfer_received');
    // Bob turned wallet SMS off; Alice did not.
    expect((await textsTo(bob)).length).toBe(0);
    expect((await textsTo(alice)).some((t) => t.startsWith('【Zulin租赁】转账成功'))).toBe(true);

    // Bob cannot mark Alice's notification read: 404, and it stays unread.
    const foreign = await inject(bob, 'POST', `/v1/me/notifications/${alices.data[0]?.id}/read`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('NOTIFICATION_NOT_FOUND');
    expect((await inbox(alice)).data[0]?.read).toBe(false);
  });

  test('a customer who chose English gets the SMS in English', async () => {
    expect((await inject(carol, 'PATCH', '/v1/me', { locale: 'en' })).statusCode).toBe(200);
    await topUp(carol, 1_000_00);
    expect(await textsTo(carol)).toEqual(['[Zulin] Top-up received: Your top-up of ¥1,000.00 is in your wallet.']);
    // The inbox still follows the request's language.
    expect((await inbox(carol)).data[0]?.title).toBe('充值成功');
  });

  test('read one, read again, unread filter, read all, and pages', async () => {
    await topUp(alice, 100);
    await topUp(alice, 200);
    const before = await inbox(alice);
    expect(before.unreadCount).toBe(4);
    const newest = before.data[0];
    expect(newest?.params.amountMinor).toBe(200);
    const read = await inject(alice, 'POST', `/v1/me/notifications/${newest?.id}/read`, undefined, {
      'accept-language': 'en',
    });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: newest?.id, read: true, title: 'Top-up received' });
    s.clock.advance(60_000);
    const again = await inject(alice, 'POST', `/v1/me/notifications/${newest?.id}/read`);
    expect(again.json().readAt).toBe(read.json().readAt);

    const unread = await inbox(alice, '?unread=true');
    expect(unread.unreadCount).toBe(3);
    expect(unread.data.map((n) => n.id)).not.toContain(newest?.id);
    expect(unread.data).toHaveLength(3);

    const first = await inbox(alice, '?limit=2');
    expect(first.data).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await inbox(alice, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.data).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    expect([...first.data, ...second.data].map((n) => n.id)).toEqual(before.data.map((n) => n.id));
    expect((await inject(alice, 'GET', '/v1/me/notifications?cursor=bogus')).statusCode).toBe(422);

    const all = await inject(alice, 'POST', '/v1/me/notifications/read-all');
    expect(all.json()).toEqual({ marked: 3, unreadCount: 0 });
    expect((await inbox(alice, '?unread=true')).data).toEqual([]);
    // Bob's are untouched by Alice's read-all.
    expect((await inbox(bob)).unreadCount).toBe(2);
  });

  test("the object-route walk: another customer's notification answers 404", async () => {
    const target = (await inbox(alice)).data[0];
    expect(target).toBeDefined();
    const intruder = await signInTestCustomer(s);
    const results = await walkCustomerObjectRoutes(s.app, intruder.token, {
      'POST /v1/me/notifications/:id/read': { params: { id: target?.id as string } },
    });
    const ours = results.filter((r) => r.route.startsWith('POST /v1/me/notifications/'));
    expect(ours).toEqual([{ route: 'POST /v1/me/notifications/:id/read', status: 404, reachedHandler: true }]);
  });

  test('the inbox needs a signed-in customer', async () => {
    expect((await inject(null, 'GET', '/v1/me/notifications')).statusCode).toBe(401);
    expect((await inject(null, 'POST', '/v1/me/notifications/read-all')).statusCode).toBe(401);
  });
});
