import { describeDb } from '@zulin/db/testing';
import { maskPhone } from '@zulin/identity';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { assertLedgerConsistent, getBalances, platformAccount } from '@zulin/ledger';
import { closePayment, paymentChannelClient } from '@zulin/payments';
import { deliverSandboxCallbacks, sandboxKeys } from '@zulin/payments/testing';
import { totpCodeAt } from '@zulin/platform';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { walletTestKit } from './testing';

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
  const kit = () => walletTestKit(s);
  const topUp = (who: { token: string }, amountMinor: number, channel?: 'alipay' | 'wechatpay') =>
    kit().topUp(who, amountMinor, channel);
  const suspenseCredits = async () => {
    const account = await platformAccount(s.ctx.database.db, s.clock, 'suspense');
    return (await getBalances(s.ctx.database.db, [account.id])).get(account.id)?.creditsPostedMinor ?? 0;
  };
  const deliverCallbacks = async () =>
    deliverSandboxCallbacks(s.ctx.database.db, {
      clock: s.clock,
      keys: await sandboxKeys(s.ctx.database.db, s.clock.now()),
      post: async ({ url, headers, body }) => {
        const answer = await s.app.inject({ method: 'POST', url: new URL(url).pathname, headers, payload: body });
        return { status: answer.statusCode, body: answer.body };
      },
    });

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

  describe('top-ups (through payments)', () => {
    test('a new wallet is empty; a top-up paid at the sandbox cashier credits it exactly once', async () => {
      expect(await wallet(alice)).toEqual({
        currency: 'CNY',
        availableMinor: 0,
        postedMinor: 0,
        pendingOutMinor: 0,
        heldForWithdrawalsMinor: 0,
        heldForDepositsMinor: 0,
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
      for (const channel of ['alipay', 'wechatpay'] as const) {
        const before = (await wallet(alice)).availableMinor;
        const done = await topUp(alice, 50_000, channel);
        expect(done).toMatchObject({
          status: 'succeeded',
          channel,
          amountMinor: 50_000,
          paymentState: 'succeeded',
          transferId: `txn_pay_${done.paymentId}`,
        });
        expect((await wallet(alice)).availableMinor).toBe(before + 50_000);
        // The payment is the customer's, for the wallet: purpose and reference name the top-up.
        const payment = (await inject(alice, 'GET', `/v1/payments/${done.paymentId}`)).json();
        expect(payment).toMatchObject({ state: 'succeeded', purpose: 'wallet.top_up', reference: done.id, channel });
      }
      // The channel's callback arrives again (a duplicate): stored once, applied once.
      await s.app.inject({ method: 'PUT', url: '/v1/sandbox/payments/knobs', payload: { duplicateCallbacks: true } });
      const dup = await topUp(bob, 5_000);
      await s.app.inject({ method: 'POST', url: '/v1/sandbox/payments/knobs/reset' });
      expect(dup.status).toBe('succeeded');
      expect((await wallet(bob)).availableMinor).toBe(5_000);
      expect((await wallet(alice)).availableMinor).toBe(100_000);
      // The history calls it a top-up (the posting's code is wallet.top_up).
      const history = (await inject(alice, 'GET', '/v1/wallet/transactions?type=top_up')).json();
      expect(history.data).toHaveLength(2);
      expect((await inject(alice, 'GET', `/v1/wallet/top-ups/${dup.id}`)).statusCode).toBe(404);
      await assertLedgerConsistent(s.ctx.database.db);
    });

    test('the top-up is recorded with its payment order and the key; replaying the key starts nothing', async () => {
      await kit().listen();
      const keyed = () =>
        s.app.inject({
          method: 'POST',
          url: '/v1/wallet/top-ups',
          payload: { amountMinor: 2_500, channel: 'wechatpay' },
          headers: { ...as(bob), 'idempotency-key': 'top-up-once' },
        });
      const first = await keyed();
      expect(first.statusCode).toBe(201);
      // The answer is the attempt as recorded; the channel was asked after the commit.
      expect(first.json()).toMatchObject({ status: 'created', paymentState: 'created', cashierUrl: null });
      const again = await keyed();
      expect(again.body).toBe(first.body);
      const read = (await inject(bob, 'GET', `/v1/wallet/top-ups/${first.json().id}`)).json();
      expect(read).toMatchObject({ paymentState: 'pending' });
      expect(read.cashierUrl).toMatch(/cashier/);
      const payments = (await inject(bob, 'GET', `/v1/payments/${first.json().paymentId}`)).json();
      expect(payments.amountMinor).toBe(2_500);
      // Read by its payment's id as well (the wallet history's top-up line names the payment); not by another.
      const byPayment = await inject(bob, 'GET', `/v1/wallet/top-ups/${first.json().paymentId}`);
      expect(byPayment.json()).toMatchObject({ id: first.json().id, amountMinor: 2_500 });
      const stranger = await signInTestCustomer(s, randomTestPhone());
      expect((await inject(stranger, 'GET', `/v1/wallet/top-ups/${first.json().paymentId}`)).statusCode).toBe(404);
    });

    test('a top-up whose payment is closed fails; a payment after the close goes to suspense, not to the wallet', async () => {
      const erin = await signInTestCustomer(s, randomTestPhone());
      await kit().listen();
      const created = (await inject(erin, 'POST', '/v1/wallet/top-ups', { amountMinor: 4_000 })).json();
      const merchantId = (await sandboxKeys(s.ctx.database.db, s.clock.now())).alipay.appId;
      const closed = await closePayment(
        s.ctx.database,
        { clock: s.clock, client: await paymentChannelClient(s.ctx, 'alipay'), merchantId },
        created.paymentId,
      );
      expect(closed.state).toBe('closed');
      await drain();
      expect((await inject(erin, 'GET', `/v1/wallet/top-ups/${created.id}`)).json()).toMatchObject({
        status: 'failed',
        failureReason: 'channel_failed',
      });
      // The payer pays the closed trade anyway (the sandbox allows it when asked to).
      await s.app.inject({
        method: 'PUT',
        url: '/v1/sandbox/payments/knobs',
        payload: { allowPaymentAfterClose: true },
      });
      const tradeId = closed.cashierUrl?.split('/').at(-1);
      const before = await suspenseCredits();
      expect(
        (await s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/cashier/${tradeId}/pay` })).statusCode,
      ).toBe(200);
      await s.app.inject({ method: 'POST', url: '/v1/sandbox/payments/knobs/reset' });
      await deliverCallbacks();
      await drain();
      expect(await suspenseCredits()).toBe(before + 4_000);
      expect((await wallet(erin)).availableMinor).toBe(0);
      expect((await inject(erin, 'GET', `/v1/wallet/top-ups/${created.id}`)).json().status).toBe('failed');
      await assertLedgerConsistent(s.ctx.database.db);
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
      // The refusal's code rides on the field for the screens to translate; the bank's sentence is the detail.
      expect((await inject(bob, 'POST', '/v1/bank-cards', { cardNumber: '6222020000000000000' })).json()).toMatchObject(
        {
          code: 'WALLET_BANK_CARD_DECLINED',
          detail: '卡已挂失',
          errors: [{ path: '/body/cardNumber', code: 'card_reported_lost', message: '卡已挂失' }],
        },
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
        failureReason: 'account_frozen',
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
