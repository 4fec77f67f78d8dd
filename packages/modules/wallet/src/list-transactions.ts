// A customer's wallet history: the ledger transfers on their wallet account, newest first.
import type { Executor } from '@zulin/db';
import type { Clock, Page } from '@zulin/kernel';
import { listTransfers, type Transfer } from '@zulin/ledger';
import { walletAccount } from './accounts';
import { type WalletType, walletCode } from './codes';

export interface WalletTransaction {
  id: string;
  type: string;
  direction: 'in' | 'out';
  amountMinor: number;
  /** held: money reserved (a withdrawal in progress); completed: moved; released: a hold given back. */
  status: 'held' | 'completed' | 'released';
  reference: string | null;
  description: string | null;
  createdAt: Date;
  effectiveAt: Date;
}

export function toWalletTransaction(t: Transfer, walletAccountId: string): WalletTransaction {
  const released = t.kind === 'void_pending' || t.kind === 'expire_pending';
  const status = t.kind === 'pending' ? 'held' : released ? 'released' : 'completed';
  const out = t.debitAccountId === walletAccountId;
  const description = typeof t.metadata.description === 'string' ? t.metadata.description : null;
  return {
    id: t.id,
    type: t.code.startsWith('wallet.') ? t.code.slice('wallet.'.length) : t.code,
    // A released hold gives money back to the wallet it held it from.
    direction: released ? (out ? 'in' : 'out') : out ? 'out' : 'in',
    amountMinor: released ? t.releasedPendingMinor : t.amountMinor,
    status,
    reference: t.reference,
    description,
    createdAt: t.recordedAt,
    effectiveAt: t.effectiveAt,
  };
}

export async function listWalletTransactions(
  tx: Executor,
  clock: Clock,
  customerId: string,
  options: { type?: WalletType; from?: Date; to?: Date; limit?: number; cursor?: string },
): Promise<Page<WalletTransaction>> {
  const account = await walletAccount(tx, clock, customerId);
  const page = await listTransfers(tx, {
    accountId: account.id,
    code: options.type ? walletCode(options.type) : undefined,
    from: options.from,
    to: options.to,
    limit: options.limit,
    cursor: options.cursor,
  });
  return { data: page.data.map((t) => toWalletTransaction(t, account.id)), nextCursor: page.nextCursor };
}
