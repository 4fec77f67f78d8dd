// The console's verification (`GET /v1/admin/evidence/verification`) without reading the whole log
// on each call: a checkpoint (contracts_evidence_checkpoints, row `chain`) remembers the last entry
// verified and its hash, and the last daily root verified with its timestamp. A call checks that the
// checkpoint's entry still has the hash it had, then only the entries appended since (hash and link,
// as `checkChain`), and only the roots after the last one. Reading never writes: the checkpoint is
// moved forward by the sweep `contracts.verify_evidence` (`advance`), and only when nothing is
// broken, so two reads of the same log answer the same. The whole chain is re-verified on demand by `zulin evidence verify` (and with
// `full`: the console's "verify everything" reads all of it once and resets the checkpoint).
import type { Executor } from '@zulin/db';
import { asc, eq, gt } from 'drizzle-orm';
import { type ChainBreak, checkChain, genesisHash, type StoredEvidence, toStoredEvidence } from './evidence-log';
import { ContractsLimits } from './limits';
import { contractsEvidenceCheckpoints, contractsEvidenceEntries, contractsEvidenceRoots } from './schema';
import { type RootBreak, type RootsStart, verifyDailyRoots } from './verify-roots';

const checkpointId = 'chain';

export interface IncrementalVerification {
  chain: { entries: number; checkedNow: number; broken: ChainBreak | null };
  roots: { roots: number; checkedNow: number; broken: RootBreak | null };
}

export async function verifyEvidenceIncrementally(
  db: Executor,
  now: Date,
  options: { full?: boolean; advance?: boolean } = {},
): Promise<IncrementalVerification> {
  const [saved] = options.full
    ? []
    : await db.select().from(contractsEvidenceCheckpoints).where(eq(contractsEvidenceCheckpoints.id, checkpointId));
  let start = { prevHash: genesisHash, prevSeq: 0 };
  let rootsStart: RootsStart | undefined;
  let rootsBefore = 0;
  if (saved && saved.verifiedSeq > 0) {
    const [anchor] = await db
      .select()
      .from(contractsEvidenceEntries)
      .where(eq(contractsEvidenceEntries.seq, saved.verifiedSeq));
    if (!anchor || anchor.hash !== saved.verifiedHash) {
      const broken: ChainBreak = { seq: saved.verifiedSeq, id: anchor?.id ?? '', why: 'hash' };
      return {
        chain: { entries: saved.verifiedSeq, checkedNow: 1, broken },
        roots: { roots: 0, checkedNow: 0, broken: null },
      };
    }
    start = { prevHash: saved.verifiedHash, prevSeq: saved.verifiedSeq };
  }
  if (saved?.lastRootDate && saved.lastRootHash) {
    const [root] = await db
      .select()
      .from(contractsEvidenceRoots)
      .where(eq(contractsEvidenceRoots.businessDate, saved.lastRootDate));
    if (!root || root.rootHash !== saved.lastRootHash) {
      return {
        chain: { entries: saved.verifiedSeq, checkedNow: 0, broken: null },
        roots: {
          roots: saved.verifiedRoots,
          checkedNow: 1,
          broken: { businessDate: saved.lastRootDate, why: 'the root changed after it was verified' },
        },
      };
    }
    rootsStart = { afterDate: root.businessDate, nextSeq: root.toSeq + 1, previousRootHash: root.rootHash };
    rootsBefore = saved.verifiedRoots;
  }

  let checkedNow = 0;
  let broken: ChainBreak | null = null;
  for (let page = 0; page < ContractsLimits.verifyPagesMax; page++) {
    const rows = await db
      .select()
      .from(contractsEvidenceEntries)
      .where(gt(contractsEvidenceEntries.seq, start.prevSeq))
      .orderBy(asc(contractsEvidenceEntries.seq))
      .limit(ContractsLimits.verifyPageSize);
    if (rows.length === 0) break;
    const entries = rows.map(toStoredEvidence);
    broken = checkChain(entries, start);
    if (broken) {
      checkedNow += broken.seq - start.prevSeq;
      break;
    }
    checkedNow += entries.length;
    const tail = entries[entries.length - 1] as StoredEvidence;
    start = { prevHash: tail.hash, prevSeq: tail.seq };
  }
  const roots = await verifyDailyRoots(db, rootsStart);
  if (options.advance && !broken) {
    // Only roots verified with their timestamp are remembered; later ones are checked again.
    const settled = roots.last !== null;
    const values = {
      verifiedSeq: start.prevSeq,
      verifiedHash: start.prevHash,
      verifiedRoots: rootsBefore + (settled ? roots.settled : 0),
      lastRootDate: roots.last?.afterDate ?? saved?.lastRootDate ?? null,
      lastRootHash: roots.last?.previousRootHash ?? saved?.lastRootHash ?? null,
      checkedAt: now,
    };
    await db
      .insert(contractsEvidenceCheckpoints)
      .values({ id: checkpointId, ...values })
      .onConflictDoUpdate({ target: contractsEvidenceCheckpoints.id, set: values });
  }
  return {
    chain: { entries: start.prevSeq, checkedNow, broken },
    roots: { roots: rootsBefore + roots.roots, checkedNow: roots.roots, broken: roots.broken },
  };
}
