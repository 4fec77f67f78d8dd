// Daily roots: once a business day is over, the entries appended since the last root up to the
// day's end form one Merkle tree (RFC 6962); its root goes into a statement
//   { kind, version, businessDate, fromSeq, toSeq, treeSize, rootHash, lastEntryHash, previousRootHash }
// written as canonical JSON, signed with the platform key, and timestamped by an RFC 3161 authority.
// Roots cover consecutive ranges of the chain without gaps, so every entry is under exactly one root.
// Building a root takes the chain's lock; timestamping happens afterwards, outside any transaction,
// and a failed timestamp leaves the root waiting (the sweep tries again): it never holds up business.
import { type Database, type Executor, queryRows, transaction } from '@zulin/db';
import { addDays, assert, type BusinessDate, startOfDayInstant } from '@zulin/kernel';
import { and, asc, desc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import { canonicalJson } from './canonical-json';
import { genesisHash, lockEvidenceChain } from './evidence-log';
import { ContractsLimits } from './limits';
import { merkleRoot } from './merkle';
import type { RootSigner } from './root-signer';
import { contractsEvidenceEntries, contractsEvidenceRoots } from './schema';
import { type TimestampAuthority, timestampMessage } from './timestamp-authorities';

export type DailyRoot = typeof contractsEvidenceRoots.$inferSelect;

export interface RootStatement {
  kind: 'zulin.evidence.daily_root';
  version: 1;
  businessDate: string;
  fromSeq: number;
  toSeq: number;
  treeSize: number;
  rootHash: string;
  lastEntryHash: string;
  previousRootHash: string | null;
}

/** The entry hashes of seq fromSeq..toSeq, in order. */
export async function entryHashesBetween(db: Executor, fromSeq: number, toSeq: number): Promise<string[]> {
  if (toSeq < fromSeq) return [];
  assert(toSeq - fromSeq + 1 <= ContractsLimits.dailyRootEntriesMax, 'a daily tree stays under its bound');
  const rows = await db
    .select({ hash: contractsEvidenceEntries.hash })
    .from(contractsEvidenceEntries)
    .where(and(gte(contractsEvidenceEntries.seq, fromSeq), lte(contractsEvidenceEntries.seq, toSeq)))
    .orderBy(asc(contractsEvidenceEntries.seq));
  return rows.map((r) => r.hash);
}

/**
 * The daily tick's work: the roots of `lastDate` and of the days before it that a stopped server
 * missed, oldest first, each in its own transaction, at most ContractsLimits.dailyRootCatchUpDaysMax
 * days back (entries older than that fall under the first root built). Dates that already have a
 * root, or lie before the newest root, are left as they are. Returns how many roots it built.
 */
export async function buildMissedRoots(
  database: Database,
  deps: { signer: RootSigner; timeZone: string; now: Date },
  lastDate: BusinessDate,
): Promise<number> {
  let built = 0;
  for (let back = ContractsLimits.dailyRootCatchUpDaysMax - 1; back >= 0; back--) {
    const date = addDays(lastDate, -back);
    const root = await transaction(database, (tx) => buildDailyRoot(tx, deps, date));
    if (root && root.builtAt.getTime() === deps.now.getTime()) built++;
  }
  return built;
}

/**
 * Builds, signs and stores the root of `businessDate` in the caller's transaction, or returns the
 * stored one. A date at or before the newest root's is not built again (null).
 */
export async function buildDailyRoot(
  tx: Executor,
  deps: { signer: RootSigner; timeZone: string; now: Date },
  businessDate: BusinessDate,
): Promise<DailyRoot | null> {
  await lockEvidenceChain(tx);
  const [existing] = await tx
    .select()
    .from(contractsEvidenceRoots)
    .where(eq(contractsEvidenceRoots.businessDate, businessDate));
  if (existing) return existing;
  const [previous] = await tx
    .select()
    .from(contractsEvidenceRoots)
    .orderBy(desc(contractsEvidenceRoots.toSeq), desc(contractsEvidenceRoots.businessDate))
    .limit(1);
  if (previous && previous.businessDate >= businessDate) return null;
  const fromSeq = (previous?.toSeq ?? 0) + 1;
  const dayEnd = startOfDayInstant(addDays(businessDate, 1), deps.timeZone);
  const [last] = await queryRows<{ seq: number | string | null }>(
    tx,
    sql`select max(seq) as seq from ${contractsEvidenceEntries}
         where seq >= ${fromSeq} and recorded_at < ${dayEnd.toISOString()}::timestamptz`,
  );
  const toSeq = last?.seq === null || last?.seq === undefined ? fromSeq - 1 : Number(last.seq);
  const hashes = await entryHashesBetween(tx, fromSeq, toSeq);
  assert(hashes.length === toSeq - fromSeq + 1, 'the chain has no gap under a root');
  let lastEntryHash = hashes[hashes.length - 1];
  if (lastEntryHash === undefined) {
    const [before] = await tx
      .select({ hash: contractsEvidenceEntries.hash })
      .from(contractsEvidenceEntries)
      .where(eq(contractsEvidenceEntries.seq, fromSeq - 1));
    lastEntryHash = before?.hash ?? genesisHash;
  }
  const statement: RootStatement = {
    kind: 'zulin.evidence.daily_root',
    version: 1,
    businessDate,
    fromSeq,
    toSeq,
    treeSize: hashes.length,
    rootHash: merkleRoot(hashes),
    lastEntryHash,
    previousRootHash: previous?.rootHash ?? null,
  };
  const text = canonicalJson(statement);
  const [row] = await tx
    .insert(contractsEvidenceRoots)
    .values({
      businessDate,
      fromSeq,
      toSeq,
      treeSize: statement.treeSize,
      rootHash: statement.rootHash,
      statement: text,
      signatureAlgorithm: deps.signer.algorithm,
      signature: deps.signer.sign(text),
      publicKeyPem: deps.signer.publicKeyPem,
      builtAt: deps.now,
    })
    .returning();
  assert(row, 'the root was stored');
  return row;
}

/** What an authority timestamps for a root (its SHA-256): the signed statement's bytes. */
export function rootMessage(statement: string): Buffer {
  return Buffer.from(statement, 'utf8');
}

/**
 * Timestamps the roots still without a token, oldest first, each through the authorities in order.
 * Called with no transaction open. A root none of them stamps keeps waiting with its error counted.
 */
export async function timestampPendingRoots(
  database: Database,
  authorities: readonly TimestampAuthority[],
): Promise<{ stamped: number; failed: number }> {
  const pending = await database.db
    .select({ businessDate: contractsEvidenceRoots.businessDate, statement: contractsEvidenceRoots.statement })
    .from(contractsEvidenceRoots)
    .where(isNull(contractsEvidenceRoots.timestampToken))
    .orderBy(asc(contractsEvidenceRoots.businessDate))
    .limit(ContractsLimits.timestampBatchSize);
  let stamped = 0;
  let failed = 0;
  for (const root of pending) {
    const key = eq(contractsEvidenceRoots.businessDate, root.businessDate);
    try {
      const stamp = await timestampMessage(authorities, rootMessage(root.statement));
      await transaction(database, (tx) =>
        tx
          .update(contractsEvidenceRoots)
          .set({
            timestampToken: stamp.tokenDer.toString('base64'),
            timestampAuthority: stamp.authority,
            timestampedAt: stamp.facts.genTime,
            timestampAttempts: sql`${contractsEvidenceRoots.timestampAttempts} + 1`,
            timestampLastError: null,
          })
          .where(and(key, isNull(contractsEvidenceRoots.timestampToken))),
      );
      stamped++;
    } catch (error) {
      failed++;
      await database.db
        .update(contractsEvidenceRoots)
        .set({
          timestampAttempts: sql`${contractsEvidenceRoots.timestampAttempts} + 1`,
          timestampLastError: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
        })
        .where(key);
    }
  }
  return { stamped, failed };
}

/** The roots, newest first. */
export async function listDailyRoots(db: Executor, limit: number): Promise<DailyRoot[]> {
  return db.select().from(contractsEvidenceRoots).orderBy(desc(contractsEvidenceRoots.businessDate)).limit(limit);
}
