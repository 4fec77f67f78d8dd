// A proposed dispute refund is declined (by a second staff member, or withdrawn by its proposer):
// nothing moves, the case stays open and can be resolved again.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { assert, type Clock } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { lockOpenDispute } from './dispute-resolution';
import { type Dispute, withOverdue } from './disputes';
import { WalletErrors } from './errors';
import { walletDisputes } from './schema';

export async function declineDisputeRefund(
  tx: Executor,
  clock: Clock,
  options: { disputeId: string; staff: StaffPrincipal; note: string },
): Promise<Dispute> {
  const row = await lockOpenDispute(tx, options.disputeId);
  if (row.proposedBy === null) throw WalletErrors.WALLET_DISPUTE_NO_PROPOSAL();
  const now = clock.now();
  const [updated] = await tx
    .update(walletDisputes)
    .set({ proposedOutcome: null, proposedAmountMinor: null, proposedNote: null, proposedBy: null, proposedAt: null })
    .where(eq(walletDisputes.id, row.id))
    .returning();
  assert(updated, 'the locked dispute was updated');
  await recordAudit(tx, {
    actor: options.staff,
    action: 'wallet.dispute_refund_declined',
    targetType: 'dispute',
    targetId: row.id,
    detail: {
      outcome: row.proposedOutcome,
      amountMinor: row.proposedAmountMinor,
      proposedBy: row.proposedBy,
      note: options.note,
    },
    at: now,
  });
  return withOverdue(updated, now);
}
