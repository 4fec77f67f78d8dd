// A funder's monthly statement: one row per collection split with the funder in that month (business
// dates in the operator's time zone), with the order, the bill's period, what was collected of
// principal and interest, the funder's share and the date; a totals row last. The same CSV for the
// funder's own partner key and for the console.
import type { Executor } from '@zulin/db';
import { daysInMonth, formatMajor } from '@zulin/kernel';
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import { InstallmentErrors } from './errors';
import { type FunderCollectionRow, loadFunder } from './funders';
import { InstallmentLimits } from './limits';
import { installmentFunderCollections, installmentFunderSettlements } from './schema';

export type StatementSettlement = typeof installmentFunderSettlements.$inferSelect;

export interface FunderStatement {
  funderId: string;
  funderName: string;
  month: string;
  rows: FunderCollectionRow[];
  /** Settlements paid to the funder in the month (by the business date the money left). */
  settlements: StatementSettlement[];
  totals: {
    collectedMinor: number;
    principalMinor: number;
    interestMinor: number;
    funderPrincipalMinor: number;
    funderInterestMinor: number;
    funderShareMinor: number;
    platformShareMinor: number;
  };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function monthRange(month: string): { from: string; to: string } {
  const match = MONTH.exec(month);
  if (!match) {
    throw InstallmentErrors.INSTALLMENT_STATEMENT_MONTH_INVALID({
      detail: `A month reads YYYY-MM: ${month}.`,
      errors: [{ path: '/params/month', message: 'YYYY-MM', code: 'invalid' }],
    });
  }
  const last = daysInMonth(Number(match[1]), Number(match[2]));
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

export async function funderStatement(tx: Executor, funderId: string, month: string): Promise<FunderStatement> {
  const { from, to } = monthRange(month);
  const funder = await loadFunder(tx, funderId);
  const rows = await tx
    .select()
    .from(installmentFunderCollections)
    .where(
      and(
        eq(installmentFunderCollections.funderId, funderId),
        gte(installmentFunderCollections.collectedOn, from),
        lte(installmentFunderCollections.collectedOn, to),
      ),
    )
    .orderBy(
      asc(installmentFunderCollections.collectedOn),
      asc(installmentFunderCollections.createdAt),
      asc(installmentFunderCollections.paymentId),
    )
    .limit(InstallmentLimits.funderStatementRowsMax);
  const settlements = await tx
    .select()
    .from(installmentFunderSettlements)
    .where(
      and(
        eq(installmentFunderSettlements.funderId, funderId),
        eq(installmentFunderSettlements.status, 'paid'),
        gte(installmentFunderSettlements.paidOn, from),
        lte(installmentFunderSettlements.paidOn, to),
      ),
    )
    .orderBy(asc(installmentFunderSettlements.paidOn), asc(installmentFunderSettlements.id))
    .limit(InstallmentLimits.funderSettlementsListMax);
  const sum = (f: (r: FunderCollectionRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  return {
    funderId,
    funderName: funder.name,
    month,
    rows,
    settlements,
    totals: {
      collectedMinor: sum((r) => r.collectedMinor),
      principalMinor: sum((r) => r.principalMinor),
      interestMinor: sum((r) => r.interestMinor),
      funderPrincipalMinor: sum((r) => r.funderPrincipalMinor),
      funderInterestMinor: sum((r) => r.funderInterestMinor),
      funderShareMinor: sum((r) => r.funderShareMinor),
      platformShareMinor: sum((r) => r.platformShareMinor),
    },
  };
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const header = [
  '订单 order',
  '账单类型 bill',
  '期数 period',
  '收款 collected',
  '本金 principal',
  '利息 interest',
  '资金方本金 funder principal',
  '资金方利息 funder interest',
  '资金方分成 funder share',
  '平台留存 platform share',
  '收款日期 date',
];

const settlementHeader = [
  '结算 settlement',
  '期间起 period from',
  '期间止 period to',
  '付款 paid',
  '银行流水 bank reference',
  '付款日期 paid on',
];

/**
 * The statement as CSV (UTF-8 with a byte-order mark for Excel; amounts in yuan with two decimals): the
 * collections with their totals row, then — when the month had any — a blank line and the settlements
 * paid in the month under their own header.
 */
export function funderStatementCsv(s: FunderStatement): string {
  const lines: string[][] = [header];
  for (const r of s.rows) {
    lines.push([
      r.orderId,
      r.billKind,
      String(r.sequence),
      formatMajor(r.collectedMinor),
      formatMajor(r.principalMinor),
      formatMajor(r.interestMinor),
      formatMajor(r.funderPrincipalMinor),
      formatMajor(r.funderInterestMinor),
      formatMajor(r.funderShareMinor),
      formatMajor(r.platformShareMinor),
      r.collectedOn,
    ]);
  }
  const t = s.totals;
  lines.push([
    `合计 total (${s.funderName}, ${s.month}, ${s.rows.length})`,
    '',
    '',
    formatMajor(t.collectedMinor),
    formatMajor(t.principalMinor),
    formatMajor(t.interestMinor),
    formatMajor(t.funderPrincipalMinor),
    formatMajor(t.funderInterestMinor),
    formatMajor(t.funderShareMinor),
    formatMajor(t.platformShareMinor),
    '',
  ]);
  if (s.settlements.length > 0) {
    lines.push([], settlementHeader);
    for (const p of s.settlements) {
      lines.push([p.id, p.periodFrom, p.periodTo, formatMajor(p.amountMinor), p.bankReference, p.paidOn ?? '']);
    }
  }
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\n')}\n`;
}
