// Withdrawing what is left of a bill whose source no longer owes it (an installment order cancelled
// before its down payment was paid in full): unlike a waiver — a goodwill gesture asked by one staff
// member and approved by another — this undoes the bill's issue, decided by the source module in its
// own transaction. Each line's remainder is reversed against the account its issue credited (principal
// back to the receivable it came from, a revenue line against its revenue) and customer receivables
// is credited; the bill is closed as waived with the source's reason (a code and its parameters,
// withdraw-reasons.ts — never a sentence), and the event is
// `billing.bill_withdrawn` (never `bill_waived`: the customer is told the bill was cancelled). What was already paid stays
// paid: giving it back is the source's refund. A source that must not keep a partly paid bill open
// (a rental's exit bill: a buyout partly paid stands) asks `onlyUnpaid` and is refused instead. Its
// channel payments still open are abandoned (closed at the channel by payments' janitor).
import { type Executor, emitEvent } from '@zulin/db';
import { assert, sumMinor } from '@zulin/kernel';
import { createTransfers } from '@zulin/ledger';
import { abandonOpenPayments } from '@zulin/payments';
import { eq } from 'drizzle-orm';
import type { BillingDeps } from './deps';
import { BillingErrors } from './errors';
import { lineAccounts, receivablesAccount, transferIds } from './ledger-accounts';
import { applyToLines, lockBill } from './pay-bill';
import { billPaymentPurpose } from './pay-bill-by-channel';
import { type BillView, getBill, loadLines } from './read-bills';
import { billingBills } from './schema';
import { waivableLines } from './waive-bill';
import type { WithdrawReason } from './withdraw-reasons';

export async function withdrawBill(
  tx: Executor,
  deps: BillingDeps,
  options: { billId: string; sourceType: string; sourceId: string; reason: WithdrawReason; onlyUnpaid?: boolean },
): Promise<{ bill: BillView; withdrawnMinor: number }> {
  const bill = await lockBill(tx, options.billId);
  assert(
    bill.sourceType === options.sourceType && bill.sourceId === options.sourceId,
    'a source withdraws its own bill',
  );
  if (bill.status === 'paid' || bill.status === 'waived') throw BillingErrors.BILLING_BILL_SETTLED();
  if (options.onlyUnpaid === true && bill.paidMinor > 0) {
    throw BillingErrors.BILLING_BILL_SETTLED({ detail: 'Part of this bill is paid; it cannot be withdrawn.' });
  }
  const lines = (await loadLines(tx, [bill.id])).get(bill.id) ?? [];
  const withdrawn = waivableLines(lines);
  const receivables = await receivablesAccount(tx, deps.clock);
  const issuedTo = await lineAccounts(
    tx,
    deps.clock,
    withdrawn.map((w) => w.kind),
  );
  await createTransfers(
    tx,
    deps.clock,
    withdrawn.map((w) => {
      const debit = issuedTo.get(w.kind);
      assert(debit, 'every kind has its account');
      return {
        id: transferIds.waive(bill.id, w.position),
        debitAccountId: debit.id,
        creditAccountId: receivables.id,
        amountMinor: w.amountMinor,
        currency: 'CNY' as const,
        code: 'billing.withdraw',
        reference: bill.id,
        metadata: { customerId: bill.customerId, kind: w.kind, sourceId: options.sourceId },
      };
    }),
  );
  await applyToLines(tx, bill.id, 'waived', withdrawn);
  const withdrawnMinor = sumMinor(withdrawn.map((w) => w.amountMinor));
  const waivedMinor = bill.waivedMinor + withdrawnMinor;
  assert(bill.paidMinor + waivedMinor === bill.amountMinor, 'a withdrawn bill owes nothing');
  const now = deps.clock.now();
  await tx
    .update(billingBills)
    .set({
      waivedMinor,
      updatedAt: now,
      withdrawReasonCode: options.reason.code,
      withdrawReasonParams: options.reason.params ?? {},
      status: 'waived',
      settledAt: now,
      withdrawnAt: now,
    })
    .where(eq(billingBills.id, bill.id));
  // A channel payment still open for it is closed at the channel by payments' janitor: the cashier
  // must not take money for a bill that is gone (one paid just before is refunded in full).
  await abandonOpenPayments(tx, deps.clock, { purpose: billPaymentPurpose, reference: bill.id });
  await emitEvent(tx, now, {
    type: 'billing.bill_withdrawn',
    aggregateType: 'bill',
    aggregateId: bill.id,
    payload: {
      billId: bill.id,
      customerId: bill.customerId,
      title: bill.title,
      sourceType: bill.sourceType,
      sourceId: bill.sourceId,
      amountMinor: withdrawnMinor,
      paidMinor: bill.paidMinor,
      reasonCode: options.reason.code,
      reasonParams: options.reason.params ?? {},
    },
  });
  return { bill: await getBill(tx, deps, bill.id), withdrawnMinor };
}
