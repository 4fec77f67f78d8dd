// An account's activity over a period, for statements: the posted net before the period and the
// transfers recorded within it, oldest first, bounded.
import { type Executor, queryRows } from '@zulin/db';
import { assert } from '@zulin/kernel';
import { and, asc, eq, gte, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
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

/** A hold (pending transfer) on the account and how it stood at the end of a period. */
export interface HoldInPeriod {
  hold: Transfer;
  /** At the period's end: still held, or resolved within the period (posted in whole or part, voided, expired). */
  status: 'held' | 'posted' | 'voided' | 'expired';
  /** The amount posted by the resolution (0 unless posted), and when the hold was resolved. */
  postedMinor: number;
  resolvedAt: Date | null;
}

/**
 * The holds on the account that were open at some moment of [from, to): placed before `to` and
 * not resolved before `from` — those placed in the period and those carried into it — each with
 * its state at `to`. Oldest first; at most `max`, with `truncated` when more exist.
 */
export async function accountHoldsBetween(
  tx: Executor,
  accountId: string,
  from: Date,
  to: Date,
  max: number,
): Promise<{ holds: HoldInPeriod[]; truncated: boolean }> {
  assert(Number.isInteger(max) && max >= 1 && max <= 10_000, 'a statement reads at most 10,000 holds');
  const resolution = alias(ledgerTransfers, 'resolution');
  const rows = await tx
    .select({
      hold: ledgerTransfers,
      resolutionKind: resolution.kind,
      resolutionAmount: resolution.amountMinor,
      resolvedAt: resolution.recordedAt,
    })
    .from(ledgerTransfers)
    .leftJoin(resolution, and(eq(resolution.pendingId, ledgerTransfers.id), lt(resolution.recordedAt, to)))
    .where(
      and(
        eq(ledgerTransfers.kind, 'pending'),
        or(eq(ledgerTransfers.debitAccountId, accountId), eq(ledgerTransfers.creditAccountId, accountId)),
        lt(ledgerTransfers.recordedAt, to),
        sql`not exists (select 1 from ledger_transfers r0
                         where r0.pending_id = ${ledgerTransfers.id} and r0.recorded_at < ${from.toISOString()}::timestamptz)`,
      ),
    )
    .orderBy(asc(ledgerTransfers.seq))
    .limit(max + 1);
  const statusOf: Record<string, HoldInPeriod['status']> = {
    post_pending: 'posted',
    void_pending: 'voided',
    expire_pending: 'expired',
  };
  const holds = rows.slice(0, max).map((row): HoldInPeriod => {
    const status = row.resolutionKind === null ? 'held' : statusOf[row.resolutionKind];
    assert(status !== undefined, 'a resolution is a post, a void or an expiry');
    const postedMinor = status === 'posted' ? Number(row.resolutionAmount) : 0;
    assert(Number.isSafeInteger(postedMinor), 'a posted amount is a safe integer');
    return {
      hold: rowToTransfer(row.hold),
      status,
      postedMinor,
      resolvedAt: row.resolvedAt,
    };
  });
  return { holds, truncated: rows.length > max };
}

/** Money the account had on hold (pending debits) at `before`: holds recorded before it and not resolved before it. */
export async function pendingDebitsBefore(tx: Executor, accountId: string, before: Date): Promise<number> {
  const at = before.toISOString();
  const [row] = await queryRows<{ held: unknown }>(
    tx,
    sql`select coalesce(sum(p.amount_minor), 0) as held
          from ledger_transfers p
         where p.debit_account_id = ${accountId} and p.kind = 'pending' and p.recorded_at < ${at}::timestamptz
           and not exists (select 1 from ledger_transfers r
                            where r.pending_id = p.id and r.recorded_at < ${at}::timestamptz)`,
  );
  const held = Number(row?.held ?? 0);
  assert(Number.isSafeInteger(held) && held >= 0, 'held money is a non-negative safe integer');
  return held;
}
