// Splits a bill among friends: a share each, expiring after WalletLimits.billSplitExpiryDays (7) days.
import { type Executor, emitEvent } from '@zulin/db';
import { findCustomerIdByPhone } from '@zulin/identity';
import { assert, newId, splitEvenly, sumMinor } from '@zulin/kernel';
import { type BillSplitView, getBillSplit } from './bill-splits';
import type { WalletDeps } from './deps';
import { WalletErrors } from './errors';
import { WalletLimits } from './limits';
import { walletBillSplitShares, walletBillSplits } from './schema';

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
