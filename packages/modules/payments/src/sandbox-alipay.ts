// The sandbox playing the Alipay OpenAPI 2.0 gateway at `/v1/sandbox/payments/alipay/gateway.do`:
// the common parameters in the query or the form (the official client puts them in the query and
// biz_content in the form), RSA2 verified with the app's public key over the values decoded once,
// and every answer signed with Alipay's key over the response object's exact text. Both modes: a
// request carrying `app_cert_sn` or `alipay_root_cert_sn` is in certificate mode — both must be the
// SNs of the certificates the sandbox issued (GET /v1/sandbox/payments/keys), else the gateway's
// `isv.missing-app-cert-sn`, `isv.missing-alipay-root-cert-sn`, `isv.app-cert-not-exist` or
// `isv.invalid-alipay-root-cert-sn` (opendocs common/02kdnf) — and its answer carries `alipay_cert_sn`.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { Executor } from '@zulin/db';
import {
  type AlipayParams,
  alipayCertSn,
  alipayRootCertSn,
  signAlipayResponse,
  verifyAlipayRequest,
} from './alipay-protocol';
import { minorToYuan } from './channel-amounts';
import { answerAlipayAgreement } from './sandbox-alipay-agreements';
import { amountOf, businessFailed, invalid, success } from './sandbox-alipay-answers';
import { answerAlipayAuthorisation } from './sandbox-alipay-authorisations';
import { readKnobs, spendKnob } from './sandbox-knobs';
import { answerAlipayBillQuery } from './sandbox-statements';
import {
  alipayTradeStatus,
  beijingTime,
  closeTrade,
  findTrade,
  openTrade,
  refundTrade,
  type SandboxDeps,
  sandboxCashierUrl,
} from './sandbox-trades';
import type { ChannelAnswer } from './sandbox-wechatpay';

type Json = Record<string, unknown>;

/** Answers one gateway call; `params` are the query and form parameters, each decoded once. */
export async function answerAlipayRequest(
  tx: Executor,
  deps: SandboxDeps,
  params: AlipayParams,
  /** Where the caller reached the sandbox (`http://host:port`), for the bill links it hands out. */
  origin = '',
): Promise<ChannelAnswer> {
  const now = deps.clock.now();
  const keys = deps.keys.alipay;
  const knobs = await readKnobs(tx);
  const method = params.method ?? '';
  // A page method (the agreement sign page) answers with a redirect for the payer's browser.
  let redirect: string | undefined;
  const certMode = params.app_cert_sn !== undefined || params.alipay_root_cert_sn !== undefined;
  const json = await (async (): Promise<Json> => {
    if (params.app_id !== keys.appId) return invalid('isv.invalid-app-id', '无效的AppID参数');
    if (certMode) {
      if (!params.app_cert_sn) return invalid('isv.missing-app-cert-sn', '缺少应用公钥证书序列号');
      if (!params.alipay_root_cert_sn) return invalid('isv.missing-alipay-root-cert-sn', '缺少支付宝根证书序列号');
      if (!keys.appCertificatePem || params.app_cert_sn !== alipayCertSn(keys.appCertificatePem)) {
        return invalid('isv.app-cert-not-exist', '应用公钥证书不存在');
      }
      if (!keys.rootCertificatePem || params.alipay_root_cert_sn !== alipayRootCertSn(keys.rootCertificatePem)) {
        return invalid('isv.invalid-alipay-root-cert-sn', '无效的支付宝根证书序列号');
      }
    }
    try {
      verifyAlipayRequest(params, createPublicKey(keys.appPublicKeyPem));
    } catch {
      return invalid('isv.invalid-signature', '验签出错');
    }
    if (await spendKnob(tx, now, 'failNextCalls')) {
      return { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error', sub_msg: '系统繁忙' };
    }
    let biz: Json;
    try {
      const parsed: unknown = JSON.parse(params.biz_content ?? '{}');
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      biz = parsed as Json;
    } catch {
      return invalid('isv.invalid-parameter', 'biz_content 不是合法的 JSON 对象');
    }
    if (method === 'alipay.data.dataservice.bill.downloadurl.query') {
      return answerAlipayBillQuery(deps.keys, now, biz, origin);
    }
    const authorisation = await answerAlipayAuthorisation(tx, deps, keys.appId, method, biz);
    if (authorisation) return authorisation;
    const agreement = await answerAlipayAgreement(tx, deps, keys.appId, method, biz, params.notify_url ?? '');
    if (agreement && 'redirect' in agreement && typeof agreement.redirect === 'string') {
      redirect = agreement.redirect;
      return success;
    }
    if (agreement) return agreement;
    const outTradeNo =
      typeof biz.out_trade_no === 'string' && /^[0-9A-Za-z_]{1,64}$/.test(biz.out_trade_no)
        ? biz.out_trade_no
        : undefined;
    if (!outTradeNo) return invalid('isv.missing-parameter', '缺少 out_trade_no');

    switch (method) {
      case 'alipay.trade.precreate':
      case 'alipay.trade.create': {
        const amountMinor = amountOf(biz.total_amount);
        const subject =
          typeof biz.subject === 'string' && biz.subject.length > 0 && biz.subject.length <= 256
            ? biz.subject
            : undefined;
        if (amountMinor === undefined)
          return invalid('isv.invalid-parameter', 'total_amount 取值范围[0.01,100000000]，最多两位小数');
        if (!subject || !params.notify_url) return invalid('isv.missing-parameter', '缺少 subject 或 notify_url');
        const opened = await openTrade(tx, deps, {
          channel: 'alipay',
          merchantId: keys.appId,
          outTradeNo,
          amountMinor,
          description: subject,
          notifyUrl: params.notify_url,
        });
        if ('conflict' in opened) {
          if (opened.conflict === 'paid') return businessFailed('ACQ.TRADE_HAS_SUCCESS', '交易已被支付');
          if (opened.conflict === 'closed') return businessFailed('ACQ.TRADE_HAS_CLOSE', '交易已经关闭');
          return businessFailed('ACQ.CONTEXT_INCONSISTENT', '交易信息被篡改');
        }
        return {
          ...success,
          out_trade_no: outTradeNo,
          qr_code: sandboxCashierUrl(opened.trade),
          trade_no: opened.trade.channelTradeNo,
        };
      }
      case 'alipay.trade.query': {
        const trade = await findTrade(tx, 'alipay', keys.appId, outTradeNo);
        if (!trade) return businessFailed('ACQ.TRADE_NOT_EXIST', '交易不存在');
        return {
          ...success,
          trade_no: trade.channelTradeNo,
          out_trade_no: trade.outTradeNo,
          trade_status: alipayTradeStatus(trade),
          total_amount: minorToYuan(trade.amountMinor),
          ...(trade.state === 'paid'
            ? { buyer_pay_amount: minorToYuan(trade.amountMinor), receipt_amount: minorToYuan(trade.amountMinor) }
            : {}),
          ...(trade.paidAt ? { send_pay_date: beijingTime(trade.paidAt, 'alipay') } : {}),
        };
      }
      case 'alipay.trade.close': {
        const trade = await findTrade(tx, 'alipay', keys.appId, outTradeNo);
        if (!trade) return businessFailed('ACQ.TRADE_NOT_EXIST', '交易不存在');
        const closed = await closeTrade(tx, deps, trade);
        if (closed === 'paid') return businessFailed('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
        return { ...success, trade_no: trade.channelTradeNo, out_trade_no: outTradeNo };
      }
      case 'alipay.trade.refund': {
        const trade = await findTrade(tx, 'alipay', keys.appId, outTradeNo);
        if (!trade) return businessFailed('ACQ.TRADE_NOT_EXIST', '交易不存在');
        const amountMinor = amountOf(biz.refund_amount);
        if (amountMinor === undefined) return invalid('isv.invalid-parameter', 'refund_amount 格式错误');
        const outRequestNo =
          typeof biz.out_request_no === 'string' && biz.out_request_no !== '' ? biz.out_request_no : outTradeNo;
        const done = await refundTrade(tx, deps, trade, { outRefundNo: outRequestNo, amountMinor, notify: false });
        if ('refused' in done) {
          if (done.refused === 'not_paid') return businessFailed('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
          if (done.refused === 'different')
            return businessFailed('ACQ.REQUEST_AMOUNT_EXCEED', '退款请求号对应的金额不一致');
          return businessFailed('ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', '退款金额超限');
        }
        return {
          ...success,
          trade_no: done.trade.channelTradeNo,
          out_trade_no: outTradeNo,
          fund_change: 'Y',
          refund_fee: minorToYuan(done.trade.refundedMinor),
        };
      }
      default:
        return invalid('isv.invalid-method', '不存在的方法名');
    }
  })();
  if (redirect) return { status: 302, headers: { Location: redirect }, body: '', holdSeconds: 0 };
  const responseMethod = method.length > 0 && method.length <= 64 && /^[a-z.]+$/.test(method) ? method : 'error';
  const body = signAlipayResponse(
    responseMethod,
    json,
    createPrivateKey(keys.alipayPrivateKeyPem),
    certMode && keys.alipayCertificatePem ? alipayCertSn(keys.alipayCertificatePem) : undefined,
  );
  const hold = json.code === '10000' && (await spendKnob(tx, now, 'timeoutNextCalls')) ? knobs.timeoutSeconds : 0;
  return {
    status: 200,
    headers: { 'Content-Type': 'application/json; charset=utf-8', trace_id: `sandbox${now.getTime()}` },
    body,
    holdSeconds: hold,
  };
}
