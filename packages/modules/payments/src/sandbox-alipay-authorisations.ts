// The sandbox's Alipay fund authorisation (预授权): `alipay.fund.auth.order.freeze` (answered at once,
// as when the payer has confirmed), `alipay.trade.pay` with `auth_no` and `product_code=PRE_AUTH_ONLINE`
// (a capture), `alipay.fund.auth.order.unfreeze` (a release, a new out_request_no each time) and
// `alipay.fund.auth.operation.detail.query`. Amounts are yuan strings both ways.
import type { Executor } from '@zulin/db';
import { minorToYuan } from './channel-amounts';
import { amountOf, businessFailed, invalid, success } from './sandbox-alipay-answers';
import {
  captureAuthorisation,
  findAuthorisation,
  freezeAuthorisation,
  releaseAuthorisationAtSandbox,
  type SandboxAuthorisation,
} from './sandbox-authorisations';
import { beijingTime, type SandboxDeps } from './sandbox-trades';

type Json = Record<string, unknown>;

const number = (value: unknown) =>
  typeof value === 'string' && /^[0-9A-Za-z_]{1,64}$/.test(value) ? value : undefined;

function authStatus(a: SandboxAuthorisation): string {
  return a.state === 'open' ? 'AUTHORIZED' : a.state === 'finished' ? 'FINISH' : 'CLOSED';
}

/** Answers the fund-authorisation methods; undefined when `method` is not one of them. */
export async function answerAlipayAuthorisation(
  tx: Executor,
  deps: SandboxDeps,
  merchantId: string,
  method: string,
  biz: Json,
): Promise<Json | undefined> {
  const now = deps.clock.now();
  switch (method) {
    case 'alipay.fund.auth.order.freeze': {
      const outOrderNo = number(biz.out_order_no);
      const outRequestNo = number(biz.out_request_no);
      const amountMinor = amountOf(biz.amount);
      if (!outOrderNo || !outRequestNo) return invalid('isv.missing-parameter', '缺少 out_order_no 或 out_request_no');
      if (typeof biz.auth_code !== 'string' || biz.auth_code === '')
        return invalid('isv.missing-parameter', '缺少 auth_code');
      if (biz.product_code !== 'PRE_AUTH_ONLINE' && biz.product_code !== 'PRE_AUTH')
        return invalid('isv.invalid-parameter', 'product_code 错误');
      if (amountMinor === undefined) return invalid('isv.invalid-parameter', 'amount 格式错误');
      const frozen = await freezeAuthorisation(tx, deps, {
        channel: 'alipay',
        merchantId,
        outOrderNo,
        requestNo: outRequestNo,
        amountMinor,
      });
      if ('refused' in frozen) {
        return frozen.refused === 'closed'
          ? businessFailed('ORDER_ALREADY_CLOSED', '授权订单已关闭')
          : businessFailed('REQUEST_AMOUNT_EXCEED', '同一请求号金额不一致');
      }
      const a = frozen.authorisation;
      return {
        ...success,
        auth_no: a.authNo,
        out_order_no: a.outOrderNo,
        operation_id: `${a.authNo}01`,
        out_request_no: outRequestNo,
        amount: minorToYuan(a.amountMinor),
        status: 'SUCCESS',
        gmt_trans: beijingTime(a.createdAt, 'alipay'),
        payer_user_id: '2088000000000099',
        credit_amount: minorToYuan(a.creditMinor),
        fund_amount: minorToYuan(a.fundMinor),
        ...(a.fundMinor === 0 ? { pre_auth_type: 'CREDIT_AUTH' } : {}),
      };
    }
    case 'alipay.trade.pay': {
      if (typeof biz.auth_no !== 'string') return undefined;
      const outTradeNo = number(biz.out_trade_no);
      const amountMinor = amountOf(biz.total_amount);
      const subject = typeof biz.subject === 'string' && biz.subject !== '' ? biz.subject.slice(0, 256) : undefined;
      if (!outTradeNo || !subject) return invalid('isv.missing-parameter', '缺少 out_trade_no 或 subject');
      if (biz.product_code !== 'PRE_AUTH_ONLINE' && biz.product_code !== 'PRE_AUTH')
        return invalid('isv.invalid-parameter', 'product_code 错误');
      if (amountMinor === undefined) return invalid('isv.invalid-parameter', 'total_amount 格式错误');
      const a = await findAuthorisation(tx, 'alipay', merchantId, { authNo: biz.auth_no });
      if (!a) return businessFailed('ACQ.AUTH_NO_NOT_EXIST', '授权号不存在');
      const paid = await captureAuthorisation(tx, deps, a, {
        kind: 'pay',
        requestNo: outTradeNo,
        amountMinor,
        finish: biz.auth_confirm_mode === 'COMPLETE',
        description: subject,
      });
      if ('refused' in paid) {
        if (paid.refused === 'different') return businessFailed('ACQ.CONTEXT_INCONSISTENT', '交易信息被篡改');
        if (paid.refused === 'closed') return businessFailed('ACQ.AUTH_ORDER_HAS_FINISHED', '授权订单已完结');
        if (paid.refused === 'insufficient_funds')
          return businessFailed('ACQ.BUYER_BALANCE_NOT_ENOUGH', '买家余额不足');
        return businessFailed('ACQ.TOTAL_FEE_EXCEED', '订单金额超过可支付的授权金额');
      }
      return {
        ...success,
        trade_no: paid.tradeNo,
        out_trade_no: outTradeNo,
        total_amount: minorToYuan(amountMinor),
        receipt_amount: minorToYuan(amountMinor),
        gmt_payment: beijingTime(now, 'alipay'),
        auth_trade_pay_mode: 'CREDIT_PREAUTH_PAY',
      };
    }
    case 'alipay.fund.auth.order.unfreeze': {
      const outRequestNo = number(biz.out_request_no);
      const amountMinor = amountOf(biz.amount);
      if (typeof biz.auth_no !== 'string' || !outRequestNo)
        return invalid('isv.missing-parameter', '缺少 auth_no 或 out_request_no');
      if (amountMinor === undefined) return invalid('isv.invalid-parameter', 'amount 格式错误');
      const a = await findAuthorisation(tx, 'alipay', merchantId, { authNo: biz.auth_no });
      if (!a) return businessFailed('AUTH_ORDER_NOT_EXIST', '授权订单不存在');
      const done = await releaseAuthorisationAtSandbox(tx, deps, a, {
        kind: 'unfreeze',
        requestNo: outRequestNo,
        amountMinor,
      });
      if ('refused' in done) {
        if (done.refused === 'different') return businessFailed('REQUEST_AMOUNT_EXCEED', '同一请求号金额不一致');
        if (done.refused === 'closed') return businessFailed('ORDER_ALREADY_FINISH', '授权订单已完结');
        return businessFailed('UNFREEZE_AMOUNT_EXCEED', '解冻金额超过剩余冻结金额');
      }
      return {
        ...success,
        auth_no: a.authNo,
        out_order_no: a.outOrderNo,
        out_request_no: outRequestNo,
        amount: minorToYuan(amountMinor),
        status: 'SUCCESS',
        gmt_trans: beijingTime(now, 'alipay'),
      };
    }
    case 'alipay.fund.auth.operation.detail.query': {
      const a =
        typeof biz.auth_no === 'string'
          ? await findAuthorisation(tx, 'alipay', merchantId, { authNo: biz.auth_no })
          : typeof biz.out_order_no === 'string'
            ? await findAuthorisation(tx, 'alipay', merchantId, { outOrderNo: biz.out_order_no })
            : undefined;
      if (!a) return businessFailed('AUTH_ORDER_NOT_EXIST', '授权订单不存在');
      return {
        ...success,
        auth_no: a.authNo,
        out_order_no: a.outOrderNo,
        order_status: authStatus(a),
        total_freeze_amount: minorToYuan(a.amountMinor),
        rest_amount: minorToYuan(a.amountMinor - a.capturedMinor - a.releasedMinor),
        total_pay_amount: minorToYuan(a.capturedMinor),
        credit_amount: minorToYuan(a.creditMinor),
        fund_amount: minorToYuan(a.fundMinor),
      };
    }
    default:
      return undefined;
  }
}
