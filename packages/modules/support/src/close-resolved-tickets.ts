// The system closes a resolved ticket the customer neither reopened nor answered within
// `ticketPolicy.autoCloseAfterResolvedDays` (the daily tick; one batch per call, oldest first).
// Each goes through the state machine as the `system` actor, so it emits its state change.
import type { Executor } from '@zulin/db';
import { and, asc, eq, lte } from 'drizzle-orm';
import type { SupportDeps } from './deps';
import { supportTickets } from './schema';
import { changeTicketState } from './ticket-store';
import { ticketPolicy } from './tickets';

const dayMs = 24 * 3_600_000;

/** Closes up to `batchSize` tickets resolved long enough ago; returns how many it closed. */
export async function closeResolvedTickets(tx: Executor, deps: SupportDeps, batchSize: number): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - ticketPolicy.autoCloseAfterResolvedDays * dayMs);
  const due = await tx
    .select()
    .from(supportTickets)
    .where(and(eq(supportTickets.state, 'resolved'), lte(supportTickets.resolvedAt, cutoff)))
    .orderBy(asc(supportTickets.resolvedAt), asc(supportTickets.id))
    .limit(batchSize)
    .for('update', { skipLocked: true });
  for (const ticket of due) await changeTicketState(tx, deps, ticket, 'close', 'system');
  return due.length;
}
