// The console's verification reads only what was appended since its last call: real counts of
// entries checked per call, a tampered old entry found by the full check (and by the checkpoint's
// own entry), a tampered new entry found at once.
import { transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { appendEvidence, verifyEvidenceChain } from './evidence-log';
import { verifyEvidenceIncrementally } from './verify-incrementally';

describeDb('contracts: incremental verification of the evidence chain', (get) => {
  const at = new Date('2026-03-01T02:00:00Z');
  const append = (n: number, from: number) =>
    transaction(get().database, async (tx) => {
      for (let i = 0; i < n; i++) {
        await appendEvidence(tx, {
          subject: { kind: 'rental', id: `rnt_inc_${from + i}` },
          kind: 'terms.shown',
          data: { rentMinor: 10_000 + from + i },
          at,
        });
      }
    });

  test('each call checks only the entries appended since the one before', async () => {
    const db = get().database.db;
    await append(7, 0);
    // A read never moves the checkpoint: two reads answer the same (the route walker reads twice).
    const read = await verifyEvidenceIncrementally(db, at);
    expect(read.chain).toEqual({ entries: 7, checkedNow: 7, broken: null });
    expect(await verifyEvidenceIncrementally(db, at)).toEqual(read);
    const first = await verifyEvidenceIncrementally(db, at, { advance: true });
    expect(first.chain).toEqual({ entries: 7, checkedNow: 7, broken: null });
    const idle = await verifyEvidenceIncrementally(db, at);
    expect(idle.chain).toEqual({ entries: 7, checkedNow: 0, broken: null });
    await append(3, 7);
    const third = await verifyEvidenceIncrementally(db, at, { advance: true });
    expect(third.chain).toEqual({ entries: 10, checkedNow: 3, broken: null });

    // A new entry changed after it was appended: found on the next call, the checkpoint stays.
    await append(2, 10);
    await db.execute(sql`update contracts_evidence_entries set data = '{"rentMinor": 1}'::jsonb where seq = 12`);
    const broken = await verifyEvidenceIncrementally(db, at, { advance: true });
    expect(broken.chain).toMatchObject({ entries: 10, checkedNow: 2, broken: { seq: 12, why: 'hash' } });
    expect((await verifyEvidenceIncrementally(db, at, { advance: true })).chain.broken).toMatchObject({ seq: 12 });

    // An old entry rewritten (hash and all) before the checkpoint is not re-read per call: the
    // checkpoint's own entry is, and the full walk (`zulin evidence verify`) finds any.
    await db.execute(sql`update contracts_evidence_entries set data = '{"rentMinor": 2}'::jsonb where seq = 3`);
    expect((await verifyEvidenceChain(db)).broken).toMatchObject({ seq: 3, why: 'hash' });
    expect((await verifyEvidenceIncrementally(db, at, { full: true })).chain.broken).toMatchObject({ seq: 3 });
    await db.execute(sql`update contracts_evidence_entries set hash = ${'0'.repeat(64)} where seq = 10`);
    expect((await verifyEvidenceIncrementally(db, at)).chain).toMatchObject({ checkedNow: 1, broken: { seq: 10 } });
  });
});
