// Messages on a ticket. A customer's message on a ticket that waits for them, or was resolved,
// takes it back to the agent (customer_reply). An agent's message is the first response when it is
// the first visible one; an internal note is never shown to the customer and is not a response;
// `askCustomer` hands the ticket to the customer (its SLA clock pauses). The customer is notified
// of every visible agent message.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { assert, newId } from '@zulin/kernel';
import { notify } from '@zulin/notification';
import { eq } from 'drizzle-orm';
import { attachImages, type ImagesToAttach, ticketImagesMax } from './attach-images';
import type { SupportDeps } from './deps';
import { SupportErrors } from './errors';
import { SupportLimits } from './limits';
import { supportTicketMessages, supportTickets } from './schema';
import { changeTicketState, loadTicket, type TicketRow } from './ticket-store';

function checkBody(body: string): string {
  const text = body.trim();
  if (text.length === 0 || text.length > SupportLimits.messageLengthMax) {
    throw SupportErrors.SUPPORT_MESSAGE_INVALID({
      errors: [{ path: '/body', message: `1–${SupportLimits.messageLengthMax} characters` }],
    });
  }
  return text;
}

export async function postCustomerMessage(
  tx: Executor,
  deps: SupportDeps,
  options: { customerId: string; ticketId: string; body: string; images?: ImagesToAttach },
): Promise<TicketRow> {
  const body = checkBody(options.body);
  let ticket = await loadTicket(tx, options.ticketId, { customerId: options.customerId, forUpdate: true });
  if (ticket.state === 'closed') {
    throw SupportErrors.SUPPORT_TICKET_TRANSITION_INVALID({ detail: 'The ticket is closed; open a new one.' });
  }
  await tx.insert(supportTicketMessages).values({
    id: newId('tkm', deps.clock),
    ticketId: ticket.id,
    authorKind: 'customer',
    authorId: options.customerId,
    body,
    attachments: await attachImages(tx, {
      images: options.images,
      attachedTo: `ticket:${ticket.id}`,
      max: ticketImagesMax,
      path: '/imageIds',
    }),
    createdAt: deps.clock.now(),
  });
  if (ticket.state === 'waiting_customer' || ticket.state === 'resolved') {
    ticket = await changeTicketState(tx, deps, ticket, 'customer_reply', 'customer');
  }
  return ticket;
}

export async function postAgentMessage(
  tx: Executor,
  deps: SupportDeps,
  options: {
    staff: StaffPrincipal;
    ticketId: string;
    body: string;
    internal: boolean;
    askCustomer: boolean;
    images?: ImagesToAttach;
  },
): Promise<TicketRow> {
  const body = checkBody(options.body);
  let ticket = await loadTicket(tx, options.ticketId, { forUpdate: true });
  if (ticket.state === 'closed' && !options.internal) {
    throw SupportErrors.SUPPORT_TICKET_TRANSITION_INVALID({ detail: 'The ticket is closed.' });
  }
  const now = deps.clock.now();
  const id = newId('tkm', deps.clock);
  await tx.insert(supportTicketMessages).values({
    id,
    ticketId: ticket.id,
    authorKind: 'agent',
    authorId: options.staff.staffId,
    body,
    attachments: await attachImages(tx, {
      images: options.images,
      attachedTo: `ticket:${ticket.id}`,
      max: ticketImagesMax,
      path: '/imageIds',
    }),
    internal: options.internal,
    createdAt: now,
  });
  if (!options.internal) {
    if (ticket.firstResponseAt === null) {
      const [updated] = await tx
        .update(supportTickets)
        .set({ firstResponseAt: now, assigneeId: ticket.assigneeId ?? options.staff.staffId, updatedAt: now })
        .where(eq(supportTickets.id, ticket.id))
        .returning();
      assert(updated !== undefined, 'the ticket is updated');
      ticket = updated;
    }
    if (ticket.state === 'open') ticket = await changeTicketState(tx, deps, ticket, 'assign', 'agent');
    if (options.askCustomer) ticket = await changeTicketState(tx, deps, ticket, 'ask_customer', 'agent');
    await notify(tx, deps, {
      customerId: ticket.customerId,
      category: 'account',
      template: 'support.ticket_replied',
      params: { ticketNo: ticket.id },
      dedupeKey: `${id}:support.ticket_replied`,
    });
  }
  await recordAudit(tx, {
    actor: options.staff,
    action: options.internal ? 'support.note_added' : 'support.ticket_answered',
    targetType: 'ticket',
    targetId: ticket.id,
    detail: { messageId: id },
    at: now,
  });
  return ticket;
}
