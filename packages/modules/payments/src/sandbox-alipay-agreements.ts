// The sandbox's Alipay cycle-pay agreements (周期扣款): `alipay.user.agreement.page.sign` (a page: the
// signed URL opens the sandbox's sign page, where the payer agrees), `alipay.user.agreement.query`,
// `alipay.user.agreement.unsign`, and `alipay.trade.pay` with `product_code=CYCLE_PAY_AUTH` and
// `agreement_params.agreement_no` (a charge: paid at once, refused above the per-charge cap or when
// the `insufficientFunds` knob is on).
import { createPrivateKey, randomBytes } from 'node:crypto';
import type { Executor } from '@zulin/db';
import { newId } from '@zulin/kernel';
import { and, eq } from 'drizzle-orm';
import { alipayForm, signAlipayNotify } from './alipay-protocol';
import { minorToYuan, yuanToMinor } from './channel-amounts';
import { businessFailed, invalid, success } from './sandbox-alipay-answers';
import { readKnobs } from './sandbox-knobs';
import { beijingTime, findTrade, queueCallback, type SandboxDeps } from './sandbox-trades';
import { paymentsSandboxAgreements, paymentsSandboxTrades } from './schema';

type Json = Record<string, unknown>;
export type SandboxAgreement = typeof paymentsSandboxAgreements.$inferSelect;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function yuan(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return yuanToMinor(value);
  } catch {
    return undefined;
  }
}

/** Where the payer signs a sandbox agreement (the H5 app's page). */
export function sandboxAgreementUrl(agreement: { id: string }): string {
  return `/sandbox-agreement/${agreement.id}`;
}

/** A channel's agreement at the sandbox, by the merchant's number or the channel's, locked. */
export async function findSandboxAgreement(
  tx: Executor,
  channel: 'alipay' | 'wechatpay',
  merchantId: string,
  where: { externalAgreementNo: string } | { agreementNo: string },
): Promise<SandboxAgreement | undefined> {
  const [found] = await tx
    .select()
    .from(paymentsSandboxAgreements)
    .where(
      and(
        eq(paymentsSandboxAgreements.channel, channel),
        eq(paymentsSandboxAgreements.merchantId, merchantId),
        'agreementNo' in where
          ? eq(paymentsSandboxAgreements.agreementNo, where.agreementNo)
          : eq(paymentsSandboxAgreements.externalAgreementNo, where.externalAgreementNo),
      ),
    )
    .for('update');
  return found;
}

/**
 * Alipay's agreement notification (签约/解约异步通知) to the notify_url of the sign request, signed
 * with Alipay's key: `dut_user_sign` with status NORMAL once the payer signed, `dut_user_unsign` with
 * status UNSIGN once it ended. Queued as the trades' callbacks are (the knobs delay, lose or repeat it).
 */
async function queueAgreementNotify(
  tx: Executor,
  deps: SandboxDeps,
  a: SandboxAgreement,
  type: 'dut_user_sign' | 'dut_user_unsign',
): Promise<void> {
  if (a.notifyUrl === '') return;
  const now = deps.clock.now();
  const params: Record<string, string> = {
    notify_time: beijingTime(now, 'alipay'),
    notify_type: type,
    notify_id: randomBytes(16).toString('hex'),
    charset: 'utf-8',
    version: '1.0',
    app_id: a.merchantId,
    agreement_no: a.agreementNo,
    external_agreement_no: a.externalAgreementNo,
    personal_product_code: 'CYCLE_PAY_AUTH_P',
    sign_scene: 'INDUSTRY|DIGITAL_MEDIA',
    status: type === 'dut_user_sign' ? 'NORMAL' : 'UNSIGN',
    alipay_user_id: `2088${a.agreementNo.slice(-12)}`,
    ...(a.signedAt
      ? { sign_time: beijingTime(a.signedAt, 'alipay'), valid_time: beijingTime(a.signedAt, 'alipay') }
      : {}),
    ...(type === 'dut_user_unsign' ? { unsign_time: beijingTime(now, 'alipay') } : {}),
  };
  const body = alipayForm(signAlipayNotify(params, createPrivateKey(deps.keys.alipay.alipayPrivateKeyPem)));
  await queueCallback(tx, deps, { id: a.id, channel: 'alipay', notifyUrl: a.notifyUrl }, body);
}

/** The payer agrees on the sandbox's sign page (TEMP → NORMAL); Alipay then notifies dut_user_sign. */
export async function signAtSandbox(
  tx: Executor,
  deps: SandboxDeps,
  id: string,
): Promise<SandboxAgreement | undefined> {
  const [updated] = await tx
    .update(paymentsSandboxAgreements)
    .set({ status: 'NORMAL', signedAt: deps.clock.now() })
    .where(and(eq(paymentsSandboxAgreements.id, id), eq(paymentsSandboxAgreements.status, 'TEMP')))
    .returning();
  if (updated) await queueAgreementNotify(tx, deps, updated, 'dut_user_sign');
  return updated;
}

/** The payer refuses on the sandbox's sign page: the agreement never comes into force (TEMP → STOP). */
export async function refuseAtSandbox(tx: Executor, id: string): Promise<SandboxAgreement | undefined> {
  const [updated] = await tx
    .update(paymentsSandboxAgreements)
    .set({ status: 'STOP' })
    .where(and(eq(paymentsSandboxAgreements.id, id), eq(paymentsSandboxAgreements.status, 'TEMP')))
    .returning();
  return updated;
}

/**
 * The payer ends the agreement in their Alipay app (我的 → 设置 → 支付设置 → 免密支付/自动扣款): NORMAL →
 * STOP, and Alipay notifies dut_user_unsign — the merchant learns it only from that notification or
 * by asking.
 */
export async function cancelInAppAtSandbox(
  tx: Executor,
  deps: SandboxDeps,
  id: string,
): Promise<SandboxAgreement | undefined> {
  const [updated] = await tx
    .update(paymentsSandboxAgreements)
    .set({ status: 'STOP' })
    .where(and(eq(paymentsSandboxAgreements.id, id), eq(paymentsSandboxAgreements.status, 'NORMAL')))
    .returning();
  if (updated) await queueAgreementNotify(tx, deps, updated, 'dut_user_unsign');
  return updated;
}

/** What the sandbox's sign page shows: whom the payer authorises, and the per-charge cap. */
export async function readSandboxAgreement(tx: Executor, id: string): Promise<SandboxAgreement | undefined> {
  const [found] = await tx.select().from(paymentsSandboxAgreements).where(eq(paymentsSandboxAgreements.id, id));
  return found;
}

function agreementJson(a: SandboxAgreement): Json {
  return {
    agreement_no: a.agreementNo,
    external_agreement_no: a.externalAgreementNo,
    personal_product_code: 'CYCLE_PAY_AUTH_P',
    status: a.status,
    sign_scene: 'INDUSTRY|DIGITAL_MEDIA',
    ...(a.signedAt
      ? { sign_time: beijingTime(a.signedAt, 'alipay'), valid_time: beijingTime(a.signedAt, 'alipay') }
      : {}),
    single_quota: minorToYuan(a.singleAmountMinor),
  };
}

/**
 * Answers the agreement methods: a JSON answer, `{ redirect }` for the sign page, or undefined when
 * `method` is not one of them.
 */
export async function answerAlipayAgreement(
  tx: Executor,
  deps: SandboxDeps,
  merchantId: string,
  method: string,
  biz: Json,
  notifyUrl: string,
): Promise<Json | { redirect: string } | undefined> {
  const now = deps.clock.now();
  switch (method) {
    case 'alipay.user.agreement.page.sign': {
      const external = typeof biz.external_agreement_no === 'string' ? biz.external_agreement_no : '';
      const rule = isRecord(biz.period_rule_params) ? biz.period_rule_params : {};
      const single = yuan(rule.single_amount);
      if (!/^[0-9A-Za-z_]{1,32}$/.test(external)) return invalid('isv.missing-parameter', '缺少 external_agreement_no');
      if (biz.personal_product_code !== 'CYCLE_PAY_AUTH_P' || biz.product_code !== 'CYCLE_PAY_AUTH')
        return invalid('isv.invalid-parameter', 'product_code 错误');
      if (single === undefined || single < 1) return invalid('isv.invalid-parameter', 'single_amount 格式错误');
      const existing = await findSandboxAgreement(tx, 'alipay', merchantId, { externalAgreementNo: external });
      if (existing) return { redirect: sandboxAgreementUrl(existing) };
      const day = now.toISOString().slice(0, 10).replaceAll('-', '');
      const [created] = await tx
        .insert(paymentsSandboxAgreements)
        .values({
          id: newId('sbg', deps.clock),
          channel: 'alipay',
          merchantId,
          externalAgreementNo: external,
          agreementNo: `${day}${BigInt(`0x${randomBytes(8).toString('hex')}`)
            .toString()
            .padStart(20, '0')
            .slice(0, 14)}`,
          singleAmountMinor: single,
          status: 'TEMP',
          notifyUrl,
          createdAt: now,
        })
        .returning();
      if (!created) throw new Error('insert returned nothing');
      return { redirect: sandboxAgreementUrl(created) };
    }
    case 'alipay.user.agreement.query': {
      const a =
        typeof biz.agreement_no === 'string'
          ? await findSandboxAgreement(tx, 'alipay', merchantId, { agreementNo: biz.agreement_no })
          : typeof biz.external_agreement_no === 'string'
            ? await findSandboxAgreement(tx, 'alipay', merchantId, { externalAgreementNo: biz.external_agreement_no })
            : undefined;
      if (!a) return businessFailed('USER_AGREEMENT_NOT_EXIST', '用户协议不存在');
      return { ...success, ...agreementJson(a) };
    }
    case 'alipay.user.agreement.unsign': {
      if (typeof biz.agreement_no !== 'string') return invalid('isv.missing-parameter', '缺少 agreement_no');
      const a = await findSandboxAgreement(tx, 'alipay', merchantId, { agreementNo: biz.agreement_no });
      if (!a) return businessFailed('USER_AGREEMENT_NOT_EXIST', '用户协议不存在');
      await tx.update(paymentsSandboxAgreements).set({ status: 'STOP' }).where(eq(paymentsSandboxAgreements.id, a.id));
      return { ...success };
    }
    case 'alipay.trade.pay': {
      if (biz.product_code !== 'CYCLE_PAY_AUTH') return undefined;
      const params = isRecord(biz.agreement_params) ? biz.agreement_params : {};
      const outTradeNo = typeof biz.out_trade_no === 'string' ? biz.out_trade_no : '';
      const amountMinor = yuan(biz.total_amount);
      const subject = typeof biz.subject === 'string' && biz.subject !== '' ? biz.subject.slice(0, 256) : undefined;
      if (!/^[0-9A-Za-z_]{1,64}$/.test(outTradeNo) || !subject)
        return invalid('isv.missing-parameter', '缺少 out_trade_no 或 subject');
      if (amountMinor === undefined || amountMinor < 1)
        return invalid('isv.invalid-parameter', 'total_amount 格式错误');
      if (typeof params.agreement_no !== 'string')
        return invalid('isv.missing-parameter', '缺少 agreement_params.agreement_no');
      const a = await findSandboxAgreement(tx, 'alipay', merchantId, { agreementNo: params.agreement_no });
      if (a?.status !== 'NORMAL') return businessFailed('ACQ.AGREEMENT_INVALID', '用户协议失效');
      if (await findTrade(tx, 'alipay', merchantId, outTradeNo))
        return businessFailed('ACQ.TRADE_HAS_SUCCESS', '交易已被支付');
      if (amountMinor > a.singleAmountMinor) return businessFailed('ACQ.EXCEED_SINGLE_LIMIT', '超过单笔扣款限额');
      if ((await readKnobs(tx)).insufficientFunds)
        return businessFailed('ACQ.BUYER_BALANCE_NOT_ENOUGH', '买家余额不足');
      const tradeNo =
        `${now.toISOString().slice(0, 10).replaceAll('-', '')}22001${randomBytes(6).readUIntBE(0, 6)}`.slice(0, 28);
      if ((await readKnobs(tx)).chargesWaitForPayer) {
        // Alipay's 10003: the trade exists and waits for the payer (who may pay it at the cashier).
        await tx.insert(paymentsSandboxTrades).values({
          id: newId('sbx', deps.clock),
          channel: 'alipay',
          merchantId,
          outTradeNo,
          channelTradeNo: tradeNo,
          amountMinor,
          description: subject,
          notifyUrl: '',
          state: 'open',
          createdAt: now,
        });
        return { code: '10003', msg: ' order success pay inprocess', trade_no: tradeNo, out_trade_no: outTradeNo };
      }
      await tx.insert(paymentsSandboxTrades).values({
        id: newId('sbx', deps.clock),
        channel: 'alipay',
        merchantId,
        outTradeNo,
        channelTradeNo: tradeNo,
        amountMinor,
        description: subject,
        notifyUrl: '',
        state: 'paid',
        createdAt: now,
        paidAt: now,
      });
      return {
        ...success,
        trade_no: tradeNo,
        out_trade_no: outTradeNo,
        total_amount: minorToYuan(amountMinor),
        receipt_amount: minorToYuan(amountMinor),
        gmt_payment: beijingTime(now, 'alipay'),
      };
    }
    default:
      return undefined;
  }
}
