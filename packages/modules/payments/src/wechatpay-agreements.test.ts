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

  test('notice, then deduction: paid once and posted through the WeChat clearing account; a charge sent again is not noticed twice', async () => {
    const { active, sandboxId } = await signed();
    const clearing = await channelClearingAccount(s.ctx.database.db, s.clock, 'wechatpay');
    const before = { clearing: await balance(clearing.id), credit: await balance(creditAccountId) };
    const order = await charge(active.id, 12_900, 'bill_w1#1');
    // The first deduction's answer is lost (the call timed out): the notice is remembered on the order.
    let notices = 0;
    const counting: AgreementChannelClient = {
      ...client,
      preDebitNotice: async (request) => {
        notices++;
        return client.preDebitNotice?.(request) ?? { outcome: 'ok', value: { noticed: true } };
      },
    };
    const lost: AgreementChannelClient = {
      ...counting,
      charge: async () => ({ outcome: 'unknown', reason: 'TimeoutError' }),
    };
    expect(await sendAgreementCharges(s.ctx.database, { clock: s.clock, client: lost })).toMatchObject({
      sent: 1,
      unknown: 1,
    });
    expect(notices).toBe(1);
    expect(await getPaymentOrder(s.ctx.database.db, order.id)).toMatchObject({
      state: 'unknown',
      papayNotifiedAt: expect.any(Date),
    });
    expect((await sandboxContract(sandboxId))?.noticeAmountMinor).toBe(12_900);
    // Sent again when due: no second notice, the deduction is paid.
    s.clock.advance(10 * 60_000);
    expect(await sendAgreementCharges(s.ctx.database, { clock: s.clock, client: counting })).toEqual({
      sent: 1,
      succeeded: 1,
      failed: 0,
      pending: 0,
      unknown: 0,
    });
    expect(notices).toBe(1);
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
    // Through the sweep with no money on the payer's side: noticed, then refused NOT_ENOUGH — failed, nothing posted.
    await knobs({ insufficientFunds: true });
    const clearing = await channelClearingAccount(s.ctx.database.db, s.clock, 'wechatpay');
    const before = await balance(clearing.id);
    const order = await charge(active.id, 4_000, 'bill_w2#1');
    expect(await sendAgreementCharges(s.ctx.database, deps())).toMatchObject({ sent: 1, failed: 1 });
    expect(await getPaymentOrder(s.ctx.database.db, order.id)).toMatchObject({
      state: 'failed',
      failureReason: expect.stringContaining('NOT_ENOUGH'),
    });
    expect(await balance(clearing.id)).toBe(before);
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
