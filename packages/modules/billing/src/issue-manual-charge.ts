// A one-off charge issued by staff (a fee, damage found outside an inspection, a penalty): a bill of
// its own source (`manual`, a new charge id, period 0), audited with who issued it and why.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { newId } from '@zulin/kernel';
import type { BillingDeps } from './deps';
import { issueBill, type NewBillLine } from './issue-bill';
import type { BillView } from './read-bills';

export async function issueManualCharge(
  tx: Executor,
  deps: BillingDeps,
  options: { staff: StaffPrincipal; customerId: string; title: string; dueDate: string; lines: NewBillLine[] },
): Promise<BillView> {
  const { bill } = await issueBill(tx, deps, {
    customerId: options.customerId,
    title: options.title,
    dueDate: options.dueDate,
    lines: options.lines,
    sourceType: 'manual',
    sourceId: newId('chg', deps.clock),
    period: 0,
    issuedBy: `staff:${options.staff.staffId}`,
  });
  await recordAudit(tx, {
    actor: options.staff,
    action: 'billing.bill_issued',
    targetType: 'bill',
    targetId: bill.id,
    at: deps.clock.now(),
    detail: { customerId: options.customerId, amountMinor: bill.amountMinor, title: options.title },
  });
  return bill;
}
