// A customer's wallet history: the ledger transfers on their wallet account, newest first.
import type { Executor } from '@zulin/db';
import type { Clock, Page } from '@zulin/kernel';
import { listTransfers, pendingResolutions, type Transfer } from '@zulin/ledger';
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

/**
 * The history a customer reads: one line per movement. A hold (a withdrawal in progress) and the
 * transfer that later posted or released it are one line — the hold's, at the time it was asked
 * for, in its current state — so a withdrawal never reads as two charges. A page may therefore
 * hold fewer lines than asked for; its cursor still moves on.
 */
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
  const holds = page.data.filter((t) => t.kind === 'pending');
  const resolutions = await pendingResolutions(
    tx,
    holds.map((t) => t.id),
  );
  const data = page.data
    .filter((t) => t.pendingId === null)
    .map((t) => {
      const line = toWalletTransaction(t, account.id);
      const resolution = t.kind === 'pending' ? resolutions.get(t.id) : undefined;
      if (resolution === undefined) return line;
      // Posted: the money left (what was posted, which may be less than held). Released: it never
      // left; the line keeps the held amount and says it was given back.
      return resolution.kind === 'post_pending'
        ? { ...line, status: 'completed' as const, amountMinor: resolution.amountMinor }
        : { ...line, status: 'released' as const };
    });
  return { data, nextCursor: page.nextCursor };
}
