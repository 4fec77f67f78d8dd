// Disputes on a wallet transaction (DOMAIN.md §8): charged but failed, charged twice, refund not
// received. A case has an SLA (3 days), evidence, and a resolution by staff: a refund (a transfer
// from suspense into the wallet), a reversal (a new transfer undoing the disputed one, at most its
// amount) or a rejection. Opening and resolving write an outbox event for notifications and the
// audit entry, in the same transaction as the change.
import type { Executor } from '@zulin/db';
import { type Clock, decodeCursor, KernelErrors, type Page, pageLimit, toPage } from '@zulin/kernel';
import { and, asc, desc, eq, gt, isNotNull, isNull, lt, or, type SQL } from 'drizzle-orm';
import { WalletErrors } from './errors';
import { walletDisputes } from './schema';

export type DisputeType = 'charged_but_failed' | 'charged_twice' | 'refund_not_received';
export type Dispute = typeof walletDisputes.$inferSelect & { overdue: boolean; breached: boolean };
export interface Evidence {
  kind: 'text' | 'upload';
  text?: string;
  uploadId?: string;
}

export function withOverdue(row: typeof walletDisputes.$inferSelect, now: Date): Dispute {
  return {
    ...row,
    overdue: row.status === 'open' && row.slaDueAt.getTime() < now.getTime(),
    breached: row.slaBreachedAt !== null,
  };
}

export async function getDispute(tx: Executor, clock: Clock, id: string, customerId?: string): Promise<Dispute> {
  const [row] = await tx.select().from(walletDisputes).where(eq(walletDisputes.id, id));
  if (!row || (customerId !== undefined && row.customerId !== customerId))
    throw WalletErrors.WALLET_DISPUTE_NOT_FOUND();
  return withOverdue(row, clock.now());
}

/** The staff queue: open cases first by SLA due time, or any status newest first. */
export async function listDisputes(
  tx: Executor,
  clock: Clock,
  options: {
    status?: 'open' | 'resolved' | 'rejected';
    customerId?: string;
    breached?: boolean;
    limit?: number;
    cursor?: string;
  },
): Promise<Page<Dispute>> {
  const limit = pageLimit(options.limit);
  const conditions: (SQL | undefined)[] = [];
  if (options.status) conditions.push(eq(walletDisputes.status, options.status));
  if (options.breached !== undefined) {
    conditions.push(options.breached ? isNotNull(walletDisputes.slaBreachedAt) : isNull(walletDisputes.slaBreachedAt));
  }
  if (options.customerId) conditions.push(eq(walletDisputes.customerId, options.customerId));
  const byDue = options.status === 'open';
  if (options.cursor) {
    const [a, b] = decodeCursor(options.cursor);
    if (typeof b !== 'string' || (byDue && typeof a !== 'number') || (!byDue && typeof a !== 'string')) {
      throw KernelErrors.VALIDATION_FAILED({ errors: [{ path: '/query/cursor', message: 'Invalid cursor' }] });
    }
    conditions.push(
      byDue
        ? or(
            gt(walletDisputes.slaDueAt, new Date(a as number)),
            and(eq(walletDisputes.slaDueAt, new Date(a as number)), gt(walletDisputes.id, b)),
          )
        : lt(walletDisputes.id, b),
    );
  }
  const rows = await tx
    .select()
    .from(walletDisputes)
    .where(and(...conditions))
    .orderBy(...(byDue ? [asc(walletDisputes.slaDueAt), asc(walletDisputes.id)] : [desc(walletDisputes.id)]))
    .limit(limit + 1);
  const now = clock.now();
  return toPage(
    rows.map((r) => withOverdue(r, now)),
    limit,
    (d) => (byDue ? [d.slaDueAt.getTime(), d.id] : [d.id, d.id]),
  );
}
