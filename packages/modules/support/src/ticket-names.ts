// Names for the people on tickets: the customer by identity's masked label ("王*明 138****8000"),
// staff (assignee, agents who wrote) by display name. Screens show these, never bare ids.
import type { Executor } from '@zulin/db';
import { customerLabels, staffNames } from '@zulin/identity';
import type { TicketNames } from './api-schemas';
import type { MessageRow, TicketRow } from './ticket-store';

export async function ticketNames(
  db: Executor,
  masterKey: Buffer,
  tickets: readonly TicketRow[],
  messages: readonly MessageRow[] = [],
): Promise<TicketNames> {
  const labels = await customerLabels(
    db,
    masterKey,
    tickets.map((t) => t.customerId),
  );
  const staffIds = [
    ...tickets.flatMap((t) => (t.assigneeId === null ? [] : [t.assigneeId])),
    ...messages.flatMap((m) => (m.authorKind === 'agent' && m.authorId !== null ? [m.authorId] : [])),
  ];
  return {
    customers: new Map([...labels].map(([id, label]) => [id, label.label])),
    staff: await staffNames(db, staffIds),
  };
}

/** Only the agents' names: what the customer's own view of a ticket needs. */
export async function agentNames(db: Executor, messages: readonly MessageRow[]): Promise<TicketNames> {
  const staffIds = messages.flatMap((m) => (m.authorKind === 'agent' && m.authorId !== null ? [m.authorId] : []));
  return { customers: new Map(), staff: await staffNames(db, staffIds) };
}
