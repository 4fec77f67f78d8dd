// The SMS step-up at its edges (issue #19, mutation run of sms-step-up.ts on 5 December): the four
// texts word for word, a withdrawal's code bound to its card and amount, the stored code (purpose,
// id, hash key), the exact retry-after of both send limits, and the field errors of a missing or a
// wrong code. Each test names the mutants it kills.
import { createHmac } from 'node:crypto';
import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { randomTestPhone, signInTestCustomer } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WalletLimits } from './limits';
import { stepUpSmsTexts } from './sms-step-up';
import { walletTestKit } from './testing';

describe('the step-up texts, word for word', () => {
  test('a withdrawal of ¥4,999.99 and a transfer of ¥5,000.00, in Chinese and English (kills each text → "", the kind test, the locales of formatCny)', () => {
    expect(stepUpSmsTexts('012345', 5, { kind: 'withdrawal', amountMinor: 499_999, last4: '0128' })).toEqual({
      'zh-CN':
        '【Zulin租赁】您正在提现 ¥4,999.99 至尾号 0128 的银行卡，验证码 012345，5 分钟内有效。如非本人操作，请勿告诉他人。',
      en: '[Zulin] Your code to withdraw ¥4,999.99 to the card ending 0128 is 012345, valid for 5 minutes. If this was not you, do not share it.',
    });
    expect(
      stepUpSmsTexts('987654', 5, { kind: 'transfer', amountMinor: 500_000, toPhoneMasked: '138****0000' }),
    ).toEqual({
      'zh-CN':
        '【Zulin租赁】您正在向 138****0000 转账 ¥5,000.00，验证码 987654，5 分钟内有效。如非本人操作，请勿告诉他人。',
      en: '[Zulin] Your code to send ¥5,000.00 to 138****0000 is 987654, valid for 5 minutes. If this was not you, do not share it.',
    });
  });
});

describeDb('the SMS step-up at its edges', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof walletTestKit>;
  beforeAll(async () => {
    // 10:00 in Shanghai on Monday 2 March 2026: the business day ends at 16:00:00 UTC.
    s = await createTestServer(get().database, { modules, now: '2026-03-02T02:00:00Z' });
    kit = walletTestKit(s);
  });
  afterAll(async () => {
    await s?.close();
  });

  const lastSms = async (phone: string): Promise<{ text: string; code: string }> =>
    (await s.app.inject({ url: `/v1/sandbox/sms?phone=${encodeURIComponent(phone)}` })).json().data[0];
  const ask = (who: { token: string }, body: object) => kit.inject(who, 'POST', '/v1/wallet/second-factor/sms', body);
  /** A customer with money and a bound card (last 4: 0128). */
  async function customerWithCard(topUpMinor: number) {
    const phone = randomTestPhone();
    const who = await signInTestCustomer(s, phone);
    await kit.topUp(who, topUpMinor);
    const card = await kit.inject(who, 'POST', '/v1/bank-cards', { cardNumber: '6222021234567890128' });
    expect(card.statusCode).toBe(201);
    return { phone, who, cardId: card.json().id as string };
  }

  test('a withdrawal\'s code passes neither another card nor another amount, only its own (kills the withdrawal binding → "" and the kind test → false)', async () => {
    const { phone, who, cardId } = await customerWithCard(1_200_000);
    const other = await kit.inject(who, 'POST', '/v1/bank-cards', { cardNumber: '6217000000000000004' });
    expect(other.statusCode).toBe(201);
    expect((await ask(who, { operation: 'withdrawal', bankCardId: cardId, amountMinor: 500_000 })).statusCode).toBe(
      202,
    );
    const { code } = await lastSms(phone);
    const withdraw = (bankCardId: string, amountMinor: number) =>
      kit.inject(who, 'POST', '/v1/wallet/withdrawals', { bankCardId, amountMinor, smsCode: code });
    const otherCard = await withdraw(other.json().id, 500_000);
    expect(otherCard.statusCode).toBe(403);
    expect(otherCard.json().code).toBe('WALLET_SECOND_FACTOR_INVALID');
    const moreMoney = await withdraw(cardId, 500_001);
    expect(moreMoney.statusCode).toBe(403);
    expect(moreMoney.json().code).toBe('WALLET_SECOND_FACTOR_INVALID');
    expect((await kit.wallet(who)).availableMinor).toBe(1_200_000);
    const own = await withdraw(cardId, 500_000);
    expect(own.statusCode).toBe(201);
    expect((await kit.wallet(who)).availableMinor).toBe(700_000);
  });

  test('the stored code: purpose wallet.step_up, id suc_…, hashed with the wallet\'s own key over the operation (kills the purpose, the id prefix and the key\'s label → "")', async () => {
    const { phone, who, cardId } = await customerWithCard(10_000);
    expect((await ask(who, { operation: 'withdrawal', bankCardId: cardId, amountMinor: 499_999 })).statusCode).toBe(
      202,
    );
    const { code } = await lastSms(phone);
    const [row] = await queryRows<{ id: string; purpose: string; code_hash: string }>(
      s.ctx.database.db,
      sql`select id, purpose, code_hash from one_time_codes where subject = ${who.customerId}`,
    );
    expect(row?.purpose).toBe('wallet.step_up');
    expect(row?.id).toMatch(/^suc_[0-9A-Z]{26}$/);
    // The platform's hash (one-time-codes.ts) keyed by HMAC(master key, "zulin:wallet:step-up-code").
    const walletKey = createHmac('sha256', s.ctx.config.masterKey).update('zulin:wallet:step-up-code').digest();
    const codeKey = createHmac('sha256', walletKey).update('zulin:one-time-code').digest();
    const expected = createHmac('sha256', codeKey)
      .update(`${row?.id}\nwallet.step_up\nwithdrawal:${cardId}:499999\n${code}`)
      .digest('hex');
    expect(row?.code_hash).toBe(expected);
  });

  test('too soon: asked again 20.5 s later, retry-after is "40" (39.5 s rounded up); at 60 s it is sent (kills ceil → floor, max → min, − → +, ÷ → ×)', async () => {
    const phone = randomTestPhone();
    const who = await signInTestCustomer(s, phone);
    const body = { operation: 'transfer', toPhone: randomTestPhone(), amountMinor: 200_000 };
    expect((await ask(who, body)).statusCode).toBe(202);
    s.clock.advance(20_500);
    const soon = await ask(who, body);
    expect(soon.statusCode).toBe(429);
    expect(soon.json().code).toBe('WALLET_SMS_SEND_TOO_SOON');
    expect(soon.headers['retry-after']).toBe('40');
    s.clock.advance(39_500);
    expect((await ask(who, body)).statusCode).toBe(202);
  });

  test('the 11th code of a business day: retry-after is the seconds to 00:00 Shanghai, "46140" at 03:11:00 UTC (kills the header → {})', async () => {
    s.clock.set('2026-03-02T03:00:00Z');
    const phone = randomTestPhone();
    let who = await signInTestCustomer(s, phone);
    const body = { operation: 'transfer', toPhone: randomTestPhone(), amountMinor: 200_000 };
    for (let i = 0; i < WalletLimits.stepUpSendsPerDay; i++) {
      s.clock.advance(WalletLimits.stepUpSendIntervalMs);
      who = await signInTestCustomer(s, phone);
      expect((await ask(who, body)).statusCode).toBe(202);
    }
    s.clock.advance(WalletLimits.stepUpSendIntervalMs);
    who = await signInTestCustomer(s, phone);
    const refused = await ask(who, body);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('WALLET_SMS_DAILY_LIMIT_REACHED');
    // 03:11:00 → 16:00:00 UTC is 12 h 49 min.
    expect(refused.headers['retry-after']).toBe(String(12 * 3600 + 49 * 60));
  });

  test('an SMS code with none sent, or after it was spent, is SMS_CODE_MISSING; a wrong one SECOND_FACTOR_INVALID, with their fields (kills the field paths, messages and codes → "")', async () => {
    const phone = randomTestPhone();
    const bobPhone = randomTestPhone();
    const who = await signInTestCustomer(s, phone);
    await signInTestCustomer(s, bobPhone);
    await kit.topUp(who, 200_000);
    const send = (smsCode: string) =>
      kit.inject(who, 'POST', '/v1/wallet/transfers', { toPhone: bobPhone, amountMinor: 200_000, smsCode });
    const missing = { path: '/body/smsCode', message: 'no valid code', code: 'SMS_CODE_MISSING' };
    const none = await send('123456');
    expect(none.statusCode).toBe(403);
    expect(none.json()).toMatchObject({ code: 'WALLET_SECOND_FACTOR_INVALID', errors: [missing] });
    expect((await ask(who, { operation: 'transfer', toPhone: bobPhone, amountMinor: 200_000 })).statusCode).toBe(202);
    const { code } = await lastSms(phone);
    const wrong = await send(code === '000000' ? '111111' : '000000');
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({
      code: 'WALLET_SECOND_FACTOR_INVALID',
      errors: [{ path: '/body/smsCode', message: 'wrong or already used', code: 'SECOND_FACTOR_INVALID' }],
    });
    expect((await send(code)).statusCode).toBe(201);
    const spent = await send(code);
    expect(spent.json()).toMatchObject({ code: 'WALLET_SECOND_FACTOR_INVALID', errors: [missing] });
    expect((await kit.wallet(who)).availableMinor).toBe(0);
  });
});
