// Checking the daily roots against the log: each root covers the range after the one before, its
// Merkle root is recomputed from the entries, its statement says what the row says, its signature
// verifies with its key, and its timestamp token (when it has one) is over its statement.
import type { Executor } from '@zulin/db';
import { asc, gt } from 'drizzle-orm';
import { entryHashesBetween } from './daily-roots';
import { merkleRoot } from './merkle';
import { verifyRootSignature } from './root-signer';
import { contractsEvidenceRoots } from './schema';
import { verifyTimeStampToken } from './timestamp-protocol';

export type RootBreak = { businessDate: string; why: string };

/** Where a verification starts: after a root already verified (its date, its range's end, its hash). */
export interface RootsStart {
  afterDate: string;
  nextSeq: number;
  previousRootHash: string;
}

export async function verifyDailyRoots(
  db: Executor,
  start?: RootsStart,
): Promise<{ roots: number; broken: RootBreak | null; last: RootsStart | null; settled: number }> {
  // In date order: the builder only appends a later date, and empty days share their fromSeq.
  const roots = await db
    .select()
    .from(contractsEvidenceRoots)
    .where(start ? gt(contractsEvidenceRoots.businessDate, start.afterDate) : undefined)
    .orderBy(asc(contractsEvidenceRoots.businessDate));
  let nextSeq = start?.nextSeq ?? 1;
  let previousRootHash: string | null = start?.previousRootHash ?? null;
  // The last root verified with its timestamp: a later incremental check may start after it.
  let last: RootsStart | null = null;
  let stampedSoFar = true;
  // How many roots up to `last`.
  let settled = 0;
  for (const root of roots) {
    const fail = (why: string) => ({
      roots: roots.length,
      broken: { businessDate: root.businessDate, why },
      last,
      settled,
    });
    if (root.fromSeq !== nextSeq) return fail(`starts at seq ${root.fromSeq}, expected ${nextSeq}`);
    const statement = JSON.parse(root.statement) as Record<string, unknown>;
    const hashes = await entryHashesBetween(db, root.fromSeq, root.toSeq);
    const recomputed = merkleRoot(hashes);
    if (recomputed !== root.rootHash || statement.rootHash !== root.rootHash)
      return fail('the Merkle root does not match the entries');
    if (statement.fromSeq !== root.fromSeq || statement.toSeq !== root.toSeq || statement.treeSize !== hashes.length) {
      return fail('the statement does not match the range');
    }
    if (statement.previousRootHash !== previousRootHash)
      return fail('the statement does not link to the previous root');
    if (!verifyRootSignature(root.statement, root.signature, root.publicKeyPem))
      return fail('the signature does not verify');
    if (root.timestampToken) {
      try {
        await verifyTimeStampToken(Buffer.from(root.timestampToken, 'base64'), Buffer.from(root.statement, 'utf8'));
      } catch (error) {
        return fail(`the timestamp does not verify: ${(error as Error).message}`);
      }
    }
    nextSeq = root.toSeq + 1;
    previousRootHash = root.rootHash;
    stampedSoFar = stampedSoFar && root.timestampToken !== null;
    if (stampedSoFar) {
      last = { afterDate: root.businessDate, nextSeq, previousRootHash: root.rootHash };
      settled++;
    }
  }
  return { roots: roots.length, broken: null, last, settled };
}
