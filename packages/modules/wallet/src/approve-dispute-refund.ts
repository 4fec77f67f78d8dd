// A second staff member approves a proposed dispute refund or reversal: the money is booked then,
// with the proposer's amount and note. Nobody approves their own proposal.
import type { Executor } from '@zulin/db';
import type { StaffPrincipal } from '@zulin/identity';
import type { Clock } from '@zulin/kernel';
import { bookMoneyOutcome, checkMoneyOutcome, closeDispute, lockOpenDispute } from './dispute-resolution';
import type { Dispute } from './disputes';
import { WalletErrors } from './errors';

export async function approveDisputeRefund(
  tx: Executor,
  clock: Clock,
  options: { disputeId: string; staff: StaffPrincipal },
): Promise<Dispute> {
  const row = await lockOpenDispute(tx, options.disputeId);
  const { proposedOutcome, proposedAmountMinor, proposedBy } = row;
  if (proposedOutcome === null || proposedAmountMinor === null || proposedBy === null) {
    throw WalletErrors.WALLET_DISPUTE_NO_PROPOSAL();
  }
  if (proposedBy === options.staff.staffId) throw WalletErrors.WALLET_DISPUTE_SELF_APPROVAL();
  const amountMinor = await checkMoneyOutcome(tx, clock, row, proposedOutcome, proposedAmountMinor);
  const transferId = await bookMoneyOutcome(tx, clock, row, proposedOutcome, amountMinor);
  return closeDispute(tx, clock, row, {
    outcome: proposedOutcome,
    amountMinor,
    transferId,
    note: row.proposedNote ?? '',
    staff: options.staff,
    proposedBy,
  });
}
