// Support's events.
import { defineEvents, type EventPayloads } from '@zulin/db';
import type { TicketKind, TicketState } from './tickets';

export const SupportEvents = defineEvents({
  'support.ticket_opened': (p: { ticketId: string; customerId: string; kind: TicketKind }) => p,
  'support.ticket_state_changed': (p: { ticketId: string; from: TicketState; to: TicketState }) => p,
});

declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof SupportEvents> {}
}
