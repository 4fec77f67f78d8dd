import { describeDb } from '@zulin/db/testing';
import { randomTestPhone, signInTestCustomer } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { WalletLimits } from './limits';
import { walletTestKit } from './testing';

describeDb('second factor by SMS', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof walletTestKit>;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    kit = walletTestKit(s);
  });
  afterAll(async () => {
    await s?.close();
  });

  /** The newest text to a number, as the sandbox reads it back. */
  async function lastSms(phone: string): Promise<{ text: string; code: string }> {
    const res = await s.app.inject({ url: `/v1/sandbox/sms?phone=${encodeURIComponent(phone)}` });
    return res.json().data[0];
  }

  test('a code sent for one transfer passes it once, names it, passes no other; a failed command leaves it usable', async () => {
    const phone = randomTestPhone();
    const bobPhone = randomTestPhone();
    const carolPhone = randomTestPhone();
    const alice = await signInTestCustomer(s, phone);
    await signInTestCustomer(s, bobPhone);
    await signInTestCustomer(s, carolPhone);
    await kit.topUp(alice, 150_000);
    const big = { toPhone: bobPhone, amountMinor: 200_000 };

    const sent = await kit.inject(alice, 'POST', '/v1/wallet/second-factor/sms', { operation: 'transfer', ...big });
    expect(sent.statusCode).toBe(202);
    expect(sent.json()).toEqual({
      expiresAt: new Date(s.clock.now().getTime() + 5 * 60_000).toISOString(),
      phoneMasked: `${phone.slice(3, 6)}****${phone.slice(-4)}`,
    });
    const sms = await lastSms(phone);
    expect(sms.code).toMatch(/^[0-9]{6}$/);
    // The text says what the code is for: the amount and the masked payee.
    expect(sms.text).toBe(
      `【Zulin租赁】您正在向 ${bobPhone.slice(3, 6)}****${bobPhone.slice(-4)} 转账 ¥2,000.00，验证码 ${sms.code}，5 分钟内有效。如非本人操作，请勿告诉他人。`,
    );
    // The signed-in customer reads the same text back from the sandbox without knowing the number.
    const mine = await kit.inject(alice, 'GET', '/v1/sandbox/sms/mine');
    expect(mine.json().data[0]).toMatchObject({ code: sms.code });

    // Not enough money: refused, and the code is not spent by the failed command.
    const poor = await kit.inject(alice, 'POST', '/v1/wallet/transfers', { ...big, smsCode: sms.code });
    expect(poor.json().code).toBe('WALLET_INSUFFICIENT_BALANCE');
    await kit.topUp(alice, 150_000);
    // The same code for another amount or another payee is wrong (and counts as a try).
    const more = await kit.inject(alice, 'POST', '/v1/wallet/transfers', {
      ...big,
      amountMinor: 250_000,
      smsCode: sms.code,
    });
    expect(more.json().code).toBe('WALLET_SECOND_FACTOR_INVALID');
    const other = await kit.inject(alice, 'POST', '/v1/wallet/transfers', {
      ...big,
      toPhone: carolPhone,
      smsCode: sms.code,
    });
    expect(other.json().code).toBe('WALLET_SECOND_FACTOR_INVALID');
    const ok = await kit.inject(alice, 'POST', '/v1/wallet/transfers', { ...big, smsCode: sms.code });
    expect(ok.statusCode).toBe(201);
    const replay = await kit.inject(alice, 'POST', '/v1/wallet/transfers', { ...big, smsCode: sms.code });
    expect(replay.statusCode).toBe(403);
    expect(replay.json().code).toBe('WALLET_SECOND_FACTOR_INVALID');
    expect((await kit.wallet(alice)).availableMinor).toBe(100_000);

    const both = await kit.inject(alice, 'POST', '/v1/wallet/transfers', {
      ...big,
      smsCode: sms.code,
      totpCode: '123456',
    });
    expect(both.statusCode).toBe(422);
    // A code for a card that is not mine is refused before anything is sent.
    s.clock.advance(WalletLimits.stepUpSendIntervalMs);
    const foreign = await kit.inject(alice, 'POST', '/v1/wallet/second-factor/sms', {
      operation: 'withdrawal',
      bankCardId: 'card_not_mine',
      amountMinor: 600_000,
    });
    expect(foreign.statusCode).toBe(404);
  });

  test('5 tries: wrong codes are counted although each request fails; then even the right code is refused', async () => {
    const phone = randomTestPhone();
    const bobPhone = randomTestPhone();
    const carol = await signInTestCustomer(s, phone);
    await signInTestCustomer(s, bobPhone);
    await kit.topUp(carol, 300_000);
    await kit.inject(carol, 'POST', '/v1/wallet/second-factor/sms', {
      operation: 'transfer',
      toPhone: bobPhone,
      amountMinor: 250_000,
    });
    const { code } = await lastSms(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    const transfer = (smsCode: string) =>
      kit.inject(carol, 'POST', '/v1/wallet/transfers', { toPhone: bobPhone, amountMinor: 250_000, smsCode });
    for (let left = WalletLimits.stepUpCodeAttemptsMax - 1; left >= 1; left--) {
      const res = await transfer(wrong);
      expect(res.json()).toMatchObject({
        code: 'WALLET_SECOND_FACTOR_INVALID',
        detail: expect.stringContaining(`${left} tries left`),
      });
    }
    expect((await transfer(wrong)).json().code).toBe('WALLET_SECOND_FACTOR_TOO_MANY_ATTEMPTS');
    const right = await transfer(code);
    expect(right.statusCode).toBe(429);
    expect(right.json().code).toBe('WALLET_SECOND_FACTOR_TOO_MANY_ATTEMPTS');
    expect((await kit.wallet(carol)).availableMinor).toBe(300_000);

    // A new code starts over, for withdrawals too (≥ ¥5,000).
    const card = (await kit.inject(carol, 'POST', '/v1/bank-cards', { cardNumber: '6217000000000000004' })).json();
    const forWithdrawal = { operation: 'withdrawal', bankCardId: card.id, amountMinor: 250_000 };
    expect((await kit.inject(carol, 'POST', '/v1/wallet/second-factor/sms', forWithdrawal)).json().code).toBe(
      'WALLET_SMS_SEND_TOO_SOON',
    );
    s.clock.advance(WalletLimits.stepUpSendIntervalMs);
    expect((await kit.inject(carol, 'POST', '/v1/wallet/second-factor/sms', forWithdrawal)).statusCode).toBe(202);
    const fresh = await lastSms(phone);
    expect(fresh.text).toContain('您正在提现 ¥2,500.00 至尾号 0004 的银行卡');
    const withdrawal = await kit.inject(carol, 'POST', '/v1/wallet/withdrawals', {
      bankCardId: card.id,
      amountMinor: 250_000,
      smsCode: fresh.code,
    });
    expect(withdrawal.statusCode).toBe(201);
  });

  test('a code expires after 5 minutes; an English-speaking customer gets the text in English', async () => {
    const phone = randomTestPhone();
    const bobPhone = randomTestPhone();
    let dave = await signInTestCustomer(s, phone);
    await signInTestCustomer(s, bobPhone);
    await kit.topUp(dave, 300_000);
    const patched = await s.app.inject({
      method: 'PATCH',
      url: '/v1/me',
      headers: { authorization: `Bearer ${dave.token}` },
      payload: { locale: 'en' },
    });
    expect(patched.statusCode).toBe(200);
    await kit.inject(dave, 'POST', '/v1/wallet/second-factor/sms', {
      operation: 'transfer',
      toPhone: bobPhone,
      amountMinor: 200_000,
    });
    const sms = await lastSms(phone);
    expect(sms.text).toContain(
      `Your code to send ¥2,000.00 to ${bobPhone.slice(3, 6)}****${bobPhone.slice(-4)} is ${sms.code}`,
    );
    s.clock.advance(WalletLimits.stepUpCodeTtlMs);
    dave = await signInTestCustomer(s, phone);
    const late = await kit.inject(dave, 'POST', '/v1/wallet/transfers', {
      toPhone: bobPhone,
      amountMinor: 200_000,
      smsCode: sms.code,
    });
    expect(late.json().code).toBe('WALLET_SECOND_FACTOR_INVALID');
  });

  test(`at most ${WalletLimits.stepUpSendsPerDay} codes a business day`, async () => {
    const phone = randomTestPhone();
    let erin = await signInTestCustomer(s, phone);
    const anyTransfer = { operation: 'transfer', toPhone: randomTestPhone(), amountMinor: 200_000 };
    for (let i = 0; i < WalletLimits.stepUpSendsPerDay; i++) {
      expect((await kit.inject(erin, 'POST', '/v1/wallet/second-factor/sms', anyTransfer)).statusCode).toBe(202);
      s.clock.advance(WalletLimits.stepUpSendIntervalMs);
      erin = await signInTestCustomer(s, phone);
    }
    const refused = await kit.inject(erin, 'POST', '/v1/wallet/second-factor/sms', anyTransfer);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('WALLET_SMS_DAILY_LIMIT_REACHED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});
