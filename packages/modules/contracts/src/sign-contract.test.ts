import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { localDateTimeOf, today } from '@zulin/kernel';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildDailyRoot, timestampPendingRoots } from './daily-roots';
import { draftContract } from './draft-contract';
import { verifyEvidenceChain } from './evidence-log';
import { verifyProofBundle } from './proof-bundle';
import { sandboxRootSigner } from './root-signer';
import { sandboxTimestampAuthority } from './timestamp-authorities';
import { verifyDailyRoots } from './verify-roots';

// A 1×1 PNG, as a drawn signature.
const png =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const installmentTerms = {
  productName: 'iPhone 16 Pro 256GB 黑色钛金属',
  principalMinor: 599_900,
  termMonths: 12,
  aprBps: 1268,
  paymentMinor: 53_300,
  totalPaymentMinor: 639_600,
  schedule: [{ period: 1, dueDate: '2026-04-15', paymentMinor: 53_300 }],
};

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'contract-'));
  writeFileSync(join(dir, 'c.pdf'), pdf);
  return execFileSync('pdftotext', ['-layout', join(dir, 'c.pdf'), '-'], { encoding: 'utf8' });
}

function pdfsig(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'sealed-'));
  writeFileSync(join(dir, 's.pdf'), pdf);
  try {
    return execFileSync('pdfsig', [join(dir, 's.pdf')], { encoding: 'utf8' });
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

describeDb('contracts: drafting, the SMS consent, signing and the seal', (get) => {
  let s: TestServer;
  let signedId = '';
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
  });
  afterAll(async () => {
    await s?.close();
  });

  const draft = (customerId: string, subjectId: string, locale: 'zh-CN' | 'en' = 'zh-CN') =>
    transaction(s.ctx.database, (tx) =>
      draftContract(
        tx,
        { clock: s.clock },
        {
          customerId,
          subject: { kind: 'installment', id: subjectId },
          template: 'installment',
          locale,
          terms: installmentTerms,
        },
      ),
    );

  async function lastCode(phone: string): Promise<string> {
    const res = await s.app.inject({ url: `/v1/sandbox/sms?phone=${encodeURIComponent(phone)}` });
    return res.json().data[0].code;
  }

  test('a draft in Chinese extracts as written, with the APR larger and first; its hash is the PDF’s', async () => {
    const alice = await signInTestCustomer(s);
    const drafted = await draft(alice.customerId, 'ins_zh');
    expect(drafted.version).toBe(1);
    const pdf = await s.app.inject({ url: `/v1/contracts/${drafted.contractId}/pdf`, headers: bearer(alice.token) });
    expect(pdf.statusCode).toBe(200);
    expect(createHash('sha256').update(pdf.rawPayload).digest('hex')).toBe(drafted.documentHash);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('分期购机合同');
    expect(text).toContain('iPhone 16 Pro 256GB 黑色钛金属');
    expect(text).toContain('年化利率（APR，按内部收益率计算）');
    expect(text.indexOf('12.68%')).toBeLessThan(text.indexOf('每期还款额'));
    expect(text).toContain('每期还款额：¥533.00');
    // Another customer does not see it.
    const bob = await signInTestCustomer(s);
    const theirs = await s.app.inject({ url: `/v1/contracts/${drafted.contractId}`, headers: bearer(bob.token) });
    expect(theirs.statusCode).toBe(404);
  });

  test('installment terms without the annualised rate are refused', async () => {
    const alice = await signInTestCustomer(s);
    const { aprBps: _apr, ...withoutApr } = installmentTerms;
    const refused = await transaction(s.ctx.database, (tx) =>
      draftContract(
        tx,
        { clock: s.clock },
        {
          customerId: alice.customerId,
          subject: { kind: 'installment', id: 'ins_noapr' },
          template: 'installment',
          locale: 'en',
          terms: withoutApr,
        },
      ),
    ).catch((e: { code?: string }) => e.code);
    expect(refused).toBe('CONTRACTS_TERMS_INVALID');
  });

  test('signing: code bound to the document, outdated draft, wrong code, signed twice; the sealed PDF verifies with pdfsig', async () => {
    const phone = randomTestPhone();
    const alice = await signInTestCustomer(s, phone);
    const first = await draft(alice.customerId, 'ins_sign', 'en');
    const code1 = await s.app.inject({
      method: 'POST',
      url: `/v1/contracts/${first.contractId}/sign-codes`,
      headers: bearer(alice.token),
    });
    expect(code1.statusCode).toBe(202);
    expect(code1.json().documentHash).toBe(first.documentHash);
    const oldCode = await lastCode(phone);

    // A new draft of the same order supersedes the first: signing the first is refused.
    s.clock.advance(61_000);
    const second = await draft(alice.customerId, 'ins_sign', 'en');
    expect(second.version).toBe(2);
    expect(second.documentHash).not.toBe(first.documentHash);
    const outdated = await s.app.inject({
      method: 'POST',
      url: `/v1/contracts/${first.contractId}/sign`,
      headers: bearer(alice.token),
      payload: { code: oldCode, signature: { kind: 'typed', name: 'Alice' } },
    });
    expect(outdated.json(), outdated.body).toMatchObject({ code: 'CONTRACTS_DRAFT_OUTDATED' });

    // The first draft's code does not sign the second (bound to the other document hash).
    const wrongDoc = await s.app.inject({
      method: 'POST',
      url: `/v1/contracts/${second.contractId}/sign`,
      headers: bearer(alice.token),
      payload: { code: oldCode, signature: { kind: 'typed', name: 'Alice' } },
    });
    expect(wrongDoc.json().code).toBe('CONTRACTS_CODE_INVALID');

    s.clock.advance(61_000);
    await s.app.inject({
      method: 'POST',
      url: `/v1/contracts/${second.contractId}/sign-codes`,
      headers: bearer(alice.token),
    });
    const code = await lastCode(phone);
    const wrong = await s.app.inject({
      method: 'POST',
      url: `/v1/contracts/${second.contractId}/sign`,
      headers: bearer(alice.token),
      payload: { code: code === '000000' ? '111111' : '000000', signature: { kind: 'drawn', dataUrl: png } },
    });
    expect(wrong.json().code).toBe('CONTRACTS_CODE_INVALID');
    // A picture that starts like a PNG but does not decode is refused as input, with the right code.
    const corrupt = `data:image/png;base64,${Buffer.concat([Buffer.from(png.split(',')[1] ?? '', 'base64').subarray(0, 8), Buffer.alloc(64, 7)]).toString('base64')}`;
    const broken = await s.app.inject({
      method: 'POST',
      url: `/v1/contracts/${second.contractId}/sign`,
      headers: bearer(alice.token),
      payload: { code, signature: { kind: 'drawn', dataUrl: corrupt } },
    });
    expect(broken.statusCode, broken.body).toBe(422);
    expect(broken.json().code).toBe('CONTRACTS_SIGNATURE_INVALID');
    const signed = await s.app.inject({
      method: 'POST',
      url: `/v1/contracts/${second.contractId}/sign`,
      headers: bearer(alice.token),
      payload: { code, signature: { kind: 'drawn', dataUrl: png } },
    });
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({
      status: 'signed',
      signatureKind: 'drawn',
      documentHash: second.documentHash,
    });

    const again = await s.app.inject({
      method: 'POST',
      url: `/v1/contracts/${second.contractId}/sign`,
      headers: bearer(alice.token),
      payload: { code, signature: { kind: 'drawn', dataUrl: png } },
    });
    expect(again.json().code).toBe('CONTRACTS_ALREADY_SIGNED');

    const pdf = await s.app.inject({ url: `/v1/contracts/${second.contractId}/pdf`, headers: bearer(alice.token) });
    const sealed = pdf.rawPayload;
    expect(createHash('sha256').update(sealed).digest('hex')).toBe(signed.json().signedPdfHash);
    const report = pdfsig(sealed);
    expect(report).toContain('adbe.pkcs7.detached');
    expect(report).toContain('Signature is Valid.');
    expect(pdfText(sealed)).toContain(second.documentHash);
    // The time is the business zone's wall clock with its offset, not UTC.
    const signedAt = new Date(signed.json().signedAt);
    expect(pdfText(sealed)).toContain(`${localDateTimeOf(signedAt, s.ctx.config.timeZone)} (${s.ctx.config.timeZone})`);
    expect(pdfText(sealed)).not.toContain(signedAt.toISOString().slice(0, 19));
    // One changed byte inside the sealed range breaks the seal.
    const tampered = Buffer.from(sealed);
    tampered[200] = (tampered[200] ?? 0) ^ 0x01;
    expect(pdfsig(tampered)).not.toContain('Signature is Valid.');

    // Staff find it; the chain holds drafted, code sent, consent, signed.
    const staff = await signInTestStaff(s, 'operator');
    const found = await s.app.inject({
      url: `/v1/admin/contracts?q=${second.contractId}`,
      headers: bearer(staff.token),
    });
    expect(found.json().data).toHaveLength(1);
    expect((await verifyEvidenceChain(s.ctx.database.db)).broken).toBeNull();
    signedId = second.contractId;
  });

  test('the proof bundle verifies offline; one changed byte in an entry, a PDF or the ZIP is found and named', async () => {
    const db = s.ctx.database.db;
    // The day's root, signed and timestamped by the sandbox authority.
    const signer = await sandboxRootSigner(db, s.clock.now());
    const date = today(s.clock, s.ctx.config.timeZone);
    s.clock.advance(86_400_000);
    await transaction(s.ctx.database, (tx) =>
      buildDailyRoot(tx, { signer, timeZone: s.ctx.config.timeZone, now: s.clock.now() }, date),
    );
    expect(
      await timestampPendingRoots(s.ctx.database, [sandboxTimestampAuthority(db, () => s.clock.now())]),
    ).toMatchObject({ failed: 0 });
    expect(await verifyDailyRoots(db)).toMatchObject({ broken: null });

    const staff = await signInTestStaff(s, 'support');
    const res = await s.app.inject({
      url: `/v1/admin/contracts/${signedId}/proof-bundle`,
      headers: bearer(staff.token),
    });
    expect(res.statusCode).toBe(200);
    const zip = res.rawPayload;
    const good = await verifyProofBundle(zip);
    // Drafted, code sent, consent checked, signed: each proven under the day's root.
    expect(good).toMatchObject({ ok: true, entries: 4, proven: 4, timestamped: 1 });

    // Re-zipped with a changed amount in an entry, the manifest updated to match: the entry is named.
    const files = unzipSync(zip);
    const entries = JSON.parse(strFromU8(files['entries.json'] as Uint8Array));
    entries[0].data.version = 3;
    const forged: Record<string, Uint8Array> = { ...files, 'entries.json': strToU8(JSON.stringify(entries)) };
    const manifest = JSON.parse(strFromU8(files['manifest.json'] as Uint8Array));
    manifest['entries.json'] = createHash('sha256')
      .update(forged['entries.json'] as Uint8Array)
      .digest('hex');
    forged['manifest.json'] = strToU8(JSON.stringify(manifest));
    expect(await verifyProofBundle(zipSync(forged))).toMatchObject({
      ok: false,
      where: `entry ${entries[0].seq} (contract.drafted)`,
    });
    // One byte of the signed PDF changed: named by the manifest.
    const pdf = Buffer.from(files['signed.pdf'] as Uint8Array);
    pdf[300] = (pdf[300] ?? 0) ^ 0x01;
    expect(await verifyProofBundle(zipSync({ ...files, 'signed.pdf': pdf }))).toMatchObject({
      ok: false,
      where: 'signed.pdf',
    });
    // One byte of the ZIP itself changed (inside the stored data): the archive or a file is named.
    const raw = Buffer.from(zip);
    raw[Math.floor(raw.length / 2)] = (raw[Math.floor(raw.length / 2)] ?? 0) ^ 0x01;
    const broken = await verifyProofBundle(raw);
    expect(broken.ok).toBe(false);

    // The whole log, in the database: one changed byte in an entry is named.
    await db.execute(
      sql`update contracts_evidence_entries set kind = 'contract.signeD' where kind = 'contract.signed'`,
    );
    expect((await verifyEvidenceChain(db)).broken).toMatchObject({ why: 'hash' });
  });
});
