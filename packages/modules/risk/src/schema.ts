// Tables owned by risk: the applications decided (with the identifiers velocity counts on, blind
// indexes only), the decisions (the whole record, as decided), the lists, and the rule-set
// versions. No other module reads or writes them.
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { caseOrigins, caseOutcomes, caseStatuses, listKinds, listNames, ruleSetStatuses } from './kinds';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const minor = (name: string) => bigint(name, { mode: 'number' });

export * from './kinds';

/** One rule-set version. Drafts are edited in place; a published version never changes again. */
export const riskRuleSets = pgTable(
  'risk_rule_sets',
  {
    version: integer('version').primaryKey(),
    status: text('status', { enum: ruleSetStatuses }).notNull(),
    ruleSet: jsonb('rule_set').notNull(),
    basedOn: integer('based_on'),
    note: text('note').notNull(),
    /** A draft in shadow mode is decided beside the published set on every application, and recorded. */
    shadow: boolean('shadow').notNull().default(false),
    editedBy: text('edited_by').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    publishedBy: text('published_by'),
    publishedAt: instant('published_at'),
    retiredAt: instant('retired_at'),
  },
  (t) => [
    uniqueIndex('risk_rule_sets_one_published_uq').on(t.status).where(sql`${t.status} = 'published'`),
    uniqueIndex('risk_rule_sets_one_shadow_uq').on(t.shadow).where(sql`${t.shadow}`),
  ],
);

/** An application that was decided: who, from where, for what. Velocity features count these. */
export const riskApplications = pgTable(
  'risk_applications',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    /** What is applied for: `rental` or `installment`, and the caller's order id when there is one. */
    purpose: text('purpose').notNull(),
    reference: text('reference'),
    idNumberBidx: text('id_number_bidx'),
    phoneBidx: text('phone_bidx').notNull(),
    deviceFingerprint: text('device_fingerprint'),
    addressBidx: text('address_bidx'),
    ip: text('ip'),
    orderValueMinor: minor('order_value_minor').notNull(),
    depositMinor: minor('deposit_minor').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('risk_applications_id_idx').on(t.idNumberBidx, t.createdAt),
    index('risk_applications_phone_idx').on(t.phoneBidx, t.createdAt),
    index('risk_applications_device_idx').on(t.deviceFingerprint, t.createdAt),
    index('risk_applications_address_idx').on(t.addressBidx, t.createdAt),
    index('risk_applications_ip_idx').on(t.ip, t.createdAt),
    index('risk_applications_customer_idx').on(t.customerId, t.createdAt),
  ],
);

/** A decision, stored whole: the record answers every question about it without running anything. */
export const riskDecisions = pgTable(
  'risk_decisions',
  {
    id: text('id').primaryKey(),
    applicationId: text('application_id').notNull(),
    customerId: text('customer_id').notNull(),
    ruleSetVersion: integer('rule_set_version').notNull(),
    outcome: text('outcome').notNull(),
    score: integer('score').notNull(),
    reasonCodes: jsonb('reason_codes').notNull(),
    waiverBps: integer('waiver_bps').notNull(),
    depositWaivedMinor: minor('deposit_waived_minor').notNull(),
    creditLimitMinor: minor('credit_limit_minor').notNull(),
    record: jsonb('record').notNull(),
    /** Where each outside fact came from (system, adapter, reference). */
    sources: jsonb('sources').notNull(),
    shadowVersion: integer('shadow_version'),
    shadowRecord: jsonb('shadow_record'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('risk_decisions_application_uq').on(t.applicationId),
    index('risk_decisions_created_idx').on(t.createdAt, t.id),
    index('risk_decisions_customer_idx').on(t.customerId, t.createdAt),
  ],
);

/** Blacklist and allowlist entries; personal values by blind index, devices and IP ranges as they are. */
export const riskListEntries = pgTable(
  'risk_list_entries',
  {
    id: text('id').primaryKey(),
    list: text('list', { enum: listNames }).notNull(),
    kind: text('kind', { enum: listKinds }).notNull(),
    /** Blind index for id_number, phone and address; the fingerprint or CIDR for device and ip_cidr. */
    value: text('value').notNull(),
    /** A masked form for staff screens (138****8000, 1101**********123X). */
    display: text('display').notNull(),
    reason: text('reason').notNull(),
    addedBy: text('added_by').notNull(),
    createdAt: instant('created_at').notNull(),
    removedBy: text('removed_by'),
    removedAt: instant('removed_at'),
  },
  (t) => [uniqueIndex('risk_list_entries_active_uq').on(t.list, t.kind, t.value).where(sql`${t.removedAt} is null`)],
);

/**
 * A manual review: opened by a review or block_and_review decision, or by a customer's one appeal of
 * a rejection. pending → investigating (claimed) → closed, with an SLA the sweep watches.
 */
export const riskReviewCases = pgTable(
  'risk_review_cases',
  {
    id: text('id').primaryKey(),
    decisionId: text('decision_id').notNull(),
    customerId: text('customer_id').notNull(),
    origin: text('origin', { enum: caseOrigins }).notNull(),
    status: text('status', { enum: caseStatuses }).notNull(),
    slaDueAt: instant('sla_due_at').notNull(),
    breachedAt: instant('breached_at'),
    assignedTo: text('assigned_to'),
    notes: jsonb('notes').notNull(),
    resolution: text('resolution', { enum: ['approve', 'reject'] }),
    outcome: text('outcome', { enum: caseOutcomes }),
    waiverBps: integer('waiver_bps'),
    depositWaivedMinor: minor('deposit_waived_minor'),
    creditLimitMinor: minor('credit_limit_minor'),
    closedBy: text('closed_by'),
    closedAt: instant('closed_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    // One case per decision and origin: a decision opens at most one, a customer appeals once.
    uniqueIndex('risk_review_cases_decision_origin_uq').on(t.decisionId, t.origin),
    index('risk_review_cases_open_sla_idx').on(t.slaDueAt).where(sql`${t.status} <> 'closed'`),
  ],
);
