// Adding a charge to an unsettled bill for its source: an installment order's penalty interest, booked
// day by day on the overdue period's own bill (docs/installment.md, "Overdue"). The amount is added
// to the bill's line of that kind — or to a new line when that line was waived (a line is waived at
// most once) or there is none — and the receivable is booked in the same transaction: customer
// receivables ← the line kind's account (penalty → 4400 penalty revenue). Payments then take it in
// billing's allocation order, penalty first. The transfer id names the line and its new amount, which
// only ever grows, so a retried charge can never post twice.
import type { Executor } from '@zulin/db';
import { assert } from '@zulin/kernel';
import { createTransfers } from '@zulin/ledger';
import { and, eq } from 'drizzle-orm';
import type { BillingDeps } from './deps';
import { BillingErrors } from './errors';
import type { BillLineKind } from './kinds';
import { billingCodes, lineAccounts, receivablesAccount, transferIds } from './ledger-accounts';
import { BillingLimits } from './limits';
import { lockBill } from './pay-bill';
import { type BillView, getBill, loadLines } from './read-bills';
import { billingBillLines, billingBills } from './schema';

export async function addBillCharge(
  tx: Executor,
  deps: BillingDeps,
  options: {
    billId: string;
    sourceType: string;
    sourceId: string;
    kind: BillLineKind;
    /** The description of a new line (an existing line keeps its own). */
    description: string;
    amountMinor: number;
  },
): Promise<{ bill: BillView; position: number }> {
  const { amountMinor, kind } = options;
  assert(Number.isSafeInteger(amountMinor) && amountMinor > 0, 'a charge is a positive whole number of 分');
  const bill = await lockBill(tx, options.billId);
  assert(bill.sourceType === options.sourceType && bill.sourceId === options.sourceId, 'a source charges its own bill');
  if (bill.status === 'paid' || bill.status === 'waived') throw BillingErrors.BILLING_BILL_SETTLED();
  if (bill.amountMinor + amountMinor > BillingLimits.billMaxMinor) {
    throw BillingErrors.BILLING_BILL_INVALID({
      errors: [{ path: '/amountMinor', message: `a bill is at most ${BillingLimits.billMaxMinor} 分` }],
    });
  }
  const lines = (await loadLines(tx, [bill.id])).get(bill.id) ?? [];
  const open = lines.filter((l) => l.kind === kind && l.waivedMinor === 0).sort((a, b) => b.position - a.position)[0];
  let position: number;
  let lineAmountMinor: number;
  if (open !== undefined) {
    position = open.position;
    lineAmountMinor = open.amountMinor + amountMinor;
    await tx
      .update(billingBillLines)
      .set({ amountMinor: lineAmountMinor })
      .where(and(eq(billingBillLines.billId, bill.id), eq(billingBillLines.position, position)));
  } else {
    if (lines.length >= BillingLimits.linesMax) {
      throw BillingErrors.BILLING_BILL_INVALID({
        errors: [{ path: '/lines', message: `a bill has at most ${BillingLimits.linesMax} lines` }],
      });
    }
    position = lines.reduce((max, l) => Math.max(max, l.position), -1) + 1;
    lineAmountMinor = amountMinor;
    await tx.insert(billingBillLines).values({
      billId: bill.id,
      position,
      kind,
      description: options.description,
      amountMinor,
      paidMinor: 0,
      waivedMinor: 0,
    });
  }
  const now = deps.clock.now();
  await tx
    .update(billingBills)
    .set({ amountMinor: bill.amountMinor + amountMinor, updatedAt: now })
    .where(eq(billingBills.id, bill.id));
  const receivables = await receivablesAccount(tx, deps.clock);
  const credit = (await lineAccounts(tx, deps.clock, [kind])).get(kind);
  assert(credit, 'every kind has its account');
  await createTransfers(tx, deps.clock, [
    {
      id: transferIds.charge(bill.id, position, lineAmountMinor),
      debitAccountId: receivables.id,
      creditAccountId: credit.id,
      amountMinor,
      currency: 'CNY',
      code: billingCodes.charge,
      reference: bill.id,
      metadata: { customerId: bill.customerId, kind, sourceId: options.sourceId },
    },
  ]);
  return { bill: await getBill(tx, deps, bill.id), position };
}
