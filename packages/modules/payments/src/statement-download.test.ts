// Production statement download (#11) end to end over HTTP against the sandbox, which serves the
// channels' real endpoints in their real formats: our clients configured as in production (settings
// read from the environment by productionSettings, only the base URL and gateway pointed at the
// sandbox) apply for WeChat Pay's trade bill (signed, answer verified), download it (signed GET,
// gzip, SHA-1 over the unzipped bill), and ask Alipay for the bill link (RSA2, verified) and read its
// ZIP of GBK CSV; the day's reconciliation then finds the planted mismatches. A file whose SHA-1 does
// not match is refused and records nothing; a bill not out yet is `not ready`, and the daily tick
// fails, is run again later and then reconciles — nothing lost, nothing done twice.
import { createHash, createPrivateKey } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { runTick } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { signInTestStaff } from '@zulin/identity/testing';
import { addDays, type BusinessDate, today } from '@zulin/kernel';
import { assertLedgerConsistent, platformAccount } from '@zulin/ledger';
import { runCommand } from '@zulin/platform';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest';
import { decodeGbk, readZip } from './bill-archives';
import {
  type AlipaySettings,
  productionSettings,
  usePaymentsBaseUrl,
  type WechatpaySettings,
} from './channel-settings';
import { deliverSandboxCallbacksManually } from './deliver-sandbox-callbacks';
import { getPaymentOrder } from './payment-orders';
import { reconcilePayments } from './reconcile-payments';
import { fetchStatement } from './reconciliation-runs';
import { sandboxKeys } from './sandbox-keys';
import { wechatpaySandboxPrefix } from './sandbox-wechatpay';
import { paymentsReconciliationRuns, paymentsSandboxTrades } from './schema';
import { downloadAlipayBill, downloadWechatpayTradeBill, type StatementDownload } from './statement-download';
import { parseStatement } from './statements';
import { sandboxPaymentsKit } from './testing';
import { signWechatpayMessage, wechatpayAuthorization, wechatpayNonce } from './wechatpay-protocol';

describeDb('statement download against the sandbox', (get) => {
  let s: TestServer;
  let base: string;
  let creditAccountId: string;
  let wechatpay: WechatpaySettings;
  let alipay: AlipaySettings;
  let day: BusinessDate;
  const planted = new Map<
    'wechatpay' | 'alipay',
    { clean: string; dropped: string; scaled: string; droppedId: string }
  >();

  const { knobs, start, pay, deliver } = sandboxPaymentsKit(() => s, {
    prefix: 'sd',
    description: '租金 第1期',
    creditAccountId: () => creditAccountId,
  });
  const runsOf = async (channel: 'wechatpay' | 'alipay', businessDate: BusinessDate) =>
    s.ctx.database.db
      .select()
      .from(paymentsReconciliationRuns)
      .where(
        and(eq(paymentsReconciliationRuns.channel, channel), eq(paymentsReconciliationRuns.businessDate, businessDate)),
      );
  /** Local time on the day after the bill's day (Shanghai, UTC+8). */
  const nextDayAt = (hhmm: string) => new Date(`${addDays(day, 1)}T${hhmm}:00+08:00`);

  beforeAll(async () => {
    // 11:00 in Shanghai: the day's payments fall on one business date.
    const d = new Date();
    d.setUTCHours(3, 0, 0, 0);
    s = await createTestServer(get().database, { modules, now: d.toISOString() });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`;
    usePaymentsBaseUrl(s.ctx, base);
    deliverSandboxCallbacksManually(s.ctx);
    creditAccountId = (await platformAccount(s.ctx.database.db, s.clock, 'customer_receivables')).id;
    day = today(s.clock, s.ctx.config.timeZone);

    // Production configuration: the environment a merchant sets, read by productionSettings — with
    // the sandbox's keys, and the base URL and gateway pointed at the sandbox.
    const keys = await sandboxKeys(s.ctx.database.db, s.clock.now());
    const settings = productionSettings({
      ZULIN_WECHATPAY_APPID: keys.wechatpay.appId,
      ZULIN_WECHATPAY_MCHID: keys.wechatpay.mchid,
      ZULIN_WECHATPAY_SERIAL: keys.wechatpay.merchantSerial,
      ZULIN_WECHATPAY_PRIVATE_KEY: keys.wechatpay.merchantPrivateKeyPem,
      ZULIN_WECHATPAY_APIV3_KEY: keys.wechatpay.apiV3Key,
      ZULIN_WECHATPAY_NOTIFY_URL: `${base}/v1/webhooks/wechatpay`,
      ZULIN_WECHATPAY_PLATFORM_CERT: keys.wechatpay.platformCertificatePem,
      ZULIN_WECHATPAY_PUBLIC_KEY: keys.wechatpay.publicKeyPem,
      ZULIN_WECHATPAY_PUBLIC_KEY_ID: keys.wechatpay.publicKeyId,
      ZULIN_ALIPAY_APPID: keys.alipay.appId,
      ZULIN_ALIPAY_SELLER_ID: keys.alipay.sellerId,
      ZULIN_ALIPAY_PRIVATE_KEY: keys.alipay.appPrivateKeyPem,
      ZULIN_ALIPAY_PUBLIC_KEY: keys.alipay.alipayPublicKeyPem,
      ZULIN_ALIPAY_NOTIFY_URL: `${base}/v1/webhooks/alipay`,
    });
    if (!settings.wechatpay || !settings.alipay) throw new Error('production settings incomplete');
    expect(settings.wechatpay.baseUrl).toBe('https://api.mch.weixin.qq.com');
    wechatpay = { ...settings.wechatpay, baseUrl: `${base}${wechatpaySandboxPrefix}` };
    alipay = { ...settings.alipay, gateway: `${base}/v1/sandbox/payments/alipay/gateway.do` };

    // The day at both channels: one clean payment, one whose callback was lost (pending on our side),
    // one the channel reports at 100× (元 for 分, seed 003).
    await s.app.inject({ method: 'POST', url: '/v1/sandbox/payments/knobs/reset' });
    for (const channel of ['wechatpay', 'alipay'] as const) {
      const clean = await start(channel, 10);
      await pay(clean.cashierUrl);
      await deliver();
      const dropped = await start(channel, 123_456);
      await knobs({ loseNextCallbacks: 1 });
      await pay(dropped.cashierUrl);
      await deliver();
      expect((await getPaymentOrder(s.ctx.database.db, dropped.id)).state).toBe('pending');
      const scaled = await start(channel, 1_234);
      await pay(scaled.cashierUrl);
      await deliver();
      await s.ctx.database.db
        .update(paymentsSandboxTrades)
        .set({ amountMinor: 123_400 })
        .where(eq(paymentsSandboxTrades.outTradeNo, scaled.outTradeNo));
      planted.set(channel, {
        clean: clean.outTradeNo,
        dropped: dropped.outTradeNo,
        scaled: scaled.outTradeNo,
        droppedId: dropped.id,
      });
    }
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await s?.close();
  });

  const download = (channel: 'wechatpay' | 'alipay', date: BusinessDate = day): Promise<StatementDownload> =>
    channel === 'wechatpay'
      ? downloadWechatpayTradeBill(wechatpay, s.clock, date)
      : downloadAlipayBill(alipay, s.clock, date);

  test('before 10:00 the day after, and for today, the bill is not out: not ready, no run recorded', async () => {
    s.clock.set(nextDayAt('09:30'));
    expect(await download('wechatpay')).toMatchObject({ outcome: 'not_ready', code: 'STATEMENT_CREATING' });
    expect(await download('alipay')).toMatchObject({ outcome: 'not_ready', code: 'isp.bill_not_exist' });
    // Today's bill: WeChat says it has none (yet); fetchStatement says not ready before the ready time.
    expect(await download('wechatpay', addDays(day, 1))).toMatchObject({
      outcome: 'no_statement',
      code: 'NO_STATEMENT_EXIST',
    });
    await expect(fetchStatement(s.ctx, 'wechatpay', day)).rejects.toMatchObject({
      code: 'PAYMENTS_STATEMENT_NOT_READY',
    });

    // The daily tick at 09:30 (forced early): fails as not ready, reconciles nothing …
    const tick = s.worker.ticks.find((t) => t.name === 'payments.reconcile');
    if (!tick) throw new Error('no payments.reconcile tick');
    const runDate = addDays(day, 1);
    await expect(runTick(s.ctx.database.db, s.clock, tick, runDate)).rejects.toMatchObject({
      code: 'PAYMENTS_STATEMENT_NOT_READY',
    });
    expect(await runsOf('wechatpay', day)).toEqual([]);
    expect(await runsOf('alipay', day)).toEqual([]);
    // … is not asked again within ten minutes (the channel is not called) …
    s.clock.set(nextDayAt('09:35'));
    const calls: string[] = [];
    const real = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      calls.push(String(input));
      return real(input, init);
    });
    await expect(runTick(s.ctx.database.db, s.clock, tick, runDate)).rejects.toMatchObject({
      code: 'PAYMENTS_STATEMENT_NOT_READY',
    });
    expect(calls).toEqual([]);
    // … and run again at 10:05 it reconciles both channels once.
    s.clock.set(nextDayAt('10:05'));
    const again = await runTick(s.ctx.database.db, s.clock, tick, runDate);
    expect(calls.some((c) => c.includes('/v3/bill/tradebill'))).toBe(true);
    expect(again.status).toBe('done');
    expect(await runsOf('wechatpay', day)).toHaveLength(1);
    expect(await runsOf('alipay', day)).toHaveLength(1);
    // The dropped callbacks were recovered by the tick's reconciliation.
    for (const channel of ['wechatpay', 'alipay'] as const) {
      const id = planted.get(channel)?.droppedId ?? '';
      expect((await getPaymentOrder(s.ctx.database.db, id)).state).toBe('succeeded');
    }
    expect(await runTick(s.ctx.database.db, s.clock, tick, runDate)).toMatchObject({ status: 'already_done' });
  });

  test('WeChat Pay: a gzip bill whose SHA-1 (of the unzipped file) matches hash_value, read in its own format', async () => {
    s.clock.set(nextDayAt('11:00'));
    // The wire format, asked by hand: the application is signed, the file is gzip.
    const path = `${wechatpaySandboxPrefix}/v3/bill/tradebill?bill_date=${day}&bill_type=ALL&tar_type=GZIP`;
    const authorization = (pathAndQuery: string) =>
      wechatpayAuthorization({
        mchid: wechatpay.mchid,
        serialNo: wechatpay.merchantSerial,
        privateKey: wechatpay.merchantPrivateKey,
        method: 'GET',
        pathAndQuery,
        body: '',
        timestamp: Math.floor(s.clock.now().getTime() / 1000),
        nonce: wechatpayNonce(),
      });
    const applied = await fetch(`${base}${path}`, { headers: { Authorization: authorization(path) } });
    expect(applied.status).toBe(200);
    expect(applied.headers.get('wechatpay-signature')).toBeTruthy();
    const { hash_type, hash_value, download_url } = (await applied.json()) as Record<string, string>;
    expect(hash_type).toBe('SHA1');
    const url = new URL(download_url ?? '');
    expect(url.pathname).toBe(`${wechatpaySandboxPrefix}/v3/billdownload/file`);
    // Unsigned: refused like any call without the merchant's Authorization.
    expect((await fetch(url)).status).toBe(401);
    const file = await fetch(url, { headers: { Authorization: authorization(`${url.pathname}${url.search}`) } });
    expect(file.status).toBe(200);
    expect(file.headers.get('wechatpay-signature')).toBeNull();
    const gz = Buffer.from(await file.arrayBuffer());
    expect([gz[0], gz[1]]).toEqual([0x1f, 0x8b]);
    const bill = gunzipSync(gz);
    expect(createHash('sha1').update(bill).digest('hex')).toBe(hash_value);
    expect(createHash('sha1').update(gz).digest('hex')).not.toBe(hash_value);

    const got = await download('wechatpay');
    expect(got.outcome).toBe('ok');
    if (got.outcome !== 'ok') return;
    expect(got.text).toBe(bill.toString('utf8'));
    const rows = parseStatement('wechatpay', got.text);
    const ids = planted.get('wechatpay');
    expect(rows.map((r) => [r.outTradeNo, r.amountMinor])).toEqual([
      [ids?.clean, 10],
      [ids?.dropped, 123_456],
      [ids?.scaled, 123_400],
    ]);
  });

  test('Alipay: a ZIP of GBK CSV files named in GBK, the 业务明细 read exactly', async () => {
    s.clock.set(nextDayAt('11:00'));
    const got = await download('alipay');
    expect(got.outcome).toBe('ok');
    if (got.outcome !== 'ok') return;
    expect(got.text.startsWith('#支付宝业务明细查询')).toBe(true);
    const rows = parseStatement('alipay', got.text);
    const ids = planted.get('alipay');
    expect(rows.map((r) => [r.outTradeNo, r.amountMinor])).toEqual([
      [ids?.clean, 10],
      [ids?.dropped, 123_456],
      [ids?.scaled, 123_400],
    ]);
    // The archive itself: two entries, GBK bytes (not UTF-8) for the Chinese text.
    const zipUrl = `${base}/v1/sandbox/payments/alipay/bills/SBXA${day}`;
    const zip = Buffer.from(await (await fetch(zipUrl)).arrayBuffer());
    expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
    const entries = readZip(zip);
    expect(entries.map((e) => e.name.replace(/^\d+_\d{8}/, ''))).toEqual(['_业务明细.csv', '_业务明细(汇总).csv']);
    const detail = entries[0]?.data ?? Buffer.alloc(0);
    expect(detail.includes(Buffer.from('支付宝', 'utf8'))).toBe(false);
    expect(decodeGbk(detail)).toBe(got.text);
    expect(decodeGbk(entries[1]?.data ?? Buffer.alloc(0))).toContain('合计,,3,0,2468.66,2468.66');
  });

  for (const channel of ['wechatpay', 'alipay'] as const) {
    test(`${channel}: reconciling the downloaded statement finds the 100× amount, matches the rest`, async () => {
      s.clock.set(nextDayAt('11:00'));
      const got = await download(channel);
      if (got.outcome !== 'ok') throw new Error(`download: ${JSON.stringify(got)}`);
      const { run, mismatches } = await runCommand(s.ctx.database, (tx) =>
        reconcilePayments(
          tx,
          { clock: s.clock, timeZone: s.ctx.config.timeZone },
          {
            channel,
            businessDate: day,
            statement: got.text,
            merchantId: channel === 'wechatpay' ? wechatpay.mchid : alipay.appId,
          },
        ),
      );
      const ids = planted.get(channel);
      // The dropped callback was recovered by the tick's run above: now matched too, and among our
      // day's payments (its completion is the channel's time of payment, on the day).
      expect(run).toMatchObject({
        statementCount: 3,
        ourCount: 3,
        matchedCount: 2,
        mismatchCount: 1,
        statementTotalMinor: 10 + 123_456 + 123_400,
        ourTotalMinor: 10 + 123_456 + 1_234,
      });
      expect(mismatches).toMatchObject([
        { kind: 'amount_differs', outTradeNo: ids?.scaled, ourAmountMinor: 1_234, theirAmountMinor: 123_400 },
      ]);
      await assertLedgerConsistent(s.ctx.database.db);
    });
  }

  test('WeChat Pay: a file whose SHA-1 does not match hash_value is refused; nothing is recorded', async () => {
    s.clock.set(nextDayAt('11:00'));
    const real = globalThis.fetch;
    // The download comes back altered in transit: one amount changed.
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const answer = await real(input, init);
      if (!String(input).includes('/v3/billdownload/file')) return answer;
      const text = gunzipSync(Buffer.from(await answer.arrayBuffer())).toString('utf8');
      return new Response(gzipSync(Buffer.from(text.replace('`123456', '`123457').replace('`1234.56', '`1234.57'))), {
        status: 200,
      });
    });
    expect(await download('wechatpay')).toMatchObject({ outcome: 'corrupt', code: 'DIGEST_MISMATCH' });
    const before = (await runsOf('wechatpay', day)).length;
    await expect(fetchStatement(s.ctx, 'wechatpay', day)).rejects.toMatchObject({
      code: 'PAYMENTS_STATEMENT_DIGEST_MISMATCH',
      status: 502,
    });
    // Through the console's route: a problem document with the stable code, no run.
    const ran = await s.app.inject({
      method: 'POST',
      url: '/v1/admin/reconciliation',
      headers: { authorization: `Bearer ${await staffToken()}` },
      payload: { channel: 'wechatpay', businessDate: day },
    });
    expect(ran.statusCode).toBe(502);
    expect(ran.json()).toMatchObject({ code: 'PAYMENTS_STATEMENT_DIGEST_MISMATCH' });
    expect(await runsOf('wechatpay', day)).toHaveLength(before);
  });

  test('a download_url outside the WeChat base URL is not sent the merchant signature', async () => {
    s.clock.set(nextDayAt('11:00'));
    const keys = (await sandboxKeys(s.ctx.database.db, s.clock.now())).wechatpay;
    const real = globalThis.fetch;
    const calls: string[] = [];
    // A verified answer (signed with WeChat Pay's key) naming a download URL on another host.
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      calls.push(String(input));
      if (!String(input).includes('/v3/bill/tradebill')) return real(input, init);
      const body = JSON.stringify({
        hash_type: 'SHA1',
        hash_value: '0'.repeat(40),
        download_url: 'https://bills.example.com/v3/billdownload/file?token=x',
      });
      const headers = signWechatpayMessage(
        { id: keys.publicKeyId, privateKey: createPrivateKey(keys.publicKeyPrivateKeyPem) },
        body,
        Math.floor(s.clock.now().getTime() / 1000),
        wechatpayNonce(),
      );
      return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': 'application/json' } });
    });
    expect(await download('wechatpay')).toMatchObject({ outcome: 'refused', code: 'DOWNLOAD_URL_FOREIGN' });
    expect(calls.filter((c) => c.includes('billdownload'))).toEqual([]);
  });

  async function staffToken(): Promise<string> {
    return (await signInTestStaff(s, 'finance')).token;
  }
});
