// The sandbox playing WeChat Pay API v3 at `/v1/sandbox/payments/wechatpay/v3/…`: it verifies the
// merchant's `Authorization` exactly as WeChat Pay does, carries out JSAPI/H5/Native create, query by
// out_trade_no, close and refund (with query), and signs every answer with the key the knobs choose.
// Errors are WeChat's own `{ code, message }` with WeChat's HTTP statuses.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { Executor } from '@zulin/db';
import type { AppError } from '@zulin/kernel';
import { and, eq } from 'drizzle-orm';
import { PaymentsLimits } from './limits';
import { readKnobs, spendKnob } from './sandbox-knobs';
import { answerPayscore } from './sandbox-payscore';
import { answerWechatTradeBill, wechatBillFile } from './sandbox-statements';
import {
  closeTrade,
  findTrade,
  openTrade,
  refundTrade,
  type SandboxDeps,
  sandboxCashierUrl,
  wechatTransaction,
} from './sandbox-trades';
import { answerWechatpayAgreement } from './sandbox-wechatpay-agreements';
import { paymentsSandboxRefunds, paymentsSandboxTrades } from './schema';
import { signWechatpayMessage, verifyWechatpayRequest, wechatpayNonce } from './wechatpay-protocol';

export const wechatpaySandboxPrefix = '/v1/sandbox/payments/wechatpay';

export interface ChannelAnswer {
  status: number;
  headers: Record<string, string>;
  /** '' for 204. */
  body: string;
  /** A file's bytes instead of a text body (a bill download), sent as they are. */
  bytes?: Buffer;
  /** The sandbox holds the answer back this long (the timeout knob). */
  holdSeconds: number;
}

type Json = Record<string, unknown>;

function fail(status: number, code: string, message: string): { status: number; json: Json } {
  return { status, json: { code, message } };
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, max = 128): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;
}

/** Answers one merchant request, in the caller's transaction. `pathAndQuery` is the full URL as sent. */
export async function answerWechatpayRequest(
  tx: Executor,
  deps: SandboxDeps,
  request: {
    method: string;
    pathAndQuery: string;
    authorization: string | undefined;
    body: string;
    /** Where the caller reached the sandbox (`http://host:port`), for the download URLs it hands out. */
    origin?: string;
  },
): Promise<ChannelAnswer> {
  const now = deps.clock.now();
  const keys = deps.keys.wechatpay;
  const knobs = await readKnobs(tx);
  const outcome = await (async (): Promise<{ status: number; json?: Json; bytes?: Buffer }> => {
    try {
      verifyWechatpayRequest(
        request.authorization,
        request,
        (mchid, serial) =>
          mchid === keys.mchid && serial === keys.merchantSerial
            ? createPublicKey(keys.merchantPublicKeyPem)
            : undefined,
        now,
      );
    } catch (error) {
      return fail(401, 'SIGN_ERROR', (error as AppError).detail ?? '签名错误');
    }
    if (await spendKnob(tx, now, 'failNextCalls')) return fail(500, 'SYSTEM_ERROR', '系统错误');
    let body: unknown = {};
    if (request.body !== '') {
      try {
        body = JSON.parse(request.body);
      } catch {
        return fail(400, 'PARAM_ERROR', '请求体不是合法的 JSON');
      }
    }
    if (!isRecord(body)) return fail(400, 'PARAM_ERROR', '请求体必须是对象');
    const url = new URL(request.pathAndQuery, 'http://sandbox');
    const path = url.pathname.slice(wechatpaySandboxPrefix.length);
    const method = request.method.toUpperCase();

    const create = /^\/v3\/pay\/transactions\/(jsapi|h5|native|app)$/.exec(path);
    if (method === 'POST' && create) {
      const amount = isRecord(body.amount) ? body.amount.total : undefined;
      const outTradeNo = text(body.out_trade_no, 32);
      const description = text(body.description, 127);
      const notifyUrl = text(body.notify_url, 256);
      if (body.mchid !== keys.mchid || body.appid !== keys.appId)
        return fail(400, 'PARAM_ERROR', 'mchid 与 appid 不匹配');
      if (!outTradeNo || !/^[0-9A-Za-z_\-*|]{6,32}$/.test(outTradeNo))
        return fail(400, 'PARAM_ERROR', 'out_trade_no 格式错误');
      if (!description || !notifyUrl) return fail(400, 'PARAM_ERROR', '缺少 description 或 notify_url');
      if (
        typeof amount !== 'number' ||
        !Number.isSafeInteger(amount) ||
        amount < 1 ||
        amount > PaymentsLimits.paymentMaxMinor
      ) {
        return fail(400, 'PARAM_ERROR', 'amount.total 必须是以分为单位的正整数');
      }
      const opened = await openTrade(tx, deps, {
        channel: 'wechatpay',
        merchantId: keys.mchid,
        outTradeNo,
        amountMinor: amount,
        description,
        notifyUrl,
      });
      if ('conflict' in opened) {
        if (opened.conflict === 'paid') return fail(400, 'ORDERPAID', '该订单已支付');
        if (opened.conflict === 'closed') return fail(400, 'ORDER_CLOSED', '订单已关闭');
        return fail(400, 'INVALID_REQUEST', '201 商户订单号重复');
      }
      const cashier = sandboxCashierUrl(opened.trade);
      const kind = create[1];
      if (kind === 'h5') return { status: 200, json: { h5_url: cashier } };
      if (kind === 'native') return { status: 200, json: { code_url: cashier } };
      return { status: 200, json: { prepay_id: `wx${opened.trade.id}` } };
    }

    const byOutTradeNo = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]{1,32})(\/close)?$/.exec(path);
    if (byOutTradeNo) {
      const outTradeNo = decodeURIComponent(byOutTradeNo[1] ?? '');
      const mchid = method === 'GET' ? url.searchParams.get('mchid') : body.mchid;
      if (mchid !== keys.mchid) return fail(400, 'PARAM_ERROR', 'mchid 错误');
      const trade = await findTrade(tx, 'wechatpay', keys.mchid, outTradeNo);
      if (!trade) return fail(404, 'ORDER_NOT_EXIST', '订单不存在');
      if (method === 'GET' && !byOutTradeNo[2]) return { status: 200, json: wechatTransaction(deps.keys, trade) };
      if (method === 'POST' && byOutTradeNo[2]) {
        const closed = await closeTrade(tx, deps, trade);
        return closed === 'paid' ? fail(400, 'ORDERPAID', '订单已支付') : { status: 204 };
      }
    }

    if (method === 'POST' && path === '/v3/refund/domestic/refunds') {
      const outTradeNo = text(body.out_trade_no, 32);
      const outRefundNo = text(body.out_refund_no, 64);
      const amount = isRecord(body.amount) ? body.amount : {};
      if (!outTradeNo || !outRefundNo) return fail(400, 'PARAM_ERROR', '缺少 out_trade_no 或 out_refund_no');
      const trade = await findTrade(tx, 'wechatpay', keys.mchid, outTradeNo);
      if (!trade) return fail(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
      if (amount.total !== trade.amountMinor) return fail(400, 'PARAM_ERROR', '订单金额与原订单不符');
      const refundMinor = amount.refund;
      if (typeof refundMinor !== 'number' || !Number.isSafeInteger(refundMinor))
        return fail(400, 'PARAM_ERROR', 'amount.refund 必须是整数');
      const done = await refundTrade(tx, deps, trade, {
        outRefundNo,
        amountMinor: refundMinor,
        notify: typeof body.notify_url === 'string',
      });
      if ('refused' in done) {
        if (done.refused === 'not_paid') return fail(400, 'INVALID_REQUEST', '订单未支付');
        if (done.refused === 'different') return fail(400, 'INVALID_REQUEST', '退款单号重复但金额不同');
        return fail(403, 'NOT_ENOUGH', '可退金额不足');
      }
      return { status: 200, json: refundJson(done.trade, done.refund) };
    }

    const refundQuery = /^\/v3\/refund\/domestic\/refunds\/([^/]{1,64})$/.exec(path);
    if (method === 'GET' && refundQuery) {
      const [found] = await tx
        .select({ refund: paymentsSandboxRefunds, trade: paymentsSandboxTrades })
        .from(paymentsSandboxRefunds)
        .innerJoin(paymentsSandboxTrades, eq(paymentsSandboxTrades.id, paymentsSandboxRefunds.tradeId))
        .where(
          and(
            eq(paymentsSandboxRefunds.outRefundNo, decodeURIComponent(refundQuery[1] ?? '')),
            eq(paymentsSandboxTrades.channel, 'wechatpay'),
          ),
        );
      if (!found) return fail(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
      return { status: 200, json: refundJson(found.trade, found.refund) };
    }
    if (method === 'GET' && path === '/v3/bill/tradebill') {
      return answerWechatTradeBill(tx, now, url.searchParams, `${request.origin ?? ''}${wechatpaySandboxPrefix}`);
    }
    if (method === 'GET' && path === '/v3/billdownload/file') {
      const bytes = await wechatBillFile(tx, now, url.searchParams);
      return bytes ? { status: 200, bytes } : fail(404, 'RESOURCE_NOT_EXISTS', '账单下载地址已失效');
    }
    const papay = await answerWechatpayAgreement(tx, deps, { method, path, query: url.searchParams, body });
    if (papay) return papay;
    const payscore = await answerPayscore(tx, deps, { method, path, query: url.searchParams, body });
    if (payscore) return payscore;
    return fail(404, 'NOT_FOUND', '接口不存在');
  })();

  if (outcome.bytes) {
    // WeChat Pay does not sign a bill file: its SHA-1 in the signed application vouches for it.
    return {
      status: outcome.status,
      headers: { 'Content-Type': 'application/octet-stream', 'Request-ID': `sandbox-${wechatpayNonce()}` },
      body: '',
      bytes: outcome.bytes,
      holdSeconds: 0,
    };
  }
  const body = outcome.json === undefined ? '' : JSON.stringify(outcome.json);
  const signer =
    knobs.wechatpayKeyMode === 'public-key'
      ? { id: keys.publicKeyId, privateKey: createPrivateKey(keys.publicKeyPrivateKeyPem) }
      : { id: keys.platformCertificateSerial, privateKey: createPrivateKey(keys.platformPrivateKeyPem) };
  const headers: Record<string, string> = {
    ...signWechatpayMessage(signer, body, Math.floor(now.getTime() / 1000), wechatpayNonce()),
    'Request-ID': `sandbox-${wechatpayNonce()}`,
  };
  if (body !== '') headers['Content-Type'] = 'application/json; charset=utf-8';
  // A call that answers 2xx may be held back: it was carried out, but the client times out first.
  const hold = outcome.status < 300 && (await spendKnob(tx, now, 'timeoutNextCalls')) ? knobs.timeoutSeconds : 0;
  return { status: outcome.status, headers, body, holdSeconds: hold };
}

function refundJson(
  trade: typeof paymentsSandboxTrades.$inferSelect,
  refund: typeof paymentsSandboxRefunds.$inferSelect,
): Json {
  return {
    refund_id: refund.id,
    out_refund_no: refund.outRefundNo,
    transaction_id: trade.channelTradeNo,
    out_trade_no: trade.outTradeNo,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    status: refund.status,
    create_time: refund.createdAt.toISOString(),
    amount: {
      total: trade.amountMinor,
      refund: refund.amountMinor,
      payer_total: trade.amountMinor,
      payer_refund: refund.amountMinor,
      currency: 'CNY',
    },
  };
}
