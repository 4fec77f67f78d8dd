// Helpers for tests of the ledger and of modules that post to it.
import { type Executor, transaction } from '@zulin/db';
import { type Clock, newId } from '@zulin/kernel';
import { createAccount } from './create-account';
import { createTransfers } from './create-transfers';
import type { Account, Currency } from './types';

let counter = 0;

/** A platform-owned test account with a unique purpose; `restricted` gives it debitsMustNotExceedCredits. */
export async function createTestAccount(
  tx: Executor,
  clock: Clock,
  options: { restricted?: boolean; creditsRestricted?: boolean; currency?: Currency; code?: number } = {},
): Promise<Account> {
  counter++;
  return createAccount(tx, clock, {
    ownerType: 'platform',
    ownerId: 'test',
    purpose: `test_${newId('tst', clock).slice(-10).toLowerCase()}_${counter}`,
    code: options.code ?? 9000,
    currency: options.currency ?? 'CNY',
    name: `Test account ${counter}`,
    debitsMustNotExceedCredits: options.restricted ?? false,
    creditsMustNotExceedDebits: options.creditsRestricted ?? false,
  });
}

/** Moves `amountMinor` from a fresh unrestricted source into `accountId` (funding a wallet for a test). */
export async function fundTestAccount(
  db: Executor,
  clock: Clock,
  accountId: string,
  amountMinor: number,
  currency: Currency = 'CNY',
): Promise<void> {
  await transaction(db, async (tx) => {
    const source = await createTestAccount(tx, clock, { currency });
    await createTransfers(tx, clock, [
      {
        id: newId('txn', clock),
        debitAccountId: source.id,
        creditAccountId: accountId,
        amountMinor,
        code: 'test.funding',
      },
    ]);
  });
}
