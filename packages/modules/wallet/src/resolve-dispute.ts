// Finance resolves a dispute: a refund, a reversal of the disputed transfer, or a rejection, with a note.
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

export async function resolveDispute(
  tx: Executor,
  clock: Clock,
  options: {
    disputeId: string;
    staff: StaffPrincipal;
    outcome: 'refund' | 'reversal' | 'rejected';
    amountMinor?: number;
    note: string;
  },
): Promise<Dispute> {
  const [row] = await tx.select().from(walletDisputes).where(eq(walletDisputes.id, options.disputeId)).for('update');
  if (!row) throw WalletErrors.WALLET_DISPUTE_NOT_FOUND();
  if (row.status !== 'open') throw WalletErrors.WALLET_DISPUTE_NOT_OPEN();
  const now = clock.now();
  let resolutionTransferId: string | null = null;
  let amountMinor: number | null = null;
  if (options.outcome !== 'rejected') {
    const original = await getTransfer(tx, row.transferId);
    const wallet = await walletAccount(tx, clock, row.customerId);
    amountMinor = options.amountMinor ?? original.amountMinor;
    if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
      throw WalletErrors.WALLET_DISPUTE_RESOLUTION_INVALID({
        errors: [{ path: '/body/amountMinor', message: 'a positive amount' }],
      });
    }
    resolutionTransferId = `txn_dsp_${row.id.slice(4)}`;
    if (options.outcome === 'reversal') {
      // Undo a charge out of the wallet: the original's accounts, swapped. The ledger refuses more
      // than the original or a transfer that did not debit this wallet.
      if (original.debitAccountId !== wallet.id || (original.kind !== 'posted' && original.kind !== 'post_pending')) {
        throw WalletErrors.WALLET_DISPUTE_RESOLUTION_INVALID({
          detail: 'Only a completed charge out of the wallet can be reversed; refund instead.',
        });
      }
      try {
        await createTransfers(tx, clock, [
          {
            id: resolutionTransferId,
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
    } else {
      // Money the customer lost outside the wallet (a card charge for a failed payment): paid from
      // suspense, where the channel's unmatched money waits, until reconciliation settles it.
      const suspense = await platformAccount(tx, clock, 'suspense');
      await createTransfers(tx, clock, [
        {
          id: resolutionTransferId,
          debitAccountId: suspense.id,
          creditAccountId: wallet.id,
          amountMinor,
          code: walletCode('dispute_refund'),
          reference: row.id,
          metadata: { description: 'Dispute refund' },
        },
      ]);
    }
  }
  const [updated] = await tx
    .update(walletDisputes)
    .set({
      status: options.outcome === 'rejected' ? 'rejected' : 'resolved',
      resolution: options.outcome,
      resolutionAmountMinor: amountMinor,
      resolutionNote: options.note,
      resolutionTransferId,
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
    payload: { disputeId: row.id, customerId: row.customerId, outcome: options.outcome, amountMinor },
  });
  await recordAudit(tx, {
    actor: options.staff,
    action: 'wallet.dispute_resolved',
    targetType: 'dispute',
    targetId: row.id,
    detail: { outcome: options.outcome, amountMinor },
    at: now,
  });
  return withOverdue(updated, now);
}
