// An agent takes a ticket, or gives it to another support staff member: it goes in progress.
import type { Executor } from '@zulin/db';
import { isActiveStaffWith, recordAudit, type StaffPrincipal } from '@zulin/identity';
import { eq } from 'drizzle-orm';
import type { SupportDeps } from './deps';
import { SupportErrors } from './errors';
import { supportTickets } from './schema';
import { changeTicketState, loadTicket, type TicketRow } from './ticket-store';

export async function assignTicket(
  tx: Executor,
  deps: SupportDeps,
  options: { staff: StaffPrincipal; ticketId: string; assigneeId: string },
): Promise<TicketRow> {
  const ticket = await loadTicket(tx, options.ticketId, { forUpdate: true });
  if (!(await isActiveStaffWith(tx, options.assigneeId, 'support.handle'))) {
    throw SupportErrors.SUPPORT_ASSIGNEE_NOT_FOUND({
      errors: [{ path: '/assigneeId', message: 'Not an active support agent' }],
    });
  }
  const moved = await changeTicketState(tx, deps, ticket, 'assign', 'agent');
  const now = deps.clock.now();
  const [updated] = await tx
    .update(supportTickets)
    .set({ assigneeId: options.assigneeId, updatedAt: now })
    .where(eq(supportTickets.id, ticket.id))
    .returning();
  await recordAudit(tx, {
    actor: options.staff,
    action: 'support.ticket_assigned',
    targetType: 'ticket',
    targetId: ticket.id,
    detail: { from: ticket.assigneeId, to: options.assigneeId },
    at: now,
  });
  return updated ?? moved;
}
