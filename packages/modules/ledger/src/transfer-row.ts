// Turns a stored transfer row into the public Transfer, and writes JSON in one canonical form so
// metadata can be compared on replay whatever the key order.
import { assert } from '@zulin/kernel';
import type { ledgerTransfers } from './schema';
import type { Transfer } from './types';

export function rowToTransfer(row: typeof ledgerTransfers.$inferSelect): Transfer {
  const amountMinor = Number(row.amountMinor);
  const releasedPendingMinor = Number(row.releasedPendingMinor);
  assert(Number.isSafeInteger(amountMinor) && amountMinor >= 0, 'a stored amount is a non-negative safe integer');
  assert(Number.isSafeInteger(releasedPendingMinor), 'a stored released amount is a safe integer');
  return {
    id: row.id,
    seq: Number(row.seq),
    kind: row.kind,
    debitAccountId: row.debitAccountId,
    creditAccountId: row.creditAccountId,
    amountMinor,
    currency: row.currency,
    code: row.code,
    reference: row.reference,
    metadata: (row.metadata ?? {}) as Record<string, unknown>,
    pendingId: row.pendingId,
    releasedPendingMinor,
    timeoutSeconds: row.timeoutSeconds,
    timeoutAt: row.timeoutAt,
    reversesId: row.reversesId,
    linkedGroupId: row.linkedGroupId,
    effectiveAt: row.effectiveAt,
    recordedAt: row.recordedAt,
  };
}

/** JSON with object keys sorted at every depth. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown, depth = 0): unknown {
  assert(depth <= 32, 'metadata nests at most 32 levels');
  if (Array.isArray(value)) return value.map((v) => sortKeys(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v, depth + 1)]));
  }
  return value;
}
