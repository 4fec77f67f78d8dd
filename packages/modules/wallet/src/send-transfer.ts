// Sending money to another customer by phone number (DOMAIN.md §8): a second factor from ¥2,000.
import { type Executor, emitEvent } from '@zulin/db';
import { findCustomerIdByPhone } from '@zulin/identity';
import { assert, newId } from '@zulin/kernel';
import { createTransfers, LedgerErrors } from '@zulin/ledger';
import { walletAccount } from './accounts';
import { walletCode } from './codes';
import type { WalletDeps } from './deps';
import { WalletErrors } from './errors';
import { WalletLimits } from './limits';
import { walletTransfers } from './schema';
import { requireSecondFactor, type SecondFactorProof } from './second-factor';

export type WalletTransferRecord = typeof walletTransfers.$inferSelect;

export async function sendToCustomer(
  tx: Executor,
  deps: WalletDeps,
  options: {
    customerId: string;
    toPhone: string;
    amountMinor: number;
    note?: string | undefined;
    secondFactor?: SecondFactorProof | undefined;
  },
): Promise<WalletTransferRecord> {
  const { customerId, amountMinor } = options;
  assert(Number.isSafeInteger(amountMinor) && amountMinor > 0, 'the route validated the amount');
  if (amountMinor > WalletLimits.transferMaxMinor) {
    throw WalletErrors.WALLET_AMOUNT_INVALID({
      errors: [{ path: '/body/amountMinor', message: `at most ${WalletLimits.transferMaxMinor}` }],
    });
  }
  const toCustomerId = await findCustomerIdByPhone(tx, deps.masterKey, options.toPhone);
  if (!toCustomerId)
    throw WalletErrors.WALLET_RECIPIENT_NOT_FOUND({ errors: [{ path: '/body/toPhone', message: 'no customer' }] });
  if (toCustomerId === customerId)
    throw WalletErrors.WALLET_RECIPIENT_SELF({ errors: [{ path: '/body/toPhone', message: 'that is you' }] });
  if (amountMinor >= WalletLimits.transferSecondFactorFromMinor) {
    await requireSecondFactor(tx, deps, customerId, options.secondFactor);
  }
  return moveBetweenWallets(tx, deps, {
    fromCustomerId: customerId,
    toCustomerId,
    amountMinor,
    type: 'transfer',
    note: options.note ?? null,
  });
}

/** Moves money from one customer's wallet to another's and records it; shared by transfers and bill splits. */
export async function moveBetweenWallets(
  tx: Executor,
  deps: WalletDeps,
  options: {
    fromCustomerId: string;
    toCustomerId: string;
    amountMinor: number;
    type: 'transfer' | 'bill_split';
    note: string | null;
    reference?: string;
  },
): Promise<WalletTransferRecord> {
  const id = newId('wtr', deps.clock);
  const transferId = `txn_wtr_${id.slice(4)}`;
  const from = await walletAccount(tx, deps.clock, options.fromCustomerId);
  const to = await walletAccount(tx, deps.clock, options.toCustomerId);
  try {
    await createTransfers(tx, deps.clock, [
      {
        id: transferId,
        debitAccountId: from.id,
        creditAccountId: to.id,
        amountMinor: options.amountMinor,
        currency: 'CNY',
        code: walletCode(options.type),
        reference: options.reference ?? id,
        metadata: options.note ? { description: options.note } : {},
      },
    ]);
  } catch (error) {
    if (LedgerErrors.LEDGER_INSUFFICIENT_FUNDS.is(error)) throw WalletErrors.WALLET_INSUFFICIENT_BALANCE();
    throw error;
  }
  const now = deps.clock.now();
  const [row] = await tx
    .insert(walletTransfers)
    .values({
      id,
      customerId: options.fromCustomerId,
      toCustomerId: options.toCustomerId,
      amountMinor: options.amountMinor,
      note: options.note,
      transferId,
      createdAt: now,
    })
    .returning();
  assert(row, 'the transfer was inserted');
  // customerId is the sender; the recipient is toCustomerId (one event tells both sides).
  await emitEvent(tx, now, {
    type: 'wallet.transfer_sent',
    aggregateType: 'wallet',
    aggregateId: options.fromCustomerId,
    payload: {
      walletTransferId: id,
      transferId,
      customerId: options.fromCustomerId,
      fromCustomerId: options.fromCustomerId,
      toCustomerId: options.toCustomerId,
      amountMinor: options.amountMinor,
      type: options.type,
    },
  });
  return row;
}
