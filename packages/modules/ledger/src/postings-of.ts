// The postings an order, a payment or a bill page shows: every transfer whose reference is one of
// the given references (a bounded number per reference) or whose id is given, oldest first, each
// with its two accounts named by code and name. Two queries, whatever the number of references.
import type { Executor } from '@zulin/db';
import { inArray, or } from 'drizzle-orm';
import { ledgerAccounts, ledgerTransfers } from './schema';
import { rowToTransfer } from './transfer-row';
import type { Transfer } from './types';

export interface NamedAccount {
  code: number;
  name: string;
}

export interface Posting extends Transfer {
  debit: NamedAccount;
  credit: NamedAccount;
}

export async function postingsOf(
  db: Executor,
  options: { references: readonly string[]; transferIds?: readonly string[]; perReferenceMax: number },
): Promise<Posting[]> {
  const references = [...new Set(options.references)];
  const ids = [...new Set(options.transferIds ?? [])];
  if (references.length === 0 && ids.length === 0) return [];
  const rows = await db
    .select()
    .from(ledgerTransfers)
    .where(
      or(
        references.length > 0 ? inArray(ledgerTransfers.reference, references) : undefined,
        ids.length > 0 ? inArray(ledgerTransfers.id, ids) : undefined,
      ),
    )
    .orderBy(ledgerTransfers.seq);
  // At most perReferenceMax of each reference (the newest ones), every transfer named by id.
  const perReference = new Map<string, number>();
  const kept = rows
    .reverse()
    .filter((row) => {
      if (ids.includes(row.id) || row.reference === null) return true;
      const seen = perReference.get(row.reference) ?? 0;
      perReference.set(row.reference, seen + 1);
      return seen < options.perReferenceMax;
    })
    .reverse()
    .map(rowToTransfer);
  const accountIds = [...new Set(kept.flatMap((t) => [t.debitAccountId, t.creditAccountId]))];
  const accounts =
    accountIds.length === 0
      ? []
      : await db
          .select({ id: ledgerAccounts.id, code: ledgerAccounts.code, name: ledgerAccounts.name })
          .from(ledgerAccounts)
          .where(inArray(ledgerAccounts.id, accountIds));
  const byId = new Map(accounts.map((a) => [a.id, { code: a.code, name: a.name }]));
  const named = (id: string): NamedAccount => byId.get(id) ?? { code: 0, name: id };
  return kept.map((t) => ({ ...t, debit: named(t.debitAccountId), credit: named(t.creditAccountId) }));
}
