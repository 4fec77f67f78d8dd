// The shapes support's HTTP API answers with, and the functions that turn rows into them.
import { Type } from 'typebox';
import { type HelpArticle, helpTopics } from './help-centre/articles';
import { slaTimerState } from './sla';
import type { MessageRow, TicketRow } from './ticket-store';
import { allowedTicketActions, ticketActions, ticketKinds, ticketPriorities, ticketStates } from './tickets';

const Instant = Type.String({ format: 'date-time' });
const literals = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>(Type.Union(values.map((v) => Type.Literal(v))));
const NullableInstant = Type.Union([Instant, Type.Null()]);

export const TicketKindSchema = literals(ticketKinds);
export const TicketStateSchema = literals(ticketStates);
export const TicketActionSchema = literals(ticketActions);
export const slaStates = ['running', 'at_risk', 'breached', 'met', 'missed'] as const;

const MessageSchema = Type.Object({
  id: Type.String(),
  author: literals(['customer', 'agent', 'system'] as const),
  body: Type.String(),
  internal: Type.Boolean(),
  createdAt: Instant,
});

const ticketFields = {
  id: Type.String(),
  kind: TicketKindSchema,
  priority: literals(ticketPriorities),
  state: TicketStateSchema,
  subject: Type.String(),
  orderId: Type.Union([Type.String(), Type.Null()]),
  openedAt: Instant,
  updatedAt: Instant,
  resolvedAt: NullableInstant,
  actions: Type.Array(TicketActionSchema, { description: 'what the caller may do now' }),
  messages: Type.Array(MessageSchema),
};

export const TicketSchema = Type.Object(ticketFields, { $id: 'Ticket', title: 'Ticket' });

export const StaffTicketSchema = Type.Object(
  {
    ...ticketFields,
    customerId: Type.String(),
    assigneeId: Type.Union([Type.String(), Type.Null()]),
    source: Type.Union([Type.Object({ type: Type.String(), id: Type.String() }), Type.Null()]),
    sla: Type.Object({
      firstResponseDueAt: Instant,
      resolutionDueAt: Instant,
      firstResponse: literals(slaStates),
      resolution: literals(slaStates),
      pausedMs: Type.Integer({ minimum: 0 }),
    }),
  },
  { $id: 'StaffTicket', title: 'StaffTicket' },
);

const LocalTextSchema = Type.Object({ 'zh-CN': Type.String(), en: Type.String() });

export const HelpArticleSchema = Type.Object(
  { slug: Type.String(), topic: literals(helpTopics), title: LocalTextSchema, body: LocalTextSchema },
  { $id: 'HelpArticle', title: 'HelpArticle' },
);

function presentMessage(m: MessageRow) {
  return { id: m.id, author: m.authorKind, body: m.body, internal: m.internal, createdAt: m.createdAt.toISOString() };
}

export function presentTicket(row: TicketRow, messages: readonly MessageRow[]) {
  return {
    id: row.id,
    kind: row.kind,
    priority: row.priority,
    state: row.state,
    subject: row.subject,
    orderId: row.orderId,
    openedAt: row.openedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    actions: allowedTicketActions(row.state, 'customer'),
    messages: messages.filter((m) => !m.internal).map(presentMessage),
  };
}

export function presentStaffTicket(row: TicketRow, messages: readonly MessageRow[], now: Date) {
  const waitingMs = row.waitingSince ? Math.max(0, now.getTime() - row.waitingSince.getTime()) : 0;
  // While the ticket waits for the customer its clock stands still: judge it as of when the wait began.
  const judgedAt = row.waitingSince ?? now;
  return {
    ...presentTicket(row, []),
    actions: allowedTicketActions(row.state, 'agent'),
    messages: messages.map(presentMessage),
    customerId: row.customerId,
    assigneeId: row.assigneeId,
    source: row.sourceType && row.sourceId ? { type: row.sourceType, id: row.sourceId } : null,
    sla: {
      firstResponseDueAt: row.firstResponseDueAt.toISOString(),
      resolutionDueAt: row.resolutionDueAt.toISOString(),
      firstResponse: slaTimerState({
        openedAt: row.openedAt,
        dueAt: row.firstResponseDueAt,
        now: judgedAt,
        doneAt: row.firstResponseAt,
      }),
      resolution: slaTimerState({
        openedAt: row.openedAt,
        dueAt: row.resolutionDueAt,
        now: judgedAt,
        doneAt: row.resolvedAt,
      }),
      pausedMs: row.pausedMs + waitingMs,
    },
  };
}

export function presentArticle(a: HelpArticle) {
  return { slug: a.slug, topic: a.topic, title: a.title, body: a.body };
}
