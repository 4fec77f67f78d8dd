// The shapes support's HTTP API answers with, and the functions that turn rows into them.

import { Instant, Literals, Nullable } from '@zulin/platform';
import { Type } from 'typebox';
import type { ArticleRow } from './help-article-edits';
import { type HelpArticle, helpTopics } from './help-centre/articles';
import { SupportLimits } from './limits';
import type { AttachedFile } from './schema';
import { slaTimerState } from './sla';
import type { MessageRow, TicketRow } from './ticket-store';
import { allowedTicketActions, ticketActions, ticketKinds, ticketPriorities, ticketStates } from './tickets';

export const TicketKindSchema = Literals(ticketKinds);
export const TicketStateSchema = Literals(ticketStates);
export const TicketActionSchema = Literals(ticketActions);
export const slaStates = ['running', 'at_risk', 'breached', 'met', 'missed'] as const;

/** A file on a message: its content key and its thumbnail's (the only keys served for it). */
export const FileSchema = Type.Object({
  kind: Literals(['image', 'video'] as const),
  key: Type.String(),
  thumbnailKey: Type.Union([Type.String(), Type.Null()]),
});

/**
 * Upload ids to attach (`POST /v1/uploads`). The schema lets a few more through than the rule
 * allows so that the 10th image is refused with its own code, SUPPORT_ATTACHMENTS_TOO_MANY.
 */
export const ImageIds = Type.Optional(
  Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 2 * SupportLimits.imagesPerMessageMax }),
);

/** The client's view of an attached file (the upload id stays on the server). */
export function presentFile(f: AttachedFile) {
  return { kind: f.kind, key: f.key, thumbnailKey: f.thumbnailKey };
}

const MessageSchema = Type.Object({
  id: Type.String(),
  author: Literals(['customer', 'agent', 'system'] as const),
  /** The agent's name (staff see it on every agent message; the customer sees it too). */
  authorName: Type.Union([Type.String(), Type.Null()]),
  body: Type.String(),
  /** Images: read them at `…/tickets/{id}/files/{key}` (the thumbnail with `thumbnailKey`). */
  files: Type.Array(FileSchema),
  internal: Type.Boolean(),
  createdAt: Instant,
});

/** Names for the people a ticket mentions: customers by masked label, staff by display name. */
export interface TicketNames {
  customers: ReadonlyMap<string, string>;
  staff: ReadonlyMap<string, string>;
}
export const noNames: TicketNames = { customers: new Map(), staff: new Map() };

const ticketFields = {
  id: Type.String(),
  kind: TicketKindSchema,
  priority: Literals(ticketPriorities),
  state: TicketStateSchema,
  subject: Type.String(),
  orderId: Type.Union([Type.String(), Type.Null()]),
  openedAt: Instant,
  updatedAt: Instant,
  resolvedAt: Nullable(Instant),
  actions: Type.Array(TicketActionSchema, { description: 'what the caller may do now' }),
  messages: Type.Array(MessageSchema),
};

export const TicketSchema = Type.Object(ticketFields, { $id: 'Ticket', title: 'Ticket' });

export const StaffTicketSchema = Type.Object(
  {
    ...ticketFields,
    customerId: Type.String(),
    customerName: Type.Union([Type.String(), Type.Null()], { description: 'masked name and phone' }),
    assigneeId: Type.Union([Type.String(), Type.Null()]),
    assigneeName: Type.Union([Type.String(), Type.Null()]),
    source: Type.Union([Type.Object({ type: Type.String(), id: Type.String() }), Type.Null()]),
    /** The last time the customer reopened the ticket or answered it once resolved (feedback counts it). */
    customerReopenedAt: Nullable(Instant),
    sla: Type.Object({
      firstResponseDueAt: Instant,
      resolutionDueAt: Instant,
      firstResponse: Literals(slaStates),
      resolution: Literals(slaStates),
      pausedMs: Type.Integer({ minimum: 0 }),
    }),
  },
  { $id: 'StaffTicket', title: 'StaffTicket' },
);

const LocalTextSchema = Type.Object({ 'zh-CN': Type.String(), en: Type.String() });

export const HelpTopicSchema = Literals(helpTopics);

export const HelpArticleSchema = Type.Object(
  { slug: Type.String(), topic: HelpTopicSchema, title: LocalTextSchema, body: LocalTextSchema },
  { $id: 'HelpArticle', title: 'HelpArticle' },
);

export const StaffHelpArticleSchema = Type.Object(
  {
    slug: Type.String(),
    topic: HelpTopicSchema,
    position: Type.Integer({ minimum: 0 }),
    title: LocalTextSchema,
    body: LocalTextSchema,
    keywords: LocalTextSchema,
    published: Type.Boolean(),
    publishedAt: Nullable(Instant),
    updatedAt: Instant,
    updatedByName: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'StaffHelpArticle', title: 'StaffHelpArticle' },
);

export function presentStaffArticle(row: ArticleRow, staffNames: ReadonlyMap<string, string>) {
  return {
    slug: row.slug,
    topic: row.topic,
    position: row.position,
    title: row.title,
    body: row.body,
    keywords: row.keywords,
    published: row.published,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    updatedByName: row.updatedBy === null ? null : (staffNames.get(row.updatedBy) ?? null),
  };
}

function presentMessage(m: MessageRow, names: TicketNames) {
  return {
    id: m.id,
    author: m.authorKind,
    authorName: m.authorKind === 'agent' && m.authorId !== null ? (names.staff.get(m.authorId) ?? null) : null,
    body: m.body,
    files: m.attachments.map(presentFile),
    internal: m.internal,
    createdAt: m.createdAt.toISOString(),
  };
}

export function presentTicket(row: TicketRow, messages: readonly MessageRow[], names: TicketNames = noNames) {
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
    messages: messages.filter((m) => !m.internal).map((m) => presentMessage(m, names)),
  };
}

export function presentStaffTicket(row: TicketRow, messages: readonly MessageRow[], now: Date, names: TicketNames) {
  const waitingMs = row.waitingSince ? Math.max(0, now.getTime() - row.waitingSince.getTime()) : 0;
  // While the ticket waits for the customer its clock stands still: judge it as of when the wait began.
  const judgedAt = row.waitingSince ?? now;
  return {
    ...presentTicket(row, []),
    actions: allowedTicketActions(row.state, 'agent'),
    messages: messages.map((m) => presentMessage(m, names)),
    customerId: row.customerId,
    customerName: names.customers.get(row.customerId) ?? null,
    assigneeId: row.assigneeId,
    assigneeName: row.assigneeId === null ? null : (names.staff.get(row.assigneeId) ?? null),
    source: row.sourceType && row.sourceId ? { type: row.sourceType, id: row.sourceId } : null,
    customerReopenedAt: row.customerReopenedAt?.toISOString() ?? null,
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
