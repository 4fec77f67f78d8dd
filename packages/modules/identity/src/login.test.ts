import { describeDb } from '@zulin/db/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { IdentityLimits } from './limits';
import { bearer, consentsInForce } from './testing';

describeDb('customer login by SMS', (get) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
  });
  afterAll(async () => {
    await s?.close();
  });

  let ipCounter = 0;
  const freshIp = () => `10.1.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

  async function requestCode(phone: string, remoteAddress = freshIp()) {
    return s.app.inject({ method: 'POST', url: '/v1/auth/sms-codes', payload: { phone }, remoteAddress });
  }
  async function lastCode(phone: string): Promise<string> {
    const res = await s.app.inject(`/v1/sandbox/sms?phone=${encodeURIComponent(phone)}`);
    expect(res.statusCode).toBe(200);
    return res.json().data[0].code;
  }
  async function login(phone: string, code: string) {
    return s.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { phone, code, consents: consentsInForce() },
    });
  }

  test('a new phone signs up with the code from the sandbox SMS, then /v1/me shows it masked', async () => {
    const phone = '+8613800138001';
    expect((await requestCode(phone)).statusCode).toBe(202);
    const sms = (await s.app.inject(`/v1/sandbox/sms?phone=${encodeURIComponent(phone)}`)).json();
    expect(sms.data).toHaveLength(1);
    expect(sms.data[0]).toMatchObject({ phone, code: expect.stringMatching(/^\d{6}$/) });
    expect(sms.data[0].text).toContain(sms.data[0].code);
    const res = await login(phone, sms.data[0].code);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.created).toBe(true);
    expect(body.customer).toMatchObject({
      id: expect.stringMatching(/^cus_/),
      phoneMasked: '138****8001',
      tier: 'normal',
    });
    expect(body.customer.identity).toEqual({
      status: 'unverified',
      nameMasked: null,
      idNumberMasked: null,
      verifiedAt: null,
    });
    const me = await s.app.inject({ url: '/v1/me', headers: bearer(body.accessToken) });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(body.customer.id);
  });

  test('the same phone logs in again as the same customer; a used code does not work twice', async () => {
    const phone = '+8613800138002';
    await requestCode(phone);
    const code = await lastCode(phone);
    const first = (await login(phone, code)).json();
    expect((await login(phone, code)).json().code).toBe('SMS_CODE_INVALID');
    s.clock.advance(61_000);
    await requestCode(phone);
    const again = (await login(phone, await lastCode(phone))).json();
    expect(again.created).toBe(false);
    expect(again.customer.id).toBe(first.customer.id);
  });

  test('sandbox SMS are listed newest first', async () => {
    const phone = '+8613800138003';
    await requestCode(phone);
    s.clock.advance(61_000);
    await requestCode(phone);
    const list = (await s.app.inject(`/v1/sandbox/sms?phone=${encodeURIComponent(phone)}`)).json().data;
    expect(list).toHaveLength(2);
    expect(Date.parse(list[0].sentAt)).toBeGreaterThan(Date.parse(list[1].sentAt));
  });

  test('a code allows five tries: wrong codes count, the sixth try is refused even with the right code', async () => {
    const phone = '+8613800138004';
    await requestCode(phone);
    const code = await lastCode(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++) expect((await login(phone, wrong)).json().code).toBe('SMS_CODE_INVALID');
    expect((await login(phone, wrong)).json().code).toBe('SMS_CODE_TOO_MANY_ATTEMPTS');
    const last = await login(phone, code);
    expect(last.statusCode).toBe(429);
    expect(last.json().code).toBe('SMS_CODE_TOO_MANY_ATTEMPTS');
  });

  test('a code expires after 5 minutes', async () => {
    const phone = '+8613800138005';
    await requestCode(phone);
    const code = await lastCode(phone);
    s.clock.advance(5 * 60_000 + 1);
    const res = await login(phone, code);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('SMS_CODE_INVALID');
  });

  test('one send per number per 60 s', async () => {
    const phone = '+8613800138006';
    expect((await requestCode(phone)).statusCode).toBe(202);
    s.clock.advance(59_000);
    const again = await requestCode(phone);
    expect(again.statusCode).toBe(429);
    expect(again.json().code).toBe('SMS_SEND_TOO_SOON');
    expect(again.headers['retry-after']).toBe('1');
    s.clock.advance(1_000);
    expect((await requestCode(phone)).statusCode).toBe(202);
  });

  test('the 11th code of a business day is refused with 429 SMS_DAILY_LIMIT_REACHED; the next day it works', async () => {
    const phone = '+8613800138007';
    // 10:00 Shanghai, so that ten sends a few minutes apart stay in one business day.
    s.clock.set('2026-03-10T02:00:00Z');
    for (let i = 0; i < 10; i++) {
      expect((await requestCode(phone)).statusCode).toBe(202);
      s.clock.advance(61_000);
    }
    const eleventh = await requestCode(phone);
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json()).toMatchObject({ code: 'SMS_DAILY_LIMIT_REACHED', status: 429 });
    s.clock.set('2026-03-10T16:00:01Z'); // 00:00:01 on 11 March in Shanghai
    expect((await requestCode(phone)).statusCode).toBe(202);
  });

  test('at most 30 sends per hour from one address, whatever the numbers', async () => {
    const ip = '10.99.0.1';
    for (let i = 0; i < 30; i++) {
      expect((await requestCode(`+86137${String(i).padStart(8, '0')}`, ip)).statusCode).toBe(202);
    }
    const res = await requestCode('+8613799999999', ip);
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('SMS_IP_LIMIT_REACHED');
    expect((await requestCode('+8613799999999', '10.99.0.2')).statusCode).toBe(202);
    s.clock.advance(3_600_001);
    expect((await requestCode('+8613799999998', ip)).statusCode).toBe(202);
  });

  test('phone numbers outside +86 1[3-9]… are a 422 naming the field', async () => {
    for (const phone of ['+8612800138000', '138001380', '+1 415 555 0100', '+86138001380001']) {
      const res = await requestCode(phone);
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0]).toMatchObject({ path: '/body/phone', code: 'PHONE_INVALID' });
    }
  });

  test('refresh rotates; the old refresh token then fails, and re-using it revokes the whole family', async () => {
    const phone = '+8613800138008';
    await requestCode(phone);
    const session = (await login(phone, await lastCode(phone))).json();
    const refresh = (token: string) =>
      s.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: token } });
    const second = await refresh(session.refreshToken);
    expect(second.statusCode).toBe(200);
    const rotated = second.json();
    expect(rotated.refreshToken).not.toBe(session.refreshToken);
    expect((await s.app.inject({ url: '/v1/me', headers: bearer(rotated.accessToken) })).statusCode).toBe(200);
    s.clock.advance(IdentityLimits.refreshReuseGraceMs + 1); // past the grace for a second tab's repeat
    const reused = await refresh(session.refreshToken);
    expect(reused.statusCode).toBe(401);
    expect(reused.json().code).toBe('AUTH_REFRESH_TOKEN_REUSED');
    // The thief's re-use also killed the legitimate newer token.
    const after = await refresh(rotated.refreshToken);
    expect(after.statusCode).toBe(401);
  });

  test('two tabs refreshing with the same token within 10 s both stay signed in; later, a repeat revokes every branch', async () => {
    const phone = '+8613800138018';
    await requestCode(phone);
    const session = (await login(phone, await lastCode(phone))).json();
    const refresh = (token: string) =>
      s.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: token } });
    const first = await refresh(session.refreshToken);
    s.clock.advance(IdentityLimits.refreshReuseGraceMs); // the second tab, at the edge of the grace
    const second = await refresh(session.refreshToken);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    const [a, b] = [first.json(), second.json()];
    expect(a.refreshToken).not.toBe(b.refreshToken);
    for (const tab of [a, b]) {
      expect((await s.app.inject({ url: '/v1/me', headers: bearer(tab.accessToken) })).statusCode).toBe(200);
    }
    // Each branch rotates on its own.
    const a2 = await refresh(a.refreshToken);
    expect(a2.statusCode).toBe(200);
    // A repeat after the grace is a reuse: the whole family goes, both tabs' branches with it.
    s.clock.advance(1);
    const late = await refresh(session.refreshToken);
    expect(late.statusCode).toBe(401);
    expect(late.json().code).toBe('AUTH_REFRESH_TOKEN_REUSED');
    expect((await refresh(b.refreshToken)).statusCode).toBe(401);
    expect((await refresh(a2.json().refreshToken)).statusCode).toBe(401);
  });

  test('logout revokes the refresh token; access tokens expire after 15 minutes', async () => {
    const phone = '+8613800138009';
    await requestCode(phone);
    const session = (await login(phone, await lastCode(phone))).json();
    const out = await s.app.inject({
      method: 'POST',
      url: '/v1/auth/logout',
      payload: { refreshToken: session.refreshToken },
    });
    expect(out.statusCode).toBe(204);
    const refreshed = await s.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      payload: { refreshToken: session.refreshToken },
    });
    expect(refreshed.statusCode).toBe(401);
    expect((await s.app.inject({ url: '/v1/me', headers: bearer(session.accessToken) })).statusCode).toBe(200);
    s.clock.advance(15 * 60_000 + 1000);
    const expired = await s.app.inject({ url: '/v1/me', headers: bearer(session.accessToken) });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('AUTH_TOKEN_INVALID');
  });

  test('/v1/me without a token is 401 UNAUTHENTICATED; with a forged token 401 too', async () => {
    const none = await s.app.inject('/v1/me');
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe('UNAUTHENTICATED');
    const forged = await s.app.inject({ url: '/v1/me', headers: bearer('eyJhbGciOiJIUzI1NiJ9.e30.x') });
    expect(forged.statusCode).toBe(401);
  });

  test('PATCH /v1/me changes nickname and language', async () => {
    const phone = '+8613800138010';
    await requestCode(phone);
    const session = (await login(phone, await lastCode(phone))).json();
    const res = await s.app.inject({
      method: 'PATCH',
      url: '/v1/me',
      headers: bearer(session.accessToken),
      payload: { nickname: '阿明', locale: 'en' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ nickname: '阿明', locale: 'en' });
  });

  test('the text message is delivered by the worker after commit', async () => {
    const phone = '+8613800138011';
    await requestCode(phone);
    await s.worker.runOnce();
    expect((await s.app.inject(`/v1/sandbox/sms?phone=${encodeURIComponent(phone)}`)).json().data).toHaveLength(1);
  });
});
