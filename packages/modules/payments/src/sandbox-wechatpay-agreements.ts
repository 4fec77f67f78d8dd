// The sandbox's WeChat Pay entrusted debit (委托代扣 / papay), API v3, answered inside
// `answerWechatpayRequest` (so the merchant's request signature is verified and the answer signed as
// for trades): pre-entrust-sign (a contract waiting on the sandbox's sign page, shared with Alipay's),
// the contract by out_contract_code, terminate, the pre-debit notice, and the deduction — refused
// without a notice for the contract, within 24 h of it (扣款等待期) or after the notice's deduct_duration
// days that follow (可扣费期: a new notice is needed), or above the notice's amount; refused NOT_ENOUGH
// when the `insufficientFunds` knob is on, else paid at once with the usual TRANSACTION.SUCCESS callback.
// Sign and terminate are notified to the merchant (PAPAY.SIGN / PAPAY.TERMINATE, encrypted resource,
// signed at sending). Paths and fields: wechatpay-agreement-clients.ts.
import { randomBytes } from 'node:crypto';
import type { Executor } from '@zulin/db';
import { newId } from '@zulin/kernel';
import { and, eq } from 'drizzle-orm';
import { PaymentsLimits } from './limits';
import {
  cancelInAppAtSandbox,
  findSandboxAgreement,
  type SandboxAgreement,
  sandboxAgreementUrl,
  signAtSandbox,
} from './sandbox-alipay-agreements';
import { readKnobs } from './sandbox-knobs';
import { actAtCashier, beijingTime, findTrade, openTrade, queueCallback, type SandboxDeps } from './sandbox-trades';
import { paymentsSandboxAgreements } from './schema';
import { encryptWechatpayResource } from './wechatpay-protocol';

type Json = Record<string, unknown>;

/** The sandbox merchant's entrusted-debit plan (委托代扣模板). */
export const sandboxPapayPlanId = '12535';

const fail = (status: number, code: string, message: string) => ({ status, json: { code, message } });

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown, max: number): string | undefined =>
  typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;

const positiveFen = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= PaymentsLimits.paymentMaxMinor
    ? value
    : undefined;

/** A contract signed on the page (the sandbox's words TEMP / NORMAL / STOP) in WeChat's words. */
function contractJson(deps: SandboxDeps, a: SandboxAgreement): Json {
  return {
    mchid: a.merchantId,
    appid: deps.keys.wechatpay.appId,
    plan_id: Number(sandboxPapayPlanId),
    out_contract_code: a.externalAgreementNo,
    contract_id: a.agreementNo,
    openid: 'oSandboxPayer000000000000001',
    contract_state: a.status === 'NORMAL' ? 'ADDED' : 'TERMINATED',
    ...(a.signedAt ? { contract_signed_time: beijingTime(a.signedAt, 'rfc3339') } : {}),
  };
}

/** The contract notification (签约/解约结果通知) to the success_notify_url of the sign request. */
async function queueContractNotify(
  tx: Executor,
  deps: SandboxDeps,
  a: SandboxAgreement,
  eventType: 'PAPAY.SIGN' | 'PAPAY.TERMINATE',
): Promise<void> {
  if (a.notifyUrl === '') return;
  const now = deps.clock.now();
  const resource = encryptWechatpayResource(
    JSON.stringify({ ...contractJson(deps, a), operate_time: beijingTime(now, 'rfc3339') }),
    deps.keys.wechatpay.apiV3Key,
    { nonce: randomBytes(9).toString('base64url').slice(0, 12), associatedData: 'papay', originalType: 'papay' },
  );
  const body = JSON.stringify({
    id: randomBytes(16).toString('hex'),
    create_time: beijingTime(now, 'rfc3339'),
    resource_type: 'encrypt-resource',
    event_type: eventType,
    summary: eventType === 'PAPAY.SIGN' ? '签约成功' : '解约成功',
    resource,
  });
  await queueCallback(tx, deps, { id: a.id, channel: 'wechatpay', notifyUrl: a.notifyUrl }, body);
}

/** The payer signs on the sandbox's sign page (either channel): TEMP → NORMAL, notified in the channel's way. */
export async function signAgreementAtSandbox(
  tx: Executor,
  deps: SandboxDeps,
  id: string,
): Promise<SandboxAgreement | undefined> {
  const [found] = await tx.select().from(paymentsSandboxAgreements).where(eq(paymentsSandboxAgreements.id, id));
  if (found?.channel !== 'wechatpay') return signAtSandbox(tx, deps, id);
  const [updated] = await tx
    .update(paymentsSandboxAgreements)
    .set({ status: 'NORMAL', signedAt: deps.clock.now() })
    .where(and(eq(paymentsSandboxAgreements.id, id), eq(paymentsSandboxAgreements.status, 'TEMP')))
    .returning();
  if (updated) await queueContractNotify(tx, deps, updated, 'PAPAY.SIGN');
  return updated;
}

/** The payer ends a signed agreement in their app (either channel): NORMAL → STOP, notified. */
export async function cancelAgreementInAppAtSandbox(
  tx: Executor,
  deps: SandboxDeps,
  id: string,
): Promise<SandboxAgreement | undefined> {
  const [found] = await tx.select().from(paymentsSandboxAgreements).where(eq(paymentsSandboxAgreements.id, id));
  if (found?.channel !== 'wechatpay') return cancelInAppAtSandbox(tx, deps, id);
  return terminate(tx, deps, found);
}

async function terminate(tx: Executor, deps: SandboxDeps, a: SandboxAgreement): Promise<SandboxAgreement | undefined> {
  const [updated] = await tx
    .update(paymentsSandboxAgreements)
    .set({ status: 'STOP', noticeAmountMinor: null, noticeAt: null, noticeDays: null })
    .where(and(eq(paymentsSandboxAgreements.id, a.id), eq(paymentsSandboxAgreements.status, 'NORMAL')))
    .returning();
  if (updated) await queueContractNotify(tx, deps, updated, 'PAPAY.TERMINATE');
  return updated;
}

/** Answers a papay request, or undefined when `path` is none of papay's. */
export async function answerWechatpayAgreement(
  tx: Executor,
  deps: SandboxDeps,
  request: { method: string; path: string; query: URLSearchParams; body: Json },
): Promise<{ status: number; json?: Json } | undefined> {
  const { method, path, body } = request;
  const keys = deps.keys.wechatpay;
  const now = deps.clock.now();

  if (method === 'POST' && path === '/v3/papay/contracts/h5-pre-entrust-sign') {
    const code = text(body.out_contract_code, 32);
    const notifyUrl = text(body.success_notify_url, 256);
    if (body.appid !== keys.appId) return fail(400, 'PARAM_ERROR', 'appid 与商户号不匹配');
    if (String(body.plan_id) !== sandboxPapayPlanId) return fail(400, 'PARAM_ERROR', 'plan_id 不存在');
    if (!code || !/^[0-9A-Za-z_-]{1,32}$/.test(code)) return fail(400, 'PARAM_ERROR', 'out_contract_code 格式错误');
    if (!notifyUrl || !text(body.user_display_name, 32))
      return fail(400, 'PARAM_ERROR', '缺少 success_notify_url 或 user_display_name');
    const existing = await findSandboxAgreement(tx, 'wechatpay', keys.mchid, { externalAgreementNo: code });
    // A signed or ended contract number cannot be used again.
    if (existing && existing.status !== 'TEMP') return fail(400, 'INVALID_REQUEST', 'out_contract_code 已使用');
    if (existing) return { status: 200, json: { redirect_url: sandboxAgreementUrl(existing) } };
    const [created] = await tx
      .insert(paymentsSandboxAgreements)
      .values({
        id: newId('sbg', deps.clock),
        channel: 'wechatpay',
        merchantId: keys.mchid,
        externalAgreementNo: code,
        agreementNo: `2000${BigInt(`0x${randomBytes(8).toString('hex')}`)
          .toString()
          .padStart(20, '0')
          .slice(0, 16)}`,
        singleAmountMinor: PaymentsLimits.agreementPerChargeMaxMinor,
        status: 'TEMP',
        notifyUrl,
        createdAt: now,
      })
      .returning();
    if (!created) throw new Error('insert returned nothing');
    return { status: 200, json: { redirect_url: sandboxAgreementUrl(created) } };
  }

  const byCode = /^\/v3\/papay\/contracts\/out-contract-code\/([^/]{1,64})$/.exec(path);
  if (method === 'GET' && byCode) {
    if (request.query.get('appid') !== keys.appId || request.query.get('plan_id') !== sandboxPapayPlanId)
      return fail(400, 'PARAM_ERROR', 'appid 或 plan_id 错误');
    const a = await findSandboxAgreement(tx, 'wechatpay', keys.mchid, {
      externalAgreementNo: decodeURIComponent(byCode[1] ?? ''),
    });
    // A contract exists at WeChat only once the payer signed it.
    if (!a?.signedAt) return fail(404, 'RESOURCE_NOT_EXISTS', '签约协议不存在');
    return { status: 200, json: contractJson(deps, a) };
  }

  const byId = /^\/v3\/papay\/contracts\/([^/]{1,64})\/(terminate|notify)$/.exec(path);
  if (method === 'POST' && byId) {
    const a = await findSandboxAgreement(tx, 'wechatpay', keys.mchid, {
      agreementNo: decodeURIComponent(byId[1] ?? ''),
    });
    if (!a?.signedAt) return fail(404, 'RESOURCE_NOT_EXISTS', '签约协议不存在');
    if (byId[2] === 'terminate') {
      if (a.status === 'NORMAL') await terminate(tx, deps, a);
      return { status: 204 };
    }
    if (body.mchid !== keys.mchid || body.appid !== keys.appId)
      return fail(400, 'PARAM_ERROR', 'mchid 与 appid 不匹配');
    if (a.status !== 'NORMAL') return fail(400, 'CONTRACT_ERROR', '签约协议已解约');
    const duration = isRecord(body.deduct_duration) ? body.deduct_duration : {};
    const estimated = isRecord(body.estimated_amount) ? body.estimated_amount : {};
    if (duration.unit !== 'DAY' || ![1, 2, 3].includes(Number(duration.count)))
      return fail(400, 'PARAM_ERROR', 'deduct_duration 必须是 1 到 3 天');
    const amount = positiveFen(estimated.amount);
    if (amount === undefined) return fail(400, 'PARAM_ERROR', 'estimated_amount.amount 必须是以分为单位的正整数');
    await tx
      .update(paymentsSandboxAgreements)
      .set({ noticeAmountMinor: amount, noticeAt: now, noticeDays: Number(duration.count) })
      .where(eq(paymentsSandboxAgreements.id, a.id));
    return { status: 204 };
  }

  if (method === 'POST' && path === '/v3/papay/pay/transactions/apply') {
    const outTradeNo = text(body.out_trade_no, 32);
    const description = text(body.description, 127);
    const notifyUrl = text(body.notify_url, 256);
    const contractId = text(body.contract_id, 64);
    const total = positiveFen(isRecord(body.amount) ? body.amount.total : undefined);
    if (body.mchid !== keys.mchid || body.appid !== keys.appId)
      return fail(400, 'PARAM_ERROR', 'mchid 与 appid 不匹配');
    if (!outTradeNo || !/^[0-9A-Za-z_\-*|]{6,32}$/.test(outTradeNo))
      return fail(400, 'PARAM_ERROR', 'out_trade_no 格式错误');
    if (!description || !notifyUrl || !contractId)
      return fail(400, 'PARAM_ERROR', '缺少 description、notify_url 或 contract_id');
    if (total === undefined) return fail(400, 'PARAM_ERROR', 'amount.total 必须是以分为单位的正整数');
    const existing = await findTrade(tx, 'wechatpay', keys.mchid, outTradeNo);
    if (existing?.state === 'paid') return fail(400, 'ORDERPAID', '该订单已支付');
    if (existing) return fail(400, 'INVALID_REQUEST', '商户订单号重复');
    const a = await findSandboxAgreement(tx, 'wechatpay', keys.mchid, { agreementNo: contractId });
    if (a?.status !== 'NORMAL') return fail(400, 'CONTRACT_ERROR', '签约协议不存在或已解约');
    // The channel deducts only after a pre-debit notice, and never more than it announced.
    if (a.noticeAmountMinor === null || !a.noticeAt || a.noticeDays === null)
      return fail(403, 'RULE_LIMIT', '扣费前未发送预扣费通知');
    if (total > a.noticeAmountMinor) return fail(400, 'PARAM_ERROR', '扣费金额超过预扣费通知金额');
    // After the notice: a waiting period (扣款等待期, 24 h), then its deduct_duration days (可扣费期).
    const windowOpensMs = a.noticeAt.getTime() + PaymentsLimits.papayNoticeWaitSeconds * 1000;
    if (now.getTime() < windowOpensMs) return fail(403, 'RULE_LIMIT', '预扣费通知后 24 小时内不能扣费（扣款等待期）');
    if (now.getTime() >= windowOpensMs + a.noticeDays * 86_400_000)
      return fail(403, 'RULE_LIMIT', '可扣费期已结束，请重新发送预扣费通知');
    if ((await readKnobs(tx)).insufficientFunds) return fail(403, 'NOT_ENOUGH', '用户账户余额不足');
    const opened = await openTrade(tx, deps, {
      channel: 'wechatpay',
      merchantId: keys.mchid,
      outTradeNo,
      amountMinor: total,
      description,
      notifyUrl,
    });
    if (!('trade' in opened)) return fail(400, 'INVALID_REQUEST', '商户订单号重复');
    // Paid at once (queues TRANSACTION.SUCCESS to notify_url); the notice is used up.
    await actAtCashier(tx, deps, opened.trade.id, 'pay');
    await tx
      .update(paymentsSandboxAgreements)
      .set({ noticeAmountMinor: null, noticeAt: null, noticeDays: null })
      .where(eq(paymentsSandboxAgreements.id, a.id));
    return { status: 204 };
  }
  return undefined;
}
