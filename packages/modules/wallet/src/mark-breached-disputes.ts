// The sweep that marks disputes past their SLA as breached.
import { type Executor, emitEvent } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { and, asc, eq, inArray, isNull, lte } from 'drizzle-orm';
import { WalletLimits } from './limits';
import { walletDisputes } from './schema';

/**
 * Tick: open disputes past their SLA due time are marked breached, each exactly once — the update
 * takes only rows still open and not yet marked, under their row locks — and each gets the outbox
 * event `wallet.dispute_sla_breached` in the same transaction. One batch per call.
 */
export async function markBreachedDisputes(tx: Executor, clock: Clock): Promise<number> {
  const now = clock.now();
  const due = tx
    .select({ id: walletDisputes.id })
    .from(walletDisputes)
    .where(
      and(eq(walletDisputes.status, 'open'), isNull(walletDisputes.slaBreachedAt), lte(walletDisputes.slaDueAt, now)),
    )
    .orderBy(asc(walletDisputes.slaDueAt))
    .limit(WalletLimits.tickBatchSize)
    .for('update', { skipLocked: true });
  const breached = await tx
    .update(walletDisputes)
    .set({ slaBreachedAt: now })
    .where(
      and(inArray(walletDisputes.id, due), eq(walletDisputes.status, 'open'), isNull(walletDisputes.slaBreachedAt)),
    )
    .returning({ id: walletDisputes.id, customerId: walletDisputes.customerId, slaDueAt: walletDisputes.slaDueAt });
  for (const d of breached) {
    await emitEvent(tx, now, {
      type: 'wallet.dispute_sla_breached',
      aggregateType: 'dispute',
      aggregateId: d.id,
      payload: { disputeId: d.id, customerId: d.customerId, slaDueAt: d.slaDueAt.toISOString() },
    });
  }
  return breached.length;
}
