// AA bill splits: a customer asks friends (by phone) to pay equal shares of a total. Shares come from
// the kernel's splitEvenly, so they add up to the total exactly; each friend pays their share from
// their wallet into the requester's; the split is settled when every share is paid and expires
// (unpaid shares stay unpaid) after 7 days.
import type { Executor } from '@zulin/db';
import { getCustomerProfile } from '@zulin/identity';
import { assert, sumMinor } from '@zulin/kernel';
import { desc, eq, inArray, or } from 'drizzle-orm';
import { WalletErrors } from './errors';
import { WalletLimits } from './limits';
import { walletBillSplitShares, walletBillSplits } from './schema';

export interface BillSplitView {
  id: string;
  requesterCustomerId: string;
  title: string;
  totalMinor: number;
  status: 'open' | 'settled' | 'expired';
  expiresAt: Date;
  createdAt: Date;
  paidMinor: number;
  shares: {
    position: number;
    customerId: string;
    phoneMasked: string | null;
    amountMinor: number;
    status: 'unpaid' | 'paid';
    paidAt: Date | null;
    isYou: boolean;
  }[];
}

type SplitRow = typeof walletBillSplits.$inferSelect;
type ShareRow = typeof walletBillSplitShares.$inferSelect;

/**
 * Splits as one customer sees them. Everyone in a split sees the others by masked phone number,
 * never by name; each person's number is read once, however many splits they are in.
 */
export async function toViews(
  tx: Executor,
  masterKey: Buffer,
  customerId: string,
  splits: readonly SplitRow[],
  shares: readonly ShareRow[],
): Promise<BillSplitView[]> {
  const phonesMasked = new Map<string, string>();
  for (const share of shares) {
    if (!phonesMasked.has(share.customerId)) {
      phonesMasked.set(share.customerId, (await getCustomerProfile(tx, masterKey, share.customerId)).phoneMasked);
    }
  }
  return splits.map((split) => {
    const own = shares.filter((s) => s.splitId === split.id).sort((a, b) => a.position - b.position);
    return {
      id: split.id,
      requesterCustomerId: split.customerId,
      title: split.title,
      totalMinor: split.totalMinor,
      status: split.status,
      expiresAt: split.expiresAt,
      createdAt: split.createdAt,
      paidMinor: sumMinor(own.filter((s) => s.status === 'paid').map((s) => s.amountMinor)),
      shares: own.map((s) => ({
        position: s.position,
        customerId: s.customerId,
        phoneMasked: phonesMasked.get(s.customerId) ?? null,
        amountMinor: s.amountMinor,
        status: s.status,
        paidAt: s.paidAt,
        isYou: s.customerId === customerId,
      })),
    };
  });
}

export async function getBillSplit(
  tx: Executor,
  masterKey: Buffer,
  customerId: string,
  id: string,
): Promise<BillSplitView> {
  const [split] = await tx.select().from(walletBillSplits).where(eq(walletBillSplits.id, id));
  const shares = await tx.select().from(walletBillSplitShares).where(eq(walletBillSplitShares.splitId, id));
  // Only the requester and the friends asked may see a split; anyone else gets "not found".
  if (!split || (split.customerId !== customerId && !shares.some((s) => s.customerId === customerId))) {
    throw WalletErrors.WALLET_BILL_SPLIT_NOT_FOUND();
  }
  const [view] = await toViews(tx, masterKey, customerId, [split], shares);
  assert(view, 'one split, one view');
  return view;
}

/** The newest 50 splits I asked for or was asked to pay, in three queries and one read per person. */
export async function listBillSplits(tx: Executor, masterKey: Buffer, customerId: string): Promise<BillSplitView[]> {
  const mine = await tx
    .selectDistinct({ id: walletBillSplits.id })
    .from(walletBillSplits)
    .leftJoin(walletBillSplitShares, eq(walletBillSplitShares.splitId, walletBillSplits.id))
    .where(or(eq(walletBillSplits.customerId, customerId), eq(walletBillSplitShares.customerId, customerId)))
    .orderBy(desc(walletBillSplits.id))
    .limit(WalletLimits.billSplitsListMax);
  if (mine.length === 0) return [];
  const ids = mine.map((m) => m.id);
  const splits = await tx
    .select()
    .from(walletBillSplits)
    .where(inArray(walletBillSplits.id, ids))
    .orderBy(desc(walletBillSplits.id));
  const shares = await tx.select().from(walletBillSplitShares).where(inArray(walletBillSplitShares.splitId, ids));
  return toViews(tx, masterKey, customerId, splits, shares);
}
