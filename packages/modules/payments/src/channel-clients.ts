// Our clients of the two channels, over HTTP with the protocols of wechatpay-protocol.ts and
// alipay-protocol.ts: create a payment, query it, close it. Every call has a timeout; an answer that
// does not verify, a timeout or a 5xx is `unknown` (the payment may or may not exist at the channel),
// a definite refusal is `refused`. Never called inside a transaction.
import type { Clock } from '@zulin/kernel';
import { alipayForm, signAlipayRequest, verifyAlipayResponse } from './alipay-protocol';
import { fenToMinor, minorToYuan, yuanToMinor } from './channel-amounts';
import type { ChannelGuard } from './channel-breakers';
import type { AlipaySettings, WechatpaySettings } from './channel-settings';
import { channelTime } from './channel-times';
import { PaymentsLimits } from './limits';
import type { PaymentChannelName } from './schema';
import { verifyWechatpayMessage, wechatpayAuthorization, wechatpayNonce } from './wechatpay-protocol';

export type ChannelCall<T> =
  | { outcome: 'ok'; value: T }
  | { outcome: 'refused'; code: string; message: string }
  | { outcome: 'unknown'; reason: string };

/** A trade as the channel sees it, in neutral words. */
export interface ChannelTrade {
  state: 'open' | 'paid' | 'closed' | 'failed' | 'not_found';
  merchantId: string;
  amountMinor?: number;
  channelTradeNo?: string;
  /** When the channel says the payer paid (WeChat `success_time`, Alipay `send_pay_date`/`gmt_payment`). */
  paidAt?: Date;
}

export interface PaymentChannelClient {
  readonly name: PaymentChannelName;
  create(order: {
    outTradeNo: string;
    amountMinor: number;
    description: string;
  }): Promise<ChannelCall<{ cashierUrl: string }>>;
  query(outTradeNo: string): Promise<ChannelCall<ChannelTrade>>;
  close(outTradeNo: string): Promise<ChannelCall<{ closed: true } | { alreadyPaid: true }>>;
  /** Refunds part or all of a paid trade; the answer in WeChat's words. */
  refund(request: {
    outTradeNo: string;
    outRefundNo: string;
    amountMinor: number;
    totalMinor: number;
    reason: string;
  }): Promise<ChannelCall<{ status: 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL' }>>;
}

const unknown = (reason: string) => ({ outcome: 'unknown', reason }) as const;

/**
 * A create refused because the trade already exists and was paid or closed (WeChat Pay ORDERPAID /
 * ORDER_CLOSED, Alipay ACQ.TRADE_HAS_SUCCESS / ACQ.TRADE_HAS_CLOSE): a second submission of an order
 * whose first answer we did not get to record. That is no failure of the payment — it is `unknown`,
 * and the janitor's query applies what became of it (paid: posted once; closed: closed).
 */
const tradeExistsCodes = new Set(['ORDERPAID', 'ORDER_CLOSED', 'ACQ.TRADE_HAS_SUCCESS', 'ACQ.TRADE_HAS_CLOSE']);
const tradeExists = (code: string) => unknown(`${code}: the trade exists at the channel; asked by query`);

async function send(
  url: string,
  init: RequestInit,
): Promise<{ status: number; headers: Headers; body: string } | { error: string }> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(PaymentsLimits.channelCallTimeoutMs) });
    return { status: response.status, headers: response.headers, body: await response.text() };
  } catch (error) {
    return { error: error instanceof Error ? error.name : 'network error' };
  }
}

/** One signed, verified call to wechatpay; the answer is `unknown` unless it verifies. */
export function wechatpayCaller(settings: WechatpaySettings, clock: Clock, guard?: ChannelGuard) {
  const guarded = (method: 'GET' | 'POST', path: string, body?: object) =>
    guard ? guard(() => call(method, path, body)) : call(method, path, body);
  return guarded;
  async function call(
    method: 'GET' | 'POST',
    path: string,
    body?: object,
  ): Promise<ChannelCall<{ status: number; json: Record<string, unknown> }>> {
    const url = new URL(`${settings.baseUrl}${path}`);
    const text = body === undefined ? '' : JSON.stringify(body);
    const authorization = wechatpayAuthorization({
      mchid: settings.mchid,
      serialNo: settings.merchantSerial,
      privateKey: settings.merchantPrivateKey,
      method,
      pathAndQuery: `${url.pathname}${url.search}`,
      body: text,
      timestamp: Math.floor(clock.now().getTime() / 1000),
      nonce: wechatpayNonce(),
    });
    const answer = await send(url.toString(), {
      method,
      headers: {
        Authorization: authorization,
        Accept: 'application/json',
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : text,
    });
    if ('error' in answer) return unknown(answer.error);
    if (answer.status >= 500) return unknown(`HTTP ${answer.status}`);
    try {
      verifyWechatpayMessage(Object.fromEntries(answer.headers), answer.body, settings.keyring, clock.now());
    } catch {
      // An answer we cannot trust tells us nothing (wechatpay-php#123: never skip verification).
      return unknown('answer signature does not verify');
    }
    const json = answer.body === '' ? {} : (JSON.parse(answer.body) as Record<string, unknown>);
    if (answer.status >= 400 && answer.status !== 404) {
      return { outcome: 'refused', code: String(json.code ?? answer.status), message: String(json.message ?? '') };
    }
    return { outcome: 'ok', value: { status: answer.status, json } };
  }
}

export function wechatpayClient(settings: WechatpaySettings, clock: Clock, guard?: ChannelGuard): PaymentChannelClient {
  const call = wechatpayCaller(settings, clock, guard);
  return {
    name: 'wechatpay',
    async create(order) {
      const result = await call('POST', '/v3/pay/transactions/h5', {
        appid: settings.appId,
        mchid: settings.mchid,
        description: order.description,
        out_trade_no: order.outTradeNo,
        notify_url: settings.notifyUrl,
        amount: { total: order.amountMinor, currency: 'CNY' },
        scene_info: { payer_client_ip: '127.0.0.1', h5_info: { type: 'Wap' } },
      });
      if (result.outcome === 'refused' && tradeExistsCodes.has(result.code)) return tradeExists(result.code);
      if (result.outcome !== 'ok') return result;
      if (result.value.status === 404) return { outcome: 'refused', code: 'NOT_FOUND', message: '' };
      return { outcome: 'ok', value: { cashierUrl: String(result.value.json.h5_url) } };
    },
    async query(outTradeNo) {
      const result = await call(
        'GET',
        `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${settings.mchid}`,
      );
      if (result.outcome !== 'ok') return result;
      const json = result.value.json;
      if (result.value.status === 404)
        return { outcome: 'ok', value: { state: 'not_found', merchantId: settings.mchid } };
      const state = String(json.trade_state);
      const amount = (json.amount ?? {}) as Record<string, unknown>;
      return {
        outcome: 'ok',
        value: {
          state:
            state === 'SUCCESS' || state === 'REFUND'
              ? 'paid'
              : state === 'CLOSED' || state === 'REVOKED'
                ? 'closed'
                : state === 'PAYERROR'
                  ? 'failed'
                  : 'open',
          merchantId: String(json.mchid),
          amountMinor: fenToMinor(amount.total),
          channelTradeNo: typeof json.transaction_id === 'string' ? json.transaction_id : undefined,
          paidAt: channelTime(json.success_time),
        },
      };
    },
    async close(outTradeNo) {
      const result = await call('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`, {
        mchid: settings.mchid,
      });
      if (result.outcome === 'refused' && result.code === 'ORDERPAID')
        return { outcome: 'ok', value: { alreadyPaid: true } };
      if (result.outcome !== 'ok') return result;
      return { outcome: 'ok', value: { closed: true } };
    },
    async refund(request) {
      const result = await call('POST', '/v3/refund/domestic/refunds', {
        out_trade_no: request.outTradeNo,
        out_refund_no: request.outRefundNo,
        reason: request.reason.slice(0, 80),
        notify_url: settings.notifyUrl,
        amount: { refund: request.amountMinor, total: request.totalMinor, currency: 'CNY' },
      });
      if (result.outcome !== 'ok') return result;
      if (result.value.status === 404) return { outcome: 'refused', code: 'RESOURCE_NOT_EXISTS', message: '' };
      const status = String(result.value.json.status);
      if (status !== 'SUCCESS' && status !== 'CLOSED' && status !== 'PROCESSING' && status !== 'ABNORMAL')
        return { outcome: 'unknown', reason: `refund status ${status}` };
      return { outcome: 'ok', value: { status } };
    },
  };
}

export function alipayTimestamp(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Certificate mode's parameters on every request we sign (none in key mode). */
export function alipayCertParams(settings: AlipaySettings): Record<string, string> {
  const c = settings.certificates;
  return c ? { app_cert_sn: c.appCertSn, alipay_root_cert_sn: c.alipayRootCertSn } : {};
}

/** One signed, verified call to alipay; the answer is `unknown` unless it verifies. */
export function alipayCaller(settings: AlipaySettings, clock: Clock, guard?: ChannelGuard) {
  const guarded = (method: string, biz: object, extra: Record<string, string> = {}) =>
    guard ? guard(() => call(method, biz, extra)) : call(method, biz, extra);
  return guarded;
  async function call(
    method: string,
    biz: object,
    extra: Record<string, string>,
  ): Promise<ChannelCall<Record<string, unknown>>> {
    const params = signAlipayRequest(
      {
        app_id: settings.appId,
        method,
        format: 'JSON',
        charset: 'utf-8',
        sign_type: 'RSA2',
        timestamp: alipayTimestamp(clock.now()),
        version: '1.0',
        ...alipayCertParams(settings),
        ...extra,
        biz_content: JSON.stringify(biz),
      },
      settings.appPrivateKey,
    );
    const answer = await send(settings.gateway, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', Accept: 'application/json' },
      body: alipayForm(params),
    });
    if ('error' in answer) return unknown(answer.error);
    if (answer.status !== 200) return unknown(`HTTP ${answer.status}`);
    let response: Record<string, unknown>;
    try {
      response = verifyAlipayResponse(
        answer.body,
        method,
        settings.alipayPublicKey,
        settings.certificates?.alipayCertSn,
      );
    } catch (error) {
      // In certificate mode an answer under another alipay_cert_sn is as untrustworthy as a bad signature.
      const sn = error instanceof Error && /alipay_cert_sn/.test(error.message) ? ': alipay_cert_sn mismatch' : '';
      return unknown(`answer signature does not verify${sn}`);
    }
    const code = String(response.code ?? '');
    if (code === '10000') return { outcome: 'ok', value: response };
    // 20000 (service unavailable) and ACQ.SYSTEM_ERROR say nothing about the trade.
    if (code === '20000' || response.sub_code === 'ACQ.SYSTEM_ERROR') return unknown(String(response.sub_code ?? code));
    return {
      outcome: 'refused',
      code: String(response.sub_code ?? code),
      message: String(response.sub_msg ?? response.msg ?? ''),
    };
  }
}

export function alipayClient(settings: AlipaySettings, clock: Clock, guard?: ChannelGuard): PaymentChannelClient {
  const call = alipayCaller(settings, clock, guard);
  return {
    name: 'alipay',
    async create(order) {
      const result = await call(
        'alipay.trade.precreate',
        { out_trade_no: order.outTradeNo, total_amount: minorToYuan(order.amountMinor), subject: order.description },
        { notify_url: settings.notifyUrl },
      );
      if (result.outcome === 'refused' && tradeExistsCodes.has(result.code)) return tradeExists(result.code);
      if (result.outcome !== 'ok') return result;
      return { outcome: 'ok', value: { cashierUrl: String(result.value.qr_code) } };
    },
    async query(outTradeNo) {
      const result = await call('alipay.trade.query', { out_trade_no: outTradeNo });
      if (result.outcome === 'refused' && result.code === 'ACQ.TRADE_NOT_EXIST') {
        return { outcome: 'ok', value: { state: 'not_found', merchantId: settings.appId } };
      }
      if (result.outcome !== 'ok') return result;
      const status = String(result.value.trade_status);
      return {
        outcome: 'ok',
        value: {
          state:
            status === 'TRADE_SUCCESS' || status === 'TRADE_FINISHED'
              ? 'paid'
              : status === 'TRADE_CLOSED'
                ? 'closed'
                : 'open',
          merchantId: settings.appId,
          amountMinor: yuanToMinor(String(result.value.total_amount)),
          channelTradeNo: typeof result.value.trade_no === 'string' ? result.value.trade_no : undefined,
          paidAt: channelTime(result.value.send_pay_date),
        },
      };
    },
    async close(outTradeNo) {
      const result = await call('alipay.trade.close', { out_trade_no: outTradeNo });
      if (result.outcome === 'refused' && result.code === 'ACQ.TRADE_STATUS_ERROR')
        return { outcome: 'ok', value: { alreadyPaid: true } };
      // Alipay creates a precreated trade only when the buyer scans; closing one it never saw is closing.
      if (result.outcome === 'refused' && result.code === 'ACQ.TRADE_NOT_EXIST')
        return { outcome: 'ok', value: { closed: true } };
      if (result.outcome !== 'ok') return result;
      return { outcome: 'ok', value: { closed: true } };
    },
    async refund(request) {
      const result = await call('alipay.trade.refund', {
        out_trade_no: request.outTradeNo,
        out_request_no: request.outRefundNo,
        refund_amount: minorToYuan(request.amountMinor),
        refund_reason: request.reason.slice(0, 256),
      });
      if (result.outcome !== 'ok') return result;
      // Alipay refunds synchronously: fund_change Y is money returned; N is a repeat of a done refund.
      return { outcome: 'ok', value: { status: 'SUCCESS' } };
    },
  };
}
