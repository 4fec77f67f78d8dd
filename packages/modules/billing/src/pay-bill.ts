// Paying a bill from the wallet (DOMAIN.md §5, §8): in full by default, or in part. The bill row is
// locked first, so concurrent payments of one bill queue and can never pay more than is owed; the
// money moves wallet → customer receivables in the ledger, whose balance rule keeps the wallet ≥ 0;
// the payment is spread over the lines penalty → fees → interest → rent/principal.
import { type Executor, emitEvent } from '@zulin/db';
import { assert, newId, sumMinor } from '@zulin/kernel';
import { payFromWallet, WalletErrors } from '@zulin/wallet';
import { and, eq, sql } from 'drizzle-orm';
import { type Allocation, allocatePayment } from './allocate';
import type { BillingDeps } from './deps';
import { BillingErrors } from './errors';
import { receivablesAccount, transferIds } from './ledger-accounts';
import { type BillView, getBill, loadLines, type PaymentRow } from './read-bills';
import { billingBillLines, billingBills, billingPayments } from './schema';

export async function lockBill(tx: Executor, billId: string, customerId?: string) {
  const [bill] = await tx
    .select()
    .from(billingBills)
    .where(
      customerId === undefined
        ? eq(billingBills.id, billId)
        : and(eq(billingBills.id, billId), eq(billingBills.customerId, customerId)),
    )
    .for('update');
  if (!bill) throw BillingErrors.BILLING_BILL_NOT_FOUND();
  return bill;
}

/** Adds to the paid or waived amounts of a bill's lines and of the bill, in one statement each. */
export async function applyToLines(
  tx: Executor,
  billId: string,
  column: 'paid' | 'waived',
  allocations: readonly Allocation[],
): Promise<void> {
  for (const a of allocations) {
    const target = column === 'paid' ? billingBillLines.paidMinor : billingBillLines.waivedMinor;
    await tx
      .update(billingBillLines)
      .set(
        column === 'paid'
          ? { paidMinor: sql`${target} + ${a.amountMinor}` }
          : { waivedMinor: sql`${target} + ${a.amountMinor}` },
      )
      .where(and(eq(billingBillLines.billId, billId), eq(billingBillLines.position, a.position)));
  }
}

export async function payBillFromWallet(
  tx: Executor,
  deps: BillingDeps,
  options: { billId: string; customerId: string; amountMinor?: number },
): Promise<{ bill: BillView; payment: PaymentRow }> {
  const bill = await lockBill(tx, options.billId, options.customerId);
  if (bill.status === 'paid' || bill.status === 'waived') throw BillingErrors.BILLING_BILL_SETTLED();
  const outstanding = bill.amountMinor - bill.paidMinor - bill.waivedMinor;
  assert(outstanding > 0, 'an unpaid bill owes something');
  const amountMinor = options.amountMinor ?? outstanding;
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0 || amountMinor > outstanding) {
    throw BillingErrors.BILLING_AMOUNT_INVALID({
      detail: `This bill owes ${outstanding} 分.`,
      errors: [{ path: '/body/amountMinor', message: `1–${outstanding}` }],
    });
  }
  const lines = (await loadLines(tx, [bill.id])).get(bill.id) ?? [];
  const allocations = allocatePayment(
    lines.map((l) => ({ position: l.position, kind: l.kind, owedMinor: l.amountMinor - l.paidMinor - l.waivedMinor })),
    amountMinor,
  );
  const now = deps.clock.now();
  const paymentId = newId('bpay', deps.clock);
  const receivables = await receivablesAccount(tx, deps.clock);
  try {
    await payFromWallet(tx, deps, {
      customerId: bill.customerId,
      creditAccountId: receivables.id,
      amountMinor,
      transferId: transferIds.payment(paymentId),
      reference: bill.id,
      description: bill.title,
    });
  } catch (error) {
    if (WalletErrors.WALLET_INSUFFICIENT_BALANCE.is(error)) throw BillingErrors.BILLING_WALLET_INSUFFICIENT();
    throw error;
  }
  await applyToLines(tx, bill.id, 'paid', allocations);
  const paidMinor = bill.paidMinor + amountMinor;
  const settled = paidMinor + bill.waivedMinor === bill.amountMinor;
  await tx
    .update(billingBills)
    .set({ paidMinor, updatedAt: now, ...(settled ? { status: 'paid' as const, settledAt: now } : {}) })
    .where(eq(billingBills.id, bill.id));
  const [payment] = await tx
    .insert(billingPayments)
    .values({
      id: paymentId,
      billId: bill.id,
      customerId: bill.customerId,
      method: 'wallet',
      amountMinor,
      allocations,
      transferId: transferIds.payment(paymentId),
      createdAt: now,
    })
    .returning();
  assert(payment && sumMinor(allocations.map((a) => a.amountMinor)) === amountMinor, 'the payment was allocated whole');
  await emitEvent(tx, now, {
    type: 'billing.bill_paid',
    aggregateType: 'bill',
    aggregateId: bill.id,
    payload: {
      billId: bill.id,
      customerId: bill.customerId,
      title: bill.title,
      paymentId,
      method: 'wallet',
      amountMinor,
      outstandingMinor: outstanding - amountMinor,
      settled,
    },
  });
  return { bill: await getBill(tx, deps, bill.id), payment };
}
