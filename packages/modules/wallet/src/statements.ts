// Monthly wallet statements (CSV and PDF): the opening balance, every completed movement of the
// month with the running balance, and the closing balance. Months are calendar months in the
// operator's time zone; a movement belongs to the month in which the ledger recorded it.
import { createRequire } from 'node:module';
import type { Executor } from '@zulin/db';
import { assert, type Clock, formatCny, formatMajor, startOfDayInstant } from '@zulin/kernel';
import { accountTransfersBetween, postedNetBefore } from '@zulin/ledger';
import PDFDocument from 'pdfkit';
import { walletAccount } from './accounts';
import { WalletErrors } from './errors';
import { WalletLimits } from './limits';
import { toWalletTransaction, type WalletTransaction } from './list-transactions';

export interface Statement {
  month: string;
  openingMinor: number;
  closingMinor: number;
  inMinor: number;
  outMinor: number;
  lines: (WalletTransaction & { balanceAfterMinor: number })[];
  truncated: boolean;
}

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

export async function monthlyStatement(
  tx: Executor,
  deps: { clock: Clock; timeZone: string },
  customerId: string,
  month: string,
): Promise<Statement> {
  const match = monthPattern.exec(month);
  if (!match)
    throw WalletErrors.WALLET_STATEMENT_MONTH_INVALID({ errors: [{ path: '/params/month', message: 'YYYY-MM' }] });
  const year = Number(match[1]);
  const monthNumber = Number(match[2]);
  const next = monthNumber === 12 ? `${year + 1}-01` : `${year}-${String(monthNumber + 1).padStart(2, '0')}`;
  const from = startOfDayInstant(`${month}-01`, deps.timeZone);
  const to = startOfDayInstant(`${next}-01`, deps.timeZone);
  const account = await walletAccount(tx, deps.clock, customerId);
  const openingMinor = await postedNetBefore(tx, account.id, from);
  const { transfers, truncated } = await accountTransfersBetween(
    tx,
    account.id,
    from,
    to,
    WalletLimits.statementLinesMax,
  );
  let balance = openingMinor;
  let inMinor = 0;
  let outMinor = 0;
  const lines: Statement['lines'] = [];
  for (const t of transfers) {
    // Holds and their release move no posted money; the statement lists completed movements only.
    if (t.kind !== 'posted' && t.kind !== 'post_pending') continue;
    const line = toWalletTransaction(t, account.id);
    if (line.direction === 'in') {
      balance += line.amountMinor;
      inMinor += line.amountMinor;
    } else {
      balance -= line.amountMinor;
      outMinor += line.amountMinor;
    }
    assert(Number.isSafeInteger(balance), 'a running balance is exact');
    lines.push({ ...line, balanceAfterMinor: balance });
  }
  assert(openingMinor + inMinor - outMinor === balance, 'opening + in − out = closing');
  return { month, openingMinor, closingMinor: balance, inMinor, outMinor, lines, truncated };
}

/** A cell that a spreadsheet would read as a formula is prefixed with a quote (CSV injection). */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function statementCsv(s: Statement, timeZone: string): string {
  const rows = [
    [
      'recorded_at',
      'type',
      'direction',
      'amount_cny',
      'balance_after_cny',
      'reference',
      'transaction_id',
      'description',
    ],
  ];
  rows.push(['', 'opening_balance', '', '', formatMajor(s.openingMinor), '', '', '']);
  for (const l of s.lines) {
    rows.push([
      localTime(l.createdAt, timeZone),
      l.type,
      l.direction,
      formatMajor(l.direction === 'in' ? l.amountMinor : -l.amountMinor),
      formatMajor(l.balanceAfterMinor),
      l.reference ?? '',
      l.id,
      l.description ?? '',
    ]);
  }
  rows.push(['', 'closing_balance', '', '', formatMajor(s.closingMinor), '', '', '']);
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}

function localTime(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

const typeNames: Record<string, string> = {
  top_up: '充值',
  withdrawal: '提现',
  transfer: '转账',
  bill_split: 'AA 收付款',
  points_redemption: '积分兑换',
  cashback: '返现',
  dispute_refund: '争议退款',
  dispute_reversal: '争议冲正',
};

const yuan = (amountMinor: number) => formatCny(amountMinor, 'zh-CN');

function fontPath(): string {
  const require = createRequire(import.meta.url);
  return require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
}

/** The statement as a PDF in Chinese, with the Noto Sans SC font embedded (subset by pdfkit). */
export async function statementPdf(
  s: Statement,
  options: { timeZone: string; customerLabel: string; now: Date },
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: { Title: `Zulin wallet statement ${s.month}`, CreationDate: options.now },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('cjk', fontPath());
  doc.font('cjk');
  doc.fontSize(18).text(`Zulin 钱包 月度对账单  ${s.month}`);
  doc.moveDown(0.3).fontSize(10).fillColor('#555').text(`客户：${options.customerLabel}    币种：人民币（元）`);
  doc.moveDown(0.8).fillColor('#000').fontSize(11);
  doc.text(
    `期初余额：¥${formatMajor(s.openingMinor)}    收入：¥${formatMajor(s.inMinor)}    支出：¥${formatMajor(s.outMinor)}    期末余额：¥${formatMajor(s.closingMinor)}`,
  );
  doc.moveDown(0.8);
  const columns = [48, 150, 250, 340, 440];
  const header = ['时间', '类型', '收支', '金额', '余额'];
  const row = (cells: string[], top: number) => {
    for (const [i, cell] of cells.entries()) doc.text(cell, columns[i] ?? 48, top, { width: 100, lineBreak: false });
  };
  doc.fontSize(10).fillColor('#333');
  let y = doc.y;
  row(header, y);
  y += 18;
  doc
    .moveTo(48, y - 4)
    .lineTo(547, y - 4)
    .strokeColor('#ccc')
    .stroke();
  doc.fillColor('#000');
  for (const l of s.lines) {
    if (y > 780) {
      doc.addPage();
      doc.font('cjk').fontSize(10);
      y = 48;
    }
    row(
      [
        localTime(l.createdAt, options.timeZone),
        typeNames[l.type] ?? l.type,
        l.direction === 'in' ? '收入' : '支出',
        `${l.direction === 'in' ? '+' : '-'}${yuan(l.amountMinor)}`,
        yuan(l.balanceAfterMinor),
      ],
      y,
    );
    y += 16;
  }
  if (s.lines.length === 0) doc.text('本月无交易。', 48, y);
  if (s.truncated) doc.text(`仅显示前 ${WalletLimits.statementLinesMax} 笔交易，完整记录请下载 CSV。`, 48, y + 20);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
