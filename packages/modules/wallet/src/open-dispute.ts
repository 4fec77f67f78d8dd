// A customer disputes a transfer (charged but failed, charged twice, refund not received) with evidence.
import { type Executor, emitEvent } from '@zulin/db';
import { recordAudit } from '@zulin/identity';
import { assert, type Clock, newId } from '@zulin/kernel';
import { getTransfer, LedgerErrors } from '@zulin/ledger';
import { and, eq } from 'drizzle-orm';
import { walletAccount } from './accounts';
import { type Dispute, type DisputeType, type Evidence, withOverdue } from './disputes';
import { WalletErrors } from './errors';
import { WalletLimits } from './limits';
import { walletDisputes } from './schema';

export async function openDispute(
  tx: Executor,
  clock: Clock,
  options: { customerId: string; transferId: string; type: DisputeType; description: string; evidence: Evidence[] },
): Promise<Dispute> {
  const wallet = await walletAccount(tx, clock, options.customerId);
  let transfer: Awaited<ReturnType<typeof getTransfer>>;
  try {
    transfer = await getTransfer(tx, options.transferId);
  } catch (error) {
    if (LedgerErrors.LEDGER_TRANSFER_NOT_FOUND.is(error)) throw WalletErrors.WALLET_DISPUTE_TRANSACTION_NOT_FOUND();
    throw error;
  }
  // Only a transaction on the customer's own wallet may be disputed; anything else is "not found".
  if (transfer.debitAccountId !== wallet.id && transfer.creditAccountId !== wallet.id) {
    throw WalletErrors.WALLET_DISPUTE_TRANSACTION_NOT_FOUND();
  }
  const [open] = await tx
    .select({ id: walletDisputes.id })
    .from(walletDisputes)
    .where(and(eq(walletDisputes.transferId, transfer.id), eq(walletDisputes.status, 'open')));
  if (open) throw WalletErrors.WALLET_DISPUTE_ALREADY_OPEN({ detail: `Dispute ${open.id} is open.` });
  const now = clock.now();
  const id = newId('dsp', clock);
  const [row] = await tx
    .insert(walletDisputes)
    .values({
      id,
      customerId: options.customerId,
      transferId: transfer.id,
      type: options.type,
      description: options.description,
      evidence: options.evidence.slice(0, WalletLimits.disputeEvidenceMax),
      status: 'open',
      slaDueAt: new Date(now.getTime() + WalletLimits.disputeSlaDays * 86_400_000),
      createdAt: now,
    })
    .returning();
  assert(row, 'the dispute was inserted');
  await emitEvent(tx, now, {
    type: 'wallet.dispute_opened',
    aggregateType: 'dispute',
    aggregateId: id,
    payload: {
      disputeId: id,
      customerId: options.customerId,
      type: options.type,
      transferId: transfer.id,
      amountMinor: transfer.amountMinor,
      slaDueAt: row.slaDueAt.toISOString(),
    },
  });
  await recordAudit(tx, {
    actor: { kind: 'customer', customerId: options.customerId },
    action: 'wallet.dispute_opened',
    targetType: 'dispute',
    targetId: id,
    at: now,
  });
  return withOverdue(row, now);
}
