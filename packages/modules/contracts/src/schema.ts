// The tables the contracts module owns; no other module reads or writes them.
//  * contracts_evidence_entries: the append-only evidence log, one hash chain
//    (hash_i = SHA-256(hash_{i-1} ‖ canonical JSON(entry_i))), numbered by `seq` without gaps.
//  * contracts_evidence_roots: one Merkle root (RFC 6962) per business day over a contiguous range
//    of the chain, signed with the platform key and timestamped by an RFC 3161 authority.
//  * contracts_contracts: a contract's draft (terms as JSON, the PDF, its hash) and, once signed,
//    the sealed PDF.
//  * contracts_sandbox_keys: the sandbox's keys (platform signing key, TSA, seal), made at first use.
import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
// Binary data (PDFs, DER tokens) is kept as base64 text: the same on PGlite and PostgreSQL drivers.
const base64 = (name: string) => text(name);

export const contractsEvidenceEntries = pgTable(
  'contracts_evidence_entries',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    id: text('id').notNull(),
    recordedAt: instant('recorded_at').notNull(),
    subjectKind: text('subject_kind').notNull(),
    subjectId: text('subject_id').notNull(),
    customerId: text('customer_id'),
    kind: text('kind').notNull(),
    data: jsonb('data').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('contracts_evidence_entries_id').on(t.id),
    index('contracts_evidence_entries_subject').on(t.subjectKind, t.subjectId, t.seq),
    index('contracts_evidence_entries_recorded').on(t.recordedAt),
    // An event is logged once per kind: a redelivered event finds its entry instead of adding one.
    uniqueIndex('contracts_evidence_entries_event')
      .on(sql`(${t.data}->>'eventId')`, t.kind)
      .where(sql`${t.data} ? 'eventId'`),
  ],
);

export const contractsEvidenceRoots = pgTable(
  'contracts_evidence_roots',
  {
    businessDate: text('business_date').primaryKey(),
    fromSeq: bigint('from_seq', { mode: 'number' }).notNull(),
    toSeq: bigint('to_seq', { mode: 'number' }).notNull(),
    treeSize: integer('tree_size').notNull(),
    rootHash: text('root_hash').notNull(),
    /** The canonical JSON that was signed and whose SHA-256 was timestamped. */
    statement: text('statement').notNull(),
    signatureAlgorithm: text('signature_algorithm').notNull(),
    signature: text('signature').notNull(),
    publicKeyPem: text('public_key_pem').notNull(),
    builtAt: instant('built_at').notNull(),
    timestampToken: base64('timestamp_token_base64'),
    timestampAuthority: text('timestamp_authority'),
    timestampedAt: instant('timestamped_at'),
    timestampAttempts: integer('timestamp_attempts').notNull().default(0),
    timestampLastError: text('timestamp_last_error'),
  },
  (t) => [index('contracts_evidence_roots_untimestamped').on(t.businessDate).where(sql`${t.timestampToken} is null`)],
);

/** withdrawn: a draft its order no longer needs (an abandoned renewal's addendum); never signable. */
export const contractStatuses = ['draft', 'signed', 'superseded', 'withdrawn'] as const;
export type ContractStatus = (typeof contractStatuses)[number];

export const contractsContracts = pgTable(
  'contracts_contracts',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    subjectKind: text('subject_kind').notNull(),
    subjectId: text('subject_id').notNull(),
    template: text('template').notNull(),
    templateVersion: integer('template_version').notNull(),
    locale: text('locale').notNull(),
    /** 1 for the first draft of a subject, +1 for each redraft. */
    version: integer('version').notNull(),
    status: text('status', { enum: contractStatuses }).notNull(),
    terms: jsonb('terms').notNull(),
    termsHash: text('terms_hash').notNull(),
    draftPdf: base64('draft_pdf_base64').notNull(),
    documentHash: text('document_hash').notNull(),
    signedPdf: base64('signed_pdf_base64'),
    signedPdfHash: text('signed_pdf_hash'),
    signatureKind: text('signature_kind'),
    signedAt: instant('signed_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('contracts_contracts_subject_version').on(t.subjectKind, t.subjectId, t.version),
    index('contracts_contracts_customer').on(t.customerId, t.createdAt),
  ],
);

export const contractsSandboxKeys = pgTable('contracts_sandbox_keys', {
  id: text('id').primaryKey(),
  keys: jsonb('keys').notNull(),
  createdAt: instant('created_at').notNull(),
});

export const esignFlowStatuses = ['started', 'signed', 'refused', 'expired', 'outdated'] as const;
export type ESignFlowStatus = (typeof esignFlowStatuses)[number];

/**
 * A licensed provider's signing flow for one draft (docs/contracts.md, "Licensed e-signature
 * provider"): the provider's flow id and sign URL, and how it ended. One live (`started`) flow per
 * contract: starting again for the same draft answers the same flow.
 */
export const contractsESignFlows = pgTable(
  'contracts_esign_flows',
  {
    flowId: text('flow_id').primaryKey(),
    contractId: text('contract_id').notNull(),
    customerId: text('customer_id').notNull(),
    provider: text('provider').notNull(),
    documentHash: text('document_hash').notNull(),
    authUrl: text('auth_url').notNull(),
    status: text('status', { enum: esignFlowStatuses }).notNull(),
    createdAt: instant('created_at').notNull(),
    /** The provider closes the flow then; starting again after it opens a new flow. */
    expiresAt: instant('expires_at').notNull(),
    finishedAt: instant('finished_at'),
  },
  (t) => [
    uniqueIndex('contracts_esign_flows_live').on(t.contractId).where(sql`${t.status} = 'started'`),
    index('contracts_esign_flows_contract').on(t.contractId, t.createdAt),
  ],
);

/**
 * How far the evidence chain has been verified (one row, `chain`): the last entry checked and its
 * hash, so a verification reads only the entries appended since. `zulin evidence verify` checks all.
 */
export const contractsEvidenceCheckpoints = pgTable('contracts_evidence_checkpoints', {
  id: text('id').primaryKey(),
  verifiedSeq: bigint('verified_seq', { mode: 'number' }).notNull(),
  verifiedHash: text('verified_hash').notNull(),
  verifiedRoots: integer('verified_roots').notNull(),
  lastRootDate: text('last_root_date'),
  lastRootHash: text('last_root_hash'),
  checkedAt: instant('checked_at').notNull(),
});

/**
 * The sandbox e-signature provider's own flows (sandbox mode only): what the provider keeps about a
 * flow it was asked to open — our contract id, the document hash, the signer and where to post.
 */
export const contractsSandboxESignFlows = pgTable('contracts_sandbox_esign_flows', {
  flowId: text('flow_id').primaryKey(),
  bizNo: text('biz_no').notNull(),
  fileHash: text('file_hash').notNull(),
  signerRef: text('signer_ref').notNull(),
  notifyUrl: text('notify_url').notNull(),
  status: text('status').notNull(),
  createdAt: instant('created_at').notNull(),
  expiresAt: instant('expires_at').notNull(),
});
