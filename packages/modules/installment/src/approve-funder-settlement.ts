// A second staff member approves a funder settlement held for approval: the held amount is posted
// (2210 → bank clearing), the settlement is `paid` on today's business date, and with it the funder pays
// for its disbursements (bank clearing ← 1200, funder-receivable.ts). Nobody approves their own.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { assert, type Clock, today } from '@zulin/kernel';
import { createTransfers } from '@zulin/ledger';
import { eq } from 'drizzle-orm';
import { InstallmentErrors } from './errors';
import { bookFunderReceivablePayment } from './funder-receivable';
import { type FunderSettlementView, lockPendingSettlement, presentSettlement } from './funder-settlements';
import { installmentFunderSettlements } from './schema';

export async function approveFunderSettlement(
  tx: Executor,
  deps: { clock: Clock; timeZone: string },
  options: { settlementId: string; staff: StaffPrincipal },
): Promise<FunderSettlementView> {
  const row = await lockPendingSettlement(tx, options.settlementId);
  if (row.requestedBy === options.staff.staffId) throw InstallmentErrors.INSTALLMENT_SETTLEMENT_SELF_APPROVAL();
  await createTransfers(tx, deps.clock, [
    {
      id: `${row.transferId}_post`,
      kind: 'post_pending',
      pendingId: row.transferId,
      code: 'installment.funder_settlement',
      reference: row.id,
      metadata: { funderId: row.funderId, approvedBy: options.staff.staffId },
    },
  ]);
  const now = deps.clock.now();
  const [paid] = await tx
    .update(installmentFunderSettlements)
    .set({ status: 'paid', decidedBy: options.staff.staffId, decidedAt: now, paidOn: today(deps.clock, deps.timeZone) })
    .where(eq(installmentFunderSettlements.id, row.id))
    .returning();
  assert(paid, 'the locked settlement was updated');
  // The funder pays for its disbursements with the settlement (funder-receivable.ts).
  const receivablePaidMinor = await bookFunderReceivablePayment(tx, deps, row);
  await recordAudit(tx, {
    actor: options.staff,
    action: 'installment.funder_settlement_approved',
    targetType: 'installment_funder',
    targetId: row.funderId,
    detail: { settlementId: row.id, amountMinor: row.amountMinor, requestedBy: row.requestedBy, receivablePaidMinor },
    at: now,
  });
  return presentSettlement(paid);
}
