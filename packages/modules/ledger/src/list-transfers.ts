// Searching transfers: by account, reference, code, kind and recording time, newest first.
import type { Executor } from '@zulin/db';
import { type Page, pageLimit, toPage } from '@zulin/kernel';
import { and, desc, eq, gte, inArray, isNull, lt, or, type SQL, sum } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { LedgerErrors } from './errors';
import { cursorNumber } from './read-accounts';
import { ledgerTransfers } from './schema';
import { rowToTransfer } from './transfer-row';
import type { PendingStatus, Transfer, TransferKind } from './types';

export interface ListTransfersOptions {
  accountId?: string;
  reference?: string;
  code?: string;
  kind?: TransferKind;
  /** Recorded at or after this instant. */
  from?: Date;
  /** Recorded before this instant. */
  to?: Date;
  limit?: number;
  cursor?: string;
}

export async function listTransfers(tx: Executor, options: ListTransfersOptions): Promise<Page<Transfer>> {
  const limit = pageLimit(options.limit);
  const conditions: (SQL | undefined)[] = [];
  if (options.accountId) {
    conditions.push(
      or(eq(ledgerTransfers.debitAccountId, options.accountId), eq(ledgerTransfers.creditAccountId, options.accountId)),
    );
  }
  if (options.reference) conditions.push(eq(ledgerTransfers.reference, options.reference));
  if (options.code) conditions.push(eq(ledgerTransfers.code, options.code));
  if (options.kind) conditions.push(eq(ledgerTransfers.kind, options.kind));
  if (options.from) conditions.push(gte(ledgerTransfers.recordedAt, options.from));
  if (options.to) conditions.push(lt(ledgerTransfers.recordedAt, options.to));
  if (options.cursor) conditions.push(lt(ledgerTransfers.seq, cursorNumber(options.cursor)));
  const rows = await tx
    .select()
    .from(ledgerTransfers)
    .where(and(...conditions))
    .orderBy(desc(ledgerTransfers.seq))
    .limit(limit + 1);
  return toPage(rows.map(rowToTransfer), limit, (t) => [t.seq]);
}

export interface TransferDetail extends Transfer {
  /** For a pending transfer: whether it is still held or how it was resolved, and by which transfer. */
  pendingStatus: PendingStatus | null;
  resolvedById: string | null;
}

export async function getTransfer(tx: Executor, id: string): Promise<TransferDetail> {
  const [row] = await tx.select().from(ledgerTransfers).where(eq(ledgerTransfers.id, id));
  if (!row) throw LedgerErrors.LEDGER_TRANSFER_NOT_FOUND({ detail: `No transfer ${id}.` });
  const transfer = rowToTransfer(row);
  if (transfer.kind !== 'pending') return { ...transfer, pendingStatus: null, resolvedById: null };
  const [resolution] = await tx
    .select({ id: ledgerTransfers.id, kind: ledgerTransfers.kind })
    .from(ledgerTransfers)
    .where(eq(ledgerTransfers.pendingId, id));
  const statusByKind = { post_pending: 'posted', void_pending: 'voided', expire_pending: 'expired' } as const;
  const pendingStatus: PendingStatus = resolution
    ? statusByKind[resolution.kind as keyof typeof statusByKind]
    : 'pending';
  return { ...transfer, pendingStatus, resolvedById: resolution?.id ?? null };
}

/**
 * The transfers that resolved the given pending transfers (post, void or expire), by pending id;
 * a pending transfer still held is left out. One query for a page of history.
 */
export async function pendingResolutions(tx: Executor, pendingIds: readonly string[]): Promise<Map<string, Transfer>> {
  const ids = [...new Set(pendingIds)];
  if (ids.length === 0) return new Map();
  const rows = await tx.select().from(ledgerTransfers).where(inArray(ledgerTransfers.pendingId, ids));
  const resolutions = new Map<string, Transfer>();
  for (const row of rows) {
    const transfer = rowToTransfer(row);
    if (transfer.pendingId !== null) resolutions.set(transfer.pendingId, transfer);
  }
  return resolutions;
}

/**
 * What an account holds now, by the code of the pending transfers that hold it: each pending
 * transfer it is the debit side of that nothing has posted, voided or expired yet, summed per code.
 * The sum over every code is the account's `debitsPendingMinor`.
 */
export async function openHoldsByCode(tx: Executor, accountId: string): Promise<Map<string, number>> {
  const resolution = alias(ledgerTransfers, 'resolution');
  const rows = await tx
    .select({ code: ledgerTransfers.code, amountMinor: sum(ledgerTransfers.amountMinor).mapWith(Number) })
    .from(ledgerTransfers)
    .leftJoin(resolution, eq(resolution.pendingId, ledgerTransfers.id))
    .where(
      and(eq(ledgerTransfers.debitAccountId, accountId), eq(ledgerTransfers.kind, 'pending'), isNull(resolution.id)),
    )
    .groupBy(ledgerTransfers.code);
  return new Map(rows.map((row) => [row.code, row.amountMinor]));
}
