// A customer opens a ticket (fault, billing, logistics, account, complaint): checked by the core's
// draft rules, given its SLA deadlines from the kind and priority, with the first message.
import { type Executor, emitEvent } from '@zulin/db';
import { newId } from '@zulin/kernel';
import { getOrder } from '@zulin/rental';
import { attachImages, type ImagesToAttach, ticketImagesMax } from './attach-images';
import type { SupportDeps } from './deps';
import { SupportErrors } from './errors';
import { supportTicketMessages, supportTickets } from './schema';
import { slaDeadlines } from './sla';
import type { TicketRow } from './ticket-store';
import { type TicketKind, type TicketPriority, validateTicketDraft } from './tickets';

/** A faulty phone leaves the customer without one; a complaint is answered before routine questions. */
const priorityOf: Record<TicketKind, TicketPriority> = {
  fault: 'high',
  complaint: 'normal',
  billing: 'normal',
  logistics: 'normal',
  account: 'normal',
};

export async function openTicket(
  tx: Executor,
  deps: SupportDeps,
  options: {
    customerId: string;
    kind: TicketKind;
    subject: string;
    body: string;
    orderId: string | null;
    source?: { type: string; id: string } | null;
    /** Images on the first message (the customer's uploads). */
    images?: ImagesToAttach;
  },
): Promise<TicketRow> {
  const draft = validateTicketDraft({
    kind: options.kind,
    priority: priorityOf[options.kind],
    subject: options.subject,
    body: options.body,
    source: options.source ?? null,
    customerId: options.customerId,
    orderId: options.orderId,
  });
  if (draft.body.length === 0) {
    throw SupportErrors.SUPPORT_TICKET_INVALID({ errors: [{ path: '/body', message: 'Describe the problem' }] });
  }
  if (options.orderId !== null) {
    // Only the customer's own order; another's is "not found" on the ticket's own code.
    await getOrder(tx, options.orderId, { customerId: options.customerId }).catch((error: unknown) => {
      if ((error as { code?: string }).code === 'RENTAL_ORDER_NOT_FOUND') {
        throw SupportErrors.SUPPORT_TICKET_INVALID({
          errors: [{ path: '/orderId', message: 'No such order of yours' }],
        });
      }
      throw error;
    });
  }
  const now = deps.clock.now();
  const id = newId('tkt', deps.clock);
  const deadlines = slaDeadlines({ openedAt: now, kind: draft.kind, priority: draft.priority });
  const [row] = await tx
    .insert(supportTickets)
    .values({
      id,
      customerId: options.customerId,
      kind: draft.kind,
      priority: draft.priority,
      state: 'open',
      subject: draft.subject,
      orderId: draft.orderId,
      sourceType: draft.source?.type ?? null,
      sourceId: draft.source?.id ?? null,
      openedAt: now,
      firstResponseDueAt: deadlines.firstResponseDueAt,
      resolutionDueAt: deadlines.resolutionDueAt,
      updatedAt: now,
    })
    .returning();
  await tx.insert(supportTicketMessages).values({
    id: newId('tkm', deps.clock),
    ticketId: id,
    authorKind: 'customer',
    authorId: options.customerId,
    body: draft.body,
    attachments: await attachImages(tx, {
      images: options.images,
      attachedTo: `ticket:${id}`,
      max: ticketImagesMax,
      path: '/imageIds',
    }),
    createdAt: now,
  });
  await emitEvent(tx, now, {
    type: 'support.ticket_opened',
    aggregateType: 'ticket',
    aggregateId: id,
    payload: { ticketId: id, customerId: options.customerId, kind: draft.kind },
  });
  if (row === undefined) throw SupportErrors.SUPPORT_TICKET_NOT_FOUND();
  return row;
}
