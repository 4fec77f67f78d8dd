import { describeDb } from '@zulin/db/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { bearer, consentsInForce, signInTestCustomer } from './testing';

describeDb('third-party login, notification preferences, sandbox switch', (get) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
  });
  afterAll(async () => {
    await s?.close();
  });

  const sandboxCode = async (provider: string, openId: string) =>
    (await s.app.inject({ method: 'POST', url: `/v1/sandbox/oauth/${provider}/codes`, payload: { openId } })).json()
      .code;
  const oauthLogin = (provider: string, body: Record<string, unknown>) =>
    s.app.inject({ method: 'POST', url: `/v1/auth/oauth/${provider}`, payload: body });

  test('a new WeChat open id is linked once with phone + SMS code, then logs in with the code alone', async () => {
    const first = await oauthLogin('wechat', { code: await sandboxCode('wechat', 'o_wx_123') });
    expect(first.statusCode).toBe(409);
    expect(first.json().code).toBe('OAUTH_PHONE_REQUIRED');
    const phone = '+8615011112222';
    await s.app.inject({ method: 'POST', url: '/v1/auth/sms-codes', payload: { phone }, remoteAddress: '10.40.0.1' });
    const sms = (await s.app.inject(`/v1/sandbox/sms?phone=${encodeURIComponent(phone)}`)).json().data[0].code;
    const code = () => sandboxCode('wechat', 'o_wx_123');
    // Linking creates the account: not without the customer's consent, and the SMS code stays usable.
    const unconsented = await oauthLogin('wechat', { code: await code(), phone, smsCode: sms });
    expect([unconsented.statusCode, unconsented.json().code]).toEqual([422, 'CONSENT_REQUIRED']);
    const linked = await oauthLogin('wechat', { code: await code(), phone, smsCode: sms, consents: consentsInForce() });
    expect(linked.statusCode).toBe(200);
    const customerId = linked.json().customer.id;
    const again = await oauthLogin('wechat', { code: await sandboxCode('wechat', 'o_wx_123') });
    expect(again.statusCode).toBe(200);
    expect(again.json().customer.id).toBe(customerId);
    // The same open id at Alipay is another account.
    expect((await oauthLogin('alipay', { code: await sandboxCode('alipay', 'o_wx_123') })).statusCode).toBe(409);
  });

  test('forged, cross-provider and expired codes are refused', async () => {
    const code = await sandboxCode('alipay', 'a_2088');
    expect((await oauthLogin('alipay', { code: `${code.slice(0, -2)}xx` })).json().code).toBe('OAUTH_CODE_INVALID');
    expect((await oauthLogin('wechat', { code })).json().code).toBe('OAUTH_CODE_INVALID');
    s.clock.advance(5 * 60_000 + 1000);
    expect((await oauthLogin('alipay', { code })).json().code).toBe('OAUTH_CODE_INVALID');
  });

  test('notification preferences: orders and bills on, marketing opt-in; changes are kept', async () => {
    const { token } = await signInTestCustomer(s);
    const initial = (await s.app.inject({ url: '/v1/me/notification-preferences', headers: bearer(token) })).json();
    expect(initial.data).toHaveLength(20);
    for (const p of initial.data) expect(p.enabled).toBe(p.category !== 'marketing');
    const put = await s.app.inject({
      method: 'PUT',
      url: '/v1/me/notification-preferences',
      headers: bearer(token),
      payload: {
        data: [
          { category: 'marketing', channel: 'push', enabled: true },
          { category: 'bills', channel: 'email', enabled: false },
        ],
      },
    });
    expect(put.statusCode).toBe(200);
    const after = (await s.app.inject({ url: '/v1/me/notification-preferences', headers: bearer(token) })).json().data;
    const find = (category: string, channel: string) =>
      after.find((p: { category: string; channel: string }) => p.category === category && p.channel === channel)
        .enabled;
    expect(find('marketing', 'push')).toBe(true);
    expect(find('marketing', 'sms')).toBe(false);
    expect(find('bills', 'email')).toBe(false);
    expect(find('bills', 'sms')).toBe(true);
  });

  test('the sandbox read-back does not exist when sandbox mode is off', async () => {
    const off = await createTestServer(get().database, { modules, env: { ZULIN_SANDBOX: 'false' } });
    try {
      const res = await off.app.inject('/v1/sandbox/sms?phone=%2B8613800138000');
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('ROUTE_NOT_FOUND');
    } finally {
      await off.close();
    }
  });

  test('a customer sees tier normal until the tier rules arrive', async () => {
    const { token } = await signInTestCustomer(s);
    expect((await s.app.inject({ url: '/v1/me', headers: bearer(token) })).json().tier).toBe('normal');
  });
});
