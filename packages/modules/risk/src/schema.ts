// Tables owned by risk: the applications decided (with the identifiers velocity counts on, blind
// indexes only), the decisions (the whole record, as decided), the lists, and the rule-set
// versions. No other module reads or writes them.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import {
  alertKinds,
  alertStatuses,
  caseOrigins,
  caseOutcomes,
  caseStatuses,
  deviceCommandKinds,
  deviceCommandStatuses,
  deviceLockStates,
  enrolmentStatuses,
  geofenceShapes,
  limitMoveKinds,
  listKinds,
  listNames,
  ruleSetStatuses,
} from './kinds';

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

/**
 * A phone enrolled with the MDM for the length of a rental: by IMEI, for one customer (and the
 * order it was rented under). The lock state is what the MDM last acknowledged.
 */
export const riskDevices = pgTable(
  'risk_devices',
  {
    id: text('id').primaryKey(),
    imei: text('imei').notNull(),
    customerId: text('customer_id').notNull(),
    reference: text('reference'),
    /** The MDM's own id of the device. */
    providerDeviceId: text('provider_device_id').notNull(),
    lockState: text('lock_state', { enum: deviceLockStates }).notNull(),
    /** The last location reported, in millionths of a degree (WGS-84). */
    lastLatE6: integer('last_lat_e6'),
    lastLngE6: integer('last_lng_e6'),
    lastReportedAt: instant('last_reported_at'),
    enrolledBy: text('enrolled_by').notNull(),
    enrolledAt: instant('enrolled_at').notNull(),
    /** When the phone left monitoring (returned, settled, bought out); null while monitored. */
    releasedAt: instant('released_at'),
    releaseReason: text('release_reason'),
  },
  (t) => [
    // One monitored device per IMEI: a phone rented again after its release is enrolled afresh.
    uniqueIndex('risk_devices_imei_uq').on(t.imei).where(sql`released_at is null`),
    uniqueIndex('risk_devices_provider_uq').on(t.providerDeviceId).where(sql`released_at is null`),
    index('risk_devices_customer_idx').on(t.customerId),
  ],
);

/**
 * A phone to enrol with the MDM because its order was delivered (rental's subscriber asks, in the
 * delivery's transaction); the sweep `risk.mdm_enrolments` asks the MDM after commit. One per order
 * and phone: a phone swapped after a fault is a second request on the same order.
 */
export const riskDeviceEnrolments = pgTable(
  'risk_device_enrolments',
  {
    id: text('id').primaryKey(),
    /** The order the phone was delivered for. */
    reference: text('reference').notNull(),
    imei: text('imei').notNull(),
    customerId: text('customer_id').notNull(),
    status: text('status', { enum: enrolmentStatuses }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    failure: text('failure'),
    deviceId: text('device_id'),
    requestedAt: instant('requested_at').notNull(),
    doneAt: instant('done_at'),
  },
  (t) => [
    uniqueIndex('risk_device_enrolments_reference_imei_uq').on(t.reference, t.imei),
    index('risk_device_enrolments_pending_idx').on(t.requestedAt).where(sql`status = 'pending'`),
  ],
);

/** Every location report a device sent, as received (deduplicated by the MDM's message id). */
export const riskDeviceLocations = pgTable(
  'risk_device_locations',
  {
    id: text('id').primaryKey(),
    deviceId: text('device_id').notNull(),
    providerMessageId: text('provider_message_id').notNull(),
    latE6: integer('lat_e6').notNull(),
    lngE6: integer('lng_e6').notNull(),
    accuracyM: integer('accuracy_m').notNull(),
    /** Whether the point was inside an allowed region when it arrived (null: no region configured). */
    inside: boolean('inside'),
    reportedAt: instant('reported_at').notNull(),
    receivedAt: instant('received_at').notNull(),
  },
  (t) => [
    uniqueIndex('risk_device_locations_message_uq').on(t.providerMessageId),
    index('risk_device_locations_device_idx').on(t.deviceId, t.reportedAt),
  ],
);

/** A lock or unlock command, from the staff member's request to the MDM's answer. */
export const riskDeviceCommands = pgTable(
  'risk_device_commands',
  {
    id: text('id').primaryKey(),
    deviceId: text('device_id').notNull(),
    kind: text('kind', { enum: deviceCommandKinds }).notNull(),
    status: text('status', { enum: deviceCommandStatuses }).notNull(),
    reason: text('reason').notNull(),
    /** The command this one undoes (an unlock names the lock it reverses). */
    reverses: text('reverses'),
    providerCommandId: text('provider_command_id'),
    attempts: integer('attempts').notNull().default(0),
    failure: text('failure'),
    requestedBy: text('requested_by').notNull(),
    createdAt: instant('created_at').notNull(),
    sentAt: instant('sent_at'),
    answeredAt: instant('answered_at'),
  },
  (t) => [
    index('risk_device_commands_device_idx').on(t.deviceId, t.createdAt),
    index('risk_device_commands_open_idx').on(t.status, t.createdAt).where(sql`${t.status} in ('pending', 'sent')`),
    uniqueIndex('risk_device_commands_provider_uq').on(t.providerCommandId),
  ],
);

/** An allowed region: a polygon or a circle. A report inside none of the active regions is an alert. */
export const riskGeofences = pgTable('risk_geofences', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  shape: text('shape', { enum: geofenceShapes }).notNull(),
  /** polygon: `{ points: [[latE6, lngE6], …] }`; circle: `{ centre: [latE6, lngE6], radiusM }`. */
  definition: jsonb('definition').notNull(),
  addedBy: text('added_by').notNull(),
  createdAt: instant('created_at').notNull(),
  removedBy: text('removed_by'),
  removedAt: instant('removed_at'),
});

/** An alert for a person: at most one per kind, device and business day (later reports count on it). */
export const riskAlerts = pgTable(
  'risk_alerts',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: alertKinds }).notNull(),
    deviceId: text('device_id').notNull(),
    customerId: text('customer_id').notNull(),
    alertDate: date('alert_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: alertStatuses }).notNull(),
    /** The first and the latest report that raised it, and how many did that day. */
    detail: jsonb('detail').notNull(),
    reports: integer('reports').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    resolvedBy: text('resolved_by'),
    resolvedAt: instant('resolved_at'),
    resolution: text('resolution'),
  },
  (t) => [
    uniqueIndex('risk_alerts_device_day_uq').on(t.kind, t.deviceId, t.alertDate),
    index('risk_alerts_status_idx').on(t.status, t.createdAt),
  ],
);

/** A move of a customer's credit limit by a payment (one per bill and kind), with before and after. */
export const riskCreditLimitMoves = pgTable(
  'risk_credit_limit_moves',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    kind: text('kind', { enum: limitMoveKinds }).notNull(),
    billId: text('bill_id').notNull(),
    ruleSetVersion: integer('rule_set_version').notNull(),
    limitBeforeMinor: minor('limit_before_minor').notNull(),
    deltaMinor: minor('delta_minor').notNull(),
    limitAfterMinor: minor('limit_after_minor').notNull(),
    eventId: text('event_id').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('risk_credit_limit_moves_bill_uq').on(t.billId, t.kind),
    index('risk_credit_limit_moves_customer_idx').on(t.customerId, t.createdAt),
  ],
);

/**
 * The MDM sandbox's own state (sandbox mode only; a real MDM keeps this on its side): the devices
 * it manages, the commands queued for them, and the signed messages it posts to our webhook.
 */
export const riskMdmSandboxDevices = pgTable('risk_mdm_sandbox_devices', {
  providerDeviceId: text('provider_device_id').primaryKey(),
  imei: text('imei').notNull().unique(),
  online: boolean('online').notNull(),
  locked: boolean('locked').notNull(),
  enrolledAt: instant('enrolled_at').notNull(),
});

export const riskMdmSandboxCommands = pgTable(
  'risk_mdm_sandbox_commands',
  {
    providerCommandId: text('provider_command_id').primaryKey(),
    providerDeviceId: text('provider_device_id').notNull(),
    /** The merchant's id of the command: a second request with it answers the first command. */
    merchantCommandId: text('merchant_command_id').notNull().unique(),
    kind: text('kind', { enum: deviceCommandKinds }).notNull(),
    status: text('status', { enum: ['queued', 'done', 'expired'] }).notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('risk_mdm_sandbox_commands_queued_idx').on(t.status, t.createdAt)],
);

export const riskMdmSandboxMessages = pgTable(
  'risk_mdm_sandbox_messages',
  {
    id: text('id').primaryKey(),
    body: text('body').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'abandoned'] }).notNull(),
    attempts: integer('attempts').notNull(),
    dueAt: instant('due_at').notNull(),
    lastStatus: integer('last_status'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('risk_mdm_sandbox_messages_due_idx').on(t.status, t.dueAt)],
);
