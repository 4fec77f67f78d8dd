// What resolving a dispute shares between the direct resolution (resolve-dispute.ts) and the
// approval of a proposed refund (approve-dispute-refund.ts): the lock, the check of the outcome and
// amount against the disputed transfer, the booking of the money and the closing of the case.
import { type Executor, emitEvent } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { assert, type Clock } from '@zulin/kernel';
import { createTransfers, getTransfer, LedgerErrors, platformAccount } from '@zulin/ledger';
import { and, eq } from 'drizzle-orm';
import { walletAccount } from './accounts';
import { walletCode } from './codes';
import { type Dispute, withOverdue } from './disputes';
import { WalletErrors } from './errors';
import { walletDisputes } from './schema';

export type DisputeRow = typeof walletDisputes.$inferSelect;
export type MoneyOutcome = 'refund' | 'reversal';

export async function lockOpenDispute(tx: Executor, disputeId: string): Promise<DisputeRow> {
  const [row] = await tx.select().from(walletDisputes).where(eq(walletDisputes.id, disputeId)).for('update');
  if (!row) throw WalletErrors.WALLET_DISPUTE_NOT_FOUND();
  if (row.status !== 'open') throw WalletErrors.WALLET_DISPUTE_NOT_OPEN();
  return row;
}

/** The amount a refund or reversal moves (the disputed amount unless given), checked before anything is written. */
export async function checkMoneyOutcome(
  tx: Executor,
  clock: Clock,
  row: DisputeRow,
  outcome: MoneyOutcome,
  requestedMinor: number | undefined,
): Promise<number> {
  const original = await getTransfer(tx, row.transferId);
  const amountMinor = requestedMinor ?? original.amountMinor;
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
    throw WalletErrors.WALLET_DISPUTE_RESOLUTION_INVALID({
      errors: [{ path: '/body/amountMinor', message: 'a positive amount' }],
    });
  }
  if (outcome === 'reversal') {
    const wallet = await walletAccount(tx, clock, row.customerId);
    // Undo a charge out of the wallet only: the ledger refuses more than the original at booking.
    if (original.debitAccountId !== wallet.id || (original.kind !== 'posted' && original.kind !== 'post_pending')) {
      throw WalletErrors.WALLET_DISPUTE_RESOLUTION_INVALID({
        detail: 'Only a completed charge out of the wallet can be reversed; refund instead.',
      });
    }
    if (amountMinor > original.amountMinor) {
      throw WalletErrors.WALLET_DISPUTE_RESOLUTION_INVALID({ detail: 'More than the original charge.' });
    }
  }
  return amountMinor;
}

/** Books a refund (from suspense) or a reversal (of the disputed charge) into the wallet; returns the transfer id. */
export async function bookMoneyOutcome(
  tx: Executor,
  clock: Clock,
  row: DisputeRow,
  outcome: MoneyOutcome,
  amountMinor: number,
): Promise<string> {
  assert(Number.isSafeInteger(amountMinor) && amountMinor > 0, 'the amount was checked');
  const original = await getTransfer(tx, row.transferId);
  const wallet = await walletAccount(tx, clock, row.customerId);
  const transferId = `txn_dsp_${row.id.slice(4)}`;
  if (outcome === 'reversal') {
    try {
      await createTransfers(tx, clock, [
        {
          id: transferId,
          debitAccountId: original.creditAccountId,
          creditAccountId: wallet.id,
          amountMinor,
          code: walletCode('dispute_reversal'),
          reference: row.id,
          reversesId: original.id,
          metadata: { description: 'Dispute reversal' },
        },
      ]);
    } catch (error) {
      if (LedgerErrors.LEDGER_REVERSAL_EXCEEDS_ORIGINAL.is(error))
        throw WalletErrors.WALLET_DISPUTE_RESOLUTION_INVALID({ detail: 'More than the original charge.' });
      throw error;
    }
    return transferId;
  }
  // Money the customer lost outside the wallet (a card charge for a failed payment): paid from
  // suspense, where the channel's unmatched money waits, until reconciliation settles it.
  const suspense = await platformAccount(tx, clock, 'suspense');
  await createTransfers(tx, clock, [
    {
      id: transferId,
      debitAccountId: suspense.id,
      creditAccountId: wallet.id,
      amountMinor,
      code: walletCode('dispute_refund'),
      reference: row.id,
      metadata: { description: 'Dispute refund' },
    },
  ]);
  return transferId;
}

/** Closes the case with its outcome, with the event for notifications and the audit entry. */
export async function closeDispute(
  tx: Executor,
  clock: Clock,
  row: DisputeRow,
  options: {
    outcome: MoneyOutcome | 'rejected';
    amountMinor: number | null;
    transferId: string | null;
    note: string;
    staff: StaffPrincipal;
    /** The proposer, when a second staff member approved a proposed refund. */
    proposedBy?: string;
  },
): Promise<Dispute> {
  const now = clock.now();
  const [updated] = await tx
    .update(walletDisputes)
    .set({
      status: options.outcome === 'rejected' ? 'rejected' : 'resolved',
      resolution: options.outcome,
      resolutionAmountMinor: options.amountMinor,
      resolutionNote: options.note,
      resolutionTransferId: options.transferId,
      resolvedBy: options.staff.staffId,
      resolvedAt: now,
    })
    .where(and(eq(walletDisputes.id, row.id), eq(walletDisputes.status, 'open')))
    .returning();
  assert(updated, 'the open dispute was updated under its lock');
  await emitEvent(tx, now, {
    type: 'wallet.dispute_resolved',
    aggregateType: 'dispute',
    aggregateId: row.id,
    payload: {
      disputeId: row.id,
      customerId: row.customerId,
      outcome: options.outcome,
      amountMinor: options.amountMinor,
    },
  });
  await recordAudit(tx, {
    actor: options.staff,
    action: 'wallet.dispute_resolved',
    targetType: 'dispute',
    targetId: row.id,
    detail: {
      outcome: options.outcome,
      amountMinor: options.amountMinor,
      ...(options.proposedBy ? { proposedBy: options.proposedBy } : {}),
    },
    at: now,
  });
  return withOverdue(updated, now);
}
