// Alipay's public-key certificate mode (公钥证书模式) against the sandbox, over real HTTP: the official
// alipay-sdk configured with the sandbox's three certificates (GET /v1/sandbox/payments/keys) pays,
// queries and refunds and verifies every answer and the notification; our own client in certificate
// mode pays and queries (app_cert_sn and alipay_root_cert_sn on every request, alipay_cert_sn on every
// answer); an answer under another alipay_cert_sn is refused and books nothing; the sandbox refuses
// wrong SNs in the gateway's words.
import type { AddressInfo } from 'node:net';
import { describeDb } from '@zulin/db/testing';
import { assertLedgerConsistent, channelClearingAccount, getBalances, platformAccount } from '@zulin/ledger';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { AlipaySdk } from 'alipay-sdk';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { alipayAgreementClient } from './agreement-clients';
import {
  alipayCertPublicKey,
  alipayCertSn,
  alipayForm,
  alipayRootCertSn,
  parseAlipayForm,
  signAlipayRequest,
  verifyAlipayNotify,
} from './alipay-protocol';
import { alipayAuthorisationClient } from './authorisation-clients';
import { alipayCaller, alipayClient, alipayTimestamp } from './channel-clients';
import { type AlipaySettings, channelSettings, usePaymentsBaseUrl } from './channel-settings';
import {
  type CallbackPoster,
  deliverSandboxCallbacks,
  deliverSandboxCallbacksManually,
} from './deliver-sandbox-callbacks';
import { createPaymentOrder, getPaymentOrder } from './payment-orders';
import { recheckPayments } from './recheck-payments';
import { generateAlipayCertificates, type SandboxKeySet, sandboxKeys } from './sandbox-keys';
import { paymentsSandboxKeys, paymentsSandboxTrades } from './schema';
import { submitPayment } from './submit-payment';

describeDb('Alipay certificate mode against the sandbox', (get) => {
  let s: TestServer;
  let base: string;
  let keys: SandboxKeySet;
  let published: Record<string, string>;
  let keyMode: AlipaySettings;
  let certMode: AlipaySettings;
  let creditAccountId: string;
  let sent: { url: string; headers: Record<string, string>; body: string }[] = [];
  const poster: CallbackPoster = async (request) => {
    sent.push(request);
    return { status: 200, body: 'success' };
  };
  const cashier = (tradeId: string, outcome: 'pay') =>
    s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/cashier/${tradeId}/${outcome}` });
  let serial = 0;
  const tradeNo = () => `C${Date.now()}${(serial++).toString().padStart(4, '0')}`;

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: new Date().toISOString() });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`;
    usePaymentsBaseUrl(s.ctx, base);
    deliverSandboxCallbacksManually(s.ctx);
    published = (await s.app.inject({ method: 'GET', url: '/v1/sandbox/payments/keys' })).json().alipay;
    keys = await sandboxKeys(s.ctx.database.db, s.clock.now());
    const settings = (await channelSettings(s.ctx)).alipay;
    if (!settings) throw new Error('the sandbox configures Alipay');
    keyMode = settings;
    certMode = {
      ...settings,
      alipayPublicKey: alipayCertPublicKey(published.alipayPublicCertContent ?? ''),
      certificates: {
        appCertSn: alipayCertSn(published.appCertContent ?? ''),
        alipayRootCertSn: alipayRootCertSn(published.alipayRootCertContent ?? ''),
        alipayCertSn: alipayCertSn(published.alipayPublicCertContent ?? ''),
      },
    };
    creditAccountId = (await platformAccount(s.ctx.database.db, s.clock, 'customer_receivables')).id;
  });
  afterAll(async () => {
    await s?.close();
  });
  beforeEach(async () => {
    s.clock.set(new Date(Math.max(Date.now(), s.clock.now().getTime())));
    sent = [];
    await s.app.inject({ method: 'POST', url: '/v1/sandbox/payments/knobs/reset' });
  });

  test('the sandbox hands out its three certificates: a root file of two RSA roots, and the Alipay and app certificates it issued over the keys', () => {
    expect(published.alipayRootCertContent?.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    expect(alipayRootCertSn(published.alipayRootCertContent ?? '')).toMatch(/^[0-9a-f]{32}_[0-9a-f]{32}$/);
    expect(
      alipayCertPublicKey(published.alipayPublicCertContent ?? '')
        .export({ type: 'spki', format: 'pem' })
        .toString(),
    ).toBe(keys.alipay.alipayPublicKeyPem);
    expect(
      alipayCertPublicKey(published.appCertContent ?? '')
        .export({ type: 'spki', format: 'pem' })
        .toString(),
    ).toBe(keys.alipay.appPublicKeyPem);
  });

  test('the official SDK in certificate mode precreates, the cashier pays, it queries and refunds with validateSign and verifies the notification', async () => {
    const sdk = new AlipaySdk({
      appId: published.appId ?? '',
      privateKey: published.privateKey ?? '',
      keyType: 'PKCS8',
      appCertContent: published.appCertContent,
      alipayPublicCertContent: published.alipayPublicCertContent,
      alipayRootCertContent: published.alipayRootCertContent,
      gateway: `${base}${published.gateway}`,
    });
    // The SDK's own SNs are ours.
    expect(sdk.config.appCertSn).toBe(certMode.certificates?.appCertSn);
    expect(sdk.config.alipayRootCertSn).toBe(certMode.certificates?.alipayRootCertSn);
    expect(sdk.config.alipayCertSn).toBe(certMode.certificates?.alipayCertSn);
    const outTradeNo = tradeNo();
    const created = await sdk.exec(
      'alipay.trade.precreate',
      {
        notify_url: 'https://zulin.example/v1/webhooks/alipay',
        bizContent: { outTradeNo, totalAmount: '66.66', subject: '租金 12月' },
      },
      { validateSign: true },
    );
    expect(created).toMatchObject({ code: '10000', outTradeNo });
    const [trade] = await s.ctx.database.db
      .select()
      .from(paymentsSandboxTrades)
      .where(eq(paymentsSandboxTrades.outTradeNo, outTradeNo));
    expect((await cashier(trade?.id ?? '', 'pay')).statusCode).toBe(200);
    const paid = await sdk.exec('alipay.trade.query', { bizContent: { outTradeNo } }, { validateSign: true });
    expect(paid).toMatchObject({ code: '10000', tradeStatus: 'TRADE_SUCCESS', totalAmount: '66.66' });

    expect(await deliverSandboxCallbacks(s.ctx.database.db, { clock: s.clock, keys, post: poster })).toEqual({
      delivered: 1,
      retried: 0,
    });
    const params = parseAlipayForm(sent[0]?.body ?? '');
    expect(params).toMatchObject({ out_trade_no: outTradeNo, trade_status: 'TRADE_SUCCESS', total_amount: '66.66' });
    // The SDK verifies with the key it read from the Alipay certificate; so do we.
    expect(sdk.checkNotifySignV2(params)).toBe(true);
    expect(() => verifyAlipayNotify(params, certMode.alipayPublicKey)).not.toThrow();

    const refund = await sdk.exec(
      'alipay.trade.refund',
      { bizContent: { outTradeNo, refundAmount: '6.66', outRequestNo: 'R1' } },
      { validateSign: true },
    );
    expect(refund).toMatchObject({ code: '10000', refundFee: '6.66', fundChange: 'Y' });
  });

  /** A raw call, to read the answer as sent. */
  async function rawCall(extra: Record<string, string>, biz: object): Promise<string> {
    const params = signAlipayRequest(
      {
        app_id: keys.alipay.appId,
        method: 'alipay.trade.query',
        format: 'JSON',
        charset: 'utf-8',
        sign_type: 'RSA2',
        timestamp: alipayTimestamp(s.clock.now()),
        version: '1.0',
        ...extra,
        biz_content: JSON.stringify(biz),
      },
      keyMode.appPrivateKey,
    );
    const res = await fetch(keyMode.gateway, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: alipayForm(params),
    });
    return res.text();
  }

  test('a certificate-mode request is answered with alipay_cert_sn beside the signed response; a key-mode one without it', async () => {
    const certificates = certMode.certificates;
    if (!certificates) throw new Error('certificate mode');
    const cert = JSON.parse(
      await rawCall(
        { app_cert_sn: certificates.appCertSn, alipay_root_cert_sn: certificates.alipayRootCertSn },
        { out_trade_no: 'ZPNOSUCHTRADE' },
      ),
    );
    expect(cert.alipay_cert_sn).toBe(certificates.alipayCertSn);
    expect(cert.alipay_trade_query_response).toMatchObject({ code: '40004', sub_code: 'ACQ.TRADE_NOT_EXIST' });
    const key = JSON.parse(await rawCall({}, { out_trade_no: 'ZPNOSUCHTRADE' }));
    expect(key.alipay_cert_sn).toBeUndefined();
    expect(key.alipay_trade_query_response).toMatchObject({ sub_code: 'ACQ.TRADE_NOT_EXIST' });
  });

  test('our client in certificate mode pays and queries: submitted, paid with the callback lost, settled by the janitor’s query, posted once', async () => {
    const order = await s.ctx.database.db.transaction((tx) =>
      createPaymentOrder(tx, s.clock, {
        channel: 'alipay',
        customerId: 'cus_certmode',
        amountMinor: 12_345,
        description: '租金',
        purpose: 'test.payment',
        reference: 'certmode1',
        creditAccountId,
      }),
    );
    const clearing = await channelClearingAccount(s.ctx.database.db, s.clock, 'alipay');
    const balance = async () => {
      const b = (await getBalances(s.ctx.database.db, [clearing.id])).get(clearing.id);
      return (b?.creditsPostedMinor ?? 0) - (b?.debitsPostedMinor ?? 0);
    };
    const before = await balance();
    const client = alipayClient(certMode, s.clock);
    const submitted = await submitPayment(s.ctx.database, { clock: s.clock, client }, order.id);
    expect(submitted).toMatchObject({ state: 'pending' });
    const [trade] = await s.ctx.database.db
      .select()
      .from(paymentsSandboxTrades)
      .where(eq(paymentsSandboxTrades.outTradeNo, order.outTradeNo));
    expect(await client.query(order.outTradeNo)).toMatchObject({ outcome: 'ok', value: { state: 'open' } });
    await s.app.inject({ method: 'PUT', url: '/v1/sandbox/payments/knobs', payload: { loseNextCallbacks: 1 } });
    expect((await cashier(trade?.id ?? '', 'pay')).statusCode).toBe(200);
    expect(await client.query(order.outTradeNo)).toEqual({
      outcome: 'ok',
      value: {
        state: 'paid',
        merchantId: keys.alipay.appId,
        amountMinor: 12_345,
        channelTradeNo: trade?.channelTradeNo,
        // send_pay_date: the payment's time at Alipay, to the second (the test clock stands still).
        paidAt: new Date(Math.floor(s.clock.now().getTime() / 1000) * 1000),
      },
    });
    s.clock.advance(3_600_000);
    expect(
      await recheckPayments(s.ctx.database, {
        clock: s.clock,
        channelOf: async () => ({ client, merchantId: keys.alipay.appId }),
      }),
    ).toMatchObject({ settled: 1 });
    expect(await getPaymentOrder(s.ctx.database.db, order.id)).toMatchObject({ state: 'succeeded' });
    expect(await balance()).toBe(before - 12_345);
    await assertLedgerConsistent(s.ctx.database.db);
  });

  test('an answer under another alipay_cert_sn is refused as unverifiable: the order is unknown and nothing is booked', async () => {
    // Our configuration names a different Alipay certificate (one over the same key, from another
    // root): the sandbox's answers carry its own SN, which is not ours.
    const other = await generateAlipayCertificates(s.clock.now(), keys.alipay);
    const certificates = certMode.certificates;
    if (!certificates) throw new Error('certificate mode');
    const stale: AlipaySettings = {
      ...certMode,
      certificates: { ...certificates, alipayCertSn: alipayCertSn(other.alipayCertificatePem) },
    };
    expect(alipayCertSn(other.alipayCertificatePem)).not.toBe(certificates.alipayCertSn);
    const order = await s.ctx.database.db.transaction((tx) =>
      createPaymentOrder(tx, s.clock, {
        channel: 'alipay',
        customerId: 'cus_certmode',
        amountMinor: 500,
        description: '租金',
        purpose: 'test.payment',
        reference: 'certmode2',
        creditAccountId,
      }),
    );
    const clearing = await channelClearingAccount(s.ctx.database.db, s.clock, 'alipay');
    const before = (await getBalances(s.ctx.database.db, [clearing.id])).get(clearing.id);
    const client = alipayClient(stale, s.clock);
    const submitted = await submitPayment(s.ctx.database, { clock: s.clock, client }, order.id);
    expect(submitted).toMatchObject({ state: 'unknown', cashierUrl: null });
    expect(await client.query(order.outTradeNo)).toEqual({
      outcome: 'unknown',
      reason: 'answer signature does not verify: alipay_cert_sn mismatch',
    });
    expect((await getBalances(s.ctx.database.db, [clearing.id])).get(clearing.id)).toEqual(before);
  });

  test('the sandbox refuses wrong or missing SNs in the gateway’s words', async () => {
    const certificates = certMode.certificates;
    if (!certificates) throw new Error('certificate mode');
    const ask = (c: NonNullable<AlipaySettings['certificates']>) =>
      alipayCaller({ ...certMode, certificates: c }, s.clock)('alipay.trade.query', { out_trade_no: 'ZPX' });
    expect(await ask({ ...certificates, appCertSn: '0'.repeat(32) })).toMatchObject({
      outcome: 'refused',
      code: 'isv.app-cert-not-exist',
    });
    expect(
      await ask({ ...certificates, alipayRootCertSn: certificates.alipayRootCertSn.split('_')[1] ?? '' }),
    ).toMatchObject({
      outcome: 'refused',
      code: 'isv.invalid-alipay-root-cert-sn',
    });
    expect(await ask({ ...certificates, appCertSn: '' })).toMatchObject({
      outcome: 'refused',
      code: 'isv.missing-app-cert-sn',
    });
    expect(await ask({ ...certificates, alipayRootCertSn: '' })).toMatchObject({
      outcome: 'refused',
      code: 'isv.missing-alipay-root-cert-sn',
    });
  });

  test('the agreement sign-page URL and a fund-authorisation freeze carry the SNs too, and the sandbox accepts them', async () => {
    const certificates = certMode.certificates;
    if (!certificates) throw new Error('certificate mode');
    const client = alipayClient(certMode, s.clock);
    const agreements = alipayAgreementClient(certMode, s.clock, (no) => client.query(no));
    const page = await agreements.signPage({
      externalAgreementNo: `EA${Date.now()}`,
      perChargeMaxMinor: 50_000,
      periodDays: 30,
      startDate: '2027-01-05',
    });
    if (page.outcome !== 'ok') throw new Error('the sign page is a URL');
    const query = new URL(page.value.url).searchParams;
    expect(query.get('app_cert_sn')).toBe(certificates.appCertSn);
    expect(query.get('alipay_root_cert_sn')).toBe(certificates.alipayRootCertSn);
    const opened = await fetch(page.value.url, { redirect: 'manual' });
    expect(opened.status).toBe(302);
    const frozen = await alipayAuthorisationClient(certMode, s.clock).freeze({
      outOrderNo: `AO${Date.now()}`,
      requestNo: `AR${Date.now()}`,
      amountMinor: 300_000,
      description: '押金',
      payerToken: '286000000000000001',
    });
    expect(frozen).toMatchObject({ outcome: 'ok', value: { creditMinor: expect.any(Number) } });
  });

  test('a sandbox key set stored before certificate mode gets its certificates at the next read, over the same keys', async () => {
    const { appCertificatePem, alipayCertificatePem, rootCertificatePem, ...before } = keys.alipay;
    expect([appCertificatePem, alipayCertificatePem, rootCertificatePem].every(Boolean)).toBe(true);
    await s.ctx.database.db
      .update(paymentsSandboxKeys)
      .set({ keys: { ...keys, alipay: before } })
      .where(eq(paymentsSandboxKeys.id, 'sandbox'));
    const upgraded = await sandboxKeys(s.ctx.database.db, s.clock.now());
    expect(upgraded.alipay).toMatchObject(before);
    expect(upgraded.alipay.appCertificatePem).toMatch(/BEGIN CERTIFICATE/);
    expect(upgraded.alipay.appCertificatePem).not.toBe(appCertificatePem);
    expect(
      alipayCertPublicKey(upgraded.alipay.appCertificatePem ?? '')
        .export({ type: 'spki', format: 'pem' })
        .toString(),
    ).toBe(before.appPublicKeyPem);
    // Read again: the stored set, not another one.
    expect((await sandboxKeys(s.ctx.database.db, s.clock.now())).alipay).toEqual(upgraded.alipay);
  });
});
