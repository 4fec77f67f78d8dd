// Our clients of the two channels' deposit authorisations, over the signed calls of
// channel-clients.ts: Alipay fund authorisation (freeze, pay with auth_no, unfreeze) and WeChat Pay
// Score service orders (create with a DEPOSIT risk fund, complete, cancel). A timeout, a 5xx or an
// answer that does not verify is `unknown`; a definite refusal is `refused`. Never called inside a
// transaction.
import type { Clock } from '@zulin/kernel';
import { minorToYuan, yuanToMinor } from './channel-amounts';
import type { ChannelGuard } from './channel-breakers';
import { alipayCaller, type ChannelCall, wechatpayCaller } from './channel-clients';
import type { AlipaySettings, WechatpaySettings } from './channel-settings';
import type { PaymentChannelName } from './schema';

export interface AuthorisationChannelClient {
  readonly name: PaymentChannelName;
  /** Partial captures and partial releases (Alipay yes; Pay Score completes once and cancels whole). */
  readonly partial: boolean;
  freeze(request: {
    outOrderNo: string;
    requestNo: string;
    amountMinor: number;
    description: string;
    payerToken: string;
  }): Promise<ChannelCall<{ authNo: string; creditMinor: number; fundMinor: number }>>;
  capture(request: {
    outOrderNo: string;
    authNo: string;
    requestNo: string;
    amountMinor: number;
    description: string;
    /** Release whatever is left with this capture. */
    finish: boolean;
  }): Promise<ChannelCall<{ channelTradeNo: string }>>;
  release(request: {
    outOrderNo: string;
    authNo: string;
    requestNo: string;
    amountMinor: number;
  }): Promise<ChannelCall<{ released: true }>>;
}

function refusedUnknown<T>(result: ChannelCall<unknown>): ChannelCall<T> {
  if (result.outcome === 'ok') throw new Error('not a refusal');
  return result;
}

export function alipayAuthorisationClient(
  settings: AlipaySettings,
  clock: Clock,
  guard?: ChannelGuard,
): AuthorisationChannelClient {
  const call = alipayCaller(settings, clock, guard);
  return {
    name: 'alipay',
    partial: true,
    async freeze(request) {
      const result = await call('alipay.fund.auth.order.freeze', {
        out_order_no: request.outOrderNo,
        out_request_no: request.requestNo,
        order_title: request.description,
        amount: minorToYuan(request.amountMinor),
        product_code: 'PRE_AUTH_ONLINE',
        auth_code: request.payerToken,
        auth_code_type: 'bar_code',
      });
      if (result.outcome !== 'ok') return refusedUnknown(result);
      if (result.value.status !== 'SUCCESS')
        return { outcome: 'unknown', reason: `status ${String(result.value.status)}` };
      return {
        outcome: 'ok',
        value: {
          authNo: String(result.value.auth_no),
          creditMinor: yuanToMinor(String(result.value.credit_amount ?? '0')),
          fundMinor: yuanToMinor(String(result.value.fund_amount ?? result.value.amount)),
        },
      };
    },
    async capture(request) {
      const result = await call('alipay.trade.pay', {
        out_trade_no: request.requestNo,
        total_amount: minorToYuan(request.amountMinor),
        subject: request.description,
        product_code: 'PRE_AUTH_ONLINE',
        auth_no: request.authNo,
        auth_confirm_mode: request.finish ? 'COMPLETE' : 'NOT_COMPLETE',
      });
      if (result.outcome !== 'ok') return refusedUnknown(result);
      return { outcome: 'ok', value: { channelTradeNo: String(result.value.trade_no) } };
    },
    async release(request) {
      const result = await call('alipay.fund.auth.order.unfreeze', {
        auth_no: request.authNo,
        out_request_no: request.requestNo,
        amount: minorToYuan(request.amountMinor),
        remark: '押金解冻',
      });
      if (result.outcome !== 'ok') return refusedUnknown(result);
      return { outcome: 'ok', value: { released: true } };
    },
  };
}

export function wechatpayAuthorisationClient(
  settings: WechatpaySettings,
  clock: Clock,
  guard?: ChannelGuard,
): AuthorisationChannelClient | undefined {
  const serviceId = settings.payscoreServiceId;
  if (!serviceId) return undefined;
  const call = wechatpayCaller(settings, clock, guard);
  const ids = { appid: settings.appId, service_id: serviceId };
  return {
    name: 'wechatpay',
    partial: false,
    async freeze(request) {
      const result = await call('POST', '/v3/payscore/serviceorder', {
        ...ids,
        out_order_no: request.outOrderNo,
        service_introduction: request.description.slice(0, 20),
        time_range: { start_time: 'OnAccept' },
        risk_fund: { name: 'DEPOSIT', amount: request.amountMinor },
        notify_url: settings.notifyUrl,
        need_user_confirm: false,
        openid: request.payerToken,
      });
      if (result.outcome !== 'ok') return refusedUnknown(result);
      if (result.value.status === 404) return { outcome: 'refused', code: 'NOT_FOUND', message: '' };
      const state = String(result.value.json.state);
      if (state !== 'DOING' && state !== 'CREATED') return { outcome: 'refused', code: state, message: '' };
      return {
        outcome: 'ok',
        value: { authNo: String(result.value.json.order_id), creditMinor: request.amountMinor, fundMinor: 0 },
      };
    },
    async capture(request) {
      const result = await call(
        'POST',
        `/v3/payscore/serviceorder/${encodeURIComponent(request.outOrderNo)}/complete`,
        {
          ...ids,
          post_payments: [{ name: request.description.slice(0, 20), amount: request.amountMinor }],
          total_amount: request.amountMinor,
        },
      );
      if (result.outcome !== 'ok') return refusedUnknown(result);
      if (result.value.status === 404) return { outcome: 'refused', code: 'ORDER_NOT_EXIST', message: '' };
      const collection = (result.value.json.collection ?? {}) as { details?: { transaction_id?: string }[] };
      return {
        outcome: 'ok',
        value: { channelTradeNo: String(collection.details?.[0]?.transaction_id ?? result.value.json.order_id) },
      };
    },
    async release(request) {
      const result = await call('POST', `/v3/payscore/serviceorder/${encodeURIComponent(request.outOrderNo)}/cancel`, {
        ...ids,
        reason: '租赁结束，押金释放',
      });
      if (result.outcome !== 'ok') return refusedUnknown(result);
      if (result.value.status === 404) return { outcome: 'refused', code: 'ORDER_NOT_EXIST', message: '' };
      return { outcome: 'ok', value: { released: true } };
    },
  };
}
