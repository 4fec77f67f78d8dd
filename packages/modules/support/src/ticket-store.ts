// What the ticket use cases share: loading (and locking) a ticket, its messages, changing its state
// through the state machine (the SLA clock pauses while the ticket waits for the customer, and the
// deadlines move by that much), and the queue read.
import { type Executor, emitEvent } from '@zulin/db';
import { decodeCursor, type Page, pageLimit, toPage } from '@zulin/kernel';
import { and, asc, desc, eq, gt, inArray, or } from 'drizzle-orm';
import type { SupportDeps } from './deps';
import { SupportErrors } from './errors';
import { SupportLimits } from './limits';
import { supportTicketMessages, supportTickets } from './schema';
import { slaDeadlines } from './sla';
import {
  isCustomerReopen,
  nextTicketState,
  type TicketAction,
  type TicketActorKind,
  type TicketState,
} from './tickets';
import { holdsKey } from './uploads/upload-records';

export type TicketRow = typeof supportTickets.$inferSelect;
export type MessageRow = typeof supportTicketMessages.$inferSelect;

export async function loadTicket(
  db: Executor,
  id: string,
  options: { customerId?: string; forUpdate?: boolean } = {},
): Promise<TicketRow> {
  const conditions = [eq(supportTickets.id, id)];
  if (options.customerId !== undefined) conditions.push(eq(supportTickets.customerId, options.customerId));
  const query = db
    .select()
    .from(supportTickets)
    .where(and(...conditions));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (row === undefined) throw SupportErrors.SUPPORT_TICKET_NOT_FOUND();
  return row;
}

export async function messagesOf(db: Executor, ticketId: string, options: { withInternal: boolean }) {
  const conditions = [eq(supportTicketMessages.ticketId, ticketId)];
  if (!options.withInternal) conditions.push(eq(supportTicketMessages.internal, false));
  return db
    .select()
    .from(supportTicketMessages)
    .where(and(...conditions))
    .orderBy(asc(supportTicketMessages.createdAt), asc(supportTicketMessages.id))
    .limit(SupportLimits.messagesPerTicketMax);
}

/** Whether a message of the ticket (internal notes only when asked) carries the file `key`. */
export async function ticketHoldsFile(
  db: Executor,
  ticketId: string,
  key: string,
  options: { withInternal: boolean },
): Promise<boolean> {
  const messages = await messagesOf(db, ticketId, options);
  return messages.some((m) => holdsKey(m.attachments, key));
}

/** Moves a ticket through the machine; returns the updated row. */
export async function changeTicketState(
  tx: Executor,
  deps: SupportDeps,
  ticket: TicketRow,
  action: TicketAction,
  actor: TicketActorKind,
): Promise<TicketRow> {
  const to = nextTicketState(ticket.state, action, actor);
  const now = deps.clock.now();
  let pausedMs = ticket.pausedMs;
  let waitingSince = ticket.waitingSince;
  if (ticket.state === 'waiting_customer' && to !== 'waiting_customer' && waitingSince !== null) {
    pausedMs += Math.max(0, now.getTime() - waitingSince.getTime());
    waitingSince = null;
  }
  if (to === 'waiting_customer') waitingSince = now;
  const deadlines = slaDeadlines({ openedAt: ticket.openedAt, kind: ticket.kind, priority: ticket.priority, pausedMs });
  const [updated] = await tx
    .update(supportTickets)
    .set({
      state: to,
      pausedMs,
      waitingSince,
      firstResponseDueAt: deadlines.firstResponseDueAt,
      resolutionDueAt: deadlines.resolutionDueAt,
      resolvedAt: to === 'resolved' ? now : to === 'open' || to === 'in_progress' ? null : ticket.resolvedAt,
      ...(isCustomerReopen(ticket.state, action, actor) ? { customerReopenedAt: now } : {}),
      updatedAt: now,
    })
    .where(eq(supportTickets.id, ticket.id))
    .returning();
  await emitEvent(tx, now, {
    type: 'support.ticket_state_changed',
    aggregateType: 'ticket',
    aggregateId: ticket.id,
    payload: { ticketId: ticket.id, from: ticket.state, to },
  });
  return updated ?? ticket;
}

export interface TicketQueueQuery {
  state?: TicketState | undefined;
  assigneeId?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

const activeStates: TicketState[] = ['open', 'in_progress', 'waiting_customer'];

/** The agents' queue: by resolution deadline, soonest first (the most urgent on top). */
export async function listTicketQueue(db: Executor, query: TicketQueueQuery): Promise<Page<TicketRow>> {
  const limit = pageLimit(query.limit);
  const conditions = [
    query.state === undefined ? inArray(supportTickets.state, activeStates) : eq(supportTickets.state, query.state),
  ];
  if (query.assigneeId !== undefined) conditions.push(eq(supportTickets.assigneeId, query.assigneeId));
  if (query.cursor !== undefined) {
    const [due, id] = decodeCursor(query.cursor);
    const after = new Date(String(due));
    if (typeof id === 'string' && !Number.isNaN(after.getTime())) {
      const cursorCondition = or(
        gt(supportTickets.resolutionDueAt, after),
        and(eq(supportTickets.resolutionDueAt, after), gt(supportTickets.id, id)),
      );
      if (cursorCondition) conditions.push(cursorCondition);
    }
  }
  const rows = await db
    .select()
    .from(supportTickets)
    .where(and(...conditions))
    .orderBy(asc(supportTickets.resolutionDueAt), asc(supportTickets.id))
    .limit(limit + 1);
  return toPage(rows, limit, (r) => [r.resolutionDueAt.toISOString(), r.id]);
}

/** "My tickets", newest first. */
export async function listMyTickets(db: Executor, customerId: string): Promise<TicketRow[]> {
  return db
    .select()
    .from(supportTickets)
    .where(eq(supportTickets.customerId, customerId))
    .orderBy(desc(supportTickets.openedAt), desc(supportTickets.id))
    .limit(SupportLimits.myTicketsMax);
}
