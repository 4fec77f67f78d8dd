// Monthly wallet statements (CSV and PDF): the customer (masked name and phone), the opening
// balance, every completed movement of the month with the running balance, the closing balance, and
// the holds (withdrawals in progress) that were open during the month with how each stood at its
// end. Months are calendar months in the operator's time zone; a movement belongs to the month in
// which the ledger recorded it. At most `statementLinesMax` movements and as many holds are listed;
// the file says so when the cap was reached, and the closing balance is the ledger's in any case.
import { createRequire } from 'node:module';
import type { Executor } from '@zulin/db';
import { getCustomerProfile } from '@zulin/identity';
import { assert, type Clock, formatCny, formatMajor, startOfDayInstant } from '@zulin/kernel';
import { accountHoldsBetween, accountTransfersBetween, pendingDebitsBefore, postedNetBefore } from '@zulin/ledger';
import { walletAccount } from './accounts';
import { WalletErrors } from './errors';
import { WalletLimits } from './limits';
import { toWalletTransaction, type WalletTransaction } from './list-transactions';

/** pdfkit loads when the first PDF is drawn, not when the server starts (issue #10). */
const loadPdfKit = async () => (await import('pdfkit')).default;

export interface StatementHold {
  id: string;
  type: string;
  amountMinor: number;
  reference: string | null;
  description: string | null;
  /** The bank card a withdrawal hold pays out to. */
  cardLast4: string | null;
  createdAt: Date;
  /** At the end of the month. */
  status: 'held' | 'posted' | 'voided' | 'expired';
  postedMinor: number;
  resolvedAt: Date | null;
}

export interface Statement {
  month: string;
  customer: { nameMasked: string | null; phoneMasked: string; locale: 'zh-CN' | 'en' };
  openingMinor: number;
  closingMinor: number;
  inMinor: number;
  outMinor: number;
  lines: (WalletTransaction & { balanceAfterMinor: number })[];
  /** More movements than the cap: the lines stop there; the closing balance is still the ledger's. */
  truncated: boolean;
  holds: StatementHold[];
  /** Money still held at the end of the month (all holds, listed or not). */
  heldAtCloseMinor: number;
  holdsTruncated: boolean;
}

/** `张*丰 138****8000`, or the masked phone alone for a customer without a verified name. */
export function customerLabel(s: Statement): string {
  return [s.customer.nameMasked, s.customer.phoneMasked].filter(Boolean).join(' ');
}

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

export async function monthlyStatement(
  tx: Executor,
  deps: { clock: Clock; timeZone: string; masterKey: Buffer },
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
    // Holds and their release move no posted money: they are listed in their own section below.
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
  assert(openingMinor + inMinor - outMinor === balance, 'opening + in − out = the last running balance');
  const closingMinor = await postedNetBefore(tx, account.id, to);
  // Every movement listed: the ledger's closing balance is the running balance, checked both ways.
  assert(truncated || closingMinor === balance, 'the listed movements add up to the closing balance');
  const held = await accountHoldsBetween(tx, account.id, from, to, WalletLimits.statementLinesMax);
  const holds = held.holds.map(({ hold, status, postedMinor, resolvedAt }): StatementHold => {
    const t = toWalletTransaction(hold, account.id);
    return {
      id: hold.id,
      type: t.type,
      amountMinor: hold.amountMinor,
      reference: hold.reference,
      description: t.description,
      cardLast4: typeof hold.metadata.last4 === 'string' ? hold.metadata.last4 : null,
      createdAt: hold.recordedAt,
      status,
      postedMinor,
      resolvedAt,
    };
  });
  const heldAtCloseMinor = await pendingDebitsBefore(tx, account.id, to);
  const profile = await getCustomerProfile(tx, deps.masterKey, customerId);
  return {
    month,
    customer: { nameMasked: profile.identity.nameMasked, phoneMasked: profile.phoneMasked, locale: profile.locale },
    openingMinor,
    closingMinor,
    inMinor,
    outMinor,
    lines,
    truncated,
    holds,
    heldAtCloseMinor,
    holdsTruncated: held.truncated,
  };
}

/** A cell that a spreadsheet would read as a formula is prefixed with a quote (CSV injection). */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * One table in the customer's language, opened by Excel as UTF-8 (a byte-order mark first): a
 * customer row, the opening balance, the movements, the closing balance, then the holds with their
 * state at the month's end and the amount held at close; a note row says when a list stopped at the
 * line cap.
 */
export function statementCsv(s: Statement, timeZone: string): string {
  const locale = s.customer.locale;
  const t = csvText[locale];
  const rows: string[][] = [[...t.header]];
  const summary = (label: string, balance: string, description = '') =>
    rows.push(['', label, '', '', balance, '', '', description, '']);
  summary(t.customer, '', customerLabel(s));
  summary(t.opening, formatMajor(s.openingMinor));
  for (const l of s.lines) {
    rows.push([
      localTime(l.createdAt, timeZone),
      typeNames[locale][l.type] ?? l.type,
      l.direction === 'in' ? pdfText[locale].in : pdfText[locale].out,
      formatMajor(l.direction === 'in' ? l.amountMinor : -l.amountMinor),
      formatMajor(l.balanceAfterMinor),
      l.reference ?? '',
      l.id,
      // The channel's stock description ("Top-up") repeats the type in English: left out.
      l.description === typeNames.en[l.type] ? '' : (l.description ?? ''),
      t.completed,
    ]);
  }
  if (s.truncated) summary(t.note, '', capNote(locale, 'movements'));
  summary(t.closing, formatMajor(s.closingMinor));
  for (const h of s.holds) {
    rows.push([
      localTime(h.createdAt, timeZone),
      t.hold,
      pdfText[locale].out,
      formatMajor(-h.amountMinor),
      '',
      h.reference ?? '',
      h.id,
      h.cardLast4 === null ? (h.description ?? typeNames[locale][h.type] ?? h.type) : pdfText[locale].card(h.cardLast4),
      pdfText[locale].holdStatus[h.status],
    ]);
  }
  if (s.holdsTruncated) summary(t.note, '', capNote(locale, 'holds'));
  rows.push(['', t.heldAtClose, '', formatMajor(s.heldAtCloseMinor), '', '', '', '', '']);
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}

const csvText = {
  'zh-CN': {
    header: ['时间', '类型', '收支', '金额（元）', '余额（元）', '参考号', '交易号', '说明', '状态'],
    customer: '客户',
    opening: '期初余额',
    closing: '期末余额',
    hold: '冻结',
    note: '说明',
    heldAtClose: '月末冻结金额',
    completed: '已完成',
  },
  en: {
    header: [
      'Time',
      'Type',
      'In/out',
      'Amount (CNY)',
      'Balance (CNY)',
      'Reference',
      'Transaction',
      'Description',
      'Status',
    ],
    customer: 'Customer',
    opening: 'Opening balance',
    closing: 'Closing balance',
    hold: 'Hold',
    note: 'Note',
    heldAtClose: 'On hold at month end',
    completed: 'Completed',
  },
} as const;

function capNote(locale: 'zh-CN' | 'en', what: 'movements' | 'holds'): string {
  const n = WalletLimits.statementLinesMax;
  if (locale === 'en') {
    return what === 'movements'
      ? `Only the first ${n} transactions of the month are listed; the closing balance includes all of them.`
      : `Only the first ${n} holds of the month are listed; the amount held at close includes all of them.`;
  }
  return what === 'movements'
    ? `本月交易超过 ${n} 笔，仅列出前 ${n} 笔；期末余额包含全部交易。`
    : `本月冻结记录超过 ${n} 笔，仅列出前 ${n} 笔；期末冻结金额包含全部记录。`;
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

const typeNames: Record<'zh-CN' | 'en', Record<string, string>> = {
  'zh-CN': {
    top_up: '充值',
    withdrawal: '提现',
    transfer: '转账',
    bill_split: 'AA 收付款',
    points_redemption: '积分兑换',
    cashback: '返现',
    dispute_refund: '争议退款',
    dispute_reversal: '争议冲正',
    bill_payment: '账单支付',
  },
  en: {
    top_up: 'Top-up',
    withdrawal: 'Withdrawal',
    transfer: 'Transfer',
    bill_split: 'Bill split',
    points_redemption: 'Points redeemed',
    cashback: 'Cashback',
    dispute_refund: 'Dispute refund',
    dispute_reversal: 'Dispute reversal',
    bill_payment: 'Bill payment',
  },
};

const pdfText = {
  'zh-CN': {
    title: (month: string) => `Zulin 钱包 月度对账单  ${month}`,
    customer: (label: string) => `客户：${label}    币种：人民币（元）`,
    summary: (o: string, i: string, out: string, c: string) =>
      `期初余额：${o}    收入：${i}    支出：${out}    期末余额：${c}`,
    header: ['时间', '类型', '收支', '金额', '余额'],
    in: '收入',
    out: '支出',
    none: '本月无交易。',
    holdsTitle: '冻结中的资金（处理中的提现）',
    holdsHeader: ['时间', '类型', '金额', '月末状态', '说明'],
    holdStatus: { held: '冻结中', posted: '已支付', voided: '已退回', expired: '已超时退回' },
    noHolds: '本月无冻结资金。',
    heldAtClose: (amount: string) => `月末冻结金额：${amount}`,
    card: (last4: string) => `尾号 ${last4} 的银行卡`,
  },
  en: {
    title: (month: string) => `Zulin wallet statement  ${month}`,
    customer: (label: string) => `Customer: ${label}    Currency: CNY (yuan)`,
    summary: (o: string, i: string, out: string, c: string) =>
      `Opening: ${o}    In: ${i}    Out: ${out}    Closing: ${c}`,
    header: ['Time', 'Type', 'In/out', 'Amount', 'Balance'],
    in: 'In',
    out: 'Out',
    none: 'No transactions this month.',
    holdsTitle: 'Money on hold (withdrawals in progress)',
    holdsHeader: ['Time', 'Type', 'Amount', 'At month end', 'Description'],
    holdStatus: { held: 'On hold', posted: 'Paid out', voided: 'Returned', expired: 'Timed out, returned' },
    noHolds: 'No money on hold this month.',
    heldAtClose: (amount: string) => `On hold at month end: ${amount}`,
    card: (last4: string) => `Card ending ${last4}`,
  },
} as const;

function fontPath(): string {
  const require = createRequire(import.meta.url);
  return require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
}

/** The statement as a PDF in the customer's language, with the Noto Sans SC font embedded (subset by pdfkit). */
export async function statementPdf(s: Statement, options: { timeZone: string; now: Date }): Promise<Buffer> {
  const locale = s.customer.locale;
  const t = pdfText[locale];
  const yuan = (amountMinor: number) => formatCny(amountMinor, locale);
  const PDFDocument = await loadPdfKit();
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
  doc.fontSize(18).text(t.title(s.month));
  doc
    .moveDown(0.3)
    .fontSize(10)
    .fillColor('#555')
    .text(t.customer(customerLabel(s)));
  doc.moveDown(0.8).fillColor('#000').fontSize(11);
  doc.text(t.summary(yuan(s.openingMinor), yuan(s.inMinor), yuan(s.outMinor), yuan(s.closingMinor)));
  doc.moveDown(0.8);
  const columns = [48, 150, 250, 340, 440];
  const row = (cells: readonly string[], top: number) => {
    // One line per cell: a longer text is cut with an ellipsis rather than run into the next row.
    for (const [i, cell] of cells.entries()) {
      doc.text(cell, columns[i] ?? 48, top, { width: 96, height: 12, ellipsis: true });
    }
  };
  let y = doc.y;
  const line = () => {
    doc
      .moveTo(48, y - 4)
      .lineTo(547, y - 4)
      .strokeColor('#ccc')
      .stroke();
  };
  const nextRow = (height: number) => {
    y += height;
    if (y > 780) {
      doc.addPage();
      doc.font('cjk').fontSize(10);
      y = 48;
    }
  };
  /** A table: its header, a rule, one line per row, the empty text, and a note when the cap cut it. */
  const table = (
    header: readonly string[],
    rows: readonly (readonly string[])[],
    empty: string,
    cap: string | null,
  ) => {
    doc.fontSize(10).fillColor('#333');
    row(header, y);
    nextRow(18);
    line();
    doc.fillColor('#000');
    for (const cells of rows) {
      row(cells, y);
      nextRow(16);
    }
    if (rows.length === 0) {
      doc.text(empty, 48, y);
      nextRow(16);
    }
    if (cap !== null) {
      doc.text(cap, 48, y, { width: 499 });
      nextRow(28);
    }
  };
  table(
    t.header,
    s.lines.map((l) => [
      localTime(l.createdAt, options.timeZone),
      typeNames[locale][l.type] ?? l.type,
      l.direction === 'in' ? t.in : t.out,
      `${l.direction === 'in' ? '+' : '-'}${yuan(l.amountMinor)}`,
      yuan(l.balanceAfterMinor),
    ]),
    t.none,
    s.truncated ? capNote(locale, 'movements') : null,
  );
  nextRow(16);
  doc.fontSize(12).text(t.holdsTitle, 48, y);
  nextRow(22);
  table(
    t.holdsHeader,
    s.holds.map((h) => [
      localTime(h.createdAt, options.timeZone),
      typeNames[locale][h.type] ?? h.type,
      `-${yuan(h.amountMinor)}`,
      t.holdStatus[h.status],
      h.cardLast4 === null ? '' : t.card(h.cardLast4),
    ]),
    t.noHolds,
    s.holdsTruncated ? capNote(locale, 'holds') : null,
  );
  doc.text(t.heldAtClose(yuan(s.heldAtCloseMinor)), 48, y);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
