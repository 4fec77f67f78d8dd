// Our client of WeChat Pay entrusted debit (委托代扣 / papay), API v3, over the same signed and verified
// caller as the trades (`WECHATPAY2-SHA256-RSA2048`, answers verified). Never called inside a transaction.
//
// What it follows (docs/payments.md "WeChat entrusted debit"):
// * pre-debit notice `POST /v3/papay/contracts/{contract_id}/notify` with mchid, appid,
//   deduct_duration { count 1–3, unit DAY } and estimated_amount { amount 分, currency }, answered 204
//   (wechatpay.im/openapi/v3/papay/contracts/{contract_id}/notify, 直连商户预扣费通知);
// * sign `POST /v3/papay/contracts/h5-pre-entrust-sign` (appid, plan_id, out_contract_code,
//   user_display_name, success_notify_url → redirect_url), query
//   `GET /v3/papay/contracts/out-contract-code/{out_contract_code}?appid&plan_id` (contract_id,
//   contract_state) and terminate `POST /v3/papay/contracts/{contract_id}/terminate`: the shapes of
//   WeChat Pay's v3 papay for cross-border merchants (pay.weixin.qq.com/wiki/doc/api_external/en/apis/
//   chapter5_1_14 and chapter5_1_3, `/v3/global/papay/…`) without `/global`; no public source confirms
//   the domestic paths, so these are the closest documented shape;
// * deduction `POST /v3/papay/pay/transactions/apply` (appid, mchid, description, out_trade_no,
//   notify_url, contract_id, amount { total 分, currency }); its result is the usual TRANSACTION.SUCCESS
//   callback or the trade query, which is asked right after (fields as `/v3/global/papay/transactions`).
import type { Clock } from '@zulin/kernel';
import type { AgreementChannelClient } from './agreement-clients';
import type { ChannelGuard } from './channel-breakers';
import { type ChannelCall, type ChannelTrade, wechatpayCaller } from './channel-clients';
import type { WechatpaySettings } from './channel-settings';

/** A deduction refused because the trade already exists: ask what became of it. */
const tradeExistsCodes = new Set(['ORDERPAID', 'ORDER_EXISTS']);

export function wechatpayAgreementClient(
  settings: WechatpaySettings & { papayPlanId: string },
  clock: Clock,
  query: (outTradeNo: string) => Promise<ChannelCall<ChannelTrade>>,
  guard?: ChannelGuard,
): AgreementChannelClient {
  const call = wechatpayCaller(settings, clock, guard);
  const planId = Number(settings.papayPlanId);
  return {
    name: 'wechatpay',
    merchantId: settings.mchid,
    async signPage(request) {
      const result = await call('POST', '/v3/papay/contracts/h5-pre-entrust-sign', {
        appid: settings.appId,
        mchid: settings.mchid,
        plan_id: planId,
        out_contract_code: request.externalAgreementNo,
        user_display_name: '租机月供',
        // Sign and terminate notifications come to the same webhook as the trades'.
        success_notify_url: settings.notifyUrl,
      });
      if (result.outcome !== 'ok') return result;
      const url = result.value.json.redirect_url;
      if (result.value.status !== 200 || typeof url !== 'string' || url === '')
        return { outcome: 'unknown', reason: 'pre-entrust-sign answered no redirect_url' };
      return { outcome: 'ok', value: { url } };
    },
    async query(externalAgreementNo) {
      const result = await call(
        'GET',
        `/v3/papay/contracts/out-contract-code/${encodeURIComponent(externalAgreementNo)}?appid=${settings.appId}&plan_id=${planId}`,
      );
      if (result.outcome !== 'ok') return result;
      if (result.value.status === 404) return { outcome: 'ok', value: { state: 'not_found' } };
      const json = result.value.json;
      const state = String(json.contract_state);
      return {
        outcome: 'ok',
        value: {
          state: state === 'ADDED' ? 'active' : state === 'TERMINATED' ? 'unsigned' : 'signing',
          agreementNo: typeof json.contract_id === 'string' ? json.contract_id : undefined,
        },
      };
    },
    async unsign(agreementNo) {
      const result = await call('POST', `/v3/papay/contracts/${encodeURIComponent(agreementNo)}/terminate`, {
        appid: settings.appId,
        mchid: settings.mchid,
        plan_id: planId,
        contract_termination_remark: '用户申请解约',
      });
      if (result.outcome !== 'ok') return result;
      if (result.value.status === 404) return { outcome: 'refused', code: 'CONTRACT_NOT_EXIST', message: '' };
      return { outcome: 'ok', value: { unsigned: true } };
    },
    async preDebitNotice(request) {
      const result = await call('POST', `/v3/papay/contracts/${encodeURIComponent(request.agreementNo)}/notify`, {
        mchid: settings.mchid,
        appid: settings.appId,
        deduct_duration: { count: request.deductWithinDays ?? 1, unit: 'DAY' },
        estimated_amount: { amount: request.amountMinor, currency: 'CNY' },
      });
      if (result.outcome !== 'ok') return result;
      if (result.value.status === 404) return { outcome: 'refused', code: 'CONTRACT_NOT_EXIST', message: '' };
      return { outcome: 'ok', value: { noticed: true } };
    },
    async charge(request) {
      const result = await call('POST', '/v3/papay/pay/transactions/apply', {
        appid: settings.appId,
        mchid: settings.mchid,
        description: request.description.slice(0, 127),
        out_trade_no: request.outTradeNo,
        notify_url: settings.notifyUrl,
        contract_id: request.agreementNo,
        amount: { total: request.amountMinor, currency: 'CNY' },
      });
      if (result.outcome === 'refused' && tradeExistsCodes.has(result.code)) return query(request.outTradeNo);
      if (result.outcome !== 'ok') return result;
      if (result.value.status === 404) return { outcome: 'refused', code: 'CONTRACT_NOT_EXIST', message: '' };
      // Accepted: the result is the TRANSACTION callback or the query; ask now (a deduction is quick).
      return query(request.outTradeNo);
    },
  };
}
