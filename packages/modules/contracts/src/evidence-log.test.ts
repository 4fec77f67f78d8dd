import { transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { canonicalJson, sha256Hex } from './canonical-json';
import { appendEvidence, genesisHash, verifyEvidenceChain } from './evidence-log';

test('canonical JSON is the same whatever the order of the keys (RFC 8785)', () => {
  const a = { b: 1, a: { y: [3, { d: 'é', c: null }], x: '中文' }, c: 1.5e3 };
  const b = { c: 1500, a: { x: '中文', y: [3, { c: null, d: 'é' }] }, b: 1 };
  expect(canonicalJson(a)).toBe(canonicalJson(b));
  expect(canonicalJson(a)).toBe('{"a":{"x":"中文","y":[3,{"c":null,"d":"é"}]},"b":1,"c":1500}');
  // Array order is content: it changes the text.
  expect(canonicalJson({ y: [1, 2] })).not.toBe(canonicalJson({ y: [2, 1] }));
});

describeDb('contracts: the evidence chain', (get) => {
  const at = new Date('2026-03-01T02:00:00Z');

  test('entries chain: hash_i = SHA-256(hash_{i-1} ‖ canonical JSON(entry_i)), from 32 zero bytes', async () => {
    const first = await transaction(get().database, (tx) =>
      appendEvidence(tx, {
        subject: { kind: 'rental', id: 'rnt_1' },
        customerId: 'cus_1',
        kind: 'terms.shown',
        data: { rentMinor: 29900, months: 12 },
        at,
      }),
    );
    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe(genesisHash);
    const { prevHash: _p, hash: _h, ...entry } = first;
    expect(first.hash).toBe(sha256Hex(Buffer.alloc(32), Buffer.from(canonicalJson(entry), 'utf8')));
    // Key order of the data does not change the hash: the same entry with keys written the other way.
    const reordered = { ...entry, data: { months: 12, rentMinor: 29900 } };
    expect(sha256Hex(Buffer.alloc(32), canonicalJson(reordered))).toBe(first.hash);

    const second = await transaction(get().database, (tx) =>
      appendEvidence(tx, { subject: { kind: 'rental', id: 'rnt_1' }, kind: 'consent.sms', data: { ok: true }, at }),
    );
    expect(second.seq).toBe(2);
    expect(second.prevHash).toBe(first.hash);
    expect(await verifyEvidenceChain(get().database.db)).toEqual({ entries: 2, broken: null });
  });

  test('an append rolled back with its transaction leaves no entry and no gap', async () => {
    await transaction(get().database, async (tx) => {
      await appendEvidence(tx, { subject: { kind: 'rental', id: 'rnt_2' }, kind: 'x', data: {}, at });
      throw new Error('the business command failed');
    }).catch(() => undefined);
    const next = await transaction(get().database, (tx) =>
      appendEvidence(tx, { subject: { kind: 'rental', id: 'rnt_2' }, kind: 'y', data: {}, at }),
    );
    expect(next.seq).toBe(3);
    expect((await verifyEvidenceChain(get().database.db)).broken).toBeNull();
  });

  test('concurrent appends form one chain without gaps', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        transaction(get().database, (tx) =>
          appendEvidence(tx, { subject: { kind: 'rental', id: `rnt_c${i}` }, kind: 'z', data: { i }, at }),
        ),
      ),
    );
    expect(await verifyEvidenceChain(get().database.db)).toEqual({ entries: 11, broken: null });
  });

  test('one changed byte in a stored entry is found, and named', async () => {
    const db = get().database.db;
    // An operator with database access edits the amount of entry 1 (29900 → 29800).
    await db.execute(
      sql`update contracts_evidence_entries set data = jsonb_set(data, '{rentMinor}', '29800') where seq = 1`,
    );
    const result = await verifyEvidenceChain(db);
    expect(result.broken).toMatchObject({ seq: 1, why: 'hash' });
    await db.execute(
      sql`update contracts_evidence_entries set data = jsonb_set(data, '{rentMinor}', '29900') where seq = 1`,
    );
    expect((await verifyEvidenceChain(db)).broken).toBeNull();
    // A changed kind is found at that entry; a changed link at the entry that carries it.
    await db.execute(sql`update contracts_evidence_entries set kind = 'consent.smz' where seq = 2`);
    expect((await verifyEvidenceChain(db)).broken).toMatchObject({ seq: 2, why: 'hash' });
    await db.execute(sql`update contracts_evidence_entries set kind = 'consent.sms' where seq = 2`);
    await db.execute(sql`update contracts_evidence_entries set prev_hash = ${genesisHash} where seq = 3`);
    expect((await verifyEvidenceChain(db)).broken).toMatchObject({ seq: 3, why: 'link' });
    await db.execute(
      sql`update contracts_evidence_entries set prev_hash = (select hash from contracts_evidence_entries where seq = 2) where seq = 3`,
    );
    expect((await verifyEvidenceChain(db)).broken).toBeNull();
    // Deleting an entry leaves a gap that is named.
    await db.execute(sql`delete from contracts_evidence_entries where seq = 3`);
    expect((await verifyEvidenceChain(db)).broken).toMatchObject({ seq: 4, why: 'gap' });
  });
});
