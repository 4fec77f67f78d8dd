// Settlements (payouts) to funders: the rows, their view, and what a run would pay now — the funder's
// payable 2210 as it stands (what collections put there, less refunds and earlier payouts), for the
// period from the day after the last paid settlement (or the first collection) to today
// (docs/installment.md, "Settlement").
import type { Executor } from '@zulin/db';
import { addDays, type Clock, today } from '@zulin/kernel';
import { availableMinor, channelClearingAccount, getBalances, zeroBalances } from '@zulin/ledger';
import { and, asc, desc, eq } from 'drizzle-orm';
import { InstallmentErrors } from './errors';
import { type FunderRow, loadFunder } from './funders';
import { InstallmentLimits } from './limits';
import { installmentFunderCollections, installmentFunderSettlements, installmentFunders } from './schema';

export type FunderSettlementRow = typeof installmentFunderSettlements.$inferSelect;
export type FunderSettlementStatus = 'pending_approval' | 'paid' | 'rejected';

/** The bank channel whose clearing account pays funders out, as wallet withdrawals pay customers. */
export const payoutChannel = 'bank';

export const settlementTransferId = (settlementId: string) => `txn_fset_${settlementId.slice(4)}`;

export interface FunderSettlementView {
  id: string;
  funderId: string;
  periodFrom: string;
  periodTo: string;
  amountMinor: number;
  bankReference: string;
  status: FunderSettlementStatus;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  paidOn: string | null;
  rejectReason: string | null;
}

export function presentSettlement(row: FunderSettlementRow): FunderSettlementView {
  return {
    id: row.id,
    funderId: row.funderId,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    amountMinor: row.amountMinor,
    bankReference: row.bankReference,
    status: row.status as FunderSettlementStatus,
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt.toISOString(),
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    paidOn: row.paidOn,
    rejectReason: row.rejectReason,
  };
}

export interface SettlementPreview {
  funderId: string;
  funderName: string;
  /** What the run pays: the funder payable's available balance (posted credits − debits − held debits). */
  amountMinor: number;
  periodFrom: string;
  periodTo: string;
  /** Where the money comes from and goes to, for the confirmation. */
  from: { accountId: string; code: number; name: string };
  to: { accountId: string; code: number; name: string };
  /** A pending settlement blocks a new run. */
  pendingSettlementId: string | null;
}

/** Locks the funder's row: settlement runs of one funder happen one at a time. */
export async function lockFunder(tx: Executor, funderId: string): Promise<FunderRow> {
  const [row] = await tx.select().from(installmentFunders).where(eq(installmentFunders.id, funderId)).for('update');
  if (!row) throw InstallmentErrors.INSTALLMENT_FUNDER_NOT_FOUND();
  return row;
}

export async function settlementPreview(
  tx: Executor,
  deps: { clock: Clock; timeZone: string },
  funderId: string,
): Promise<SettlementPreview> {
  const funder = await loadFunder(tx, funderId);
  const balances = (await getBalances(tx, [funder.payableAccountId])).get(funder.payableAccountId) ?? zeroBalances();
  const clearing = await channelClearingAccount(tx, deps.clock, payoutChannel);
  const periodTo = today(deps.clock, deps.timeZone);
  const [lastPaid] = await tx
    .select({ periodTo: installmentFunderSettlements.periodTo })
    .from(installmentFunderSettlements)
    .where(and(eq(installmentFunderSettlements.funderId, funderId), eq(installmentFunderSettlements.status, 'paid')))
    .orderBy(desc(installmentFunderSettlements.periodTo))
    .limit(1);
  let periodFrom = lastPaid ? addDays(lastPaid.periodTo, 1) : null;
  if (periodFrom === null) {
    const [first] = await tx
      .select({ on: installmentFunderCollections.collectedOn })
      .from(installmentFunderCollections)
      .where(eq(installmentFunderCollections.funderId, funderId))
      .orderBy(asc(installmentFunderCollections.collectedOn))
      .limit(1);
    periodFrom = first?.on ?? periodTo;
  }
  if (periodFrom > periodTo) periodFrom = periodTo;
  const [pending] = await tx
    .select({ id: installmentFunderSettlements.id })
    .from(installmentFunderSettlements)
    .where(
      and(
        eq(installmentFunderSettlements.funderId, funderId),
        eq(installmentFunderSettlements.status, 'pending_approval'),
      ),
    )
    .limit(1);
  return {
    funderId,
    funderName: funder.name,
    amountMinor: Math.max(0, availableMinor(balances)),
    periodFrom,
    periodTo,
    from: { accountId: funder.payableAccountId, code: 2210, name: `Funder payable: ${funder.name}` },
    to: { accountId: clearing.id, code: clearing.code, name: clearing.name },
    pendingSettlementId: pending?.id ?? null,
  };
}

export async function listSettlements(tx: Executor, funderId: string): Promise<FunderSettlementView[]> {
  await loadFunder(tx, funderId);
  const rows = await tx
    .select()
    .from(installmentFunderSettlements)
    .where(eq(installmentFunderSettlements.funderId, funderId))
    .orderBy(desc(installmentFunderSettlements.requestedAt), desc(installmentFunderSettlements.id))
    .limit(InstallmentLimits.funderSettlementsListMax);
  return rows.map(presentSettlement);
}

/** The settlement, locked, while it waits for approval. */
export async function lockPendingSettlement(tx: Executor, settlementId: string): Promise<FunderSettlementRow> {
  const [row] = await tx
    .select()
    .from(installmentFunderSettlements)
    .where(eq(installmentFunderSettlements.id, settlementId))
    .for('update');
  if (!row) throw InstallmentErrors.INSTALLMENT_SETTLEMENT_NOT_FOUND();
  if (row.status !== 'pending_approval') {
    throw InstallmentErrors.INSTALLMENT_SETTLEMENT_DECIDED({ detail: `The settlement is ${row.status}.` });
  }
  return row;
}
