// The tables of the identity module. Personal data (phone numbers, real names, ID numbers, TOTP
// secrets) is stored only encrypted (`*_enc`, see pii.ts) next to a blind index (`*_bidx`) for
// exact lookup; nothing here holds it in clear.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
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

/** Data keys of the PII key ring, each wrapped (AES-256-GCM) by the master key. The highest version writes. */
export const identityDataKeys = pgTable('identity_data_keys', {
  version: integer('version').primaryKey(),
  wrappedKey: text('wrapped_key').notNull(),
  createdAt: instant('created_at').notNull(),
});

export const identityCustomers = pgTable(
  'identity_customers',
  {
    id: text('id').primaryKey(),
    phoneEnc: text('phone_enc').notNull(),
    phoneBidx: text('phone_bidx').notNull(),
    nickname: text('nickname'),
    locale: text('locale', { enum: ['zh-CN', 'en'] })
      .notNull()
      .default('zh-CN'),
    tier: text('tier', { enum: ['normal', 'silver', 'gold', 'platinum'] })
      .notNull()
      .default('normal'),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    identityStatus: text('identity_status', { enum: ['unverified', 'verified', 'failed'] })
      .notNull()
      .default('unverified'),
    realNameEnc: text('real_name_enc'),
    idNumberEnc: text('id_number_enc'),
    idNumberBidx: text('id_number_bidx'),
    verifiedAt: instant('verified_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('identity_customers_phone_bidx_uq').on(t.phoneBidx),
    // One resident ID belongs to one verified customer.
    uniqueIndex('identity_customers_id_number_bidx_uq').on(t.idNumberBidx).where(sql`${t.identityStatus} = 'verified'`),
    index('identity_customers_nickname_idx').on(t.nickname),
  ],
);

/** Every real-name attempt and its outcome, for risk and support (no personal data in clear). */
export const identityVerifications = pgTable(
  'identity_verifications',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    outcome: text('outcome', { enum: ['verified', 'mismatch', 'liveness_failed'] }).notNull(),
    provider: text('provider').notNull(),
    providerReference: text('provider_reference'),
    idNumberBidx: text('id_number_bidx').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('identity_verifications_customer_idx').on(t.customerId, t.createdAt)],
);

export const identityOauthLinks = pgTable(
  'identity_oauth_links',
  {
    provider: text('provider', { enum: ['wechat', 'alipay'] }).notNull(),
    openId: text('open_id').notNull(),
    customerId: text('customer_id').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.openId] }),
    uniqueIndex('identity_oauth_links_customer_uq').on(t.customerId, t.provider),
  ],
);

/** Outgoing text messages; the sender delivers them after commit. The sandbox reads them back. */
export const identitySmsMessages = pgTable(
  'identity_sms_messages',
  {
    id: text('id').primaryKey(),
    phoneBidx: text('phone_bidx').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    textEnc: text('text_enc').notNull(),
    status: text('status', { enum: ['queued', 'sent', 'failed'] })
      .notNull()
      .default('queued'),
    createdAt: instant('created_at').notNull(),
    sentAt: instant('sent_at'),
  },
  (t) => [index('identity_sms_messages_phone_idx').on(t.phoneBidx, t.createdAt)],
);

/** Opaque refresh tokens, stored as SHA-256; rotation keeps the family, re-use revokes it. */
export const identityRefreshTokens = pgTable(
  'identity_refresh_tokens',
  {
    id: text('id').primaryKey(),
    familyId: text('family_id').notNull(),
    subjectKind: text('subject_kind', { enum: ['customer', 'staff'] }).notNull(),
    subjectId: text('subject_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    rotatedAt: instant('rotated_at'),
    revokedAt: instant('revoked_at'),
  },
  (t) => [
    uniqueIndex('identity_refresh_tokens_hash_uq').on(t.tokenHash),
    index('identity_refresh_tokens_family_idx').on(t.familyId),
  ],
);

export const identityStaff = pgTable(
  'identity_staff',
  {
    id: text('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name'),
    role: text('role').notNull(),
    passwordHash: text('password_hash').notNull(),
    totpSecretEnc: text('totp_secret_enc').notNull(),
    /** The last TOTP time step accepted, so a code is never accepted twice. */
    totpLastStep: integer('totp_last_step'),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: instant('locked_until'),
    lastLoginAt: instant('last_login_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [uniqueIndex('identity_staff_username_uq').on(t.username)],
);

/** Partner API keys (hashed) with their scopes. */
export const identityPartnerKeys = pgTable(
  'identity_partner_keys',
  {
    id: text('id').primaryKey(),
    partnerId: text('partner_id').notNull(),
    keyHash: text('key_hash').notNull(),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    createdAt: instant('created_at').notNull(),
    revokedAt: instant('revoked_at'),
  },
  (t) => [uniqueIndex('identity_partner_keys_hash_uq').on(t.keyHash)],
);

export const identityNotificationPreferences = pgTable(
  'identity_notification_preferences',
  {
    customerId: text('customer_id').notNull(),
    category: text('category', { enum: ['orders', 'bills', 'wallet', 'account', 'marketing'] }).notNull(),
    channel: text('channel', { enum: ['in_app', 'sms', 'email', 'push'] }).notNull(),
    enabled: boolean('enabled').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.category, t.channel] })],
);

/** Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE (migration audit_append_only). */
export const identityAuditLog = pgTable(
  'identity_audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: text('id').notNull(),
    at: instant('at').notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    ip: text('ip'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    uniqueIndex('identity_audit_log_id_uq').on(t.id),
    index('identity_audit_log_at_idx').on(t.at, t.seq),
    index('identity_audit_log_actor_idx').on(t.actorId, t.seq),
    index('identity_audit_log_target_idx').on(t.targetType, t.targetId, t.seq),
    index('identity_audit_log_action_idx').on(t.action, t.seq),
  ],
);

/** Each agreement a customer gave to a version of a legal document (PIPL): kept, never updated. */
export const identityConsents = pgTable(
  'identity_consents',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    document: text('document', { enum: ['terms', 'privacy'] }).notNull(),
    version: text('version').notNull(),
    acceptedAt: instant('accepted_at').notNull(),
    ip: text('ip'),
  },
  (t) => [uniqueIndex('identity_consents_customer_document_version_uq').on(t.customerId, t.document, t.version)],
);
