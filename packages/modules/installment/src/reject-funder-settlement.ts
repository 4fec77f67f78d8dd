// A second staff member rejects a funder settlement held for approval: the hold is voided, 2210 holds
// the amount again and the funder is owed it as before. Nobody rejects their own (they may ask another).
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { assert, type Clock } from '@zulin/kernel';
import { createTransfers } from '@zulin/ledger';
import { eq } from 'drizzle-orm';
import { InstallmentErrors } from './errors';
import { type FunderSettlementView, lockPendingSettlement, presentSettlement } from './funder-settlements';
import { installmentFunderSettlements } from './schema';

export async function rejectFunderSettlement(
  tx: Executor,
  deps: { clock: Clock; timeZone: string },
  options: { settlementId: string; reason: string; staff: StaffPrincipal },
): Promise<FunderSettlementView> {
  const row = await lockPendingSettlement(tx, options.settlementId);
  if (row.requestedBy === options.staff.staffId) throw InstallmentErrors.INSTALLMENT_SETTLEMENT_SELF_APPROVAL();
  await createTransfers(tx, deps.clock, [
    {
      id: `${row.transferId}_void`,
      kind: 'void_pending',
      pendingId: row.transferId,
      code: 'installment.funder_settlement_rejected',
      reference: row.id,
      metadata: { funderId: row.funderId, rejectedBy: options.staff.staffId },
    },
  ]);
  const now = deps.clock.now();
  const [rejected] = await tx
    .update(installmentFunderSettlements)
    .set({ status: 'rejected', decidedBy: options.staff.staffId, decidedAt: now, rejectReason: options.reason })
    .where(eq(installmentFunderSettlements.id, row.id))
    .returning();
  assert(rejected, 'the locked settlement was updated');
  await recordAudit(tx, {
    actor: options.staff,
    action: 'installment.funder_settlement_rejected',
    targetType: 'installment_funder',
    targetId: row.funderId,
    detail: { settlementId: row.id, amountMinor: row.amountMinor, reason: options.reason },
    at: now,
  });
  return presentSettlement(rejected);
}
