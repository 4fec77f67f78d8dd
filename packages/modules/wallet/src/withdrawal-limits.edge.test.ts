// The money-out limits of DOMAIN.md §8 pinned from both sides (issue #19, points 2 and 3): the single
// withdrawal maximum, the second-factor thresholds of withdrawals and transfers, the daily limit at
// exactly the limit and 1 分 over, its reset at Shanghai midnight, and failed withdrawals left out.
// Each test names the mutant of withdrawals.ts / send-transfer.ts / second-factor.ts it kills.
import { describeDb } from '@zulin/db/testing';
import { randomTestPhone, signInTestCustomer } from '@zulin/identity/testing';
import { totpCodeAt } from '@zulin/platform';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { walletTestKit } from './testing';

const GOOD_CARD = '6222021234567890128';
const FROZEN_CARD = '6225880000000000002'; // the sandbox bank refuses payouts to it: "account frozen"

describeDb('wallet money-out limits at their edges', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof walletTestKit>;
  beforeAll(async () => {
    // 10:00 in Shanghai on Monday 2 March 2026.
    s = await createTestServer(get().database, { modules, now: '2026-03-02T02:00:00Z' });
    kit = walletTestKit(s);
  });
  afterAll(async () => {
    await s?.close();
  });

  /** A customer with money, a card, and an active authenticator; `code()` gives a fresh TOTP code. */
  async function customerWithAuthenticator(topUpMinor: number) {
    const phone = randomTestPhone();
    const who = { ...(await signInTestCustomer(s, phone)), phone };
    for (let left = topUpMinor; left > 0; left -= 5_000_000) await kit.topUp(who, Math.min(left, 5_000_000));
    const enrolled = (await kit.inject(who, 'POST', '/v1/wallet/second-factor')).json();
    const confirm = await kit.inject(who, 'POST', '/v1/wallet/second-factor/confirm', {
      code: await totpCodeAt(enrolled.secret, s.clock.now()),
    });
    expect(confirm.json()).toEqual({ status: 'active' });
    return {
      who,
      /** A code of the next 30-second step (each step is accepted once). */
      async code() {
        s.clock.advance(30_000);
        return totpCodeAt(enrolled.secret, s.clock.now());
      },
      async fresh() {
        Object.assign(who, await signInTestCustomer(s, phone));
      },
    };
  }

  async function addCard(who: { token: string }, cardNumber: string): Promise<string> {
    const res = await kit.inject(who, 'POST', '/v1/bank-cards', { cardNumber });
    expect(res.statusCode).toBe(201);
    return res.json().id;
  }

  test('single withdrawal: ¥50,000.00 is accepted, ¥50,000.01 refused (kills `>` → `>=` on withdrawalSingleMaxMinor)', async () => {
    const c = await customerWithAuthenticator(10_000_000);
    const card = await addCard(c.who, GOOD_CARD);
    const over = await kit.inject(c.who, 'POST', '/v1/wallet/withdrawals', {
      bankCardId: card,
      amountMinor: 5_000_001,
      totpCode: await c.code(),
    });
    expect(over.statusCode).toBe(422);
    expect(over.json().code).toBe('WALLET_SINGLE_WITHDRAWAL_LIMIT');
    const exact = await kit.inject(c.who, 'POST', '/v1/wallet/withdrawals', {
      bankCardId: card,
      amountMinor: 5_000_000,
      totpCode: await c.code(),
    });
    expect(exact.statusCode).toBe(201);
    expect(exact.json()).toMatchObject({ amountMinor: 5_000_000, status: 'processing' });
    expect(await kit.wallet(c.who)).toMatchObject({ availableMinor: 5_000_000, pendingOutMinor: 5_000_000 });
  });

  test('withdrawal second factor: ¥4,999.99 needs none, ¥5,000.00 does (kills `>=` → `>` on withdrawalSecondFactorFromMinor)', async () => {
    const c = await customerWithAuthenticator(1_000_000);
    const card = await addCard(c.who, GOOD_CARD);
    const below = await kit.inject(c.who, 'POST', '/v1/wallet/withdrawals', { bankCardId: card, amountMinor: 499_999 });
    expect(below.statusCode).toBe(201);
    const at = await kit.inject(c.who, 'POST', '/v1/wallet/withdrawals', { bankCardId: card, amountMinor: 500_000 });
    expect(at.statusCode).toBe(403);
    expect(at.json().code).toBe('WALLET_SECOND_FACTOR_REQUIRED');
    expect((await kit.wallet(c.who)).availableMinor).toBe(1_000_000 - 499_999);
  });

  test('SMS step-up through the API for a ¥5,000.00 withdrawal: the right code passes once, a wrong one does not (kills skipping requireSecondFactor for SMS)', async () => {
    const phone = randomTestPhone();
    const who = await signInTestCustomer(s, phone);
    await kit.topUp(who, 1_200_000);
    const card = await addCard(who, GOOD_CARD);
    const ask = { operation: 'withdrawal', bankCardId: card, amountMinor: 500_000 };
    expect((await kit.inject(who, 'POST', '/v1/wallet/second-factor/sms', ask)).statusCode).toBe(202);
    const sms = (await s.app.inject({ url: `/v1/sandbox/sms?phone=${encodeURIComponent(phone)}` })).json().data[0];
    expect(sms.text).toContain('您正在提现 ¥5,000.00 至尾号 0128 的银行卡');
    const wrong = sms.code === '000000' ? '111111' : '000000';
    const withdraw = (smsCode: string) =>
      kit.inject(who, 'POST', '/v1/wallet/withdrawals', { bankCardId: card, amountMinor: 500_000, smsCode });
    const refused = await withdraw(wrong);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('WALLET_SECOND_FACTOR_INVALID');
    expect((await kit.wallet(who)).availableMinor).toBe(1_200_000);
    const ok = await withdraw(sms.code);
    expect(ok.statusCode).toBe(201);
    expect((await kit.wallet(who)).availableMinor).toBe(700_000);
    const replay = await withdraw(sms.code);
    expect(replay.statusCode).toBe(403);
    expect(replay.json().code).toBe('WALLET_SECOND_FACTOR_INVALID');
    expect((await kit.wallet(who)).availableMinor).toBe(700_000);
  });

  test('transfer second factor: ¥1,999.99 needs none, ¥2,000.00 does (kills `>=` → `>` and any threshold in ¥88–¥1,999.99)', async () => {
    const c = await customerWithAuthenticator(500_000);
    const bobPhone = randomTestPhone();
    const bob = await signInTestCustomer(s, bobPhone);
    const below = await kit.inject(c.who, 'POST', '/v1/wallet/transfers', { toPhone: bobPhone, amountMinor: 199_999 });
    expect(below.statusCode).toBe(201);
    const at = await kit.inject(c.who, 'POST', '/v1/wallet/transfers', { toPhone: bobPhone, amountMinor: 200_000 });
    expect(at.statusCode).toBe(403);
    expect(at.json().code).toBe('WALLET_SECOND_FACTOR_REQUIRED');
    expect((await kit.wallet(bob)).availableMinor).toBe(199_999);
  });

  test('a ¥2,000.00 transfer completes with an authenticator code; the same code is refused the second time (kills dropping the lastStep check in matchTotp/checkCode)', async () => {
    const c = await customerWithAuthenticator(500_000);
    const bobPhone = randomTestPhone();
    const bob = await signInTestCustomer(s, bobPhone);
    const code = await c.code();
    const first = await kit.inject(c.who, 'POST', '/v1/wallet/transfers', {
      toPhone: bobPhone,
      amountMinor: 200_000,
      totpCode: code,
    });
    expect(first.statusCode).toBe(201);
    const replay = await kit.inject(c.who, 'POST', '/v1/wallet/transfers', {
      toPhone: bobPhone,
      amountMinor: 200_000,
      totpCode: code,
    });
    expect(replay.statusCode).toBe(403);
    expect(replay.json().code).toBe('WALLET_SECOND_FACTOR_INVALID');
    // A code of the next step passes.
    const next = await kit.inject(c.who, 'POST', '/v1/wallet/transfers', {
      toPhone: bobPhone,
      amountMinor: 200_000,
      totpCode: await c.code(),
    });
    expect(next.statusCode).toBe(201);
    expect((await kit.wallet(c.who)).availableMinor).toBe(100_000);
    expect((await kit.wallet(bob)).availableMinor).toBe(400_000);
  });

  test('daily limit: ¥200,000.00 exactly is accepted, 1 分 more refused; a failed withdrawal does not count; it resets at 00:00:00 Shanghai, not at 23:59:59 (kills `>` → `>=`, dropping `status <> failed`, a UTC business date)', async () => {
    const c = await customerWithAuthenticator(25_000_000);
    const card = await addCard(c.who, GOOD_CARD);
    const frozen = await addCard(c.who, FROZEN_CARD);
    const withdraw = async (bankCardId: string, amountMinor: number) =>
      kit.inject(c.who, 'POST', '/v1/wallet/withdrawals', {
        bankCardId,
        amountMinor,
        ...(amountMinor >= 500_000 ? { totpCode: await c.code() } : {}),
      });
    // ¥50,000 to the frozen card: the bank refuses it, and it leaves the day's total alone.
    const refusedByBank = await withdraw(frozen, 5_000_000);
    expect(refusedByBank.statusCode).toBe(201);
    await kit.drain();
    expect((await kit.inject(c.who, 'GET', `/v1/wallet/withdrawals/${refusedByBank.json().id}`)).json().status).toBe(
      'failed',
    );
    for (let i = 0; i < 4; i++) expect((await withdraw(card, 5_000_000)).statusCode).toBe(201);
    const over = await withdraw(card, 1);
    expect(over.statusCode).toBe(422);
    expect(over.json().code).toBe('WALLET_DAILY_WITHDRAWAL_LIMIT');
    // 23:59:59 in Shanghai (15:59:59 UTC): the same business day, still refused.
    s.clock.set('2026-03-02T15:59:59Z');
    await c.fresh();
    expect((await withdraw(card, 1)).json().code).toBe('WALLET_DAILY_WITHDRAWAL_LIMIT');
    // 00:00:00 in Shanghai, still 2 March in UTC: a new business day.
    s.clock.set('2026-03-02T16:00:00Z');
    await c.fresh();
    const nextDay = await withdraw(card, 1);
    expect(nextDay.statusCode).toBe(201);
    expect(nextDay.json().amountMinor).toBe(1);
    expect((await kit.wallet(c.who)).availableMinor).toBe(25_000_000 - 20_000_000 - 1);
  });
});
