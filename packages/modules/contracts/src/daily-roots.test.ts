import { createHash } from 'node:crypto';
import { transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { eq, sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { buildDailyRoot, entryHashesBetween, rootMessage, timestampPendingRoots } from './daily-roots';
import { appendEvidence } from './evidence-log';
import { inclusionProof, merkleRoot, verifyInclusion } from './merkle';
import { sandboxRootSigner, verifyRootSignature } from './root-signer';
import { contractsEvidenceRoots } from './schema';
import { sandboxTimestampAuthority, type TimestampAuthority } from './timestamp-authorities';
import { readTimeStampToken, verifyTimeStampToken } from './timestamp-protocol';
import { verifyDailyRoots } from './verify-roots';

describeDb('contracts: daily roots, signed and timestamped', (get) => {
  const timeZone = 'Asia/Shanghai';
  // 1 March 2026 in Shanghai runs from 2026-02-28T16:00Z to 2026-03-01T16:00Z.
  const onMarch1 = [
    new Date('2026-02-28T16:00:00Z'),
    new Date('2026-03-01T08:00:00Z'),
    new Date('2026-03-01T15:59:59Z'),
  ];
  const onMarch2 = new Date('2026-03-01T16:00:00Z');
  const now = new Date('2026-03-02T16:10:00Z');

  test("a day's root covers exactly that day's entries, is signed, and proves each entry", async () => {
    const { database } = get();
    for (const [i, at] of [...onMarch1, onMarch2].entries()) {
      await transaction(database, (tx) =>
        appendEvidence(tx, { subject: { kind: 'rental', id: 'rnt_1' }, kind: 'k', data: { i }, at }),
      );
    }
    const signer = await sandboxRootSigner(database.db, now);
    const root = await transaction(database, (tx) => buildDailyRoot(tx, { signer, timeZone, now }, '2026-03-01'));
    expect(root).toMatchObject({ businessDate: '2026-03-01', fromSeq: 1, toSeq: 3, treeSize: 3 });
    const hashes = await entryHashesBetween(database.db, 1, 3);
    expect(root?.rootHash).toBe(merkleRoot(hashes));
    expect(verifyRootSignature(root?.statement ?? '', root?.signature ?? '', root?.publicKeyPem ?? '')).toBe(true);
    expect(verifyRootSignature(`${root?.statement} `, root?.signature ?? '', root?.publicKeyPem ?? '')).toBe(false);
    for (let i = 0; i < 3; i++) {
      expect(verifyInclusion(hashes[i] as string, i, 3, inclusionProof(hashes, i), root?.rootHash ?? '')).toBe(true);
    }
    // Built again: the same root. The next day starts at the next entry.
    const again = await transaction(database, (tx) => buildDailyRoot(tx, { signer, timeZone, now }, '2026-03-01'));
    expect(again?.rootHash).toBe(root?.rootHash);
    const next = await transaction(database, (tx) => buildDailyRoot(tx, { signer, timeZone, now }, '2026-03-02'));
    expect(next).toMatchObject({ fromSeq: 4, toSeq: 4, treeSize: 1 });
    expect(JSON.parse(next?.statement ?? '{}').previousRootHash).toBe(root?.rootHash);
  });

  test('the sandbox authority answers in RFC 3161 DER; its token carries the digest and verifies', async () => {
    const { database } = get();
    const stamped = await timestampPendingRoots(database, [sandboxTimestampAuthority(database.db, () => now)]);
    expect(stamped).toEqual({ stamped: 2, failed: 0 });
    const [root] = await database.db
      .select()
      .from(contractsEvidenceRoots)
      .where(eq(contractsEvidenceRoots.businessDate, '2026-03-01'));
    const token = Buffer.from(root?.timestampToken ?? '', 'base64');
    expect(root?.timestampAuthority).toBe('sandbox-tsa');
    expect(root?.timestampedAt?.toISOString()).toBe(now.toISOString());
    const facts = await verifyTimeStampToken(token, rootMessage(root?.statement ?? ''));
    expect(facts.genTime.toISOString()).toBe(now.toISOString());
    // The same token does not vouch for another statement.
    await expect(verifyTimeStampToken(token, Buffer.from('other'))).rejects.toThrow(/another digest/);
    // One flipped byte in the token's signed content breaks its signature.
    const { facts: read } = readTimeStampToken(token);
    expect(read.digestHex).toBe(
      createHash('sha256')
        .update(rootMessage(root?.statement ?? ''))
        .digest('hex'),
    );
    const forged = Buffer.from(token);
    const at = forged.indexOf(Buffer.from(read.digestHex, 'hex'));
    forged[at + 31] = (forged[at + 31] ?? 0) ^ 0x01;
    await expect(verifyTimeStampToken(forged, rootMessage(root?.statement ?? ''))).rejects.toThrow();
  });

  test('authorities are tried in order: an outage fails over, and all down leaves the root waiting', async () => {
    const { database } = get();
    const down: TimestampAuthority = {
      name: 'tsa-down',
      stamp: () => Promise.reject(new Error('connect ECONNREFUSED')),
    };
    const calls: string[] = [];
    const counted = (a: TimestampAuthority): TimestampAuthority => ({
      name: a.name,
      stamp: (der) => {
        calls.push(a.name);
        return a.stamp(der);
      },
    });
    const signer = await sandboxRootSigner(database.db, now);
    await transaction(database, (tx) =>
      appendEvidence(tx, {
        subject: { kind: 'x', id: '1' },
        kind: 'k',
        data: {},
        at: new Date('2026-03-02T20:00:00Z'),
      }),
    );
    await transaction(database, (tx) => buildDailyRoot(tx, { signer, timeZone, now }, '2026-03-03'));
    expect(await timestampPendingRoots(database, [counted(down)])).toEqual({ stamped: 0, failed: 1 });
    const [waiting] = await database.db
      .select()
      .from(contractsEvidenceRoots)
      .where(eq(contractsEvidenceRoots.businessDate, '2026-03-03'));
    expect(waiting).toMatchObject({ timestampToken: null, timestampAttempts: 1 });
    expect(waiting?.timestampLastError).toContain('tsa-down: connect ECONNREFUSED');
    // The business goes on meanwhile: evidence is still appended.
    await transaction(database, (tx) =>
      appendEvidence(tx, { subject: { kind: 'x', id: '1' }, kind: 'k2', data: {}, at: now }),
    );
    calls.length = 0;
    const sandbox = counted(sandboxTimestampAuthority(database.db, () => now));
    expect(await timestampPendingRoots(database, [counted(down), sandbox])).toEqual({ stamped: 1, failed: 0 });
    expect(calls).toEqual(['tsa-down', 'sandbox-tsa']);
    const [stamped] = await database.db
      .execute(sql`select 1`)
      .then(() =>
        database.db.select().from(contractsEvidenceRoots).where(eq(contractsEvidenceRoots.businessDate, '2026-03-03')),
      );
    expect(stamped).toMatchObject({
      timestampAuthority: 'sandbox-tsa',
      timestampAttempts: 2,
      timestampLastError: null,
    });
  });

  test('days without entries have empty roots, and the chain of roots still verifies in date order', async () => {
    const { database } = get();
    const signer = await sandboxRootSigner(database.db, now);
    // Whatever the tests above appended is under the root of 31 March; 1–3 April have no entries:
    // three empty roots start at the same seq, one after the other.
    await transaction(database, (tx) => buildDailyRoot(tx, { signer, timeZone, now }, '2026-03-31'));
    const before = await verifyDailyRoots(database.db);
    expect(before.broken).toBeNull();
    const empty = [];
    for (const date of ['2026-04-01', '2026-04-02', '2026-04-03'] as const) {
      empty.push(await transaction(database, (tx) => buildDailyRoot(tx, { signer, timeZone, now }, date)));
    }
    const fromSeq = empty[0]?.fromSeq;
    expect(empty.map((r) => [r?.businessDate, r?.fromSeq, r?.toSeq, r?.treeSize])).toEqual(
      ['2026-04-01', '2026-04-02', '2026-04-03'].map((d) => [d, fromSeq, (fromSeq ?? 0) - 1, 0]),
    );
    // A later write to the first of them (its timestamp arriving, say) moves its row in the table:
    // the order of the rows is not the order of the roots.
    await database.db.execute(
      sql`update contracts_evidence_roots set timestamp_attempts = timestamp_attempts + 1 where business_date = '2026-04-01'`,
    );
    expect(await verifyDailyRoots(database.db)).toMatchObject({ roots: before.roots + 3, broken: null });
  });
});
