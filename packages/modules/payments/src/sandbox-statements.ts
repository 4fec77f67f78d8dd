// The sandbox's daily statements: every trade paid at the sandbox channel on a business date, written
// in that channel's own bill format (statements.ts) and served as the channel serves it, T+1 from
// 10:00 Beijing time (both channels keep Beijing days):
// * WeChat Pay: `GET /v3/bill/tradebill?bill_date=D&bill_type=ALL&tar_type=GZIP` answers (signed)
//   `{ hash_type: "SHA1", hash_value, download_url }`, the SHA-1 over the bill before gzip; the
//   download_url (`…/v3/billdownload/file?token=…`, a signed GET like any call) answers the gzip bytes,
//   unsigned. Before the bill is out: 400 STATEMENT_CREATING (the day before, before 10:00) or 400
//   NO_STATEMENT_EXIST (today or later).
// * Alipay: `alipay.data.dataservice.bill.downloadurl.query` (bill_type trade) answers
//   `bill_download_url`, an unsigned link to a ZIP of the 业务明细 CSV and its 汇总, both in GBK with
//   GBK file names; before the bill is out: 40004 isp.bill_not_exist.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Executor } from '@zulin/db';
import { addDays, type BusinessDate, isBusinessDate, startOfDayInstant } from '@zulin/kernel';
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { encodeGbk, writeZip } from './bill-archives';
import { minorToYuan } from './channel-amounts';
import { PaymentsLimits } from './limits';
import { type SandboxKeySet, sandboxKeys } from './sandbox-keys';
import { paymentsSandboxTrades, type SandboxChannel } from './schema';
import { parseAlipayBill, writeAlipayBill, writeWechatTradeBill } from './statements';

/** The channels keep Beijing days: a bill's day and its times are Beijing time, whatever ours is. */
export const channelTimeZone = 'Asia/Shanghai';

export async function sandboxStatement(
  db: Executor,
  options: { channel: SandboxChannel; businessDate: BusinessDate; timeZone: string; now: Date },
): Promise<string> {
  const keys = await sandboxKeys(db, options.now);
  const from = startOfDayInstant(options.businessDate, options.timeZone);
  const to = startOfDayInstant(addDays(options.businessDate, 1), options.timeZone);
  const merchantId = options.channel === 'wechatpay' ? keys.wechatpay.mchid : keys.alipay.appId;
  const trades = await db
    .select()
    .from(paymentsSandboxTrades)
    .where(
      and(
        eq(paymentsSandboxTrades.channel, options.channel),
        eq(paymentsSandboxTrades.merchantId, merchantId),
        eq(paymentsSandboxTrades.state, 'paid'),
        gte(paymentsSandboxTrades.paidAt, from),
        lt(paymentsSandboxTrades.paidAt, to),
      ),
    )
    .orderBy(asc(paymentsSandboxTrades.paidAt), asc(paymentsSandboxTrades.id));
  const lines = trades.map((t) => ({
    outTradeNo: t.outTradeNo,
    channelTradeNo: t.channelTradeNo,
    amountMinor: t.amountMinor,
    paidAt: t.paidAt ?? from,
    description: t.description,
  }));
  return options.channel === 'wechatpay'
    ? writeWechatTradeBill(keys.wechatpay, lines, options.timeZone)
    : writeAlipayBill(keys.alipay, options.businessDate, lines, options.timeZone, options.now);
}

/** Whether the bill of `billDate` is out at `now`: `ready`, `generating` (T+1 before 10:00) or `none` (today on). */
export function sandboxBillState(billDate: BusinessDate, now: Date): 'ready' | 'generating' | 'none' {
  const [hours = 0, minutes = 0] = PaymentsLimits.statementReadyAt.split(':').map(Number);
  const nextDay = startOfDayInstant(addDays(billDate, 1), channelTimeZone);
  if (now < nextDay) return 'none';
  return now.getTime() < nextDay.getTime() + (hours * 60 + minutes) * 60_000 ? 'generating' : 'ready';
}

async function billText(db: Executor, channel: SandboxChannel, billDate: BusinessDate, now: Date): Promise<string> {
  return sandboxStatement(db, { channel, businessDate: billDate, timeZone: channelTimeZone, now });
}

// A download token names the bill: the sandbox has nothing to hide, and a token from another day or
// channel is simply another bill. Real tokens are opaque and live 30 s.
const tokenPattern = /^SBX([WA])(\d{4}-\d{2}-\d{2})$/;
const tokenOf = (channel: SandboxChannel, billDate: BusinessDate) =>
  `SBX${channel === 'wechatpay' ? 'W' : 'A'}${billDate}`;

function billDateOfToken(token: string, channel: SandboxChannel): BusinessDate | undefined {
  const match = tokenPattern.exec(token);
  if (!match || match[1] !== (channel === 'wechatpay' ? 'W' : 'A')) return undefined;
  const date = match[2] ?? '';
  return isBusinessDate(date) ? (date as BusinessDate) : undefined;
}

type Json = Record<string, unknown>;

/** `GET /v3/bill/tradebill`: the application for a trade bill, answered as WeChat Pay does. */
export async function answerWechatTradeBill(
  tx: Executor,
  now: Date,
  query: URLSearchParams,
  downloadBase: string,
): Promise<{ status: number; json: Json }> {
  const billDate = query.get('bill_date') ?? '';
  const billType = query.get('bill_type') ?? 'ALL';
  const tarType = query.get('tar_type');
  if (!isBusinessDate(billDate)) return { status: 400, json: { code: 'PARAM_ERROR', message: 'bill_date 格式错误' } };
  if (billType !== 'ALL') return { status: 400, json: { code: 'PARAM_ERROR', message: '沙箱只提供 ALL 账单' } };
  if (tarType !== null && tarType !== 'GZIP')
    return { status: 400, json: { code: 'PARAM_ERROR', message: 'tar_type 只能是 GZIP' } };
  const state = sandboxBillState(billDate as BusinessDate, now);
  if (state === 'generating') return { status: 400, json: { code: 'STATEMENT_CREATING', message: '账单生成中' } };
  if (state === 'none') return { status: 400, json: { code: 'NO_STATEMENT_EXIST', message: '账单文件不存在' } };
  const text = await billText(tx, 'wechatpay', billDate as BusinessDate, now);
  return {
    status: 200,
    json: {
      hash_type: 'SHA1',
      // Over the original bill, before gzip.
      hash_value: createHash('sha1').update(text, 'utf8').digest('hex'),
      download_url: `${downloadBase}/v3/billdownload/file?token=${tokenOf('wechatpay', billDate as BusinessDate)}${tarType === 'GZIP' ? '&tartype=gzip' : ''}`,
    },
  };
}

/** `GET /v3/billdownload/file?token=…`: the bill file (gzip when the application asked for it), or undefined. */
export async function wechatBillFile(tx: Executor, now: Date, query: URLSearchParams): Promise<Buffer | undefined> {
  const billDate = billDateOfToken(query.get('token') ?? '', 'wechatpay');
  if (!billDate || sandboxBillState(billDate, now) !== 'ready') return undefined;
  const text = Buffer.from(await billText(tx, 'wechatpay', billDate, now), 'utf8');
  return query.get('tartype') === 'gzip' ? gzipSync(text) : text;
}

/** `alipay.data.dataservice.bill.downloadurl.query`: the link to the day's bill, or the gateway's refusal. */
export function answerAlipayBillQuery(keys: SandboxKeySet, now: Date, biz: Json, downloadBase: string): Json {
  const billDate = typeof biz.bill_date === 'string' ? biz.bill_date : '';
  if (biz.bill_type !== 'trade' && biz.bill_type !== 'signcustomer') {
    return { code: '40004', msg: 'Business Failed', sub_code: 'isv.invalid-bill-type', sub_msg: '账单类型不正确' };
  }
  if (!isBusinessDate(billDate)) {
    return { code: '40004', msg: 'Business Failed', sub_code: 'isp.invalid_date', sub_msg: '日期格式不正确' };
  }
  if (sandboxBillState(billDate as BusinessDate, now) !== 'ready') {
    return { code: '40004', msg: 'Business Failed', sub_code: 'isp.bill_not_exist', sub_msg: '账单不存在' };
  }
  return {
    code: '10000',
    msg: 'Success',
    bill_download_url: `${downloadBase}/v1/sandbox/payments/alipay/bills/${tokenOf('alipay', billDate as BusinessDate)}?appId=${keys.alipay.appId}`,
  };
}

/** The ZIP behind a bill_download_url, or undefined for a token that names no bill. */
export async function alipayBillZip(tx: Executor, now: Date, token: string): Promise<Buffer | undefined> {
  const billDate = billDateOfToken(token, 'alipay');
  if (!billDate || sandboxBillState(billDate, now) !== 'ready') return undefined;
  const keys = await sandboxKeys(tx, now);
  const detail = await billText(tx, 'alipay', billDate, now);
  const [y, m, d] = billDate.split('-');
  const trades = parseAlipayBill(detail);
  const total = trades.reduce((sum, t) => sum + t.amountMinor, 0);
  const rows = trades.length;
  const summary = [
    '#支付宝业务汇总查询',
    `#账号：[${keys.alipay.sellerId}0156]`,
    `#起始日期：[${y}年${m}月${d}日 00:00:00]   终止日期：[${y}年${m}月${d}日 23:59:59]`,
    '门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）',
    `合计,,${rows},0,${minorToYuan(total)},${minorToYuan(total)}`,
    `#导出时间：[${y}年${m}月${d}日]`,
  ].join('\r\n');
  const name = `${keys.alipay.sellerId}0156_${y}${m}${d}`;
  return writeZip(
    [
      { name: `${name}_业务明细.csv`, data: encodeGbk(detail) },
      { name: `${name}_业务明细(汇总).csv`, data: encodeGbk(`${summary}\r\n`) },
    ],
    now,
  );
}
