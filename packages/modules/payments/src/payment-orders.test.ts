// Payment orders through the sandbox and our own webhooks, end to end: our client creates the trade,
// the sandbox cashier pays, the sandbox posts its signed callback to /v1/webhooks/<channel>, the inbox
// applies it once, and the ledger moves the money through the channel's clearing account.
import { createPrivateKey } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { platformSchema } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { assertLedgerConsistent, channelClearingAccount, getBalances, platformAccount } from '@zulin/ledger';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { alipayForm, signAlipayNotify } from './alipay-protocol';
import { paymentChannelClient } from './channel-client-of';
import { channelSettings, usePaymentsBaseUrl } from './channel-settings';
import { closePayment } from './close-payment';
import {
  type CallbackPoster,
  deliverSandboxCallbacks,
  deliverSandboxCallbacksManually,
} from './deliver-sandbox-callbacks';
import { PaymentsLimits } from './limits';
import { getPaymentOrder } from './payment-orders';
import { type SandboxKeySet, sandboxKeys } from './sandbox-keys';
import { paymentsOrderChanges } from './schema';
import { startPayment } from './start-payment';
import { encryptWechatpayResource, signWechatpayMessage } from './wechatpay-protocol';

describeDb('payment orders through the sandbox and our webhooks', (get) => {
  let s: TestServer;
  let keys: SandboxKeySet;
  let creditAccountId: string;
  let customer = 0;
  const post: CallbackPoster = async ({ url, headers, body }) => {
    const answer = await s.app.inject({ method: 'POST', url: new URL(url).pathname, headers, payload: body });
    return { status: answer.statusCode, body: answer.body };
  };
  const deliver = () => deliverSandboxCallbacks(s.ctx.database.db, { clock: s.clock, keys, post });
  const drain = async () => {
    for (let i = 0; i < 10; i++) if (!(await s.worker.runOnce()).busy) break;
  };
  const knobs = (changes: Record<string, unknown>) =>
    s.app.inject({ method: 'PUT', url: '/v1/sandbox/payments/knobs', payload: changes });
  const cashier = (url: string, outcome: 'pay' | 'fail') =>
    s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/cashier/${url.split('/').at(-1)}/${outcome}` });
  const balance = async (accountId: string) => {
    const b = (await getBalances(s.ctx.database.db, [accountId])).get(accountId);
    return (b?.creditsPostedMinor ?? 0) - (b?.debitsPostedMinor ?? 0);
  };
  const events = async (type: string) =>
    (await s.ctx.database.db.select().from(platformSchema.outbox).where(eq(platformSchema.outbox.type, type))).map(
      (e) => e.payload as Record<string, unknown>,
    );
  const start = async (channel: 'wechatpay' | 'alipay', amountMinor: number) =>
    startPayment(
      s.ctx.database,
      { clock: s.clock, client: await paymentChannelClient(s.ctx, channel) },
      {
        customerId: `cus_test${customer++}`,
        amountMinor,
        description: '租金 12月',
        purpose: 'test.payment',
        reference: `ref${customer}`,
        creditAccountId,
      },
    );

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: new Date().toISOString() });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    // This file counts and steers each callback delivery itself.
    deliverSandboxCallbacksManually(s.ctx);
    keys = await sandboxKeys(s.ctx.database.db, s.clock.now());
    creditAccountId = (await platformAccount(s.ctx.database.db, s.clock, 'customer_receivables')).id;
  });
  afterAll(async () => {
    await s?.close();
  });
  beforeEach(async () => {
    await s.app.inject({ method: 'POST', url: '/v1/sandbox/payments/knobs/reset' });
  });

  for (const channel of ['wechatpay', 'alipay'] as const) {
    test(`${channel}: pay at the cashier, the signed callback is applied once, the ledger moves the money through clearing`, async () => {
      const clearing = await channelClearingAccount(s.ctx.database.db, s.clock, channel);
      const clearingBefore = await balance(clearing.id);
      const creditBefore = await balance(creditAccountId);
      await knobs({ duplicateCallbacks: true });
      const order = await start(channel, 8888);
      expect(order).toMatchObject({ state: 'pending', amountMinor: 8888 });
      expect(order.cashierUrl).toMatch(/sandbox-cashier\/sbx_/);

      expect((await cashier(order.cashierUrl ?? '', 'pay')).statusCode).toBe(200);
      expect(await deliver()).toEqual({ delivered: 2, retried: 0 });
      await drain();
      const paid = await getPaymentOrder(s.ctx.database.db, order.id);
      expect(paid.state).toBe('succeeded');
      expect(paid.channelTradeNo).toBeTruthy();
      // Twice delivered, once applied: 88.88 yuan, not 8888 yuan, not twice.
      expect(await balance(creditAccountId)).toBe(creditBefore + 8888);
      expect(await balance(clearing.id)).toBe(clearingBefore - 8888);
      const changes = await s.ctx.database.db
        .select()
        .from(paymentsOrderChanges)
        .where(eq(paymentsOrderChanges.orderId, order.id));
      expect(changes.map((c) => `${c.fromState}>${c.toState}`)).toEqual(['created>pending', 'pending>succeeded']);
      expect((await events('payments.payment_succeeded')).filter((e) => e.orderId === order.id)).toHaveLength(1);
      await assertLedgerConsistent(s.ctx.database.db);
    });
  }

  for (const [channel, ended] of [
    ['wechatpay', 'failed'],
    ['alipay', 'closed'],
  ] as const) {
    test(`${channel}: a failure at the cashier ends the attempt at once (${ended}), not at the janitor's first question; nothing moves`, async () => {
      const clearing = await channelClearingAccount(s.ctx.database.db, s.clock, channel);
      const clearingBefore = await balance(clearing.id);
      const order = await start(channel, 1234);
      expect(order.state).toBe('pending');
      expect((await cashier(order.cashierUrl ?? '', 'fail')).statusCode).toBe(200);
      // No clock moved, no janitor run: the cashier's return asked the channel.
      const after = await getPaymentOrder(s.ctx.database.db, order.id);
      expect(after.state).toBe(ended);
      // Ended at the channel too (WeChat's failed order closed there): nothing is left to ask.
      expect(after.nextQueryAt).toBeNull();
      expect(await balance(clearing.id)).toBe(clearingBefore);
      // The trade at the channel is over too: paying it now is refused.
      expect((await cashier(order.cashierUrl ?? '', 'pay')).statusCode).toBe(409);
      await assertLedgerConsistent(s.ctx.database.db);
    });
  }

  test('a late payment after we closed the order ends in suspense, never lost and never applied to the order', async () => {
    const order = await start('wechatpay', 500);
    const settings = await channelSettings(s.ctx);
    const closed = await closePayment(
      s.ctx.database,
      {
        clock: s.clock,
        client: await paymentChannelClient(s.ctx, 'wechatpay'),
        merchantId: settings.wechatpay?.mchid ?? '',
      },
      order.id,
    );
    expect(closed.state).toBe('closed');
    const suspense = await platformAccount(s.ctx.database.db, s.clock, 'suspense');
    const suspenseBefore = await balance(suspense.id);
    await knobs({ allowPaymentAfterClose: true, duplicateCallbacks: true });
    expect((await cashier(order.cashierUrl ?? '', 'pay')).statusCode).toBe(200);
    await deliver();
    await drain();
    expect((await getPaymentOrder(s.ctx.database.db, order.id)).state).toBe('closed');
    expect(await balance(suspense.id)).toBe(suspenseBefore + 500);
    expect(
      (await events('payments.payment_parked_in_suspense')).filter((e) => e.outTradeNo === order.outTradeNo),
    ).toHaveLength(1);
    await assertLedgerConsistent(s.ctx.database.db);
  });

  test('a 5xx at create (every attempt) leaves the payment unknown, to be asked again — not failed, not pending', async () => {
    await knobs({ failNextCalls: PaymentsLimits.channelCallAttempts });
    const order = await start('alipay', 100);
    expect(order.state).toBe('unknown');
    expect(order.nextQueryAt?.getTime()).toBe(s.clock.now().getTime() + 300_000);
  });

  describe('refused callbacks change nothing', () => {
    const wechatCallback = (outTradeNo: string, total: number, mchid = keys.wechatpay.mchid) => {
      const resource = encryptWechatpayResource(
        JSON.stringify({
          mchid,
          out_trade_no: outTradeNo,
          transaction_id: `4200${Date.now()}`,
          trade_state: 'SUCCESS',
          amount: { total, payer_total: total },
        }),
        keys.wechatpay.apiV3Key,
        { nonce: 'abcdefghijkl', associatedData: 'transaction', originalType: 'transaction' },
      );
      return JSON.stringify({
        id: `EV${Date.now()}${Math.random()}`,
        event_type: 'TRANSACTION.SUCCESS',
        resource_type: 'encrypt-resource',
        resource,
      });
    };
    const sign = (body: string, privateKeyPem: string, at = s.clock.now()) =>
      signWechatpayMessage(
        { id: keys.wechatpay.publicKeyId, privateKey: createPrivateKey(privateKeyPem) },
        body,
        Math.floor(at.getTime() / 1000),
        'nonce123',
      );
    const send = (body: string, headers: Record<string, string>) =>
      s.app.inject({
        method: 'POST',
        url: '/v1/webhooks/wechatpay',
        headers: { ...headers, 'content-type': 'application/json' },
        payload: body,
      });

    test('forged or stale: refused at the door, nothing stored', async () => {
      const order = await start('wechatpay', 300);
      const body = wechatCallback(order.outTradeNo, 300);
      const forged = await send(body, { ...sign(body, keys.wechatpay.merchantPrivateKeyPem) });
      expect(forged.statusCode).toBe(401);
      expect(forged.json().code).toBe('WEBHOOK_SIGNATURE_INVALID');
      const stale = await send(body, {
        ...sign(body, keys.wechatpay.publicKeyPrivateKeyPem, new Date(s.clock.now().getTime() - 301_000)),
      });
      expect(stale.json().code).toBe('WEBHOOK_TIMESTAMP_STALE');
      await drain();
      expect((await getPaymentOrder(s.ctx.database.db, order.id)).state).toBe('pending');
    });

    test('an amount that is not the order’s (元 for 分, seed 003): nothing applied, an alert raised', async () => {
      const order = await start('wechatpay', 8888);
      const body = wechatCallback(order.outTradeNo, 888_800);
      const answer = await send(body, { ...sign(body, keys.wechatpay.publicKeyPrivateKeyPem) });
      expect(answer.statusCode).toBe(204);
      await drain();
      expect((await getPaymentOrder(s.ctx.database.db, order.id)).state).toBe('pending');
      expect((await events('payments.amount_mismatch')).filter((e) => e.orderId === order.id)).toEqual([
        expect.objectContaining({ expectedMinor: 8888, reportedMinor: 888_800 }),
      ]);
    });

    test('another merchant’s payment: nothing applied, refused with a reason', async () => {
      const order = await start('wechatpay', 200);
      const body = wechatCallback(order.outTradeNo, 200, '1900000999');
      await send(body, { ...sign(body, keys.wechatpay.publicKeyPrivateKeyPem) });
      await drain();
      expect((await getPaymentOrder(s.ctx.database.db, order.id)).state).toBe('pending');
      expect((await events('payments.message_refused')).some((e) => e.outTradeNo === order.outTradeNo)).toBe(true);
    });

    test('Alipay: a notification signed by another key is refused; the answer to a good one is exactly "success"', async () => {
      const order = await start('alipay', 1000);
      const params = {
        notify_id: `n${Date.now()}`,
        notify_type: 'trade_status_sync',
        app_id: keys.alipay.appId,
        seller_id: keys.alipay.sellerId,
        out_trade_no: order.outTradeNo,
        trade_no: `2026${Date.now()}`,
        trade_status: 'TRADE_SUCCESS',
        total_amount: '10.00',
      };
      const forged = alipayForm(signAlipayNotify(params, createPrivateKey(keys.alipay.appPrivateKeyPem)));
      const refused = await s.app.inject({
        method: 'POST',
        url: '/v1/webhooks/alipay',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: forged,
      });
      expect(refused.statusCode).toBe(401);
      const good = alipayForm(signAlipayNotify(params, createPrivateKey(keys.alipay.alipayPrivateKeyPem)));
      const accepted = await s.app.inject({
        method: 'POST',
        url: '/v1/webhooks/alipay',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: good,
      });
      expect(accepted.statusCode).toBe(200);
      expect(accepted.body).toBe('success');
      await drain();
      expect((await getPaymentOrder(s.ctx.database.db, order.id)).state).toBe('succeeded');
    });
  });
});
