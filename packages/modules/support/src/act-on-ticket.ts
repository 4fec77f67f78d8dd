// The state buttons of a ticket: an agent resolves, closes or reopens it; a customer closes,
// reopens or withdraws (cancels) it. The core's machine decides what each may do.
import type { Executor } from '@zulin/db';
import { type AuditActor, recordAudit } from '@zulin/identity';
import type { SupportDeps } from './deps';
import { changeTicketState, loadTicket, type TicketRow } from './ticket-store';
import type { TicketAction } from './tickets';

export async function actOnTicket(
  tx: Executor,
  deps: SupportDeps,
  options: { ticketId: string; action: TicketAction; actor: AuditActor & { kind: 'staff' | 'customer' } },
): Promise<TicketRow> {
  const customerId = options.actor.kind === 'customer' ? options.actor.customerId : undefined;
  const ticket = await loadTicket(tx, options.ticketId, { forUpdate: true, ...(customerId ? { customerId } : {}) });
  const updated = await changeTicketState(
    tx,
    deps,
    ticket,
    options.action,
    options.actor.kind === 'staff' ? 'agent' : 'customer',
  );
  await recordAudit(tx, {
    actor: options.actor,
    action: `support.ticket_${options.action}`,
    targetType: 'ticket',
    targetId: ticket.id,
    detail: { from: ticket.state, to: updated.state },
    at: deps.clock.now(),
  });
  return updated;
}
