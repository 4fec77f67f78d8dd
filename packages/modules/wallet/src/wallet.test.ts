import { describeDb } from '@zulin/db/testing';
import { maskPhone } from '@zulin/identity';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { assertLedgerConsistent, getBalances, platformAccount } from '@zulin/ledger';
import { totpCodeAt } from '@zulin/platform';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sandboxWebhookSecret, signSandboxBody } from './sandbox-channel';

describeDb('wallet API', (get) => {
  let s: TestServer;
  let alice: { customerId: string; token: string; phone: string };
  let bob: { customerId: string; token: string; phone: string };
  const as = (who: { token: string }) => bearer(who.token);
  const inject = (who: { token: string } | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    s.app.inject({ method, url, payload: payload as object, headers: who ? as(who) : {} });
  const drain = async () => {
    for (let i = 0; i < 10; i++) if (!(await s.worker.runOnce()).busy) break;
  };
  const wallet = async (who: { token: string }) => (await inject(who, 'GET', '/v1/wallet')).json();
  async function topUp(who: { token: string }, amountMinor: number) {
    const created = await inject(who, 'POST', '/v1/wallet/top-ups', { amountMinor });
    expect(created.statusCode).toBe(201);
    const paid = await inject(null, 'POST', `/v1/wallet/sandbox-cashier/${created.json().outTradeNo}/pay`, {});
    expect(paid.statusCode).toBe(202);
    await drain();
    return created.json();
  }

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    const alicePhone = randomTestPhone();
    const bobPhone = randomTestPhone();
    alice = { ...(await signInTestCustomer(s, alicePhone)), phone: alicePhone };
    bob = { ...(await signInTestCustomer(s, bobPhone)), phone: bobPhone };
  });
  afterAll(async () => {
    await s?.close();
  });

  describe('top-ups', () => {
    test('a new wallet is empty; a paid top-up credits it exactly once', async () => {
      expect(await wallet(alice)).toEqual({
        currency: 'CNY',
        availableMinor: 0,
        postedMinor: 0,
        pendingOutMinor: 0,
        points: 0,
        limits: {
          withdrawalSingleMaxMinor: 5_000_000,
          withdrawalDailyMaxMinor: 20_000_000,
          withdrawalSecondFactorFromMinor: 500_000,
          transferMaxMinor: 5_000_000,
          transferSecondFactorFromMinor: 200_000,
          billSplitFriendsMax: 20,
        },
      });
      const created = await topUp(alice, 100_000);
      expect(created).toMatchObject({ status: 'created', amountMinor: 100_000 });
      expect(created.cashierUrl).toContain(created.outTradeNo);
      expect((await wallet(alice)).availableMinor).toBe(100_000);
      // The channel notifies again (same event): stored once, applied once.
      const again = await inject(null, 'POST', `/v1/wallet/sandbox-cashier/${created.outTradeNo}/pay`, {});
      expect(again.json().duplicate).toBe(true);
      await drain();
      expect((await wallet(alice)).availableMinor).toBe(100_000);
      const status = await inject(alice, 'GET', `/v1/wallet/top-ups/${created.id}`);
      expect(status.json()).toMatchObject({ status: 'succeeded', transferId: `txn_topup_${created.id}` });
      expect((await inject(bob, 'GET', `/v1/wallet/top-ups/${created.id}`)).statusCode).toBe(404);
    });

    test('a notification over the webhook with a bad signature is refused; a good one with another event id is applied once', async () => {
      const created = (await inject(bob, 'POST', '/v1/wallet/top-ups', { amountMinor: 5_000 })).json();
      const body = JSON.stringify({
        id: 'evt_ext_1',
        type: 'payment.succeeded',
        outTradeNo: created.outTradeNo,
        channelTradeNo: 'X1',
        amountMinor: 5_000,
        merchantId: 'zulin-sandbox-merchant',
      });
      const nowS = Math.floor(s.clock.now().getTime() / 1000);
      const bad = await s.app.inject({
        method: 'POST',
        url: '/v1/webhooks/walletsandbox',
        payload: body,
        headers: {
          'content-type': 'application/json',
          'zulin-signature': signSandboxBody(Buffer.from('wrong'), body, nowS),
        },
      });
      expect(bad.statusCode).toBe(401);
      const secret = sandboxWebhookSecret(s.ctx.config.masterKey);
      for (const id of ['evt_ext_1', 'evt_ext_2']) {
        const b = body.replace('evt_ext_1', id);
        const ok = await s.app.inject({
          method: 'POST',
          url: '/v1/webhooks/walletsandbox',
          payload: b,
          headers: { 'content-type': 'application/json', 'zulin-signature': signSandboxBody(secret, b, nowS) },
        });
        expect(ok.statusCode).toBe(200);
      }
      await drain();
      expect((await wallet(bob)).availableMinor).toBe(5_000);
    });

    test('an amount that differs from the order goes to suspense, not to the wallet', async () => {
      const created = (await inject(bob, 'POST', '/v1/wallet/top-ups', { amountMinor: 7_000 })).json();
      const body = JSON.stringify({
        id: 'evt_ext_3',
        type: 'payment.succeeded',
        outTradeNo: created.outTradeNo,
        channelTradeNo: 'X3',
        amountMinor: 6_999,
        merchantId: 'zulin-sandbox-merchant',
      });
      const secret = sandboxWebhookSecret(s.ctx.config.masterKey);
      await s.app.inject({
        method: 'POST',
        url: '/v1/webhooks/walletsandbox',
        payload: body,
        headers: {
          'content-type': 'application/json',
          'zulin-signature': signSandboxBody(secret, body, Math.floor(s.clock.now().getTime() / 1000)),
        },
      });
      await drain();
      expect((await inject(bob, 'GET', `/v1/wallet/top-ups/${created.id}`)).json()).toMatchObject({
        status: 'failed',
        failureReason: 'amount_mismatch',
      });
      expect((await wallet(bob)).availableMinor).toBe(5_000);
    });
  });

  describe('money the channel reports that we cannot apply', () => {
    const suspenseCredits = async () => {
      const account = await platformAccount(s.ctx.database.db, s.clock, 'suspense');
      return (await getBalances(s.ctx.database.db, [account.id])).get(account.id)?.creditsPostedMinor ?? 0;
    };
    const notify = async (n: Record<string, unknown>) => {
      const body = JSON.stringify({ merchantId: 'zulin-sandbox-merchant', ...n });
      const secret = sandboxWebhookSecret(s.ctx.config.masterKey);
      const res = await s.app.inject({
        method: 'POST',
        url: '/v1/webhooks/walletsandbox',
        payload: body,
        headers: {
          'content-type': 'application/json',
          'zulin-signature': signSandboxBody(secret, body, Math.floor(s.clock.now().getTime() / 1000)),
        },
      });
      expect(res.statusCode).toBe(200);
      await drain();
    };

    test('a second payment of a paid order goes to suspense, not dropped and not credited twice', async () => {
      const dora = await signInTestCustomer(s, randomTestPhone());
      const created = await topUp(dora, 3_000);
      const before = await suspenseCredits();
      const walletBefore = (await wallet(dora)).availableMinor;
      await notify({
        id: 'evt_second_pay',
        type: 'payment.succeeded',
        outTradeNo: created.outTradeNo,
        channelTradeNo: 'SECOND-TRADE',
        amountMinor: 3_000,
      });
      expect(await suspenseCredits()).toBe(before + 3_000);
      expect((await wallet(dora)).availableMinor).toBe(walletBefore);
    });

    test('a success after the order failed goes to suspense', async () => {
      const erin = await signInTestCustomer(s, randomTestPhone());
      const created = (await inject(erin, 'POST', '/v1/wallet/top-ups', { amountMinor: 4_000 })).json();
      await notify({
        id: 'evt_fail_first',
        type: 'payment.failed',
        outTradeNo: created.outTradeNo,
        channelTradeNo: 'F1',
        amountMinor: 4_000,
      });
      const before = await suspenseCredits();
      await notify({
        id: 'evt_late_success',
        type: 'payment.succeeded',
        outTradeNo: created.outTradeNo,
        channelTradeNo: 'F1',
        amountMinor: 4_000,
      });
      expect(await suspenseCredits()).toBe(before + 4_000);
      expect((await inject(erin, 'GET', `/v1/wallet/top-ups/${created.id}`)).json().status).toBe('failed');
      expect((await wallet(erin)).availableMinor).toBe(0);
    });
  });

  describe('transfers and the second factor', () => {
    test('alice sends bob money by phone; history shows it on both sides', async () => {
      const res = await inject(alice, 'POST', '/v1/wallet/transfers', {
        toPhone: bob.phone,
        amountMinor: 1_500,
        note: '午饭',
      });
      expect(res.statusCode).toBe(201);
      expect((await wallet(alice)).availableMinor).toBe(98_500);
      expect((await wallet(bob)).availableMinor).toBe(6_500);
      const history = (await inject(bob, 'GET', '/v1/wallet/transactions?type=transfer')).json();
      expect(history.data[0]).toMatchObject({
        type: 'transfer',
        direction: 'in',
        amountMinor: 1_500,
        status: 'completed',
        description: '午饭',
      });
    });

    test('a transfer of ¥2,000 or more needs a TOTP code; a code works once', async () => {
      const big = { toPhone: bob.phone, amountMinor: 200_000 };
      expect((await inject(alice, 'POST', '/v1/wallet/transfers', big)).json().code).toBe(
        'WALLET_SECOND_FACTOR_REQUIRED',
      );
      expect((await inject(alice, 'POST', '/v1/wallet/transfers', { ...big, totpCode: '123456' })).json().code).toBe(
        'WALLET_SECOND_FACTOR_NOT_ENROLLED',
      );
      expect((await inject(alice, 'GET', '/v1/wallet/second-factor')).json()).toEqual({ totp: 'none', sms: true });
      const enrolled = (await inject(alice, 'POST', '/v1/wallet/second-factor')).json();
      expect((await inject(alice, 'GET', '/v1/wallet/second-factor')).json().totp).toBe('pending');
      const code = () => totpCodeAt(enrolled.secret, s.clock.now());
      expect((await inject(alice, 'POST', '/v1/wallet/second-factor/confirm', { code: await code() })).json()).toEqual({
        status: 'active',
      });
      expect((await inject(alice, 'GET', '/v1/wallet/second-factor')).json().totp).toBe('active');
      expect((await inject(bob, 'GET', '/v1/wallet/second-factor')).json().totp).toBe('none');
      s.clock.advance(30_000);
      expect((await inject(alice, 'POST', '/v1/wallet/transfers', big)).json().code).toBe(
        'WALLET_SECOND_FACTOR_REQUIRED',
      );
      expect(
        (await inject(alice, 'POST', '/v1/wallet/transfers', { ...big, secondFactorCode: '000000' })).json().code,
      ).toBe('WALLET_SECOND_FACTOR_INVALID');
      // Alice has ¥985 — the second factor passes, the balance does not.
      const c = await code();
      expect((await inject(alice, 'POST', '/v1/wallet/transfers', { ...big, secondFactorCode: c })).json().code).toBe(
        'WALLET_INSUFFICIENT_BALANCE',
      );
      const ok = await inject(alice, 'POST', '/v1/wallet/transfers', {
        ...big,
        amountMinor: 90_000,
        secondFactorCode: c,
      });
      expect(ok.statusCode).toBe(201);
      expect(
        (await inject(alice, 'POST', '/v1/wallet/transfers', { ...big, amountMinor: 200, secondFactorCode: c }))
          .statusCode,
      ).toBe(201);
      expect((await wallet(alice)).availableMinor).toBe(8_300);
    });

    test('unknown recipients and oneself are refused', async () => {
      expect(
        (await inject(alice, 'POST', '/v1/wallet/transfers', { toPhone: randomTestPhone(), amountMinor: 1 }))
          .statusCode,
      ).toBe(404);
      expect(
        (await inject(alice, 'POST', '/v1/wallet/transfers', { toPhone: alice.phone, amountMinor: 1 })).json().code,
      ).toBe('WALLET_RECIPIENT_SELF');
      expect((await inject(alice, 'POST', '/v1/wallet/transfers', { toPhone: 'abc', amountMinor: 1 })).statusCode).toBe(
        422,
      );
    });
  });

  describe('bank cards and withdrawals', () => {
    test('cards: Luhn check, declined test number, stored as last 4', async () => {
      expect((await inject(bob, 'POST', '/v1/bank-cards', { cardNumber: '6222021234567890123' })).json().code).toBe(
        'WALLET_BANK_CARD_INVALID',
      );
      expect((await inject(bob, 'POST', '/v1/bank-cards', { cardNumber: '6222020000000000000' })).json().code).toBe(
        'WALLET_BANK_CARD_DECLINED',
      );
      const ok = await inject(bob, 'POST', '/v1/bank-cards', { cardNumber: '6222 0212 3456 7890 128' });
      expect(ok.statusCode).toBe(201);
      expect(ok.json()).toMatchObject({ last4: '0128', bankName: '中国工商银行' });
      expect(JSON.stringify(ok.json())).not.toContain('6222021234567890128');
      expect((await inject(bob, 'POST', '/v1/bank-cards', { cardNumber: '6222021234567890128' })).json().code).toBe(
        'WALLET_BANK_CARD_DUPLICATE',
      );
      expect((await inject(bob, 'GET', '/v1/bank-cards')).json().data).toHaveLength(1);
      expect((await inject(alice, 'GET', '/v1/bank-cards')).json().data).toHaveLength(0);
    });

    test('a withdrawal holds the money, and the payout posts it; a failing card returns it', async () => {
      const card = (await inject(bob, 'GET', '/v1/bank-cards')).json().data[0];
      const before = (await wallet(bob)).availableMinor;
      const res = await inject(bob, 'POST', '/v1/wallet/withdrawals', { bankCardId: card.id, amountMinor: 1_000 });
      expect(res.statusCode).toBe(201);
      expect(await wallet(bob)).toMatchObject({ availableMinor: before - 1_000, pendingOutMinor: 1_000 });
      await drain();
      expect((await inject(bob, 'GET', `/v1/wallet/withdrawals/${res.json().id}`)).json().status).toBe('succeeded');
      expect(await wallet(bob)).toMatchObject({
        availableMinor: before - 1_000,
        postedMinor: before - 1_000,
        pendingOutMinor: 0,
      });

      const failing = (await inject(bob, 'POST', '/v1/bank-cards', { cardNumber: '6225880000000000002' })).json();
      const w2 = (
        await inject(bob, 'POST', '/v1/wallet/withdrawals', { bankCardId: failing.id, amountMinor: 500 })
      ).json();
      await drain();
      expect((await inject(bob, 'GET', `/v1/wallet/withdrawals/${w2.id}`)).json()).toMatchObject({
        status: 'failed',
        failureReason: 'account frozen',
      });
      expect(await wallet(bob)).toMatchObject({ availableMinor: before - 1_000, pendingOutMinor: 0 });

      // The history has one line per withdrawal in its current state: paid out, or given back.
      const lines = (await inject(bob, 'GET', '/v1/wallet/transactions?type=withdrawal')).json().data;
      expect(lines.map((l: { amountMinor: number; status: string; direction: string }) => l)).toEqual([
        expect.objectContaining({ amountMinor: 500, status: 'released', direction: 'out' }),
        expect.objectContaining({ amountMinor: 1_000, status: 'completed', direction: 'out' }),
      ]);
      const all = (await inject(bob, 'GET', '/v1/wallet/transactions')).json().data;
      expect(all.filter((l: { type: string }) => l.type === 'withdrawal')).toHaveLength(2);
    });

    test('limits: over ¥50,000 at once, a second factor from ¥5,000, more than the balance, a foreign card', async () => {
      const card = (await inject(bob, 'GET', '/v1/bank-cards')).json().data[0];
      expect(
        (await inject(bob, 'POST', '/v1/wallet/withdrawals', { bankCardId: card.id, amountMinor: 5_000_001 })).json()
          .code,
      ).toBe('WALLET_SINGLE_WITHDRAWAL_LIMIT');
      expect(
        (await inject(bob, 'POST', '/v1/wallet/withdrawals', { bankCardId: card.id, amountMinor: 500_000 })).json()
          .code,
      ).toBe('WALLET_SECOND_FACTOR_REQUIRED');
      expect(
        (await inject(bob, 'POST', '/v1/wallet/withdrawals', { bankCardId: card.id, amountMinor: 499_999 })).json()
          .code,
      ).toBe('WALLET_INSUFFICIENT_BALANCE');
      expect(
        (await inject(alice, 'POST', '/v1/wallet/withdrawals', { bankCardId: card.id, amountMinor: 1 })).statusCode,
      ).toBe(404);
    });
  });

  describe('bill splits, points, cashback', () => {
    test('an AA split of ¥100 among three gives shares adding up exactly; friends pay, it settles', async () => {
      const carolPhone = randomTestPhone();
      const carol = { ...(await signInTestCustomer(s, carolPhone)), phone: carolPhone };
      await topUp(carol, 10_000);
      const created = await inject(alice, 'POST', '/v1/bill-splits', {
        title: '火锅',
        totalMinor: 10_000,
        friendPhones: [bob.phone, carol.phone],
      });
      expect(created.statusCode).toBe(201);
      const split = created.json();
      expect(split.shares.map((x: { amountMinor: number }) => x.amountMinor)).toEqual([3_333, 3_333, 3_334]);
      expect(split).toMatchObject({ status: 'open', paidMinor: 3_333 });
      const aliceBefore = (await wallet(alice)).availableMinor;
      expect((await inject(bob, 'POST', `/v1/bill-splits/${split.id}/pay`)).json()).toMatchObject({
        status: 'open',
        paidMinor: 6_666,
      });
      expect((await inject(bob, 'POST', `/v1/bill-splits/${split.id}/pay`)).json().code).toBe(
        'WALLET_BILL_SPLIT_SHARE_PAID',
      );
      expect((await inject(carol, 'POST', `/v1/bill-splits/${split.id}/pay`)).json()).toMatchObject({
        status: 'settled',
        paidMinor: 10_000,
      });
      expect((await wallet(alice)).availableMinor).toBe(aliceBefore + 6_667);
      const stranger = await signInTestCustomer(s);
      expect((await inject(stranger, 'GET', `/v1/bill-splits/${split.id}`)).statusCode).toBe(404);
      // Everyone in the split sees the others by masked phone, in the list as in the detail.
      const listed = (await inject(bob, 'GET', '/v1/bill-splits'))
        .json()
        .data.find((x: { id: string }) => x.id === split.id);
      expect(listed.shares.map((x: { phoneMasked: string }) => x.phoneMasked)).toEqual(
        [alice.phone, bob.phone, carol.phone].map(maskPhone),
      );
    });

    test('points: awarded once per source, redeemed 100 = ¥1, expired after 12 months', async () => {
      const marketing = bearer((await signInTestStaff(s, 'admin')).token);
      const award = (sourceRef: string, points: number) =>
        s.app.inject({
          method: 'POST',
          url: '/v1/admin/wallet/points-awards',
          headers: marketing,
          payload: { customerId: bob.customerId, points, reason: 'on-time payment', sourceRef },
        });
      expect((await award('bill_1', 250)).json().awarded).toBe(true);
      expect((await award('bill_1', 250)).json().awarded).toBe(false);
      expect((await inject(bob, 'GET', '/v1/points')).json()).toMatchObject({ balance: 250, cashValueMinor: 250 });
      const before = (await wallet(bob)).availableMinor;
      expect((await inject(bob, 'POST', '/v1/points/redemptions', { points: 150 })).statusCode).toBe(422);
      expect((await inject(bob, 'POST', '/v1/points/redemptions', { points: 300 })).json().code).toBe(
        'WALLET_POINTS_INSUFFICIENT',
      );
      expect((await inject(bob, 'POST', '/v1/points/redemptions', { points: 200 })).json()).toMatchObject({
        creditedMinor: 200,
      });
      expect((await wallet(bob)).availableMinor).toBe(before + 200);
      s.clock.advance(366 * 86_400_000);
      // A year later the old sessions have expired: sign in again.
      alice = { ...(await signInTestCustomer(s, alice.phone)), phone: alice.phone };
      bob = { ...(await signInTestCustomer(s, bob.phone)), phone: bob.phone };
      const tick = s.worker.ticks.find((t) => t.name === 'wallet.expire_points');
      await tick?.run({
        db: s.ctx.database.db,
        clock: s.clock,
        businessDate: '2027-03-03',
        progress: null,
        saveProgress: async () => {},
      });
      expect((await inject(bob, 'GET', '/v1/points')).json()).toMatchObject({ balance: 0, lots: [] });
    });

    test('cashback comes from marketing expense, once per source', async () => {
      const admin = bearer((await signInTestStaff(s, 'admin')).token);
      const before = (await wallet(bob)).availableMinor;
      for (let i = 0; i < 2; i++) {
        await s.app.inject({
          method: 'POST',
          url: '/v1/admin/wallet/cashbacks',
          headers: admin,
          payload: { customerId: bob.customerId, amountMinor: 888, reason: '新人返现', sourceRef: 'campaign_1:bob' },
        });
      }
      expect((await wallet(bob)).availableMinor).toBe(before + 888);
    });

    test('money and points go only to customers who exist; a null or empty customer is a 422, not a crash', async () => {
      const admin = bearer((await signInTestStaff(s, 'admin')).token);
      const post = (url: string, payload: object) => s.app.inject({ method: 'POST', url, headers: admin, payload });
      const cashback = { amountMinor: 100, reason: 'x', sourceRef: 'ghost:1' };
      const award = { points: 100, reason: 'x', sourceRef: 'ghost:2' };
      for (const [url, body] of [
        ['/v1/admin/wallet/cashbacks', cashback],
        ['/v1/admin/wallet/points-awards', award],
      ] as const) {
        const ghost = await post(url, { ...body, customerId: 'cus_doesnotexist' });
        expect(ghost.statusCode, url).toBe(404);
        expect(ghost.json().code).toBe('WALLET_CUSTOMER_NOT_FOUND');
        for (const customerId of [null, '']) {
          const bad = await post(url, { ...body, customerId });
          expect(bad.statusCode, `${url} ${customerId}`).toBe(422);
          expect(bad.json().errors[0].path).toBe('/body/customerId');
        }
      }
      expect((await s.app.inject('/healthz')).statusCode).toBe(200);
    });

    test('an anonymous encoded path to a customer or staff route is refused, never a crash or a mint', async () => {
      for (const url of ['/%761/wallet', '/%76%31/wallet']) {
        const res = await s.app.inject({ url });
        expect(res.statusCode, url).toBe(401);
      }
      const mint = await s.app.inject({
        method: 'POST',
        url: '/%761/admin/wallet/cashbacks',
        payload: { customerId: bob.customerId, amountMinor: 100, reason: 'x', sourceRef: 'anon:1' },
      });
      expect(mint.statusCode).toBe(401);
      expect((await s.app.inject('/healthz')).statusCode).toBe(200);
    });

    test('the authenticator secret of an enrolment is not kept in the idempotency store', async () => {
      const phone = randomTestPhone();
      const carol = await signInTestCustomer(s, phone);
      const enrol = await s.app.inject({
        method: 'POST',
        url: '/v1/wallet/second-factor',
        headers: { ...bearer(carol.token), 'idempotency-key': 'enrol-1' },
      });
      expect(enrol.statusCode).toBe(201);
      expect(enrol.headers['cache-control']).toBe('no-store');
      const { secret } = enrol.json();
      const rows = await s.ctx.database.db.execute(sql`select * from idempotency_keys`);
      expect(JSON.stringify(rows)).not.toContain(secret);
    });
  });

  test('concurrent spending never takes a wallet below zero', async () => {
    const phone = randomTestPhone();
    const dave = { ...(await signInTestCustomer(s, phone)), phone };
    await topUp(dave, 5_000);
    const attempts = await Promise.all(
      Array.from({ length: 12 }, () =>
        inject(dave, 'POST', '/v1/wallet/transfers', { toPhone: alice.phone, amountMinor: 1_000 }),
      ),
    );
    const codes = attempts.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(5);
    expect(
      attempts.filter((r) => r.statusCode !== 201).every((r) => r.json().code === 'WALLET_INSUFFICIENT_BALANCE'),
    ).toBe(true);
    expect(await wallet(dave)).toMatchObject({ availableMinor: 0, postedMinor: 0 });
  });

  describe('statements and disputes', () => {
    test('the monthly CSV has opening, lines with a running balance, and closing', async () => {
      const month = new Date(s.clock.now().getTime()).toISOString().slice(0, 7);
      const csv = await inject(bob, 'GET', `/v1/wallet/statements/${month}.csv`);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.body.trim().split('\n');
      expect(csv.body.startsWith('\uFEFF')).toBe(true); // trim() below drops the byte-order mark
      expect(lines[0]).toBe('时间,类型,收支,金额（元）,余额（元）,参考号,交易号,说明,状态');
      expect(lines.some((l) => l.startsWith(',期末余额,'))).toBe(true);
      expect(lines.at(-1)).toContain('月末冻结金额');
      const pdf = await inject(bob, 'GET', `/v1/wallet/statements/${month}.pdf`);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect((await inject(bob, 'GET', '/v1/wallet/statements/2026-13.csv')).statusCode).toBe(422);
    });

    test('a dispute on a transfer is reversed by support, once, and the ledger balances', async () => {
      const sent = await inject(alice, 'POST', '/v1/wallet/transfers', { toPhone: bob.phone, amountMinor: 300 });
      const transferId = sent.json().transferId;
      const opened = await inject(alice, 'POST', '/v1/disputes', {
        transferId,
        type: 'charged_twice',
        description: '扣了两次',
        evidence: [{ kind: 'text', text: 'screenshot' }],
      });
      expect(opened.statusCode).toBe(201);
      expect(opened.json()).toMatchObject({ status: 'open', overdue: false });
      expect(
        (
          await inject(alice, 'POST', '/v1/disputes', { transferId, type: 'charged_twice', description: 'again' })
        ).json().code,
      ).toBe('WALLET_DISPUTE_ALREADY_OPEN');
      expect((await inject(bob, 'GET', `/v1/disputes/${opened.json().id}`)).statusCode).toBe(404);
      const support = bearer((await signInTestStaff(s, 'admin')).token);
      const queue = await s.app.inject({ url: '/v1/admin/disputes?status=open', headers: support });
      expect(queue.json().data.map((d: { id: string }) => d.id)).toContain(opened.json().id);
      const aliceBefore = (await wallet(alice)).availableMinor;
      const resolve = (payload: object) =>
        s.app.inject({
          method: 'POST',
          url: `/v1/admin/disputes/${opened.json().id}/resolve`,
          headers: support,
          payload,
        });
      const resolved = await resolve({ outcome: 'reversal', note: 'duplicate charge confirmed' });
      expect(resolved.json()).toMatchObject({ status: 'resolved', resolution: 'reversal', resolutionAmountMinor: 300 });
      expect((await resolve({ outcome: 'refund', note: 'again' })).json().code).toBe('WALLET_DISPUTE_NOT_OPEN');
      expect((await wallet(alice)).availableMinor).toBe(aliceBefore + 300);
      await assertLedgerConsistent(s.ctx.database.db);
      const tb = (await s.app.inject({ url: '/v1/admin/ledger/trial-balance', headers: support })).json();
      expect(tb.balanced).toBe(true);
    });
  });
});
