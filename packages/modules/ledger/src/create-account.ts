// Opens an account, or returns the one that already exists for the same owner, purpose and
// currency. Its balances row is created in the same transaction, so every account has one.

import type { Executor } from '@zulin/db';
import { assert, type Clock, newId } from '@zulin/kernel';
import { and, eq } from 'drizzle-orm';
import { LedgerErrors } from './errors';
import { ledgerAccounts, ledgerBalances } from './schema';
import type { Account, Currency, OwnerType } from './types';

export interface CreateAccountOptions {
  ownerType: OwnerType;
  ownerId: string;
  purpose: string;
  code: number;
  currency: Currency;
  name: string;
  debitsMustNotExceedCredits?: boolean;
  creditsMustNotExceedDebits?: boolean;
}

const purposePattern = /^[a-z][a-z0-9_.:-]{0,63}$/;

/** Account ids read `ldg_acc_<ulid>`: the kernel's `acc` id under the ledger's own `ldg_` namespace. */
export function newAccountId(clock: Clock): string {
  return `ldg_${newId('acc', clock)}`;
}

export async function createAccount(tx: Executor, clock: Clock, options: CreateAccountOptions): Promise<Account> {
  assertAccountOptions(options);
  const wanted = {
    ownerType: options.ownerType,
    ownerId: options.ownerId,
    customerId: options.ownerType === 'customer' ? options.ownerId : null,
    purpose: options.purpose,
    code: options.code,
    currency: options.currency,
    name: options.name,
    debitsMustNotExceedCredits: options.debitsMustNotExceedCredits ?? false,
    creditsMustNotExceedDebits: options.creditsMustNotExceedDebits ?? false,
  };
  const id = newAccountId(clock);
  const inserted = await tx
    .insert(ledgerAccounts)
    .values({ id, ...wanted, createdAt: clock.now() })
    .onConflictDoNothing({
      target: [ledgerAccounts.ownerType, ledgerAccounts.ownerId, ledgerAccounts.purpose, ledgerAccounts.currency],
    })
    .returning();
  if (inserted[0]) {
    await tx.insert(ledgerBalances).values({
      accountId: id,
      debitsPostedMinor: 0,
      creditsPostedMinor: 0,
      debitsPendingMinor: 0,
      creditsPendingMinor: 0,
    });
    return inserted[0] as Account;
  }
  const [existing] = await tx
    .select()
    .from(ledgerAccounts)
    .where(
      and(
        eq(ledgerAccounts.ownerType, wanted.ownerType),
        eq(ledgerAccounts.ownerId, wanted.ownerId),
        eq(ledgerAccounts.purpose, wanted.purpose),
        eq(ledgerAccounts.currency, wanted.currency),
      ),
    );
  assert(existing, 'an account that conflicted on insert exists');
  // The name is a label and may be reworded; the code and the balance rule define the account.
  const same =
    existing.code === wanted.code &&
    existing.debitsMustNotExceedCredits === wanted.debitsMustNotExceedCredits &&
    existing.creditsMustNotExceedDebits === wanted.creditsMustNotExceedDebits;
  if (!same) {
    throw LedgerErrors.LEDGER_ACCOUNT_CONFLICT({
      detail: `Account ${existing.id} (${wanted.ownerType}/${wanted.ownerId}/${wanted.purpose}) has another code or rule.`,
    });
  }
  return existing as Account;
}

function assertAccountOptions(options: CreateAccountOptions): void {
  assert(options.ownerId.length > 0 && options.ownerId.length <= 64, 'an account owner id has 1–64 characters');
  assert(purposePattern.test(options.purpose), `account purpose must be a lowercase slug: ${options.purpose}`);
  assert(Number.isInteger(options.code), 'account code is an integer');
  assert(options.code >= 1000 && options.code <= 9999, 'account code has four digits');
  assert(options.currency === 'CNY' || options.currency === 'POINTS', 'account currency is CNY or POINTS');
  assert(options.name.length > 0, 'an account has a name');
  assert(
    !(options.debitsMustNotExceedCredits && options.creditsMustNotExceedDebits),
    'an account has at most one balance rule',
  );
}
