// Paying something the customer owes (a rent or installment bill, a fee) from their wallet: one posted
// transfer out of the wallet into the account the caller names. The caller derives the transfer id from
// its own business object, so a retry can never pay twice; the ledger's balance rule refuses to take
// the wallet below zero, held money included.
import type { Executor } from '@zulin/db';
import { assert } from '@zulin/kernel';
import { createTransfers, LedgerErrors } from '@zulin/ledger';
import { walletAccount } from './accounts';
import { walletCode } from './codes';
import type { WalletDeps } from './deps';
import { WalletErrors } from './errors';

export interface PayFromWallet {
  customerId: string;
  /** The ledger account that receives the money (e.g. customer receivables). */
  creditAccountId: string;
  amountMinor: number;
  transferId: string;
  /** The business object paid (a bill id); shown in the wallet history. */
  reference: string;
  description: string;
  effectiveAt?: Date;
}

export async function payFromWallet(
  tx: Executor,
  deps: Pick<WalletDeps, 'clock'>,
  options: PayFromWallet,
): Promise<{ transferId: string }> {
  assert(Number.isSafeInteger(options.amountMinor) && options.amountMinor > 0, 'the caller validated the amount');
  const wallet = await walletAccount(tx, deps.clock, options.customerId);
  try {
    await createTransfers(tx, deps.clock, [
      {
        id: options.transferId,
        debitAccountId: wallet.id,
        creditAccountId: options.creditAccountId,
        amountMinor: options.amountMinor,
        currency: 'CNY',
        code: walletCode('bill_payment'),
        reference: options.reference,
        metadata: { description: options.description },
        ...(options.effectiveAt ? { effectiveAt: options.effectiveAt } : {}),
      },
    ]);
  } catch (error) {
    if (LedgerErrors.LEDGER_INSUFFICIENT_FUNDS.is(error)) throw WalletErrors.WALLET_INSUFFICIENT_BALANCE();
    throw error;
  }
  return { transferId: options.transferId };
}
