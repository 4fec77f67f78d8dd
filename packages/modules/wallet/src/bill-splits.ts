// AA bill splits: a customer asks friends (by phone) to pay equal shares of a total. Shares come from
// the kernel's splitEvenly, so they add up to the total exactly; each friend pays their share from
// their wallet into the requester's; the split is settled when every share is paid and expires
// (unpaid shares stay unpaid) after 7 days.
import { type Executor, emitEvent } from '@zulin/db';
import { findCustomerIdByPhone, getCustomerProfile } from '@zulin/identity';
import { assert, newId, splitEvenly, sumMinor } from '@zulin/kernel';
import { and, desc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { WalletDeps } from './deps';
import { WalletErrors } from './errors';
import { WalletLimits } from './limits';
import { walletBillSplitShares, walletBillSplits } from './schema';
import { moveBetweenWallets } from './send-transfer';

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

export async function createBillSplit(
  tx: Executor,
  deps: WalletDeps,
  options: { customerId: string; title: string; totalMinor: number; friendPhones: string[]; includeRequester: boolean },
): Promise<BillSplitView> {
  const phones = [...new Set(options.friendPhones)];
  if (phones.length < 1 || phones.length > WalletLimits.billSplitFriendsMax) {
    throw WalletErrors.WALLET_AMOUNT_INVALID({
      errors: [{ path: '/body/friendPhones', message: `1–${WalletLimits.billSplitFriendsMax} distinct friends` }],
    });
  }
  const friends: { customerId: string; phone: string }[] = [];
  for (const [index, phone] of phones.entries()) {
    const customerId = await findCustomerIdByPhone(tx, deps.masterKey, phone);
    if (!customerId) {
      throw WalletErrors.WALLET_RECIPIENT_NOT_FOUND({
        errors: [{ path: `/body/friendPhones/${index}`, message: 'no customer with this phone' }],
      });
    }
    if (customerId === options.customerId) {
      throw WalletErrors.WALLET_RECIPIENT_SELF({
        errors: [{ path: `/body/friendPhones/${index}`, message: 'use includeRequester for your own share' }],
      });
    }
    friends.push({ customerId, phone });
  }
  const parts = friends.length + (options.includeRequester ? 1 : 0);
  const shares = splitEvenly(options.totalMinor, parts);
  assert(sumMinor(shares) === options.totalMinor, 'shares add up to the total');
  if (shares.some((s) => s <= 0)) {
    throw WalletErrors.WALLET_AMOUNT_INVALID({
      errors: [{ path: '/body/totalMinor', message: 'too small to give everyone a share' }],
    });
  }
  const now = deps.clock.now();
  const id = newId('split', deps.clock);
  await tx.insert(walletBillSplits).values({
    id,
    customerId: options.customerId,
    title: options.title,
    totalMinor: options.totalMinor,
    status: 'open',
    expiresAt: new Date(now.getTime() + WalletLimits.billSplitExpiryDays * 86_400_000),
    createdAt: now,
  });
  // The requester's own share (when included) is the first and counts as paid: it is their money.
  const rows = shares.map((amountMinor, position) => {
    const own = options.includeRequester && position === 0;
    const friend = friends[position - (options.includeRequester ? 1 : 0)];
    return {
      splitId: id,
      position,
      customerId: own ? options.customerId : (friend?.customerId as string),
      amountMinor,
      status: own ? ('paid' as const) : ('unpaid' as const),
      paidAt: own ? now : null,
    };
  });
  await tx.insert(walletBillSplitShares).values(rows);
  for (const row of rows) {
    if (row.status === 'paid') continue;
    await emitEvent(tx, now, {
      type: 'wallet.bill_split_requested',
      aggregateType: 'bill_split',
      aggregateId: id,
      payload: {
        splitId: id,
        customerId: row.customerId,
        requesterCustomerId: options.customerId,
        amountMinor: row.amountMinor,
        title: options.title,
      },
    });
  }
  return getBillSplit(tx, deps.masterKey, options.customerId, id);
}

type SplitRow = typeof walletBillSplits.$inferSelect;
type ShareRow = typeof walletBillSplitShares.$inferSelect;

/**
 * Splits as one customer sees them. Everyone in a split sees the others by masked phone number,
 * never by name; each person's number is read once, however many splits they are in.
 */
async function toViews(
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

/** A friend pays their share; the split settles when the last share is paid. */
export async function payBillSplitShare(
  tx: Executor,
  deps: WalletDeps,
  options: { customerId: string; splitId: string },
): Promise<BillSplitView> {
  const [split] = await tx
    .select()
    .from(walletBillSplits)
    .where(eq(walletBillSplits.id, options.splitId))
    .for('update');
  const [share] = await tx
    .select()
    .from(walletBillSplitShares)
    .where(
      and(eq(walletBillSplitShares.splitId, options.splitId), eq(walletBillSplitShares.customerId, options.customerId)),
    )
    .for('update');
  if (!split || !share) throw WalletErrors.WALLET_BILL_SPLIT_NOT_FOUND();
  if (share.status === 'paid') throw WalletErrors.WALLET_BILL_SPLIT_SHARE_PAID();
  if (split.status !== 'open' || split.expiresAt.getTime() <= deps.clock.now().getTime())
    throw WalletErrors.WALLET_BILL_SPLIT_NOT_OPEN();
  const moved = await moveBetweenWallets(tx, deps, {
    fromCustomerId: options.customerId,
    toCustomerId: split.customerId,
    amountMinor: share.amountMinor,
    type: 'bill_split',
    note: split.title,
    reference: split.id,
  });
  const now = deps.clock.now();
  await tx
    .update(walletBillSplitShares)
    .set({ status: 'paid', paidAt: now, transferId: moved.transferId })
    .where(and(eq(walletBillSplitShares.splitId, split.id), eq(walletBillSplitShares.position, share.position)));
  const [unpaid] = await tx
    .select({ n: sql<number>`count(*)` })
    .from(walletBillSplitShares)
    .where(and(eq(walletBillSplitShares.splitId, split.id), eq(walletBillSplitShares.status, 'unpaid')));
  if (Number(unpaid?.n ?? 0) === 0) {
    await tx
      .update(walletBillSplits)
      .set({ status: 'settled', closedAt: now })
      .where(eq(walletBillSplits.id, split.id));
    await emitEvent(tx, now, {
      type: 'wallet.bill_split_settled',
      aggregateType: 'bill_split',
      aggregateId: split.id,
      payload: {
        splitId: split.id,
        customerId: split.customerId,
        requesterCustomerId: split.customerId,
        amountMinor: split.totalMinor,
        title: split.title,
      },
    });
  }
  return getBillSplit(tx, deps.masterKey, options.customerId, split.id);
}

/**
 * Tick: open splits past their expiry become expired (their unpaid shares can no longer be paid).
 * Set-based and idempotent: the update only takes splits still open, under their row locks, and the
 * event for each is written by the transaction that expired it.
 */
export async function expireBillSplits(tx: Executor, now: Date): Promise<number> {
  const expired = await tx
    .update(walletBillSplits)
    .set({ status: 'expired', closedAt: now })
    .where(
      inArray(
        walletBillSplits.id,
        tx
          .select({ id: walletBillSplits.id })
          .from(walletBillSplits)
          .where(and(eq(walletBillSplits.status, 'open'), lte(walletBillSplits.expiresAt, now)))
          .limit(WalletLimits.tickBatchSize)
          .for('update', { skipLocked: true }),
      ),
    )
    .returning({ id: walletBillSplits.id, customerId: walletBillSplits.customerId, title: walletBillSplits.title });
  for (const split of expired) {
    const [unpaid] = await tx
      .select({ total: sql<string>`coalesce(sum(${walletBillSplitShares.amountMinor}), 0)` })
      .from(walletBillSplitShares)
      .where(and(eq(walletBillSplitShares.splitId, split.id), eq(walletBillSplitShares.status, 'unpaid')));
    await emitEvent(tx, now, {
      type: 'wallet.bill_split_expired',
      aggregateType: 'bill_split',
      aggregateId: split.id,
      payload: {
        splitId: split.id,
        customerId: split.customerId,
        title: split.title,
        amountMinor: Number(unpaid?.total ?? 0),
      },
    });
  }
  return expired.length;
}
