// A dispute as staff read it: the customer by masked name and phone (identity's customerLabels),
// the disputed transaction (amount, type, direction, time) and the names of the staff who proposed
// and resolved it — so that nobody decides on a bare id (issue #18).
import type { Executor } from '@zulin/db';
import { customerLabels, staffNames } from '@zulin/identity';
import { getAccount, getTransfer } from '@zulin/ledger';
import type { Dispute } from './disputes';

export interface DisputeTransaction {
  id: string;
  /** The wallet type of the transfer (top_up, withdrawal, transfer, …). */
  type: string;
  amountMinor: number;
  /** Into the customer's wallet or out of it. */
  direction: 'in' | 'out';
  createdAt: Date;
}

export type DisputeView = Dispute & {
  customerLabel: string | null;
  transaction: DisputeTransaction;
  proposedByName: string | null;
  resolvedByName: string | null;
};

export async function viewDisputes(
  tx: Executor,
  masterKey: Buffer,
  disputes: readonly Dispute[],
): Promise<DisputeView[]> {
  const labels = await customerLabels(
    tx,
    masterKey,
    disputes.map((d) => d.customerId),
  );
  const names = await staffNames(
    tx,
    disputes.flatMap((d) => [d.proposedBy, d.resolvedBy].filter((id): id is string => id !== null)),
  );
  const views: DisputeView[] = [];
  for (const d of disputes) {
    views.push({
      ...d,
      customerLabel: labels.get(d.customerId)?.label ?? null,
      transaction: await disputedTransaction(tx, d),
      proposedByName: d.proposedBy ? (names.get(d.proposedBy) ?? null) : null,
      resolvedByName: d.resolvedBy ? (names.get(d.resolvedBy) ?? null) : null,
    });
  }
  return views;
}

/** A dispute is opened only on a transfer of the customer's wallet history, so the transfer exists. */
async function disputedTransaction(tx: Executor, d: Dispute): Promise<DisputeTransaction> {
  const transfer = await getTransfer(tx, d.transferId);
  const credited = await getAccount(tx, transfer.creditAccountId);
  return {
    id: transfer.id,
    type: transfer.code.startsWith('wallet.') ? transfer.code.slice('wallet.'.length) : transfer.code,
    amountMinor: transfer.amountMinor,
    direction: credited.customerId === d.customerId ? 'in' : 'out',
    createdAt: transfer.recordedAt,
  };
}
