// The funder's own cash for its disbursements (docs/installment.md, "Funder cash"). A disbursement sells
// the funder its share of an order's principal: 1200 funder receivables ← 1210 (disburse-funded-order.ts)
// — the funder owes that money. It pays it when a settlement with it is paid (posted at once, or approved
// by a second person): in the same transaction as the settlement's 2210 → bank clearing, the funder's
// payment of what it owes for its disbursements not yet paid for is booked — bank clearing ← 1200, code
// `installment.funder_receivable_paid`, reference the settlement, transfer `<settlement transfer>_rcv`.
// What it owes is every disbursement of its orders not reversed, less what earlier settlements booked;
// a disbursement reversed after the funder paid for it (a funded order cancelled before its first
// period bill) makes that negative: the platform pays it back (1200 ← bank clearing, the same code).
// After a disbursement, the collections and a paid settlement, the funder's part of 1200 and its 2210
// are both zero (funder-receivable.property.test.ts).
import type { Executor } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { channelClearingAccount, createTransfers, getTransfer, LedgerErrors, platformAccount } from '@zulin/ledger';
import { and, eq, ne } from 'drizzle-orm';
import { payoutChannel } from './funder-settlements';
import { installmentFunderSettlements, installmentOrderFunders } from './schema';

/** One order's disbursement to a funder, as kept on its assignment. */
export interface FunderDisbursement {
  disbursedMinor: number | null;
  reversed: boolean;
}

/**
 * What the funder owes the platform for its disbursements now (negative: what the platform owes it back):
 * the disbursements not reversed, less what earlier settlements booked as paid (signed: a payback is negative).
 */
export function funderReceivableOwedMinor(disbursements: readonly FunderDisbursement[], paidMinor: number): number {
  const disbursed = disbursements.reduce((sum, d) => sum + (d.reversed ? 0 : (d.disbursedMinor ?? 0)), 0);
  return disbursed - paidMinor;
}

export const receivableTransferId = (settlementTransferId: string) => `${settlementTransferId}_rcv`;

/** The signed amount an earlier settlement booked for the receivable (0 for one before this was booked). */
async function bookedMinor(tx: Executor, transferId: string, receivableAccountId: string): Promise<number> {
  try {
    const transfer = await getTransfer(tx, receivableTransferId(transferId));
    return transfer.creditAccountId === receivableAccountId ? transfer.amountMinor : -transfer.amountMinor;
  } catch (error) {
    if (LedgerErrors.LEDGER_TRANSFER_NOT_FOUND.is(error)) return 0;
    throw error;
  }
}

/**
 * Books the funder's payment for its disbursements with a settlement being paid, in the caller's
 * transaction; answers the signed amount booked (0: nothing owed either way, nothing booked).
 */
export async function bookFunderReceivablePayment(
  tx: Executor,
  deps: { clock: Clock },
  settlement: { id: string; funderId: string; transferId: string },
): Promise<number> {
  const receivable = await platformAccount(tx, deps.clock, 'funder_receivables');
  const assignments = await tx
    .select({
      disbursedMinor: installmentOrderFunders.disbursedMinor,
      reversedOn: installmentOrderFunders.disbursementReversedOn,
    })
    .from(installmentOrderFunders)
    .where(eq(installmentOrderFunders.funderId, settlement.funderId));
  const earlier = await tx
    .select({ transferId: installmentFunderSettlements.transferId })
    .from(installmentFunderSettlements)
    .where(
      and(
        eq(installmentFunderSettlements.funderId, settlement.funderId),
        eq(installmentFunderSettlements.status, 'paid'),
        ne(installmentFunderSettlements.id, settlement.id),
      ),
    );
  let paidMinor = 0;
  for (const e of earlier) paidMinor += await bookedMinor(tx, e.transferId, receivable.id);
  const owed = funderReceivableOwedMinor(
    assignments.map((a) => ({ disbursedMinor: a.disbursedMinor, reversed: a.reversedOn !== null })),
    paidMinor,
  );
  if (owed === 0) return 0;
  const clearing = await channelClearingAccount(tx, deps.clock, payoutChannel);
  await createTransfers(tx, deps.clock, [
    {
      id: receivableTransferId(settlement.transferId),
      debitAccountId: owed > 0 ? clearing.id : receivable.id,
      creditAccountId: owed > 0 ? receivable.id : clearing.id,
      amountMinor: Math.abs(owed),
      currency: 'CNY',
      code: 'installment.funder_receivable_paid',
      reference: settlement.id,
      metadata: { funderId: settlement.funderId, direction: owed > 0 ? 'funder_pays' : 'platform_pays_back' },
    },
  ]);
  return owed;
}
