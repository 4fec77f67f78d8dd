// Tables owned by the platform layer: the outbox, the webhook inbox, the idempotency store and
// the record of scheduled ticks. Business modules own their tables in their own schema.ts.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Domain events written in the same transaction as the state change they describe. */
export const outbox = pgTable(
  'outbox',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    aggregateType: text('aggregate_type').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    payload: jsonb('payload').notNull(),
    occurredAt: instant('occurred_at').notNull(),
    // Set once the dispatcher has created this event's deliveries, one per subscriber.
    fannedOutAt: instant('fanned_out_at'),
  },
  (t) => [
    uniqueIndex('outbox_event_id_uq').on(t.eventId),
    index('outbox_not_fanned_idx').on(t.seq).where(sql`${t.fannedOutAt} is null`),
  ],
);

/** One row per (event, subscriber): the unit of delivery, retry and dead-lettering. */
export const outboxDeliveries = pgTable(
  'outbox_deliveries',
  {
    eventSeq: bigint('event_seq', { mode: 'number' }).notNull(),
    subscriber: text('subscriber').notNull(),
    aggregateKey: text('aggregate_key').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'dead'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull(),
    lastError: text('last_error'),
    deliveredAt: instant('delivered_at'),
  },
  (t) => [
    primaryKey({ columns: [t.eventSeq, t.subscriber] }),
    index('outbox_deliveries_pending_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('outbox_deliveries_order_idx').on(t.subscriber, t.aggregateKey, t.eventSeq),
  ],
);

/** Inbound webhooks, stored raw after their signature was verified, applied later by the worker. */
export const inbox = pgTable(
  'inbox',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    provider: text('provider').notNull(),
    providerEventId: text('provider_event_id').notNull(),
    eventType: text('event_type').notNull(),
    headers: jsonb('headers').notNull(),
    body: text('body').notNull(),
    receivedAt: instant('received_at').notNull(),
    status: text('status', { enum: ['pending', 'processed', 'dead'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull(),
    lastError: text('last_error'),
    processedAt: instant('processed_at'),
  },
  (t) => [
    uniqueIndex('inbox_provider_event_uq').on(t.provider, t.providerEventId),
    index('inbox_pending_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    // A provider's messages not (yet) applied: waiting or given up (channel health counts them).
    index('inbox_unprocessed_idx').on(t.provider, t.status).where(sql`${t.status} <> 'processed'`),
  ],
);

/** The first result of a POST sent with an Idempotency-Key, kept for 24 hours. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    state: text('state', { enum: ['in_progress', 'completed'] }).notNull(),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    responseContentType: text('response_content_type'),
    // Who holds an in-progress claim: the answer is recorded only by that holder, in the
    // command's own transaction, so a claim taken over after a crash cannot be completed twice.
    claimToken: text('claim_token'),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('idempotency_keys_expires_idx').on(t.expiresAt)],
);

/** One row per named tick and business date: whether it ran, how far it got, what it did. */
export const tickRuns = pgTable(
  'tick_runs',
  {
    name: text('name').notNull(),
    businessDate: date('business_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    progress: jsonb('progress'),
    result: jsonb('result'),
    lastError: text('last_error'),
    startedAt: instant('started_at').notNull(),
    heartbeatAt: instant('heartbeat_at').notNull(),
    finishedAt: instant('finished_at'),
  },
  (t) => [primaryKey({ columns: [t.name, t.businessDate] })],
);

/**
 * The last run of each sweep (a sweep keeps no record per date, unlike a tick): when it started and
 * finished, how it ended and what it did, so that operators see it and its next run.
 */
export const sweepRuns = pgTable('sweep_runs', {
  name: text('name').primaryKey(),
  status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
  runs: integer('runs').notNull().default(0),
  result: jsonb('result'),
  lastError: text('last_error'),
  startedAt: instant('started_at').notNull(),
  finishedAt: instant('finished_at'),
});

/**
 * The sandbox's test clock (sandbox mode only): how far it has been moved ahead of the wall clock,
 * one row, so that every process reads the same business date and a restart keeps it.
 */
export const sandboxClock = pgTable('sandbox_clock', {
  id: text('id').primaryKey(),
  offsetMs: bigint('offset_ms', { mode: 'number' }).notNull(),
  updatedAt: instant('updated_at').notNull(),
});

/**
 * One-time codes (SMS login, step-up for large wallet operations, consent to sign a contract):
 * hashed and bound to a purpose and to the details of the one operation they authorise, with their
 * tries, expiry and sends counted here so the limits hold across processes.
 */
export const oneTimeCodes = pgTable(
  'one_time_codes',
  {
    id: text('id').primaryKey(),
    /** Whom the code was sent to: a customer id, or the blind index of a phone number. */
    subject: text('subject').notNull(),
    purpose: text('purpose').notNull(),
    codeHash: text('code_hash').notNull(),
    ip: text('ip'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    consumedAt: instant('consumed_at'),
  },
  (t) => [
    index('one_time_codes_subject_idx').on(t.subject, t.purpose, t.createdAt),
    index('one_time_codes_ip_idx').on(t.ip, t.createdAt),
    index('one_time_codes_expires_idx').on(t.expiresAt),
  ],
);

/**
 * A part of the system stopped by a broken invariant (e.g. the ledger's money movement): it
 * refuses work until a person has looked and cleared the halt (`zulin halts clear`).
 */
export const halts = pgTable(
  'halts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    scope: text('scope').notNull(),
    reason: text('reason').notNull(),
    detectedAt: instant('detected_at').notNull(),
    clearedAt: instant('cleared_at'),
    clearedBy: text('cleared_by'),
    clearNote: text('clear_note'),
  },
  (t) => [
    // One open halt per scope: a second failure while halted adds nothing new to act on.
    uniqueIndex('halts_open_scope_uq').on(t.scope).where(sql`${t.clearedAt} is null`),
  ],
);
