// Waiving what is left of some or all of a bill's lines (a goodwill gesture, a penalty forgiven, a
// charge issued by mistake): staff only, audited, with a reason. Each waived line's remainder is
// reversed in the ledger (its revenue account ← customer receivables); a line is waived at most once,
// which is why its transfer id can be derived from the bill and the line.
import { type Executor, emitEvent } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { sumMinor } from '@zulin/kernel';
import { createTransfers } from '@zulin/ledger';
import { eq } from 'drizzle-orm';
import type { Allocation } from './allocate';
import type { BillingDeps } from './deps';
import { BillingErrors } from './errors';
import { billingCodes, lineAccount, receivablesAccount, transferIds } from './ledger-accounts';
import { applyToLines, lockBill } from './pay-bill';
import { type BillView, getBill, loadLines } from './read-bills';
import { billingBills } from './schema';

export async function waiveBill(
  tx: Executor,
  deps: BillingDeps,
  options: { billId: string; staff: StaffPrincipal; reason: string; positions?: number[] },
): Promise<BillView> {
  const bill = await lockBill(tx, options.billId);
  if (bill.status === 'paid' || bill.status === 'waived') throw BillingErrors.BILLING_BILL_SETTLED();
  const lines = (await loadLines(tx, [bill.id])).get(bill.id) ?? [];
  const wanted = options.positions ? new Set(options.positions) : null;
  if (wanted) {
    const unknown = [...wanted].filter((p) => !lines.some((l) => l.position === p));
    if (unknown.length > 0) {
      throw BillingErrors.BILLING_BILL_INVALID({
        errors: [{ path: '/body/positions', message: `no line at ${unknown.join(', ')}` }],
      });
    }
  }
  const waived: (Allocation & { kind: (typeof lines)[number]['kind'] })[] = lines
    .filter((l) => !wanted || wanted.has(l.position))
    .map((l) => ({ position: l.position, kind: l.kind, amountMinor: l.amountMinor - l.paidMinor - l.waivedMinor }))
    .filter((a) => a.amountMinor > 0);
  if (waived.length === 0) {
    throw BillingErrors.BILLING_BILL_INVALID({
      errors: [{ path: '/body/positions', message: 'nothing left to waive' }],
    });
  }
  const receivables = await receivablesAccount(tx, deps.clock);
  const legs = [];
  for (const w of waived) {
    legs.push({
      id: transferIds.waive(bill.id, w.position),
      debitAccountId: (await lineAccount(tx, deps.clock, w.kind)).id,
      creditAccountId: receivables.id,
      amountMinor: w.amountMinor,
      currency: 'CNY' as const,
      code: billingCodes.waive,
      reference: bill.id,
      metadata: { customerId: bill.customerId, kind: w.kind, staffId: options.staff.staffId },
    });
  }
  await createTransfers(tx, deps.clock, legs);
  await applyToLines(tx, bill.id, 'waived', waived);
  const now = deps.clock.now();
  const waivedMinor = bill.waivedMinor + sumMinor(waived.map((w) => w.amountMinor));
  const settled = bill.paidMinor + waivedMinor === bill.amountMinor;
  await tx
    .update(billingBills)
    .set({
      waivedMinor,
      updatedAt: now,
      waiveReason: options.reason,
      ...(settled ? { status: 'waived' as const, settledAt: now } : {}),
    })
    .where(eq(billingBills.id, bill.id));
  await recordAudit(tx, {
    actor: options.staff,
    action: 'billing.bill_waived',
    targetType: 'bill',
    targetId: bill.id,
    at: now,
    detail: {
      reason: options.reason,
      lines: waived.map((w) => ({ position: w.position, amountMinor: w.amountMinor })),
    },
  });
  await emitEvent(tx, now, {
    type: 'billing.bill_waived',
    aggregateType: 'bill',
    aggregateId: bill.id,
    payload: {
      billId: bill.id,
      customerId: bill.customerId,
      title: bill.title,
      amountMinor: sumMinor(waived.map((w) => w.amountMinor)),
      settled,
    },
  });
  return getBill(tx, deps, bill.id);
}
