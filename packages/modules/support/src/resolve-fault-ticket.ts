// Rental resolved a fault (`rental.fault_changed` to `resolved`: repaired, swapped, or no fault found):
// the `fault` ticket support opened for it (source `rental_fault`, the fault's id) is resolved by the
// system (audited with the outcome), in the event's delivery transaction. A ticket the desk resolved
// or closed already is left as it is; the customer may still reopen a resolved one.
import type { Executor } from '@zulin/db';
import { recordAudit } from '@zulin/identity';
import { and, eq, inArray } from 'drizzle-orm';
import type { SupportDeps } from './deps';
import { supportTickets } from './schema';
import { changeTicketState, type TicketRow } from './ticket-store';

export async function resolveFaultTicket(
  tx: Executor,
  deps: SupportDeps,
  fault: { faultId: string; resolution: string | null },
): Promise<TicketRow[]> {
  const open = await tx
    .select()
    .from(supportTickets)
    .where(
      and(
        eq(supportTickets.sourceType, 'rental_fault'),
        eq(supportTickets.sourceId, fault.faultId),
        inArray(supportTickets.state, ['open', 'in_progress', 'waiting_customer']),
      ),
    )
    .for('update');
  const resolved: TicketRow[] = [];
  for (const ticket of open) {
    const updated = await changeTicketState(tx, deps, ticket, 'resolve', 'system');
    await recordAudit(tx, {
      actor: { kind: 'system' },
      action: 'support.ticket_resolve',
      targetType: 'ticket',
      targetId: ticket.id,
      detail: { from: ticket.state, to: updated.state, faultId: fault.faultId, resolution: fault.resolution },
      at: deps.clock.now(),
    });
    resolved.push(updated);
  }
  return resolved;
}
