import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeDb } from '@zulin/db/testing';
import { findCustomerIdByPhone, identityModule } from '@zulin/identity';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { evidenceOfSubject, verifyEvidenceChain } from './evidence-log';
import { contractsModule } from './module';
import { contractsContracts } from './schema';
import { demoContracts } from './seed';

describeDb('contracts demo data', (get) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('two demo contracts signed through SMS consent and sealed, one awaiting signature; a second run changes nothing', async () => {
    await identityModule.seed?.(s.ctx);
    expect(await contractsModule.seed?.(s.ctx)).toEqual({ created: 3 });
    const db = s.ctx.database.db;
    const rows = await db.select().from(contractsContracts).orderBy(asc(contractsContracts.subjectId));
    expect(rows.map((r) => [r.subjectId, r.status, r.signatureKind, r.locale])).toEqual([
      ['demo-installment-wang', 'signed', 'typed', 'en'],
      ['demo-installment-zhang', 'draft', null, 'zh-CN'],
      ['demo-rental-li', 'signed', 'typed', 'zh-CN'],
    ]);
    for (const demo of demoContracts) {
      const row = rows.find((r) => r.subjectId === demo.subject.id);
      expect(row?.customerId).toBe(await findCustomerIdByPhone(db, s.ctx.config.masterKey, demo.phone));
    }
    const signed = rows.find((r) => r.subjectId === 'demo-rental-li');
    const kinds = (await evidenceOfSubject(db, { kind: 'contract', id: signed?.id as string })).map((e) => e.kind);
    expect(kinds).toEqual(['contract.drafted', 'contract.code_sent', 'contract.consent_checked', 'contract.signed']);
    // The sealed PDF carries the typed signature and verifies with poppler's pdfsig.
    const dir = mkdtempSync(join(tmpdir(), 'demo-contract-'));
    writeFileSync(join(dir, 's.pdf'), Buffer.from(signed?.signedPdf as string, 'base64'));
    expect(execFileSync('pdftotext', [join(dir, 's.pdf'), '-'], { encoding: 'utf8' })).toContain('李四');
    expect(execFileSync('pdfsig', [join(dir, 's.pdf')], { encoding: 'utf8' })).toContain('Signature is Valid');
    expect(await verifyEvidenceChain(db)).toMatchObject({ broken: null });

    expect(await contractsModule.seed?.(s.ctx)).toEqual({ created: 0 });
    expect(await db.select().from(contractsContracts)).toHaveLength(3);
  });
});
