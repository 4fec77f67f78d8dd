// Channel health (console 支付渠道) read from what really happened at the sandbox: payments paid,
// failed, abandoned, left pending and left unknown by a 5xx; an old payment outside the 24 h window;
// the breaker opened by failed calls; a callback that gave up in the inbox. Each finding is named.
import type { AddressInfo } from 'node:net';
import { platformSchema } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestStaff } from '@zulin/identity/testing';
import { platformAccount } from '@zulin/ledger';
import { runCommand } from '@zulin/platform';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { configuredPaymentChannel, paymentChannelClient } from './channel-client-of';
import { attentionOf, failureSideOf } from './channel-health';
import { usePaymentsBaseUrl } from './channel-settings';
import { closePayment } from './close-payment';
import { deliverSandboxCallbacks, deliverSandboxCallbacksManually } from './deliver-sandbox-callbacks';
import { PaymentsLimits } from './limits';
import { closeUnsubmittedPayment, getPaymentOrder, recordPaymentOrder, recordSubmission } from './payment-orders';
import { sandboxKeys } from './sandbox-keys';
import { paymentsChannelBreakers } from './schema';
import { startPayment } from './start-payment';

interface Health {
  channel: string;
  mode: string;
  status: string;
  attention: string[];
  breaker: { state: string; consecutiveFailures: number };
  window: {
    created: number;
    succeeded: number;
    failed: number;
    refusedByPayer: number;
    closed: number;
    open: number;
    succeededMinor: number;
    successRatePct: number | null;
    topFailures: { reason: string; count: number; side: 'payer' | 'channel' }[];
  };
  unknownNow: number;
  lastSucceededAt: string | null;
  callbacks: { pending: number; dead: number };
  lastReconciliation: unknown;
  suspense: { count: number; amountMinor: number; recent: unknown[] };
}

describe('what asks for a person', () => {
  const calm = {
    mode: 'sandbox' as const,
    breaker: { state: 'closed' as const, consecutiveFailures: 0 },
    window: { succeeded: 0, failed: 0, refusedByPayer: 0 },
    unknownNow: 0,
    callbacks: { dead: 0 },
    lastReconciliation: null,
  };
  test('nothing found: no finding', () => {
    expect(attentionOf(calm)).toEqual([]);
  });
  test('the success rate counts only from channelHealthMinEnded ended payments, and is low below 80 %', () => {
    const min = PaymentsLimits.channelHealthMinEnded;
    expect(attentionOf({ ...calm, window: { succeeded: 0, failed: min - 1, refusedByPayer: 0 } })).toEqual([]);
    expect(attentionOf({ ...calm, window: { succeeded: 0, failed: min, refusedByPayer: 0 } })).toEqual([
      'low_success_rate',
    ]);
    // 8 of 10 is exactly 80 %: fine; 79 of 100 is not.
    expect(attentionOf({ ...calm, window: { succeeded: 8, failed: 2, refusedByPayer: 0 } })).toEqual([]);
    expect(attentionOf({ ...calm, window: { succeeded: 79, failed: 21, refusedByPayer: 0 } })).toEqual([
      'low_success_rate',
    ]);
  });
  test('a payer refusal is not the channel’s failure: 8 paid and 12 refused for want of balance is a healthy channel', () => {
    // The month's auto-debit retries of customers short of money: the channel did its work.
    expect(attentionOf({ ...calm, window: { succeeded: 8, failed: 12, refusedByPayer: 12 } })).toEqual([]);
    // 8 paid, 2 failed at the channel, 10 refused by payers: 80 % at the channel, fine; one more
    // channel failure (8 of 11, 72 %) is low.
    expect(attentionOf({ ...calm, window: { succeeded: 8, failed: 12, refusedByPayer: 10 } })).toEqual([]);
    expect(attentionOf({ ...calm, window: { succeeded: 8, failed: 13, refusedByPayer: 10 } })).toEqual([
      'low_success_rate',
    ]);
  });
  test('whose failure a recorded reason is: the payer’s for the published balance and limit codes, else the channel’s', () => {
    expect(failureSideOf('ACQ.BUYER_BALANCE_NOT_ENOUGH 买家余额不足')).toBe('payer');
    expect(failureSideOf('NOT_ENOUGH 用户余额不足')).toBe('payer');
    expect(failureSideOf('ACQ.BUYER_PAYMENT_AMOUNT_DAY_LIMIT_ERROR 买家付款日限额超限')).toBe('payer');
    expect(failureSideOf('ACQ.BUYER_BANKCARD_BALANCE_NOT_ENOUGH')).toBe('payer');
    // WeChat's PAYERROR (recorded as channel_failed), an order the channel does not know, a system error.
    expect(failureSideOf('channel_failed')).toBe('channel');
    expect(failureSideOf('not_at_channel')).toBe('channel');
    expect(failureSideOf('SYSTEM_ERROR 系统错误')).toBe('channel');
    expect(failureSideOf('ACQ.SYSTEM_ERROR 系统繁忙')).toBe('channel');
    // Only the code counts: a message that mentions balance does not make it the payer's.
    expect(failureSideOf('PARAM_ERROR NOT_ENOUGH')).toBe('channel');
    expect(failureSideOf('')).toBe('channel');
    expect(failureSideOf(null)).toBe('channel');
  });
  test('each finding in its order, most serious first', () => {
    expect(
      attentionOf({
        mode: 'unconfigured',
        breaker: { state: 'open', consecutiveFailures: 5 },
        window: { succeeded: 1, failed: 20, refusedByPayer: 0 },
        unknownNow: 1,
        callbacks: { dead: 1 },
        lastReconciliation: { mismatchCount: 2 },
        suspense: { count: 1 },
      }),
    ).toEqual([
      'unconfigured',
      'breaker_open',
      'low_success_rate',
      'unknown_payments',
      'dead_callbacks',
      'reconciliation_mismatches',
      'suspense_parked',
    ]);
    expect(attentionOf({ ...calm, breaker: { state: 'half_open', consecutiveFailures: 5 } })).toEqual([
      'breaker_half_open',
    ]);
    expect(attentionOf({ ...calm, breaker: { state: 'closed', consecutiveFailures: 1 } })).toEqual(['failing_calls']);
    expect(attentionOf({ ...calm, lastReconciliation: { mismatchCount: 0 } })).toEqual([]);
  });
});

describeDb('channel health', (get) => {
  let s: TestServer;
  let creditAccountId: string;
  let n = 0;
  const db = () => s.ctx.database.db;
  const knobs = (changes: Record<string, unknown>) =>
    s.app.inject({ method: 'PUT', url: '/v1/sandbox/payments/knobs', payload: changes });
  const order = (amountMinor: number) => ({
    customerId: `cus_health${n}`,
    amountMinor,
    description: '租金',
    purpose: 'test.payment',
    reference: `ref_health${n++}`,
    creditAccountId,
  });
  const start = async (amountMinor: number) =>
    startPayment(
      s.ctx.database,
      { clock: s.clock, client: await paymentChannelClient(s.ctx, 'wechatpay') },
      order(amountMinor),
    );
  const atCashier = async (cashierUrl: string | null, outcome: 'pay' | 'fail') => {
    const answer = await s.app.inject({
      method: 'POST',
      url: `/v1/sandbox/payments/cashier/${cashierUrl?.split('/').at(-1)}/${outcome}`,
    });
    expect(answer.statusCode).toBe(200);
  };
  const paid = async (amountMinor: number) => {
    const payment = await start(amountMinor);
    await atCashier(payment.cashierUrl, 'pay');
    await deliverSandboxCallbacks(db(), {
      clock: s.clock,
      keys: await sandboxKeys(db(), s.clock.now()),
      post: async ({ url, headers, body }) => {
        const answer = await s.app.inject({ method: 'POST', url: new URL(url).pathname, headers, payload: body });
        return { status: answer.statusCode, body: answer.body };
      },
    });
    for (let i = 0; i < 10; i++) if (!(await s.worker.runOnce()).busy) break;
    return getPaymentOrder(db(), payment.id);
  };
  const health = async (token: string) => {
    const answer = await s.app.inject({ method: 'GET', url: '/v1/admin/payment-channels', headers: bearer(token) });
    expect(answer.statusCode).toBe(200);
    const body = answer.json<{ data: Health[] }>();
    return Object.fromEntries(body.data.map((h) => [h.channel, h])) as Record<'wechatpay' | 'alipay', Health>;
  };

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: new Date().toISOString() });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    deliverSandboxCallbacksManually(s.ctx);
    creditAccountId = (await platformAccount(db(), s.clock, 'customer_receivables')).id;
  });
  afterAll(async () => {
    await s?.close();
  });

  test('the last 24 h of payments as they stand, what waits for an answer, the breaker and a dead callback', async () => {
    let finance = await signInTestStaff(s, 'finance');
    const quiet = await health(finance.token);
    expect(quiet.alipay).toMatchObject({
      mode: 'sandbox',
      status: 'ok',
      attention: [],
      breaker: { state: 'closed', consecutiveFailures: 0 },
      window: { created: 0, succeeded: 0, successRatePct: null, topFailures: [] },
      unknownNow: 0,
      lastSucceededAt: null,
      callbacks: { pending: 0, dead: 0 },
      lastReconciliation: null,
    });

    // A day and an hour ago: paid, outside the window, but still the last success until a newer one.
    const old = await paid(10_000);
    expect(old.state).toBe('succeeded');
    s.clock.advance(25 * 3_600_000);
    // A staff session does not outlive a day: the desk signs in again.
    finance = await signInTestStaff(s, 'finance');
    expect((await health(finance.token)).wechatpay).toMatchObject({
      window: { created: 0, succeededMinor: 0 },
      lastSucceededAt: old.completedAt?.toISOString(),
    });

    // In the window: three paid (¥25.90 each), one failed at the cashier, one abandoned before it
    // was sent, one left pending, one the channel answered 5xx to every attempt (unknown).
    const three = [await paid(2590), await paid(2590), await paid(2590)];
    expect(three.map((p) => p.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const failing = await start(4_000);
    await atCashier(failing.cashierUrl, 'fail');
    const failed = await getPaymentOrder(db(), failing.id);
    expect(failed.state).toBe('failed');
    const abandoned = await runCommand(s.ctx.database, async (tx) => {
      const created = await recordPaymentOrder(tx, s.clock, { channel: 'wechatpay', ...order(1_000) });
      return closeUnsubmittedPayment(tx, s.clock, created.id);
    });
    expect(abandoned.state).toBe('closed');
    expect((await start(3_000)).state).toBe('pending');
    await knobs({ failNextCalls: PaymentsLimits.channelCallAttempts });
    expect((await start(5_000)).state).toBe('unknown');
    await knobs({ failNextCalls: 0 });

    const now = await health(finance.token);
    expect(now.wechatpay).toMatchObject({
      mode: 'sandbox',
      status: 'attention',
      // The 5xx counted one failed call (the breaker is still closed) and left one payment unknown.
      attention: ['failing_calls', 'unknown_payments'],
      breaker: { state: 'closed', consecutiveFailures: 1 },
      window: {
        created: 7,
        succeeded: 3,
        failed: 1,
        closed: 1,
        open: 2,
        succeededMinor: 7_770,
        // 3 of 4 ended either way: 75 %; the abandoned one is not the channel's failure.
        successRatePct: 75,
        refusedByPayer: 0,
        topFailures: [{ reason: failed.failureReason, count: 1, side: 'channel' }],
      },
      unknownNow: 1,
      lastSucceededAt: three[2]?.completedAt?.toISOString(),
      callbacks: { pending: 0, dead: 0 },
    });
    expect(failed.failureReason).toBeTruthy();
    // Alipay kept working and is untouched by WeChat Pay's figures.
    expect(now.alipay).toMatchObject({ status: 'ok', window: { created: 0 } });

    // The breaker opens (failed calls from any process); a callback gave up in the inbox.
    await db()
      .insert(paymentsChannelBreakers)
      .values({
        channel: 'wechatpay',
        consecutiveFailures: PaymentsLimits.channelBreakerFailureThreshold,
        openedAt: s.clock.now(),
        updatedAt: s.clock.now(),
      })
      .onConflictDoUpdate({
        target: paymentsChannelBreakers.channel,
        set: { consecutiveFailures: PaymentsLimits.channelBreakerFailureThreshold, openedAt: s.clock.now() },
      });
    await db().insert(platformSchema.inbox).values({
      provider: 'wechatpay',
      providerEventId: 'evt_gave_up_1',
      eventType: 'TRANSACTION.SUCCESS',
      headers: {},
      body: '{}',
      receivedAt: s.clock.now(),
      status: 'dead',
      attempts: 8,
      nextAttemptAt: s.clock.now(),
      lastError: 'applied 8 times, failed each time',
    });
    const down = (await health(finance.token)).wechatpay;
    expect(down).toMatchObject({
      status: 'down',
      attention: ['breaker_open', 'unknown_payments', 'dead_callbacks'],
      breaker: { state: 'open', retryAfterSeconds: PaymentsLimits.channelBreakerCoolDownSeconds },
      callbacks: { pending: 0, dead: 1 },
    });
  });

  test('auto-debits refused for want of balance leave Alipay healthy; its own failures still count', async () => {
    const finance = await signInTestStaff(s, 'finance');
    // What Alipay answers to a charge of a customer short of money, recorded as every refusal is.
    const refused = (code: string, message: string) =>
      runCommand(s.ctx.database, async (tx) => {
        const created = await recordPaymentOrder(tx, s.clock, { channel: 'alipay', ...order(19_900) });
        return recordSubmission(tx, s.clock, created.id, { outcome: 'refused', code, message });
      });
    for (let i = 0; i < PaymentsLimits.channelHealthMinEnded; i++) {
      expect((await refused('ACQ.BUYER_BALANCE_NOT_ENOUGH', '买家余额不足')).state).toBe('failed');
    }
    const shortOfMoney = (await health(finance.token)).alipay;
    expect(shortOfMoney).toMatchObject({
      status: 'ok',
      attention: [],
      window: {
        failed: 10,
        refusedByPayer: 10,
        successRatePct: null,
        topFailures: [{ reason: 'ACQ.BUYER_BALANCE_NOT_ENOUGH 买家余额不足', count: 10, side: 'payer' }],
      },
    });
    // Ten system errors at the channel are its own: 0 of 10, low.
    for (let i = 0; i < PaymentsLimits.channelHealthMinEnded; i++) await refused('ACQ.SYSTEM_ERROR', '系统繁忙');
    const failing = (await health(finance.token)).alipay;
    expect(failing).toMatchObject({
      status: 'attention',
      attention: ['low_success_rate'],
      window: { failed: 20, refusedByPayer: 10, successRatePct: 0 },
    });
    // Most frequent first, a tie in the order of the reason's text.
    expect(failing.window.topFailures.map((f) => [f.reason, f.side, f.count])).toEqual([
      ['ACQ.BUYER_BALANCE_NOT_ENOUGH 买家余额不足', 'payer', 10],
      ['ACQ.SYSTEM_ERROR 系统繁忙', 'channel', 10],
    ]);
  });

  test('a payment parked in suspense raises the channel’s alert — amount, channel, trade numbers — for 7 days', async () => {
    // A day on: the refusals above have left the 24 h window.
    s.clock.advance(25 * 3_600_000);
    const client = await paymentChannelClient(s.ctx, 'alipay');
    const late = await startPayment(s.ctx.database, { clock: s.clock, client }, order(4_321));
    const { merchantId } = (await configuredPaymentChannel(s.ctx, 'alipay')) ?? { merchantId: '' };
    expect((await closePayment(s.ctx.database, { clock: s.clock, client, merchantId }, late.id)).state).toBe('closed');
    // The payer pays the closed order anyway: the money is the channel's, ours matches none of it.
    await knobs({ allowPaymentAfterClose: true });
    await atCashier(late.cashierUrl, 'pay');
    await deliverSandboxCallbacks(db(), {
      clock: s.clock,
      keys: await sandboxKeys(db(), s.clock.now()),
      post: async ({ url, headers, body }) => {
        const answer = await s.app.inject({ method: 'POST', url: new URL(url).pathname, headers, payload: body });
        return { status: answer.statusCode, body: answer.body };
      },
    });
    for (let i = 0; i < 10; i++) if (!(await s.worker.runOnce()).busy) break;
    await knobs({ allowPaymentAfterClose: false });
    const parkedAt = s.clock.now();
    const seen = await health((await signInTestStaff(s, 'finance')).token);
    expect(seen.alipay).toMatchObject({
      status: 'attention',
      attention: ['suspense_parked'],
      suspense: {
        count: 1,
        amountMinor: 4_321,
        recent: [
          {
            outTradeNo: late.outTradeNo,
            channelTradeNo: expect.stringMatching(/^\d{10,}$/),
            amountMinor: 4_321,
            parkedAt: parkedAt.toISOString(),
          },
        ],
      },
    });
    expect(seen.wechatpay.attention).not.toContain('suspense_parked');
    // 7 days on, the alert has been shown for its week and is gone; the money stays in suspense.
    s.clock.advance(PaymentsLimits.suspenseAlertDays * 86_400_000 + 1_000);
    const later = await health((await signInTestStaff(s, 'finance')).token);
    expect(later.alipay).toMatchObject({
      status: 'ok',
      attention: [],
      suspense: { count: 0, amountMinor: 0, recent: [] },
    });
  });

  test('staff without payments.read are refused, and so is an anonymous caller', async () => {
    const marketing = await signInTestStaff(s, 'marketing');
    const refused = await s.app.inject({
      method: 'GET',
      url: '/v1/admin/payment-channels',
      headers: bearer(marketing.token),
    });
    expect(refused.statusCode).toBe(403);
    expect((await s.app.inject({ method: 'GET', url: '/v1/admin/payment-channels' })).statusCode).toBe(401);
  });
});
