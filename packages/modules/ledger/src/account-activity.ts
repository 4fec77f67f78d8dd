// An account's activity over a period, for statements: the posted net before the period and the
// transfers recorded within it, oldest first, bounded.
import { type Executor, queryRows } from '@zulin/db';
import { assert } from '@zulin/kernel';
import { and, asc, eq, gte, lt, or, sql } from 'drizzle-orm';
import { ledgerTransfers } from './schema';
import { rowToTransfer } from './transfer-row';
import type { Transfer } from './types';

/** credits posted − debits posted of the account, over transfers recorded before `before`. */
export async function postedNetBefore(tx: Executor, accountId: string, before: Date): Promise<number> {
  const [row] = await queryRows<{ net: unknown }>(
    tx,
    sql`select coalesce(sum(case when credit_account_id = ${accountId} then amount_minor else -amount_minor end), 0) as net
          from ledger_transfers
         where (credit_account_id = ${accountId} or debit_account_id = ${accountId})
           and kind in ('posted', 'post_pending') and recorded_at < ${before.toISOString()}::timestamptz`,
  );
  const net = Number(row?.net ?? 0);
  assert(Number.isSafeInteger(net), 'a posted net is a safe integer');
  return net;
}

/** Transfers touching the account recorded in [from, to), oldest first; at most `max`, with `truncated` when more exist. */
export async function accountTransfersBetween(
  tx: Executor,
  accountId: string,
  from: Date,
  to: Date,
  max: number,
): Promise<{ transfers: Transfer[]; truncated: boolean }> {
  assert(Number.isInteger(max) && max >= 1 && max <= 10_000, 'a statement reads at most 10,000 transfers');
  const rows = await tx
    .select()
    .from(ledgerTransfers)
    .where(
      and(
        or(eq(ledgerTransfers.debitAccountId, accountId), eq(ledgerTransfers.creditAccountId, accountId)),
        gte(ledgerTransfers.recordedAt, from),
        lt(ledgerTransfers.recordedAt, to),
      ),
    )
    .orderBy(asc(ledgerTransfers.seq))
    .limit(max + 1);
  return { transfers: rows.slice(0, max).map(rowToTransfer), truncated: rows.length > max };
}
