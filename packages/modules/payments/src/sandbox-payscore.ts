// The sandbox's WeChat Pay Score (支付分) service orders, the no-confirmation mode: create with a
// DEPOSIT risk fund (state DOING at once), complete with the final amount (DONE, collected at once),
// cancel from CREATED or DOING (REVOKED), query by out_order_no. Amounts are integer fen.
import type { Executor } from '@zulin/db';
import { PaymentsLimits } from './limits';
import {
  captureAuthorisation,
  findAuthorisation,
  freezeAuthorisation,
  releaseAuthorisationAtSandbox,
  remainingOf,
  type SandboxAuthorisation,
} from './sandbox-authorisations';
import { beijingTime, type SandboxDeps } from './sandbox-trades';

type Json = Record<string, unknown>;

/** The Pay Score service the sandbox merchant has opened. */
export const sandboxPayscoreServiceId = '00004000000000000000000000000001';

const fail = (status: number, code: string, message: string) => ({ status, json: { code, message } });
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function serviceOrder(a: SandboxAuthorisation, appId: string, tradeNo?: string): Json {
  const state = a.state === 'open' ? 'DOING' : a.state === 'finished' ? 'DONE' : 'REVOKED';
  return {
    out_order_no: a.outOrderNo,
    service_id: sandboxPayscoreServiceId,
    appid: appId,
    mchid: a.merchantId,
    order_id: a.authNo,
    state,
    ...(state === 'DONE' ? { state_description: 'MCH_COMPLETE' } : {}),
    risk_fund: { name: 'DEPOSIT', amount: a.amountMinor },
    total_amount: a.capturedMinor,
    need_collection: a.state === 'finished',
    ...(a.state === 'finished'
      ? {
          collection: {
            state: 'USER_PAID',
            total_amount: a.capturedMinor,
            paying_amount: 0,
            paid_amount: a.capturedMinor,
            details: tradeNo ? [{ seq: 1, amount: a.capturedMinor, paid_type: 'NEWTON', transaction_id: tradeNo }] : [],
          },
        }
      : {}),
    create_time: beijingTime(a.createdAt, 'rfc3339'),
  };
}

/** Answers a Pay Score request; undefined when `path` is not one. */
export async function answerPayscore(
  tx: Executor,
  deps: SandboxDeps,
  request: { method: string; path: string; query: URLSearchParams; body: Json },
): Promise<{ status: number; json: Json } | undefined> {
  const keys = deps.keys.wechatpay;
  const { method, path, body } = request;
  if (method === 'POST' && path === '/v3/payscore/serviceorder') {
    const risk = isRecord(body.risk_fund) ? body.risk_fund : {};
    const amount = risk.amount;
    const outOrderNo = typeof body.out_order_no === 'string' ? body.out_order_no : '';
    if (body.appid !== keys.appId) return fail(400, 'PARAM_ERROR', 'appid 错误');
    if (body.service_id !== sandboxPayscoreServiceId) return fail(400, 'PARAM_ERROR', 'service_id 错误');
    if (!/^[0-9A-Za-z_\-*|]{6,32}$/.test(outOrderNo)) return fail(400, 'PARAM_ERROR', 'out_order_no 格式错误');
    if (risk.name !== 'DEPOSIT' || typeof amount !== 'number' || !Number.isSafeInteger(amount))
      return fail(400, 'PARAM_ERROR', 'risk_fund 必须是以分为单位的 DEPOSIT');
    if (amount < 1 || amount > PaymentsLimits.paymentMaxMinor)
      return fail(400, 'PARAM_ERROR', 'risk_fund.amount 超出范围');
    if (body.need_user_confirm !== false || typeof body.openid !== 'string' || body.openid === '')
      return fail(400, 'PARAM_ERROR', '免确认模式需要 openid');
    const created = await freezeAuthorisation(tx, deps, {
      channel: 'wechatpay',
      merchantId: keys.mchid,
      outOrderNo,
      requestNo: outOrderNo,
      amountMinor: amount,
    });
    if ('refused' in created) return fail(400, 'INVALID_REQUEST', '商户订单号重复');
    return { status: 200, json: serviceOrder(created.authorisation, keys.appId) };
  }
  const one = /^\/v3\/payscore\/serviceorder\/([^/]{6,32})\/(complete|cancel)$/.exec(path);
  if (method === 'POST' && one) {
    if (body.appid !== keys.appId || body.service_id !== sandboxPayscoreServiceId)
      return fail(400, 'PARAM_ERROR', 'appid 或 service_id 错误');
    const a = await findAuthorisation(tx, 'wechatpay', keys.mchid, { outOrderNo: decodeURIComponent(one[1] ?? '') });
    if (!a) return fail(404, 'ORDER_NOT_EXIST', '订单不存在');
    if (one[2] === 'cancel') {
      if (typeof body.reason !== 'string' || body.reason === '') return fail(400, 'PARAM_ERROR', '缺少 reason');
      if (a.state === 'revoked') return { status: 200, json: serviceOrder(a, keys.appId) };
      const done = await releaseAuthorisationAtSandbox(tx, deps, a, {
        kind: 'cancel',
        requestNo: a.outOrderNo,
        amountMinor: remainingOf(a),
      });
      if ('refused' in done) return fail(400, 'INVALID_ORDER_STATE', '订单状态不允许取消');
      return { status: 200, json: serviceOrder(done.authorisation, keys.appId) };
    }
    const total = body.total_amount;
    if (typeof total !== 'number' || !Number.isSafeInteger(total) || total < 0)
      return fail(400, 'PARAM_ERROR', 'total_amount 必须是以分为单位的整数');
    const done = await captureAuthorisation(tx, deps, a, {
      kind: 'complete',
      requestNo: a.outOrderNo,
      amountMinor: total,
      finish: true,
      description: 'payscore',
    });
    if ('refused' in done) {
      if (done.refused === 'insufficient_funds') return fail(403, 'NOT_ENOUGH', '用户余额不足');
      if (done.refused === 'too_much') return fail(400, 'PARAM_ERROR', 'total_amount 超过 risk_fund.amount');
      return fail(400, 'INVALID_ORDER_STATE', '订单状态不允许完结');
    }
    return { status: 200, json: serviceOrder(done.authorisation, keys.appId, total > 0 ? done.tradeNo : undefined) };
  }
  if (method === 'GET' && path === '/v3/payscore/serviceorder') {
    const outOrderNo = request.query.get('out_order_no') ?? '';
    const a = await findAuthorisation(tx, 'wechatpay', keys.mchid, { outOrderNo });
    if (!a) return fail(404, 'ORDER_NOT_EXIST', '订单不存在');
    return { status: 200, json: serviceOrder(a, keys.appId) };
  }
  return undefined;
}
