// The evidence log: every legally relevant event, appended to one hash chain in the transaction of
// the event itself (DOMAIN.md §9):
//
//   hash_i = SHA-256(hash_{i-1} ‖ canonical JSON(entry_i)),  hash_0 = 32 zero bytes
//
// where ‖ joins the previous hash's 32 raw bytes and the entry's UTF-8 text, and the entry is
// { seq, id, at, subject: { kind, id }, customerId, kind, data }. Appends are serialised by one
// transaction-scoped advisory lock, so `seq` has no gaps and each entry names the one before it; a
// transaction that rolls back takes its entry with it and frees the lock.
import { type Executor, queryRows } from '@zulin/db';
import { assert, newId } from '@zulin/kernel';
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import { canonicalJson, sha256Hex } from './canonical-json';
import { ContractsErrors } from './errors';
import { ContractsLimits } from './limits';
import { contractsEvidenceEntries } from './schema';

export const genesisHash = '0'.repeat(64);

/** The lock that serialises the chain (appends and daily roots). */
export async function lockEvidenceChain(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('zulin:contracts:evidence-chain'))`);
}

export interface EvidenceSubject {
  kind: string;
  id: string;
}

export interface EvidenceEntry {
  seq: number;
  id: string;
  at: string;
  subject: EvidenceSubject;
  customerId: string | null;
  kind: string;
  data: Record<string, unknown>;
}

export interface StoredEvidence extends EvidenceEntry {
  prevHash: string;
  hash: string;
}

/** The hash of an entry after `prevHash`. */
export function chainHash(prevHash: string, entry: EvidenceEntry): string {
  assert(/^[0-9a-f]{64}$/.test(prevHash), 'a previous hash is 64 hex digits');
  return sha256Hex(Buffer.from(prevHash, 'hex'), Buffer.from(canonicalJson(entry), 'utf8'));
}

/**
 * Appends one entry in the caller's transaction. `at` is the instant of the event (the clock's now);
 * without it, the database's transaction time. An entry whose data names the event it records
 * (`eventId`) is appended once per event and kind: appended again (a redelivered event, a dead
 * delivery retried by hand), it returns the entry already in the log and adds nothing.
 */
export async function appendEvidence(
  tx: Executor,
  options: {
    subject: EvidenceSubject;
    customerId?: string | null;
    kind: string;
    data: Record<string, unknown>;
    at?: Date;
  },
): Promise<StoredEvidence> {
  const dataText = canonicalJson(options.data);
  if (
    options.kind.length === 0 ||
    options.kind.length > ContractsLimits.evidenceKindLengthMax ||
    options.subject.kind.length === 0 ||
    options.subject.id.length === 0 ||
    dataText.length > ContractsLimits.evidenceDataBytesMax
  ) {
    throw ContractsErrors.CONTRACTS_EVIDENCE_INVALID();
  }
  await lockEvidenceChain(tx);
  const eventId = options.data.eventId;
  if (typeof eventId === 'string') {
    const [logged] = await tx
      .select()
      .from(contractsEvidenceEntries)
      .where(
        and(
          sql`${contractsEvidenceEntries.data} ? 'eventId'`,
          sql`${contractsEvidenceEntries.data}->>'eventId' = ${eventId}`,
          eq(contractsEvidenceEntries.kind, options.kind),
        ),
      );
    if (logged) return toStoredEvidence(logged);
  }
  const [last] = await tx
    .select({ seq: contractsEvidenceEntries.seq, hash: contractsEvidenceEntries.hash })
    .from(contractsEvidenceEntries)
    .orderBy(desc(contractsEvidenceEntries.seq))
    .limit(1);
  let at = options.at;
  if (at === undefined) {
    const [row] = await queryRows<{ now: Date | string }>(tx, sql`select now() as now`);
    at = new Date(row?.now ?? 0);
  }
  const entry: EvidenceEntry = {
    seq: (last?.seq ?? 0) + 1,
    id: newId('evd'),
    at: at.toISOString(),
    subject: { kind: options.subject.kind, id: options.subject.id },
    customerId: options.customerId ?? null,
    kind: options.kind,
    // Through JSON, so what is hashed is exactly what jsonb gives back later (no undefined, no Date).
    data: JSON.parse(dataText) as Record<string, unknown>,
  };
  const prevHash = last?.hash ?? genesisHash;
  const hash = chainHash(prevHash, entry);
  await tx.insert(contractsEvidenceEntries).values({
    seq: entry.seq,
    id: entry.id,
    recordedAt: at,
    subjectKind: entry.subject.kind,
    subjectId: entry.subject.id,
    customerId: entry.customerId,
    kind: entry.kind,
    data: entry.data,
    prevHash,
    hash,
  });
  return { ...entry, prevHash, hash };
}

type EntryRow = typeof contractsEvidenceEntries.$inferSelect;

export function toStoredEvidence(row: EntryRow): StoredEvidence {
  return {
    seq: row.seq,
    id: row.id,
    at: row.recordedAt.toISOString(),
    subject: { kind: row.subjectKind, id: row.subjectId },
    customerId: row.customerId,
    kind: row.kind,
    data: row.data as Record<string, unknown>,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/** The entry as it is hashed (without its hashes). */
export function entryOf(stored: StoredEvidence): EvidenceEntry {
  const { prevHash: _p, hash: _h, ...entry } = stored;
  return entry;
}

export type ChainBreak = { seq: number; id: string; why: 'hash' | 'link' | 'gap' };

/**
 * Checks a run of consecutive entries: each links to the one before and its hash is its content's.
 * `prevHash`/`prevSeq`: where the run starts (the genesis by default). The first broken entry, or null.
 */
export function checkChain(
  entries: readonly StoredEvidence[],
  start: { prevHash: string; prevSeq: number } = { prevHash: genesisHash, prevSeq: 0 },
): ChainBreak | null {
  let prevHash = start.prevHash;
  let prevSeq = start.prevSeq;
  for (const e of entries) {
    if (e.seq !== prevSeq + 1) return { seq: e.seq, id: e.id, why: 'gap' };
    if (e.prevHash !== prevHash) return { seq: e.seq, id: e.id, why: 'link' };
    if (chainHash(prevHash, entryOf(e)) !== e.hash) return { seq: e.seq, id: e.id, why: 'hash' };
    prevHash = e.hash;
    prevSeq = e.seq;
  }
  return null;
}

/** Walks the whole chain in pages; the first broken entry, or null, and how many entries were read. */
export async function verifyEvidenceChain(db: Executor): Promise<{ entries: number; broken: ChainBreak | null }> {
  let start = { prevHash: genesisHash, prevSeq: 0 };
  let count = 0;
  for (let page = 0; page < ContractsLimits.verifyPagesMax; page++) {
    const rows = await db
      .select()
      .from(contractsEvidenceEntries)
      .where(gt(contractsEvidenceEntries.seq, start.prevSeq))
      .orderBy(asc(contractsEvidenceEntries.seq))
      .limit(ContractsLimits.verifyPageSize);
    if (rows.length === 0) return { entries: count, broken: null };
    const entries = rows.map(toStoredEvidence);
    const broken = checkChain(entries, start);
    if (broken) return { entries: count, broken };
    count += entries.length;
    const tail = entries[entries.length - 1] as StoredEvidence;
    start = { prevHash: tail.hash, prevSeq: tail.seq };
  }
  throw new Error(`the evidence chain is longer than ${ContractsLimits.verifyPagesMax} pages`);
}

/** The entries of one subject, oldest first. */
export async function evidenceOfSubject(db: Executor, subject: EvidenceSubject): Promise<StoredEvidence[]> {
  const rows = await db
    .select()
    .from(contractsEvidenceEntries)
    .where(
      sql`${contractsEvidenceEntries.subjectKind} = ${subject.kind} and ${contractsEvidenceEntries.subjectId} = ${subject.id}`,
    )
    .orderBy(asc(contractsEvidenceEntries.seq))
    .limit(ContractsLimits.subjectEntriesMax);
  return rows.map(toStoredEvidence);
}
