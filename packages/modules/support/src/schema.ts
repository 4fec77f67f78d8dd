// Tables owned by support: tickets with their SLA deadlines, each ticket's messages (customer,
// agent, system; internal notes are agent messages the customer never sees), and the help centre's
// articles (seeded from the FAQ in help-centre/articles.ts).

import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { LocalText } from './canned-replies';
import type { AgentStatus, ChatAuthorKind, ChatEndReason, ChatState } from './chat-policy';
import type { HelpTopic } from './help-centre/articles';
import type { SlaAlertKind } from './sla-alerts';
import type { TicketActorKind, TicketKind, TicketPriority, TicketState } from './tickets';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A file a message or a feedback holds: the upload and its content keys (the only keys served for it). */
export interface AttachedFile {
  uploadId: string;
  kind: 'image' | 'video';
  key: string;
  thumbnailKey: string | null;
}

/**
 * One uploaded, cleaned file (`POST /v1/uploads`, `POST /v1/admin/uploads`); a feedback, a ticket
 * message or a chat message attaches it by id, only its uploader, once. The table keeps the name it
 * had when feedback owned it (feedback was its first user); support owns it because feedback depends
 * on support, so both reach it here.
 */
export const uploads = pgTable(
  'feedback_uploads',
  {
    id: text('id').primaryKey(),
    /** Keyed hash of the uploader (customer or staff): uploads of anonymous feedback must not name the customer. */
    ownerIndex: text('owner_index').notNull(),
    kind: text('kind').$type<'image' | 'video'>().notNull(),
    key: text('key').notNull(),
    thumbnailKey: text('thumbnail_key'),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** Feedback attached before `attached_to` existed; new attachments write `attached_to` only. */
    feedbackId: text('feedback_id'),
    /** What holds it, `feedback:<id>`, `ticket:<ticketId>` or `chat:<chatId>`; an upload is attached once. */
    attachedTo: text('attached_to'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('feedback_uploads_owner_idx').on(t.ownerIndex, t.createdAt)],
);

export const supportTickets = pgTable(
  'support_tickets',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    kind: text('kind').$type<TicketKind>().notNull(),
    priority: text('priority').$type<TicketPriority>().notNull(),
    state: text('state').$type<TicketState>().notNull(),
    subject: text('subject').notNull(),
    orderId: text('order_id'),
    sourceType: text('source_type'),
    sourceId: text('source_id'),
    assigneeId: text('assignee_id'),
    openedAt: instant('opened_at').notNull(),
    firstResponseAt: instant('first_response_at'),
    resolvedAt: instant('resolved_at'),
    /**
     * The last time the customer took the ticket back from resolved (reopened it or answered it):
     * feedback's `ticketsReopened` counts these tickets. Null: never.
     */
    customerReopenedAt: instant('customer_reopened_at'),
    /** Time spent waiting for the customer so far (the SLA clock pauses then), and since when it waits now. */
    pausedMs: integer('paused_ms').notNull().default(0),
    waitingSince: instant('waiting_since'),
    firstResponseDueAt: instant('first_response_due_at').notNull(),
    resolutionDueAt: instant('resolution_due_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('support_tickets_customer_idx').on(t.customerId, t.openedAt),
    index('support_tickets_queue_idx').on(t.state, t.resolutionDueAt, t.id),
  ],
);

export const supportTicketMessages = pgTable(
  'support_ticket_messages',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id').notNull(),
    authorKind: text('author_kind').$type<TicketActorKind>().notNull(),
    authorId: text('author_id'),
    body: text('body').notNull(),
    /** Images attached to the message (at most `SupportLimits.imagesPerMessageMax`), in the order given. */
    attachments: jsonb('attachments').$type<AttachedFile[]>().notNull().default([]),
    /** An agent's internal note: never shown to the customer. */
    internal: boolean('internal').notNull().default(false),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('support_ticket_messages_ticket_idx').on(t.ticketId, t.createdAt, t.id)],
);

export const supportArticles = pgTable('support_articles', {
  slug: text('slug').primaryKey(),
  topic: text('topic').$type<HelpTopic>().notNull(),
  position: integer('position').notNull(),
  title: jsonb('title').$type<LocalText>().notNull(),
  body: jsonb('body').$type<LocalText>().notNull(),
  keywords: jsonb('keywords').$type<LocalText>().notNull(),
  /** Drafts are seen only in the console; articles stored before the editor existed stay published. */
  published: boolean('published').notNull().default(true),
  publishedAt: instant('published_at'),
  updatedBy: text('updated_by'),
  updatedAt: instant('updated_at').notNull(),
});

/**
 * A live chat between a customer and an agent: queued until an agent takes it, active while they
 * talk, then ended (or turned into a ticket when nobody answered). `version` grows with every change
 * of the row (taken, transferred, read marks, ended, rated), so that open sockets learn of it.
 */
export const supportChats = pgTable(
  'support_chats',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    state: text('state').$type<ChatState>().notNull(),
    agentId: text('agent_id'),
    queuedAt: instant('queued_at').notNull(),
    takenAt: instant('taken_at'),
    endedAt: instant('ended_at'),
    endReason: text('end_reason').$type<ChatEndReason>(),
    /** The ticket the transcript went to when no agent answered. */
    ticketId: text('ticket_id'),
    rating: integer('rating'),
    ratedAt: instant('rated_at'),
    /** The last message seq each side has read (0: none). */
    customerReadSeq: integer('customer_read_seq').notNull().default(0),
    agentReadSeq: integer('agent_read_seq').notNull().default(0),
    version: integer('version').notNull().default(1),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('support_chats_customer_idx').on(t.customerId, t.queuedAt),
    index('support_chats_state_idx').on(t.state, t.queuedAt),
    // At most one open chat per customer, even when two tabs open one at the same moment.
    uniqueIndex('support_chats_open_uq').on(t.customerId).where(sql`state in ('queued', 'active')`),
  ],
);

/**
 * The messages of a chat, in order. `seq` is allocated while the chat row is locked, so that within
 * a chat it is also the order of commits: a reader that saw seq n has seen every message before it.
 */
export const supportChatMessages = pgTable(
  'support_chat_messages',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    chatId: text('chat_id').notNull(),
    authorKind: text('author_kind').$type<ChatAuthorKind>().notNull(),
    authorId: text('author_id'),
    body: text('body').notNull(),
    /** An image message: the picture (its `body` is empty). */
    attachment: jsonb('attachment').$type<AttachedFile>(),
    /** The sender's own id for the message: sending it again after a lost answer stores it once. */
    clientId: text('client_id'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('support_chat_messages_chat_idx').on(t.chatId, t.seq),
    uniqueIndex('support_chat_messages_client_uq').on(t.chatId, t.authorKind, t.clientId),
  ],
);

/**
 * SLA alerts: one per ticket and kind (first response or resolution, at risk or breached), for the
 * assignee or, when the ticket has none, for the whole desk; acknowledged by a person.
 */
export const supportSlaAlerts = pgTable(
  'support_sla_alerts',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id').notNull(),
    kind: text('kind').$type<SlaAlertKind>().notNull(),
    /** Null: the desk (every agent sees it). */
    assigneeId: text('assignee_id'),
    dueAt: instant('due_at').notNull(),
    raisedAt: instant('raised_at').notNull(),
    acknowledgedAt: instant('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
  },
  (t) => [
    uniqueIndex('support_sla_alerts_ticket_kind_uq').on(t.ticketId, t.kind),
    index('support_sla_alerts_open_idx').on(t.acknowledgedAt, t.raisedAt),
  ],
);

/**
 * Each agent's presence on the chat desk: what they set (online, away, offline) and their last
 * heartbeat (the desk page and their chat sockets). An agent whose heartbeat is older than
 * `chatPolicy.agentPresenceTimeoutMinutes` counts as offline whatever they set.
 */
export const supportAgentPresence = pgTable(
  'support_agent_presence',
  {
    staffId: text('staff_id').primaryKey(),
    status: text('status').$type<AgentStatus>().notNull(),
    statusSince: instant('status_since').notNull(),
    lastSeenAt: instant('last_seen_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('support_agent_presence_status_idx').on(t.status, t.lastSeenAt)],
);
