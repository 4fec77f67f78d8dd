// Finance resolves a dispute: a refund, a reversal of the disputed transfer, or a rejection, with a
// note. A refund or reversal above the approval amount (payments' refund approval threshold, the one
// setting for every refund staff make) is only proposed here:
// it waits for a second staff member (approve-dispute-refund.ts), as waivers do.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { assert, type Clock } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { bookMoneyOutcome, checkMoneyOutcome, closeDispute, lockOpenDispute } from './dispute-resolution';
import { type Dispute, withOverdue } from './disputes';
import { WalletErrors } from './errors';
import { walletDisputes } from './schema';

export async function resolveDispute(
  tx: Executor,
  clock: Clock,
  options: {
    disputeId: string;
    staff: StaffPrincipal;
    outcome: 'refund' | 'reversal' | 'rejected';
    amountMinor?: number;
    note: string;
    /** Refunds and reversals of more than this wait for a second staff member. */
    approvalAboveMinor: number;
  },
): Promise<Dispute> {
  assert(Number.isSafeInteger(options.approvalAboveMinor) && options.approvalAboveMinor >= 0, 'a checked setting');
  const row = await lockOpenDispute(tx, options.disputeId);
  if (row.proposedBy !== null) throw WalletErrors.WALLET_DISPUTE_APPROVAL_PENDING();
  if (options.outcome === 'rejected') {
    return closeDispute(tx, clock, row, {
      outcome: 'rejected',
      amountMinor: null,
      transferId: null,
      note: options.note,
      staff: options.staff,
    });
  }
  const amountMinor = await checkMoneyOutcome(tx, clock, row, options.outcome, options.amountMinor);
  if (amountMinor > options.approvalAboveMinor) {
    const now = clock.now();
    const [proposed] = await tx
      .update(walletDisputes)
      .set({
        proposedOutcome: options.outcome,
        proposedAmountMinor: amountMinor,
        proposedNote: options.note,
        proposedBy: options.staff.staffId,
        proposedAt: now,
      })
      .where(eq(walletDisputes.id, row.id))
      .returning();
    assert(proposed, 'the locked dispute was updated');
    await recordAudit(tx, {
      actor: options.staff,
      action: 'wallet.dispute_refund_proposed',
      targetType: 'dispute',
      targetId: row.id,
      detail: { outcome: options.outcome, amountMinor, approvalAboveMinor: options.approvalAboveMinor },
      at: now,
    });
    return withOverdue(proposed, now);
  }
  const transferId = await bookMoneyOutcome(tx, clock, row, options.outcome, amountMinor);
  return closeDispute(tx, clock, row, {
    outcome: options.outcome,
    amountMinor,
    transferId,
    note: options.note,
    staff: options.staff,
  });
}
