// Expires pending transfers whose timeout has passed: each becomes an `expire_pending` transfer
// that releases the hold, and a `ledger.pending_expired` event tells the module that made the hold.
// Each expiry is its own transaction, so a hold that a concurrent command posts or voids first is
// simply skipped, and one failure does not undo the others.
import { createHash } from 'node:crypto';
import { type Executor, emitEvent, queryRows, transaction } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { createTransfers } from './create-transfers';
import { LedgerErrors } from './errors';
import { LedgerLimits } from './limits';

/** The expiry of one hold always has the same id, so running the tick twice cannot expire it twice. */
export function expiryTransferId(pendingId: string): string {
  return `txn_exp_${createHash('sha256').update(pendingId).digest('hex').slice(0, 40)}`;
}

export async function expirePendingTransfers(
  db: Executor,
  clock: Clock,
  options: { batches?: number } = {},
): Promise<{ expired: number; skipped: number }> {
  const batches = options.batches ?? LedgerLimits.expireBatchesPerRun;
  let expired = 0;
  let skipped = 0;
  for (let batch = 0; batch < batches; batch++) {
    const due = await queryRows<{ id: string }>(
      db,
      sql`select p.id from ledger_transfers p
           where p.kind = 'pending' and p.timeout_at is not null and p.timeout_at <= ${clock.now().toISOString()}::timestamptz
             and not exists (select 1 from ledger_transfers r where r.pending_id = p.id)
           order by p.timeout_at, p.id
           limit ${LedgerLimits.expireBatchSize}`,
    );
    for (const { id } of due) {
      if (await expireOne(db, clock, id)) expired++;
      else skipped++;
    }
    if (due.length < LedgerLimits.expireBatchSize) break;
  }
  return { expired, skipped };
}

async function expireOne(db: Executor, clock: Clock, pendingId: string): Promise<boolean> {
  try {
    return await transaction(db, async (tx) => {
      const { transfers, replayed } = await createTransfers(tx, clock, [
        { id: expiryTransferId(pendingId), kind: 'expire_pending', pendingId },
      ]);
      const expiry = transfers[0];
      if (replayed || !expiry) return false;
      await emitEvent(tx, clock.now(), {
        type: 'ledger.pending_expired',
        aggregateType: 'ledger_transfer',
        aggregateId: pendingId,
        payload: {
          pendingId,
          expiryId: expiry.id,
          code: expiry.code,
          reference: expiry.reference,
          amountMinor: expiry.releasedPendingMinor,
        },
      });
      return true;
    });
  } catch (error) {
    // Posted or voided by someone else between our scan and our lock: nothing left to expire.
    if (LedgerErrors.LEDGER_PENDING_ALREADY_RESOLVED.is(error)) return false;
    throw error;
  }
}
