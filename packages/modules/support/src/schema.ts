// Tables owned by support: tickets with their SLA deadlines, each ticket's messages (customer,
// agent, system; internal notes are agent messages the customer never sees), and the help centre's
// articles (seeded from the FAQ in help-centre/articles.ts).
import { boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { LocalText } from './canned-replies';
import type { HelpTopic } from './help-centre/articles';
import type { TicketActorKind, TicketKind, TicketPriority, TicketState } from './tickets';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

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
