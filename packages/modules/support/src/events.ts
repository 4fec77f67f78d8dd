// Support's events.
import { defineEvents, type EventPayloads } from '@zulin/db';
import type { ChatState } from './chat-policy';
import type { SlaAlertKind } from './sla-alerts';
import type { TicketKind, TicketState } from './tickets';

export const SupportEvents = defineEvents({
  'support.ticket_opened': (p: { ticketId: string; customerId: string; kind: TicketKind }) => p,
  'support.ticket_state_changed': (p: { ticketId: string; from: TicketState; to: TicketState }) => p,
  'support.chat_state_changed': (p: { chatId: string; from: ChatState; to: ChatState; agentId: string | null }) => p,
  'support.sla_alert_raised': (p: {
    alertId: string;
    ticketId: string;
    kind: SlaAlertKind;
    assigneeId: string | null;
  }) => p,
});

declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof SupportEvents> {}
}
