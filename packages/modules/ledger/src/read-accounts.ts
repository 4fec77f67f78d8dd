// Reading accounts and their balances: one account, a filtered page, or the balances of a few.

import type { Executor } from '@zulin/db';
import { assert, decodeCursor, KernelErrors, type Page, pageLimit, toPage } from '@zulin/kernel';
import { and, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import { LedgerErrors } from './errors';
import { ledgerAccounts, ledgerBalances, ledgerTransfers } from './schema';
import { rowToTransfer } from './transfer-row';
import type { Account, Balances, Currency, OwnerType, Transfer } from './types';

export interface AccountWithBalances extends Account, Balances {}

const selection = {
  account: ledgerAccounts,
  balances: ledgerBalances,
};

function merge(row: {
  account: typeof ledgerAccounts.$inferSelect;
  balances: typeof ledgerBalances.$inferSelect;
}): AccountWithBalances {
  return {
    ...(row.account as Account),
    debitsPostedMinor: Number(row.balances.debitsPostedMinor),
    creditsPostedMinor: Number(row.balances.creditsPostedMinor),
    debitsPendingMinor: Number(row.balances.debitsPendingMinor),
    creditsPendingMinor: Number(row.balances.creditsPendingMinor),
  };
}

export async function getAccount(tx: Executor, accountId: string): Promise<AccountWithBalances> {
  const [row] = await tx
    .select(selection)
    .from(ledgerAccounts)
    .innerJoin(ledgerBalances, eq(ledgerBalances.accountId, ledgerAccounts.id))
    .where(eq(ledgerAccounts.id, accountId));
  if (!row) throw LedgerErrors.LEDGER_ACCOUNT_NOT_FOUND({ detail: `No ledger account ${accountId}.` });
  return merge(row);
}

/** Balances of the given accounts as committed (no lock): for display, never for a decision to move money. */
export async function getBalances(tx: Executor, accountIds: readonly string[]): Promise<Map<string, Balances>> {
  assert(accountIds.length <= 100, 'read at most 100 balances at once');
  if (accountIds.length === 0) return new Map();
  const rows = await tx
    .select()
    .from(ledgerBalances)
    .where(inArray(ledgerBalances.accountId, [...accountIds]));
  return new Map(
    rows.map((b) => [
      b.accountId,
      {
        debitsPostedMinor: Number(b.debitsPostedMinor),
        creditsPostedMinor: Number(b.creditsPostedMinor),
        debitsPendingMinor: Number(b.debitsPendingMinor),
        creditsPendingMinor: Number(b.creditsPendingMinor),
      },
    ]),
  );
}

export interface ListAccountsOptions {
  ownerType?: OwnerType;
  ownerId?: string;
  purpose?: string;
  code?: number;
  currency?: Currency;
  limit?: number;
  cursor?: string;
}

export async function listAccounts(tx: Executor, options: ListAccountsOptions): Promise<Page<AccountWithBalances>> {
  const limit = pageLimit(options.limit);
  const conditions: SQL[] = [];
  if (options.ownerType) conditions.push(eq(ledgerAccounts.ownerType, options.ownerType));
  if (options.ownerId) conditions.push(eq(ledgerAccounts.ownerId, options.ownerId));
  if (options.purpose) conditions.push(eq(ledgerAccounts.purpose, options.purpose));
  if (options.code !== undefined) conditions.push(eq(ledgerAccounts.code, options.code));
  if (options.currency) conditions.push(eq(ledgerAccounts.currency, options.currency));
  if (options.cursor) conditions.push(lt(ledgerAccounts.id, cursorString(options.cursor)));
  const rows = await tx
    .select(selection)
    .from(ledgerAccounts)
    .innerJoin(ledgerBalances, eq(ledgerBalances.accountId, ledgerAccounts.id))
    .where(and(...conditions))
    .orderBy(desc(ledgerAccounts.id))
    .limit(limit + 1);
  return toPage(rows.map(merge), limit, (a) => [a.id]);
}

/** The transfers that touch one account, newest first. */
export async function listAccountTransfers(
  tx: Executor,
  accountId: string,
  options: { limit?: number; cursor?: string },
): Promise<Page<Transfer>> {
  const limit = pageLimit(options.limit);
  const touches = or(eq(ledgerTransfers.debitAccountId, accountId), eq(ledgerTransfers.creditAccountId, accountId));
  const before = options.cursor ? lt(ledgerTransfers.seq, cursorNumber(options.cursor)) : undefined;
  const rows = await tx
    .select()
    .from(ledgerTransfers)
    .where(and(touches, before))
    .orderBy(desc(ledgerTransfers.seq))
    .limit(limit + 1);
  return toPage(rows.map(rowToTransfer), limit, (t) => [t.seq]);
}

export function cursorString(cursor: string): string {
  const [value] = decodeCursor(cursor);
  if (typeof value !== 'string') throw invalidCursor();
  return value;
}

export function cursorNumber(cursor: string): number {
  const [value] = decodeCursor(cursor);
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalidCursor();
  return value;
}

function invalidCursor() {
  return KernelErrors.VALIDATION_FAILED({
    detail: 'The cursor is not valid; use the nextCursor of a previous page',
    errors: [{ path: '/query/cursor', message: 'Invalid cursor', code: 'INVALID_CURSOR' }],
  });
}
