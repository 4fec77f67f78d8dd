// The sandbox against the channels' own official clients, over real HTTP: wechatpay-axios-plugin and
// alipay-sdk sign requests the sandbox accepts and verify every answer and callback it signs. Then the
// knobs: 5xx, timeouts, lost, duplicate, delayed and out-of-order callbacks, a late payment after close.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { describeDb } from '@zulin/db/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { AlipaySdk } from 'alipay-sdk';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { parseAlipayForm, verifyAlipayNotify } from './alipay-protocol';
import {
  type CallbackPoster,
  deliverSandboxCallbacks,
  deliverSandboxCallbacksManually,
} from './deliver-sandbox-callbacks';
import { type SandboxKeySet, sandboxKeys } from './sandbox-keys';
import { paymentsSandboxNotifications } from './schema';
import {
  decryptWechatpayResource,
  platformCertificateKey,
  verifyWechatpayMessage,
  wechatpayKeyring,
  wechatpayPublicKey,
} from './wechatpay-protocol';

const require = createRequire(import.meta.url);
const { Wechatpay, Aes } = require('wechatpay-axios-plugin') as {
  Wechatpay: new (config: Record<string, unknown>) => WechatpayClient;
  Aes: { AesGcm: { decrypt(c: string, key: string, iv: string, aad: string): string } };
};
// The client is a chain of path segments ending in an HTTP verb (untyped in the package).
// biome-ignore lint/suspicious/noExplicitAny: the official client's chain is dynamic
type WechatpayClient = any;

interface SentCallback {
  url: string;
  headers: Record<string, string>;
  body: string;
}

describeDb('payments sandbox with the official clients', (get) => {
  let s: TestServer;
  let base: string;
  let keys: SandboxKeySet;
  let wxpay: WechatpayClient;
  let alipay: AlipaySdk;
  let sent: SentCallback[] = [];
  let answerWith: (c: SentCallback) => { status: number; body: string } = () => ({ status: 204, body: '' });
  const poster: CallbackPoster = async (request) => {
    sent.push(request);
    return answerWith(request);
  };
  const deliver = () => deliverSandboxCallbacks(s.ctx.database.db, { clock: s.clock, keys, post: poster });
  const knobs = (changes: Record<string, unknown>) =>
    s.app.inject({ method: 'PUT', url: '/v1/sandbox/payments/knobs', payload: changes });
  const cashier = (url: string, outcome: 'pay' | 'fail' | 'abandon') =>
    s.app.inject({ method: 'POST', url: `/v1/sandbox/payments/cashier/${url.split('/').at(-1)}/${outcome}` });
  let serial = 0;
  const tradeNo = () => `P${Date.now()}${(serial++).toString().padStart(4, '0')}`;

  beforeAll(async () => {
    // The official clients stamp requests with the real time; the sandbox checks it against its clock.
    s = await createTestServer(get().database, { modules, now: new Date().toISOString() });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`;
    // This file counts and steers each callback delivery itself.
    deliverSandboxCallbacksManually(s.ctx);
    const published = (await s.app.inject({ method: 'GET', url: '/v1/sandbox/payments/keys' })).json();
    keys = await sandboxKeys(s.ctx.database.db, s.clock.now());
    wxpay = new Wechatpay({
      mchid: published.wechatpay.mchid,
      serial: published.wechatpay.serial,
      privateKey: published.wechatpay.privateKey,
      certs: published.wechatpay.certs,
      baseURL: `${base}${published.wechatpay.baseURL}`,
    });
    alipay = new AlipaySdk({
      appId: published.alipay.appId,
      privateKey: published.alipay.privateKey,
      keyType: 'PKCS8',
      alipayPublicKey: published.alipay.alipayPublicKey,
      gateway: `${base}${published.alipay.gateway}`,
    });
  });
  afterAll(async () => {
    await s?.close();
  });
  beforeEach(async () => {
    // The official clients stamp requests with the real time: keep the clock from falling behind it
    // on a slow machine (never backwards, since tests move it forward to make callbacks due).
    s.clock.set(new Date(Math.max(Date.now(), s.clock.now().getTime())));
    sent = [];
    answerWith = () => ({ status: 204, body: '' });
    expect((await s.app.inject({ method: 'POST', url: '/v1/sandbox/payments/knobs/reset' })).statusCode).toBe(200);
  });

  const ourKeyring = () =>
    wechatpayKeyring([
      platformCertificateKey(keys.wechatpay.platformCertificatePem),
      wechatpayPublicKey(keys.wechatpay.publicKeyId, keys.wechatpay.publicKeyPem),
    ]);

  async function wechatH5(outTradeNo: string, total: number): Promise<string> {
    const { data } = await wxpay.v3.pay.transactions.h5.post({
      appid: keys.wechatpay.appId,
      mchid: keys.wechatpay.mchid,
      description: '租金 12月',
      out_trade_no: outTradeNo,
      notify_url: 'https://zulin.example/v1/webhooks/wechatpay',
      amount: { total, currency: 'CNY' },
      scene_info: { payer_client_ip: '127.0.0.1', h5_info: { type: 'Wap' } },
    });
    return data.h5_url;
  }

  const wechatQuery = async (outTradeNo: string) =>
    (
      await wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.get({
        params: { mchid: keys.wechatpay.mchid },
        out_trade_no: outTradeNo,
      })
    ).data;

  describe('WeChat Pay v3', () => {
    test('the official client creates, the cashier pays, the client queries and refunds; every answer verified by the client', async () => {
      const outTradeNo = tradeNo();
      const h5Url = await wechatH5(outTradeNo, 8888);
      expect(h5Url).toMatch(/^\/h5\/#\/sandbox-cashier\/sbx_/);
      expect(await wechatQuery(outTradeNo)).toMatchObject({
        out_trade_no: outTradeNo,
        trade_state: 'NOTPAY',
        amount: { total: 8888 },
      });

      expect((await cashier(h5Url, 'pay')).statusCode).toBe(200);
      const paid = await wechatQuery(outTradeNo);
      expect(paid).toMatchObject({ trade_state: 'SUCCESS', amount: { total: 8888, payer_total: 8888 } });
      expect(paid.transaction_id).toMatch(/^4200\d{24}$/);

      const { data: refund } = await wxpay.v3.refund.domestic.refunds.post({
        out_trade_no: outTradeNo,
        out_refund_no: `R${outTradeNo}`,
        notify_url: 'https://zulin.example/v1/webhooks/wechatpay',
        amount: { refund: 1000, total: 8888, currency: 'CNY' },
      });
      expect(refund).toMatchObject({ status: 'SUCCESS', amount: { refund: 1000, total: 8888 } });
      // Refunding more than is left is refused in WeChat's words.
      await expect(
        wxpay.v3.refund.domestic.refunds.post({
          out_trade_no: outTradeNo,
          out_refund_no: `R2${outTradeNo}`,
          amount: { refund: 7889, total: 8888, currency: 'CNY' },
        }),
      ).rejects.toMatchObject({ response: { status: 403, data: { code: 'NOT_ENOUGH' } } });

      // Two callbacks: the payment and the refund; both verify with our keyring and decrypt with the APIv3 key.
      expect(await deliver()).toEqual({ delivered: 2, retried: 0 });
      const [payment, refunded] = sent.map((c) => {
        expect(verifyWechatpayMessage(c.headers, c.body, ourKeyring(), s.clock.now()).mode).toBe('public-key');
        const envelope = JSON.parse(c.body);
        const plain = decryptWechatpayResource(envelope.resource, keys.wechatpay.apiV3Key);
        // The official client decrypts it identically.
        expect(
          Aes.AesGcm.decrypt(
            envelope.resource.ciphertext,
            keys.wechatpay.apiV3Key,
            envelope.resource.nonce,
            envelope.resource.associated_data,
          ),
        ).toBe(plain);
        return { type: envelope.event_type, resource: JSON.parse(plain) };
      });
      expect(payment).toMatchObject({
        type: 'TRANSACTION.SUCCESS',
        resource: { out_trade_no: outTradeNo, trade_state: 'SUCCESS', amount: { total: 8888 } },
      });
      expect(refunded).toMatchObject({
        type: 'REFUND.SUCCESS',
        resource: { out_refund_no: `R${outTradeNo}`, amount: { refund: 1000 } },
      });
    });

    test('answers are signed in the platform-certificate mode when the knob says so, and the client verifies them', async () => {
      await knobs({ wechatpayKeyMode: 'platform-certificate' });
      const outTradeNo = tradeNo();
      const response = await wxpay.v3.pay.transactions.h5.post({
        appid: keys.wechatpay.appId,
        mchid: keys.wechatpay.mchid,
        description: 'x',
        out_trade_no: outTradeNo,
        notify_url: 'https://zulin.example/n',
        amount: { total: 1 },
      });
      expect(response.headers['wechatpay-serial']).toBe(keys.wechatpay.platformCertificateSerial);
      await cashier(response.data.h5_url, 'pay');
      await deliver();
      expect(
        verifyWechatpayMessage(sent[0]?.headers ?? {}, sent[0]?.body ?? '', ourKeyring(), s.clock.now()).mode,
      ).toBe('platform-certificate');
    });

    test('refuses a request signed with another key, in WeChat words, and changes nothing', async () => {
      const forger = new Wechatpay({
        mchid: keys.wechatpay.mchid,
        serial: keys.wechatpay.merchantSerial,
        privateKey: keys.wechatpay.platformPrivateKeyPem,
        certs: { [keys.wechatpay.publicKeyId]: keys.wechatpay.publicKeyPem },
        baseURL: `${base}/v1/sandbox/payments/wechatpay/`,
      });
      const outTradeNo = tradeNo();
      await expect(
        forger.v3.pay.transactions.h5.post({
          appid: keys.wechatpay.appId,
          mchid: keys.wechatpay.mchid,
          description: 'x',
          out_trade_no: outTradeNo,
          notify_url: 'https://x/n',
          amount: { total: 1 },
        }),
      ).rejects.toMatchObject({ response: { status: 401, data: { code: 'SIGN_ERROR' } } });
      await expect(wechatQuery(outTradeNo)).rejects.toMatchObject({
        response: { status: 404, data: { code: 'ORDER_NOT_EXIST' } },
      });
    });

    test('the 5xx knob fails the next call; the timeout knob carries a call out but answers after the client gave up', async () => {
      await knobs({ failNextCalls: 1 });
      const outTradeNo = tradeNo();
      await expect(wechatH5(outTradeNo, 100)).rejects.toMatchObject({
        response: { status: 500, data: { code: 'SYSTEM_ERROR' } },
      });
      // The failed call created nothing; the retry goes through.
      await expect(wechatQuery(outTradeNo)).rejects.toMatchObject({ response: { status: 404 } });
      await knobs({ timeoutNextCalls: 1, timeoutSeconds: 2 });
      await expect(
        wxpay.v3.pay.transactions.h5.post(
          {
            appid: keys.wechatpay.appId,
            mchid: keys.wechatpay.mchid,
            description: 'x',
            out_trade_no: outTradeNo,
            notify_url: 'https://x/n',
            amount: { total: 100 },
          },
          { timeout: 500 },
        ),
      ).rejects.toMatchObject({ code: 'ECONNABORTED' });
      // The order exists at the channel although the merchant never saw the answer: an `unknown` payment.
      expect(await wechatQuery(outTradeNo)).toMatchObject({ trade_state: 'NOTPAY', amount: { total: 100 } });
    });

    test('closing, then a late payment after close when the knob allows it (and only then)', async () => {
      const outTradeNo = tradeNo();
      const url = await wechatH5(outTradeNo, 500);
      const closed = await wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.close.post(
        { mchid: keys.wechatpay.mchid },
        { out_trade_no: outTradeNo },
      );
      expect(closed.status).toBe(204);
      expect((await wechatQuery(outTradeNo)).trade_state).toBe('CLOSED');
      expect((await cashier(url, 'pay')).json()).toMatchObject({ code: 'PAYMENTS_SANDBOX_TRADE_NOT_OPEN' });
      await knobs({ allowPaymentAfterClose: true });
      expect((await cashier(url, 'pay')).statusCode).toBe(200);
      expect((await wechatQuery(outTradeNo)).trade_state).toBe('SUCCESS');
      expect(await deliver()).toEqual({ delivered: 1, retried: 0 });
    });

    test('the official client applies for a trade bill (answer verified) and downloads it: gzip whose unzipped SHA-1 is hash_value', async () => {
      // Two days ago (Beijing): out at any hour of today.
      const billDate = new Date(s.clock.now().getTime() + 8 * 3_600_000 - 2 * 86_400_000).toISOString().slice(0, 10);
      const { data } = await wxpay.v3.bill.tradebill.get({
        params: { bill_date: billDate, bill_type: 'ALL', tar_type: 'GZIP' },
      });
      expect(data.hash_type).toBe('SHA1');
      const url = new URL(data.download_url);
      // The client does not verify a download's answer (WeChat does not sign it): it is in its DOWNLOADS.
      const file = await wxpay.v3.billdownload.file.get({
        params: Object.fromEntries(url.searchParams),
        responseType: 'arraybuffer',
      });
      const bill = gunzipSync(Buffer.from(file.data));
      expect(createHash('sha1').update(bill).digest('hex')).toBe(data.hash_value);
      expect(bill.toString('utf8').startsWith('交易时间,公众账号ID,商户号')).toBe(true);
    });
  });

  describe('Alipay', () => {
    test('the official SDK asks for the bill link (answer verified); the link gives a ZIP', async () => {
      const billDate = new Date(s.clock.now().getTime() + 8 * 3_600_000 - 2 * 86_400_000).toISOString().slice(0, 10);
      const answer = await alipay.exec(
        'alipay.data.dataservice.bill.downloadurl.query',
        { bizContent: { billType: 'trade', billDate } },
        { validateSign: true },
      );
      expect(answer.code).toBe('10000');
      const zip = Buffer.from(await (await fetch(answer.billDownloadUrl)).arrayBuffer());
      expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
      // Today's bill is not out: the gateway's own words.
      const today = new Date(s.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      const notYet = await alipay.exec(
        'alipay.data.dataservice.bill.downloadurl.query',
        { bizContent: { billType: 'trade', billDate: today } },
        { validateSign: true },
      );
      expect(notYet).toMatchObject({ code: '40004', subCode: 'isp.bill_not_exist' });
    });

    test('the official SDK precreates, the cashier pays, the SDK queries with validateSign and verifies the notification', async () => {
      const outTradeNo = tradeNo();
      const created = await alipay.exec(
        'alipay.trade.precreate',
        {
          notify_url: 'https://zulin.example/v1/webhooks/alipay',
          bizContent: { outTradeNo, totalAmount: '88.88', subject: '租金 12月' },
        },
        { validateSign: true },
      );
      expect(created).toMatchObject({ code: '10000', outTradeNo });
      expect(
        (await alipay.exec('alipay.trade.query', { bizContent: { outTradeNo } }, { validateSign: true })).tradeStatus,
      ).toBe('WAIT_BUYER_PAY');

      expect((await cashier(created.qrCode, 'pay')).statusCode).toBe(200);
      const paid = await alipay.exec('alipay.trade.query', { bizContent: { outTradeNo } }, { validateSign: true });
      expect(paid).toMatchObject({
        code: '10000',
        tradeStatus: 'TRADE_SUCCESS',
        totalAmount: '88.88',
        buyerPayAmount: '88.88',
      });

      answerWith = () => ({ status: 200, body: 'success' });
      expect(await deliver()).toEqual({ delivered: 1, retried: 0 });
      const params = parseAlipayForm(sent[0]?.body ?? '');
      expect(alipay.checkNotifySignV2(params)).toBe(true);
      expect(() =>
        verifyAlipayNotify(params, require('node:crypto').createPublicKey(keys.alipay.alipayPublicKeyPem)),
      ).not.toThrow();
      expect(params).toMatchObject({
        out_trade_no: outTradeNo,
        trade_status: 'TRADE_SUCCESS',
        total_amount: '88.88',
        app_id: keys.alipay.appId,
      });

      const refund = await alipay.exec(
        'alipay.trade.refund',
        { bizContent: { outTradeNo, refundAmount: '0.01', outRequestNo: 'R1' } },
        { validateSign: true },
      );
      expect(refund).toMatchObject({ code: '10000', refundFee: '0.01', fundChange: 'Y' });
    });

    test('refuses a request signed with another key, and more than two decimals, in Alipay words', async () => {
      const forger = new AlipaySdk({
        appId: keys.alipay.appId,
        privateKey: keys.alipay.alipayPrivateKeyPem,
        keyType: 'PKCS8',
        alipayPublicKey: keys.alipay.alipayPublicKeyPem,
        gateway: `${base}/v1/sandbox/payments/alipay/gateway.do`,
      });
      const outTradeNo = tradeNo();
      expect(
        await forger.exec('alipay.trade.precreate', {
          notify_url: 'https://x/n',
          bizContent: { outTradeNo, totalAmount: '1.00', subject: 'x' },
        }),
      ).toMatchObject({
        code: '40002',
        subCode: 'isv.invalid-signature',
      });
      expect(
        await alipay.exec('alipay.trade.precreate', {
          notify_url: 'https://x/n',
          bizContent: { outTradeNo, totalAmount: '1.001', subject: 'x' },
        }),
      ).toMatchObject({
        code: '40002',
        subCode: 'isv.invalid-parameter',
      });
      expect(
        await alipay.exec('alipay.trade.query', { bizContent: { outTradeNo } }, { validateSign: true }),
      ).toMatchObject({
        code: '40004',
        subCode: 'ACQ.TRADE_NOT_EXIST',
      });
    });

    test('an unacknowledged callback is retried on WeChat Pay’s schedule; "success" ends it', async () => {
      const outTradeNo = tradeNo();
      const created = await alipay.exec('alipay.trade.precreate', {
        notify_url: 'https://x/n',
        bizContent: { outTradeNo, totalAmount: '1.00', subject: 'x' },
      });
      await cashier(created.qrCode, 'pay');
      answerWith = () => ({ status: 200, body: 'fail' });
      expect(await deliver()).toEqual({ delivered: 0, retried: 1 });
      expect(await deliver()).toEqual({ delivered: 0, retried: 0 });
      s.clock.advance(15_000);
      answerWith = () => ({ status: 200, body: 'success' });
      expect(await deliver()).toEqual({ delivered: 1, retried: 0 });
      expect(sent).toHaveLength(2);
    });
  });

  describe('callback knobs', () => {
    async function paidWechat(total: number): Promise<string> {
      const outTradeNo = tradeNo();
      await cashier(await wechatH5(outTradeNo, total), 'pay');
      return outTradeNo;
    }
    const outTradeNoOf = (c: SentCallback) =>
      JSON.parse(decryptWechatpayResource(JSON.parse(c.body).resource, keys.wechatpay.apiV3Key)).out_trade_no;

    test('lost: recorded, never sent; duplicate: sent twice with the same event id', async () => {
      await knobs({ loseNextCallbacks: 1 });
      const lost = await paidWechat(100);
      expect(await deliver()).toEqual({ delivered: 0, retried: 0 });
      const rows = await s.ctx.database.db
        .select()
        .from(paymentsSandboxNotifications)
        .where(eq(paymentsSandboxNotifications.status, 'lost'));
      expect(
        rows.map(
          (r) =>
            JSON.parse(decryptWechatpayResource(JSON.parse(r.body).resource, keys.wechatpay.apiV3Key)).out_trade_no,
        ),
      ).toContain(lost);

      await knobs({ duplicateCallbacks: true });
      await paidWechat(200);
      expect(await deliver()).toEqual({ delivered: 2, retried: 0 });
      expect(JSON.parse(sent[0]?.body ?? '{}').id).toBe(JSON.parse(sent[1]?.body ?? '{}').id);
    });

    test('delayed callbacks wait for their time; out-of-order sends the newest first', async () => {
      await knobs({ callbackDelaySeconds: 120, outOfOrderCallbacks: true });
      const first = await paidWechat(100);
      s.clock.advance(1_000);
      const second = await paidWechat(200);
      expect(await deliver()).toEqual({ delivered: 0, retried: 0 });
      s.clock.advance(121_000);
      expect(await deliver()).toEqual({ delivered: 2, retried: 0 });
      expect(sent.map(outTradeNoOf)).toEqual([second, first]);
      // Signed at sending, so a delayed callback is not stale when it arrives.
      for (const c of sent)
        expect(() => verifyWechatpayMessage(c.headers, c.body, ourKeyring(), s.clock.now())).not.toThrow();
    });
  });
});
