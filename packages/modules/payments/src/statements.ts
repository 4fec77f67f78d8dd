// The channels' daily statements (对账单) in their own file formats, written by the sandbox and read
// by reconciliation:
// * WeChat Pay v3 trade bill (交易账单, bill_type ALL): a CSV whose every value starts with a backtick,
//   the 27 detail columns, then the summary header and row; fees in yuan with 5 decimals.
// * Alipay 业务明细 (trade detail) CSV: `#` comment lines around a 25-column table; 服务费 negative.
// Amounts are parsed as decimal text into integer 分 — never through a float. Fees keep five decimals
// (thousandths of a fen) until the day's total, which is rounded half up to a fen once.
import { yuanToMinor } from './channel-amounts';
import { PaymentsErrors } from './errors';
import type { PaymentChannelName } from './schema';

export interface StatementTrade {
  outTradeNo: string;
  channelTradeNo: string;
  /** SUCCESS or REFUND (WeChat); 交易 or 退款 mapped to the same two words (Alipay). */
  kind: 'payment' | 'refund';
  amountMinor: number;
  /** The channel's fee in hundred-thousandths of a yuan (thousandths of a fen). */
  feeMilliFen: number;
  paidAt: string;
}

export interface StatementLine {
  outTradeNo: string;
  channelTradeNo: string;
  amountMinor: number;
  paidAt: Date;
  description: string;
}

/** The sandbox's fee: 0.6 % of each payment, as both channels charge small merchants. */
export const sandboxFeeBps = 60;

function feeMilliFenOf(amountMinor: number): number {
  // amount × 0.6 % in thousandths of a fen, exactly (integer arithmetic).
  return Math.round((amountMinor * 1000 * sandboxFeeBps) / 10_000);
}

function milliFenToYuan(milliFen: number, decimals: 5 | 2): string {
  const sign = milliFen < 0 ? '-' : '';
  const abs = Math.abs(milliFen);
  const yuan = Math.floor(abs / 100_000);
  const rest = String(abs % 100_000).padStart(5, '0');
  return `${sign}${yuan}.${decimals === 5 ? rest : rest.slice(0, 2)}`;
}

function yuanText(amountMinor: number): string {
  return `${Math.floor(amountMinor / 100)}.${String(amountMinor % 100).padStart(2, '0')}`;
}

/** "0.53280" → 53 280 thousandths of a fen; up to five decimals, optional sign. */
export function parseFeeYuan(text: string): number {
  const match = /^(-?)(\d{1,12})(?:\.(\d{1,5}))?$/.exec(text.trim());
  if (!match) throw PaymentsErrors.PAYMENTS_AMOUNT_INVALID({ detail: `Not a fee amount: ${text.slice(0, 24)}` });
  const value = Number(match[2]) * 100_000 + Number((match[3] ?? '').padEnd(5, '0'));
  return match[1] === '-' ? -value : value;
}

const local = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(d);

const clean = (s: string) => s.replace(/[,\r\n`#]/g, ' ');

const wechatHeader =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单总金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
const wechatSummaryHeader =
  '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额';

export function writeWechatTradeBill(
  merchant: { appId: string; mchid: string },
  lines: readonly StatementLine[],
  timeZone: string,
): string {
  const out = [wechatHeader];
  let total = 0;
  let fees = 0;
  for (const l of lines) {
    const fee = feeMilliFenOf(l.amountMinor);
    total += l.amountMinor;
    fees += fee;
    const values = [
      local(l.paidAt, timeZone),
      merchant.appId,
      merchant.mchid,
      '0',
      '',
      l.channelTradeNo,
      l.outTradeNo,
      'oSandboxPayer',
      'NATIVE',
      'SUCCESS',
      'OTHERS',
      'CNY',
      yuanText(l.amountMinor),
      '0.00',
      '0',
      '0',
      '0.00',
      '0.00',
      '',
      '',
      clean(l.description),
      '',
      milliFenToYuan(fee, 5),
      '0.60%',
      yuanText(l.amountMinor),
      '0.00',
      '',
    ];
    out.push(values.map((v) => `\`${v}`).join(','));
  }
  out.push(wechatSummaryHeader);
  out.push(
    [String(lines.length), yuanText(total), '0.00', '0.00', milliFenToYuan(fees, 5), yuanText(total), '0.00']
      .map((v) => `\`${v}`)
      .join(','),
  );
  return `${out.join('\r\n')}\r\n`;
}

/** A byte-order mark some tools put before a UTF-8 file is not part of the first header. */
const withoutBom = (text: string) => text.replace(/^\uFEFF/, '');

export function parseWechatTradeBill(text: string): StatementTrade[] {
  const rows = withoutBom(text)
    .split(/\r?\n/)
    .filter((r) => r.trim() !== '');
  const header = rows[0]?.split(',') ?? [];
  if (rows[0]?.trim() !== wechatHeader) {
    throw PaymentsErrors.PAYMENTS_MESSAGE_INVALID({ detail: 'Not a WeChat Pay trade bill.' });
  }
  const col = (name: string) => header.indexOf(name);
  const trades: StatementTrade[] = [];
  for (const row of rows.slice(1)) {
    if (row.trim() === wechatSummaryHeader) break;
    const v = row.split(',').map((x) => x.replace(/^`/, '').trim());
    const state = v[col('交易状态')];
    const refund = state === 'REFUND';
    trades.push({
      outTradeNo: v[col('商户订单号')] ?? '',
      channelTradeNo: v[col('微信订单号')] ?? '',
      kind: refund ? 'refund' : 'payment',
      amountMinor: yuanToMinor(v[col(refund ? '退款金额' : '应结订单总金额')] ?? ''),
      feeMilliFen: parseFeeYuan(v[col('手续费')] ?? ''),
      paidAt: v[col('交易时间')] ?? '',
    });
  }
  return trades;
}

const alipayColumns =
  '支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注';

export function writeAlipayBill(
  merchant: { sellerId: string },
  businessDate: string,
  lines: readonly StatementLine[],
  timeZone: string,
  exportedAt: Date,
): string {
  const [y, m, d] = businessDate.split('-');
  const out = [
    '#支付宝业务明细查询',
    `#账号：[${merchant.sellerId}0156]`,
    `#起始日期：[${y}年${m}月${d}日 00:00:00]   终止日期：[${y}年${m}月${d}日 23:59:59]`,
    '#-----------------------------------------业务明细列表----------------------------------------',
    alipayColumns,
  ];
  for (const l of lines) {
    const fee = -feeMilliFenOf(l.amountMinor);
    const at = local(l.paidAt, timeZone);
    const amount = yuanText(l.amountMinor);
    const values = [
      l.channelTradeNo,
      l.outTradeNo,
      '交易',
      clean(l.description),
      at,
      at,
      '',
      '',
      '',
      '',
      'sandbox-payer@alipay',
      amount,
      amount,
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '',
      '0.00',
      '0.00',
      '',
      milliFenToYuan(Math.round(fee / 1000) * 1000, 2),
      '0.00',
      '',
    ];
    out.push(values.map((v) => `${v}\t`).join(','));
  }
  out.push('#-----------------------------------------业务明细列表结束------------------------------------');
  out.push(`#交易合计：${lines.length}笔，退款合计：0笔`);
  out.push(`#导出时间：[${local(exportedAt, timeZone)}]`);
  return `${out.join('\r\n')}\r\n`;
}

export function parseAlipayBill(text: string): StatementTrade[] {
  const rows = withoutBom(text)
    .split(/\r?\n/)
    .filter((r) => r.trim() !== '' && !r.startsWith('#'));
  // Alipay pads its cells (header included) with spaces or a tab.
  const header = rows[0]
    ?.split(',')
    .map((c) => c.trim())
    .join(',');
  if (header !== alipayColumns) {
    throw PaymentsErrors.PAYMENTS_MESSAGE_INVALID({ detail: 'Not an Alipay trade detail bill.' });
  }
  const columns = alipayColumns.split(',');
  const col = (name: string) => columns.indexOf(name);
  return rows.slice(1).map((row) => {
    const v = row.split(',').map((x) => x.trim());
    const refund = v[col('业务类型')] === '退款';
    const amount = v[col('订单金额（元）')] ?? '';
    return {
      outTradeNo: v[col('商户订单号')] ?? '',
      channelTradeNo: v[col('支付宝交易号')] ?? '',
      kind: refund ? ('refund' as const) : ('payment' as const),
      amountMinor: yuanToMinor(amount.replace(/^-/, '')),
      // Alipay writes the fee negative; 0 - x, not -x, so that a zero fee is 0 and not -0.
      feeMilliFen: 0 - parseFeeYuan(v[col('服务费（元）')] ?? '0'),
      paidAt: v[col('完成时间')] ?? '',
    };
  });
}

export function parseStatement(channel: PaymentChannelName, text: string): StatementTrade[] {
  return channel === 'wechatpay' ? parseWechatTradeBill(text) : parseAlipayBill(text);
}
