// The wallet's payment callback at its edges (issue #19, point 5): the signature's 5-minute timestamp
// limit on both sides, the merchant check, and money we cannot apply landing in the suspense
// account (its balance is read, not just the top-up's status). Each test names the mutant of
// sandbox-channel.ts / top-ups.ts it kills.
import { describeDb } from '@zulin/db/testing';
import { randomTestPhone, signInTestCustomer } from '@zulin/identity/testing';
import { assertLedgerConsistent, getBalances, platformAccount } from '@zulin/ledger';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sandboxMerchantId, sandboxWebhookSecret, signSandboxBody } from './sandbox-channel';
import { walletTestKit } from './testing';

describeDb('wallet payment callback at its edges', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof walletTestKit>;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    kit = walletTestKit(s);
  });
  afterAll(async () => {
    await s?.close();
  });

  const nowSeconds = () => Math.floor(s.clock.now().getTime() / 1000);
  /** Posts a signed notification, signed `skewSeconds` away from the server's clock. */
  async function notify(n: Record<string, unknown>, skewSeconds = 0) {
    const body = JSON.stringify(n);
    const secret = sandboxWebhookSecret(s.ctx.config.masterKey);
    return s.app.inject({
      method: 'POST',
      url: '/v1/webhooks/walletsandbox',
      payload: body,
      headers: {
        'content-type': 'application/json',
        'zulin-signature': signSandboxBody(secret, body, nowSeconds() + skewSeconds),
      },
    });
  }
  async function suspense() {
    const account = await platformAccount(s.ctx.database.db, s.clock, 'suspense');
    const b = (await getBalances(s.ctx.database.db, [account.id])).get(account.id);
    return (b?.creditsPostedMinor ?? 0) - (b?.debitsPostedMinor ?? 0);
  }

  test('a signature 300 s old or ahead is accepted, 301 s either way refused (kills `>` → `>=` on the tolerance and dropping Math.abs)', async () => {
    const who = await signInTestCustomer(s, randomTestPhone());
    const order = (await kit.inject(who, 'POST', '/v1/wallet/top-ups', { amountMinor: 1_000 })).json();
    const event = (id: string) => ({
      id,
      type: 'payment.succeeded',
      outTradeNo: order.outTradeNo,
      channelTradeNo: 'TS-1',
      amountMinor: 1_000,
      merchantId: sandboxMerchantId,
    });
    for (const skew of [-301, 301]) {
      const stale = await notify(event(`evt_ts_${skew}`), skew);
      expect(stale.statusCode, `skew ${skew}`).toBe(401);
      expect(stale.json().code, `skew ${skew}`).toBe('WALLET_WEBHOOK_TIMESTAMP_STALE');
    }
    await kit.drain();
    expect((await kit.wallet(who)).availableMinor).toBe(0);
    expect((await notify(event('evt_ts_old_300'), -300)).statusCode).toBe(200);
    expect((await notify(event('evt_ts_new_300'), 300)).statusCode).toBe(200);
    await kit.drain();
    // Both accepted notifications are the same trade: the wallet is credited once.
    expect((await kit.wallet(who)).availableMinor).toBe(1_000);
  });

  test('a payment for another merchant is not credited: it goes to suspense, to the 分 (kills dropping the merchantId comparison)', async () => {
    const who = await signInTestCustomer(s, randomTestPhone());
    const order = (await kit.inject(who, 'POST', '/v1/wallet/top-ups', { amountMinor: 8_888 })).json();
    const before = await suspense();
    const res = await notify({
      id: 'evt_other_merchant',
      type: 'payment.succeeded',
      outTradeNo: order.outTradeNo,
      channelTradeNo: 'OTHER-1',
      amountMinor: 8_888,
      merchantId: 'someone-elses-merchant',
    });
    expect(res.statusCode).toBe(200);
    await kit.drain();
    expect((await kit.wallet(who)).availableMinor).toBe(0);
    expect((await kit.inject(who, 'GET', `/v1/wallet/top-ups/${order.id}`)).json().status).toBe('failed');
    expect(await suspense()).toBe(before + 8_888);
    await assertLedgerConsistent(s.ctx.database.db);
  });

  test('an amount 1 分 short of the order goes to suspense with the amount the channel took (kills parking the order amount or nothing)', async () => {
    const who = await signInTestCustomer(s, randomTestPhone());
    const order = (await kit.inject(who, 'POST', '/v1/wallet/top-ups', { amountMinor: 7_000 })).json();
    const before = await suspense();
    await notify({
      id: 'evt_short_by_1',
      type: 'payment.succeeded',
      outTradeNo: order.outTradeNo,
      channelTradeNo: 'SHORT-1',
      amountMinor: 6_999,
      merchantId: sandboxMerchantId,
    });
    await kit.drain();
    expect((await kit.inject(who, 'GET', `/v1/wallet/top-ups/${order.id}`)).json()).toMatchObject({
      status: 'failed',
      failureReason: 'amount_mismatch',
    });
    expect((await kit.wallet(who)).availableMinor).toBe(0);
    expect(await suspense()).toBe(before + 6_999);
  });
});
