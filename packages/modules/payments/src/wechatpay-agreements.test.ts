// WeChat Pay entrusted debit (委托代扣 / papay) end to end against the sandbox, with real v3 signatures:
// the customer chooses WeChat, signs on the sandbox page and the signed PAPAY.SIGN notification brings
// the agreement into force; the sweep sends the pre-debit notice once per charge and then the
// deduction, posted through the WeChat clearing account; the sandbox refuses a deduction without a
// notice; terminate ends it; forged, stale and duplicate contract notifications change nothing twice.
import { createPrivateKey, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { platformSchema } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestCustomer } from '@zulin/identity/testing';
import { assertLedgerConsistent, channelClearingAccount, getBalances, platformAccount } from '@zulin/ledger';
import { runCommand } from '@zulin/platform';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import type { AgreementChannelClient } from './agreement-clients';
import { type Agreement, getAgreement } from './agreements';
import { agreementChannelClient } from './channel-client-of';
import { usePaymentsBaseUrl } from './channel-settings';
import { chargeAgreement } from './charge-agreement';
import { getPaymentOrder } from './payment-orders';
import { readPapayNoticeLeadSeconds, savePapayNoticeLead } from './payments-settings';
import { refreshAgreement } from './refresh-agreement';
import { type SandboxKeySet, sandboxKeys } from './sandbox-keys';
import { sandboxPapayPlanId } from './sandbox-wechatpay-agreements';
import { paymentsSandboxAgreements, paymentsSandboxNotifications } from './schema';
import { sendAgreementCharges } from './send-agreement-charges';
import { encryptWechatpayResource, signWechatpayMessage, wechatpayNonce } from './wechatpay-protocol';

describeDb('auto-debit agreements through the sandbox (WeChat Pay entrusted debit)', (get) => {
  let s: TestServer;
  let keys: SandboxKeySet;
  let client: AgreementChannelClient;
  let creditAccountId: string;
  let customers = 0;
  const deps = () => ({ clock: s.clock, client });
  const drain = async () => {
    for (let i = 0; i < 10; i++) if (!(await s.worker.runOnce()).busy) break;
  };
  const knobs = (changes: Record<string, unknown>) =>
    s.app.inject({ method: 'PUT', url: '/v1/sandbox/payments/knobs', payload: changes });
  const events = async (type: string, agreementId: string) =>
    (await s.ctx.database.db.select().from(platformSchema.outbox).where(eq(platformSchema.outbox.type, type)))
      .map((e) => e.payload as Record<string, unknown>)
      .filter((p) => p.agreementId === agreementId);
  const balance = async (accountId: string) => {
    const b = (await getBalances(s.ctx.database.db, [accountId])).get(accountId);
    return (b?.creditsPostedMinor ?? 0) - (b?.debitsPostedMinor ?? 0);
  };
  const sandboxContract = async (sandboxId: string) => {
    const [row] = await s.ctx.database.db
      .select()
      .from(paymentsSandboxAgreements)
      .where(eq(paymentsSandboxAgreements.id, sandboxId));
    return row;
  };
  /** A customer asks for WeChat auto-debit through the API: our agreement and the sandbox's sign page id. */
  const asked = async () => {
    const phone = `137${String(++customers).padStart(8, '0')}`;
    const token = (await signInTestCustomer(s, phone)).token;
    const answer = await s.app.inject({
      method: 'POST',
      url: '/v1/payments/agreements',
      headers: bearer(token),
      payload: { channel: 'wechatpay' },
    });
    expect(answer.statusCode).toBe(201);
    const a = answer.json() as { id: string; state: string; signUrl: string; channel: string };
    // The page is the redirect_url WeChat's pre-entrust-sign answered: the sandbox's sign page.
    expect(a).toMatchObject({ state: 'signing', signUrl: expect.stringMatching(/^\/sandbox-agreement\/sbg_/) });
    return { a, sandboxId: a.signUrl.split('/').at(-1) ?? '', token };
  };
  /** Signed on the sandbox page; the PAPAY.SIGN notification (signed, encrypted) brings it into force. */
  const signed = async () => {
    const asking = await asked();
    const sign = await s.app.inject({
      method: 'POST',
      url: `/v1/sandbox/payments/agreements/${asking.sandboxId}/sign`,
    });
    expect(sign.statusCode).toBe(200);
    await drain();
    const active = await getAgreement(s.ctx.database.db, asking.a.id);
    expect(active).toMatchObject({
      channel: 'wechatpay',
      state: 'active',
      channelAgreementNo: expect.stringMatching(/^2000\d{16}$/),
    });
    return { ...asking, active };
  };
  const charge = (agreementId: string, amountMinor: number, reference: string) =>
    runCommand(s.ctx.database, (tx) =>
      chargeAgreement(
        tx,
        { clock: s.clock },
        { agreementId, amountMinor, reference, purpose: 'billing.bill', creditAccountId, description: '12月租金' },
      ),
    );
  /** A contract notification as WeChat Pay would post it, signed with the sandbox platform key. */
  const contractNotification = (
    eventType: string,
    contract: Record<string, unknown>,
    options: { timestamp?: number; forged?: boolean } = {},
  ) => {
    const body = JSON.stringify({
      id: randomBytes(16).toString('hex'),
      create_time: s.clock.now().toISOString(),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary: '签约成功',
      resource: encryptWechatpayResource(JSON.stringify(contract), keys.wechatpay.apiV3Key, {
        nonce: randomBytes(9).toString('base64url').slice(0, 12),
        associatedData: 'papay',
        originalType: 'papay',
      }),
    });
    const signer = {
      id: keys.wechatpay.platformCertificateSerial,
      privateKey: createPrivateKey(
        options.forged ? keys.wechatpay.merchantPrivateKeyPem : keys.wechatpay.platformPrivateKeyPem,
      ),
    };
    const timestamp = options.timestamp ?? Math.floor(s.clock.now().getTime() / 1000);
    return s.app.inject({
      method: 'POST',
      url: '/v1/webhooks/wechatpay',
      headers: {
        ...signWechatpayMessage(signer, body, timestamp, wechatpayNonce()),
        'content-type': 'application/json',
      },
      payload: body,
    });
  };
  const contractOf = (a: Agreement, state: 'ADDED' | 'TERMINATED') => ({
    mchid: keys.wechatpay.mchid,
    appid: keys.wechatpay.appId,
    plan_id: Number(sandboxPapayPlanId),
    out_contract_code: a.externalAgreementNo,
    contract_id: a.channelAgreementNo ?? '20000000000000000001',
    contract_state: state,
  });

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: new Date().toISOString() });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    keys = await sandboxKeys(s.ctx.database.db, s.clock.now());
    client = await agreementChannelClient(s.ctx, 'wechatpay');
    creditAccountId = (await platformAccount(s.ctx.database.db, s.clock, 'customer_receivables')).id;
  });
  afterAll(async () => {
    await s?.close();
  });
  beforeEach(async () => {
    await s.app.inject({ method: 'POST', url: '/v1/sandbox/payments/knobs/reset' });
  });

  test('the customer chooses WeChat: signed on the sandbox page, PAPAY.SIGN brings it into force; the contract query agrees', async () => {
    const { a, sandboxId } = await asked();
    // Not signed yet: WeChat knows no contract, the refresh changes nothing.
    expect((await refreshAgreement(s.ctx.database, deps(), a.id)).state).toBe('signing');
    expect(
      (await s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/agreements/${sandboxId}/sign` })).statusCode,
    ).toBe(200);
    const [sent] = await s.ctx.database.db
      .select()
      .from(paymentsSandboxNotifications)
      .where(eq(paymentsSandboxNotifications.tradeId, sandboxId));
    expect(sent).toMatchObject({ status: 'delivered', url: expect.stringMatching(/\/v1\/webhooks\/wechatpay$/) });
    expect(JSON.parse(String(sent?.body))).toMatchObject({
      event_type: 'PAPAY.SIGN',
      resource_type: 'encrypt-resource',
    });
    await drain();
    const active = await getAgreement(s.ctx.database.db, a.id);
    expect(active).toMatchObject({
      state: 'active',
      channelAgreementNo: (await sandboxContract(sandboxId))?.agreementNo,
    });
    expect(await events('payments.agreement_changed', a.id)).toEqual([expect.objectContaining({ state: 'active' })]);
    expect(await client.query(active.externalAgreementNo)).toEqual({
      outcome: 'ok',
      value: { state: 'active', agreementNo: active.channelAgreementNo },
    });
    // The body without a channel still asks Alipay (the default before WeChat was offered).
    const alipay = await s.app.inject({
      method: 'POST',
      url: '/v1/payments/agreements',
      headers: bearer((await signInTestCustomer(s, `137${String(customers).padStart(8, '0')}`)).token),
      payload: {},
    });
    expect(alipay.json()).toMatchObject({ channel: 'alipay', state: 'signing' });
  });

  test('notice, then deduction a lead time later: paid once and posted through the WeChat clearing account; a charge sent again is not noticed twice', async () => {
    const { active, sandboxId } = await signed();
    const clearing = await channelClearingAccount(s.ctx.database.db, s.clock, 'wechatpay');
    const before = { clearing: await balance(clearing.id), credit: await balance(creditAccountId) };
    const order = await charge(active.id, 12_900, 'bill_w1#1');
    let notices = 0;
    let deductions = 0;
    const counting: AgreementChannelClient = {
      ...client,
      preDebitNotice: async (request) => {
        notices++;
        return client.preDebitNotice?.(request) ?? { outcome: 'ok', value: { noticed: true } };
      },
      charge: async (request) => {
        deductions++;
        return client.charge(request);
      },
    };
    // The first run only notices the payer (deduct_duration 1 DAY): nothing is deducted in that run.
    expect(await sendAgreementCharges(s.ctx.database, { clock: s.clock, client: counting })).toEqual({
      sent: 1,
      noticed: 1,
      succeeded: 0,
      failed: 0,
      pending: 0,
      unknown: 0,
    });
    expect([notices, deductions]).toEqual([1, 0]);
    const noticedAt = s.clock.now();
    expect(await getPaymentOrder(s.ctx.database.db, order.id)).toMatchObject({
      state: 'created',
      papayNotifiedAt: noticedAt,
    });
    expect((await sandboxContract(sandboxId))?.noticeAmountMinor).toBe(12_900);
    // The first deduction's answer is lost (the call timed out) a day later: the notice is remembered.
    s.clock.advance(86_400_000);
    const lost: AgreementChannelClient = {
      ...counting,
      charge: async () => ({ outcome: 'unknown', reason: 'TimeoutError' }),
    };
    expect(await sendAgreementCharges(s.ctx.database, { clock: s.clock, client: lost })).toMatchObject({
      sent: 1,
      noticed: 0,
      unknown: 1,
    });
    expect(notices).toBe(1);
    expect(await getPaymentOrder(s.ctx.database.db, order.id)).toMatchObject({
      state: 'unknown',
      papayNotifiedAt: noticedAt,
    });
    // Sent again when due: no second notice, the deduction is paid.
    s.clock.advance(10 * 60_000);
    expect(await sendAgreementCharges(s.ctx.database, { clock: s.clock, client: counting })).toEqual({
      sent: 1,
      noticed: 0,
      succeeded: 1,
      failed: 0,
      pending: 0,
      unknown: 0,
    });
    expect([notices, deductions]).toEqual([1, 1]);
    expect((await sandboxContract(sandboxId))?.noticeAmountMinor).toBeNull();
    expect(await getPaymentOrder(s.ctx.database.db, order.id)).toMatchObject({
      state: 'succeeded',
      channelTradeNo: expect.any(String),
    });
    // The TRANSACTION.SUCCESS callback for the deduction arrives too: applied once, nothing posted twice.
    await drain();
    expect(await balance(creditAccountId)).toBe(before.credit + 12_900);
    expect(await balance(clearing.id)).toBe(before.clearing - 12_900);
    const told = (
      await s.ctx.database.db
        .select()
        .from(platformSchema.outbox)
        .where(eq(platformSchema.outbox.type, 'payments.payment_succeeded'))
    ).filter((e) => (e.payload as { orderId: string }).orderId === order.id);
    expect(told.map((e) => e.payload)).toEqual([
      expect.objectContaining({ purpose: 'billing.bill', reference: 'bill_w1#1', amountMinor: 12_900 }),
    ]);
    await assertLedgerConsistent(s.ctx.database.db);
  });

  test('the lead time is a setting (1 to 3 days): a deduction 1 s before it is refused, at it goes; a failed notice deducts nothing', async () => {
    const staff = { kind: 'staff', staffId: 'stf_papaylead', username: 'lead' } as never;
    await expect(
      runCommand(s.ctx.database, (tx) =>
        savePapayNoticeLead(tx, { papayNoticeLeadSeconds: 86_399, staff, now: s.clock.now() }),
      ),
    ).rejects.toMatchObject({ code: 'PAYMENTS_SETTING_INVALID' });
    await expect(
      runCommand(s.ctx.database, (tx) =>
        savePapayNoticeLead(tx, { papayNoticeLeadSeconds: 259_201, staff, now: s.clock.now() }),
      ),
    ).rejects.toMatchObject({ code: 'PAYMENTS_SETTING_INVALID' });
    expect(await readPapayNoticeLeadSeconds(s.ctx.database.db)).toBe(86_400);
    const lead = 2 * 86_400 + 3_600;
    await runCommand(s.ctx.database, (tx) =>
      savePapayNoticeLead(tx, { papayNoticeLeadSeconds: lead, staff, now: s.clock.now() }),
    );
    try {
      const { active } = await signed();
      const announced: number[] = [];
      const deducted: string[] = [];
      const watching: AgreementChannelClient = {
        ...client,
        preDebitNotice: async (request) => {
          announced.push(request.deductWithinDays ?? 0);
          return client.preDebitNotice?.(request) ?? { outcome: 'ok', value: { noticed: true } };
        },
        charge: async (request) => {
          deducted.push(request.outTradeNo);
          return client.charge(request);
        },
      };
      const order = await charge(active.id, 8_800, 'bill_w3#1');
      expect(await sendAgreementCharges(s.ctx.database, { clock: s.clock, client: watching })).toMatchObject({
        sent: 1,
        noticed: 1,
      });
      expect(announced).toEqual([3]);
      // Lead time − 1 s: not due, not sent.
      s.clock.advance((lead - 1) * 1000);
      expect(await sendAgreementCharges(s.ctx.database, { clock: s.clock, client: watching })).toMatchObject({
        sent: 0,
      });
      expect(deducted).toEqual([]);
      expect((await getPaymentOrder(s.ctx.database.db, order.id)).state).toBe('created');
      // Lead time + 0 s: deducted.
      s.clock.advance(1000);
      expect(await sendAgreementCharges(s.ctx.database, { clock: s.clock, client: watching })).toMatchObject({
        sent: 1,
        succeeded: 1,
      });
      expect(deducted).toEqual([order.outTradeNo]);
      expect(announced).toEqual([3]);

      // A notice WeChat does not answer: no deduction, the next run notices again; one it refuses fails the charge.
      const second = await charge(active.id, 6_600, 'bill_w4#1');
      const silent: AgreementChannelClient = {
        ...watching,
        preDebitNotice: async () => ({ outcome: 'unknown', reason: 'TimeoutError' }),
      };
      expect(await sendAgreementCharges(s.ctx.database, { clock: s.clock, client: silent })).toMatchObject({
        sent: 1,
        noticed: 0,
        unknown: 1,
      });
      expect(await getPaymentOrder(s.ctx.database.db, second.id)).toMatchObject({
        state: 'created',
        papayNotifiedAt: null,
      });
      s.clock.advance((lead + 60) * 1000);
      const refusing: AgreementChannelClient = {
        ...watching,
        preDebitNotice: async () => ({ outcome: 'refused', code: 'RULE_LIMIT', message: '' }),
      };
      expect(await sendAgreementCharges(s.ctx.database, { clock: s.clock, client: refusing })).toMatchObject({
        sent: 1,
        failed: 1,
      });
      expect(await getPaymentOrder(s.ctx.database.db, second.id)).toMatchObject({
        state: 'failed',
        failureReason: expect.stringContaining('pre-debit notice RULE_LIMIT'),
      });
      expect(deducted).toEqual([order.outTradeNo]);
    } finally {
      await runCommand(s.ctx.database, (tx) =>
        savePapayNoticeLead(tx, { papayNoticeLeadSeconds: 86_400, staff, now: s.clock.now() }),
      );
    }
  });

  test('the sandbox refuses a deduction without a notice, and above the noticed amount; insufficient balance fails the attempt', async () => {
    const { active } = await signed();
    const agreementNo = String(active.channelAgreementNo);
    const apply = (outTradeNo: string, amountMinor: number) =>
      client.charge({ outTradeNo, agreementNo, amountMinor, description: '租金' });
    expect(await apply('ZGNONOTICE0001', 5_000)).toMatchObject({ outcome: 'refused', code: 'RULE_LIMIT' });
    expect(await client.preDebitNotice?.({ agreementNo, amountMinor: 5_000 })).toEqual({
      outcome: 'ok',
      value: { noticed: true },
    });
    expect(await apply('ZGNONOTICE0002', 5_001)).toMatchObject({ outcome: 'refused', code: 'PARAM_ERROR' });
    // Through the sweep with no money on the payer's side: noticed, a day later refused NOT_ENOUGH — failed, nothing posted.
    await knobs({ insufficientFunds: true });
    const clearing = await channelClearingAccount(s.ctx.database.db, s.clock, 'wechatpay');
    const before = await balance(clearing.id);
    const order = await charge(active.id, 4_000, 'bill_w2#1');
    expect(await sendAgreementCharges(s.ctx.database, deps())).toMatchObject({ sent: 1, noticed: 1 });
    s.clock.advance(86_400_000);
    expect(await sendAgreementCharges(s.ctx.database, deps())).toMatchObject({ sent: 1, failed: 1 });
    expect(await getPaymentOrder(s.ctx.database.db, order.id)).toMatchObject({
      state: 'failed',
      failureReason: expect.stringContaining('NOT_ENOUGH'),
    });
    expect(await balance(clearing.id)).toBe(before);
  });

  test('the sandbox holds the notice window: refused 1 s before the 24 h wait, paid at 24 h and at the window’s last second, refused once the deduct_duration days have passed', async () => {
    const { active, sandboxId } = await signed();
    const agreementNo = String(active.channelAgreementNo);
    const apply = (outTradeNo: string, amountMinor: number) =>
      client.charge({ outTradeNo, agreementNo, amountMinor, description: '租金' });
    const notice = async (amountMinor: number, deductWithinDays: number) =>
      expect(await client.preDebitNotice?.({ agreementNo, amountMinor, deductWithinDays })).toEqual({
        outcome: 'ok',
        value: { noticed: true },
      });
    // Noticed ¥50.00 for 2 days: the contract keeps when and for how long.
    await notice(5_000, 2);
    const noticedAt = s.clock.now();
    expect(await sandboxContract(sandboxId)).toMatchObject({
      noticeAmountMinor: 5_000,
      noticeAt: noticedAt,
      noticeDays: 2,
    });
    // 23 h 59 min 59 s later: still the waiting period (扣款等待期).
    s.clock.advance(86_399_000);
    expect(await apply('ZGWINDOW000001', 5_000)).toMatchObject({
      outcome: 'refused',
      code: 'RULE_LIMIT',
      message: expect.stringContaining('24 小时'),
    });
    // 24 h: the window opens, paid; the notice is used up.
    s.clock.advance(1_000);
    expect(await apply('ZGWINDOW000002', 5_000)).toMatchObject({ outcome: 'ok', value: { state: 'paid' } });
    expect(await sandboxContract(sandboxId)).toMatchObject({
      noticeAmountMinor: null,
      noticeAt: null,
      noticeDays: null,
    });
    // Noticed for 1 day: the window is [24 h, 48 h) after it — its last second is paid.
    await notice(3_000, 1);
    s.clock.advance(172_799_000);
    expect(await apply('ZGWINDOW000003', 3_000)).toMatchObject({ outcome: 'ok', value: { state: 'paid' } });
    // At 48 h the notice has expired: refused, a new notice is needed; after one (and its wait) it pays.
    await notice(3_000, 1);
    s.clock.advance(172_800_000);
    expect(await apply('ZGWINDOW000004', 3_000)).toMatchObject({
      outcome: 'refused',
      code: 'RULE_LIMIT',
      message: expect.stringContaining('重新发送预扣费通知'),
    });
    await notice(3_000, 1);
    s.clock.advance(86_400_000);
    expect(await apply('ZGWINDOW000005', 3_000)).toMatchObject({ outcome: 'ok', value: { state: 'paid' } });
  });

  test('a notice whose window has passed (deductions held up) is sent again, judged by the days it was sent with; the deduction waits 24 h again', async () => {
    const { active, sandboxId } = await signed();
    const noticed: number[] = [];
    const deducted: string[] = [];
    let channelDown = false;
    const watching: AgreementChannelClient = {
      ...client,
      preDebitNotice: async (request) => {
        noticed.push(request.deductWithinDays ?? 0);
        return client.preDebitNotice?.(request) ?? { outcome: 'ok', value: { noticed: true } };
      },
      charge: async (request) => {
        if (channelDown) return { outcome: 'unknown', reason: 'TimeoutError' };
        deducted.push(request.outTradeNo);
        return client.charge(request);
      },
    };
    const sweep = () => sendAgreementCharges(s.ctx.database, { clock: s.clock, client: watching });
    const order = await charge(active.id, 7_700, 'bill_w5#1');
    expect(await sweep()).toMatchObject({ sent: 1, noticed: 1 });
    const first = s.clock.now();
    expect(await getPaymentOrder(s.ctx.database.db, order.id)).toMatchObject({
      papayNotifiedAt: first,
      papayNoticeDays: 1,
    });
    // At 24 h the deduction's answer is lost (an outage); the order is unknown, asked again later.
    s.clock.advance(86_400_000);
    channelDown = true;
    expect(await sweep()).toMatchObject({ sent: 1, unknown: 1 });
    channelDown = false;
    // The notice's window is [24 h, 48 h); 48 h − 10 min − 1 s: still deducted … had the channel been up.
    // Here the outage lasts: 48 h − 10 min, the window's margin — no deduction is risked, a fresh notice goes.
    s.clock.set(new Date(first.getTime() + 172_800_000 - 600_000));
    expect(await sweep()).toMatchObject({ sent: 1, noticed: 1, succeeded: 0 });
    expect([noticed, deducted]).toEqual([[1, 1], []]);
    const second = s.clock.now();
    expect(await getPaymentOrder(s.ctx.database.db, order.id)).toMatchObject({
      state: 'unknown',
      papayNotifiedAt: second,
      papayNoticeDays: 1,
    });
    expect((await sandboxContract(sandboxId))?.noticeAt).toEqual(second);
    // The waiting period counts from the new notice: 24 h − 1 s later nothing is sent, at 24 h it is paid.
    s.clock.advance(86_399_000);
    expect(await sweep()).toMatchObject({ sent: 0 });
    s.clock.advance(1_000);
    expect(await sweep()).toMatchObject({ sent: 1, noticed: 0, succeeded: 1 });
    expect(deducted).toEqual([order.outTradeNo]);
    expect(await getPaymentOrder(s.ctx.database.db, order.id)).toMatchObject({ state: 'succeeded' });

    // Noticed under a 1-day lead, then the lead set to 3 days: the notice covers [24 h, 48 h) only, so
    // the sweep does not wait for 72 h and deduct into a refusal — at 48 h − 10 min it notices for 3 days.
    const staff = { kind: 'staff', staffId: 'stf_papaywindow', username: 'window' } as never;
    const next = await charge(active.id, 7_700, 'bill_w5#2');
    expect(await sweep()).toMatchObject({ noticed: 1 });
    const third = s.clock.now();
    await runCommand(s.ctx.database, (tx) =>
      savePapayNoticeLead(tx, { papayNoticeLeadSeconds: 259_200, staff, now: s.clock.now() }),
    );
    try {
      s.clock.set(new Date(third.getTime() + 172_800_000 - 600_000));
      expect(await sweep()).toMatchObject({ sent: 1, noticed: 1 });
      expect(noticed).toEqual([1, 1, 1, 3]);
      expect(await getPaymentOrder(s.ctx.database.db, next.id)).toMatchObject({ state: 'created', papayNoticeDays: 3 });
      // The 3-day lead after the new notice: inside its window [24 h, 96 h), paid.
      s.clock.advance(259_200_000);
      expect(await sweep()).toMatchObject({ sent: 1, succeeded: 1 });
      expect(deducted).toEqual([order.outTradeNo, next.outTradeNo]);
    } finally {
      await runCommand(s.ctx.database, (tx) =>
        savePapayNoticeLead(tx, { papayNoticeLeadSeconds: 86_400, staff, now: s.clock.now() }),
      );
    }
  });

  test('terminate: the customer ends it, WeChat confirms; the PAPAY.TERMINATE that follows changes nothing more', async () => {
    const { a, sandboxId, token } = await signed();
    const ended = await s.app.inject({
      method: 'POST',
      url: `/v1/payments/agreements/${a.id}/unsign`,
      headers: bearer(token),
    });
    expect(ended.json()).toMatchObject({ id: a.id, state: 'unsigned' });
    expect((await sandboxContract(sandboxId))?.status).toBe('STOP');
    await drain();
    expect((await getAgreement(s.ctx.database.db, a.id)).state).toBe('unsigned');
    expect((await events('payments.agreement_changed', a.id)).map((e) => e.state)).toEqual(['active', 'unsigned']);
    expect(await events('payments.agreement_ended', a.id)).toEqual([]);
  });

  test('forged, stale or not-ours contract notifications change nothing; a duplicate is applied once', async () => {
    const { a } = await asked();
    const row = await getAgreement(s.ctx.database.db, a.id);
    // Signed with a key that is not WeChat Pay's, or 6 minutes old: refused at the door.
    expect((await contractNotification('PAPAY.SIGN', contractOf(row, 'ADDED'), { forged: true })).statusCode).toBe(401);
    const stale = Math.floor(s.clock.now().getTime() / 1000) - 360;
    expect((await contractNotification('PAPAY.SIGN', contractOf(row, 'ADDED'), { timestamp: stale })).statusCode).toBe(
      401,
    );
    // Well signed but for another plan: acknowledged, refused when applied.
    const otherPlan = await contractNotification('PAPAY.SIGN', { ...contractOf(row, 'ADDED'), plan_id: 999 });
    expect(otherPlan.statusCode).toBe(204);
    await drain();
    expect((await getAgreement(s.ctx.database.db, a.id)).state).toBe('signing');
    // The sandbox posts every notification twice: the second is the same message, applied once.
    await knobs({ duplicateCallbacks: true });
    const { a: second, sandboxId } = await asked();
    await s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/agreements/${sandboxId}/sign` });
    await drain();
    const copies = await s.ctx.database.db
      .select()
      .from(paymentsSandboxNotifications)
      .where(eq(paymentsSandboxNotifications.tradeId, sandboxId));
    expect(copies.map((c) => c.status)).toEqual(['delivered', 'delivered']);
    expect((await getAgreement(s.ctx.database.db, second.id)).state).toBe('active');
    expect(await events('payments.agreement_changed', second.id)).toEqual([
      expect.objectContaining({ state: 'active' }),
    ]);
  });
});
