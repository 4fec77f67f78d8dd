// Consent (PIPL): no account without agreement to the documents in force, each agreement kept with
// its version, time and address; a new version is asked for again at the next login.
import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { currentLegalDocuments } from './legal-documents';
import { bearer, consentsInForce } from './testing';

describeDb('consent to the legal documents', (get) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
  });
  afterAll(async () => {
    await s?.close();
  });

  let ip = 0;
  async function codeFor(phone: string): Promise<string> {
    const remoteAddress = `10.77.0.${++ip}`;
    expect(
      (await s.app.inject({ method: 'POST', url: '/v1/auth/sms-codes', payload: { phone }, remoteAddress })).statusCode,
    ).toBe(202);
    return (await s.app.inject(`/v1/sandbox/sms?phone=${encodeURIComponent(phone)}`)).json().data[0].code;
  }
  const login = (payload: Record<string, unknown>) =>
    s.app.inject({ method: 'POST', url: '/v1/auth/login', payload, remoteAddress: '203.0.113.7' });
  const customerCount = async () =>
    (await queryRows<{ n: number }>(s.ctx.database.db, sql`select count(*)::int as n from identity_customers`))[0]?.n;

  test('the documents are public, versioned, in Chinese by default and in English', async () => {
    const index = (await s.app.inject('/v1/legal')).json();
    expect(index.data).toEqual([
      { document: 'terms', version: '2026-11-01', effectiveDate: '2026-11-01', title: 'Zulin 用户协议' },
      { document: 'privacy', version: '2026-11-01', effectiveDate: '2026-11-01', title: 'Zulin 隐私政策' },
    ]);
    const privacy = (await s.app.inject('/v1/legal/privacy?lang=en')).json();
    expect(privacy.title).toBe('Zulin privacy policy');
    expect(privacy.sections.length).toBeGreaterThanOrEqual(6);
    expect((await s.app.inject('/v1/legal/cookies')).statusCode).toBe(422);
  });

  test('a new phone is refused without consent, and nothing is kept: no account, the code still works', async () => {
    const phone = '+8613700137001';
    const code = await codeFor(phone);
    const before = await customerCount();
    const refused = await login({ phone, code });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'CONSENT_REQUIRED' });
    expect(refused.json().errors.map((e: { message: string }) => e.message)).toEqual([
      'must include {"document":"terms","version":"2026-11-01"}',
      'must include {"document":"privacy","version":"2026-11-01"}',
    ]);
    expect(await customerCount()).toBe(before);

    // Half the consent is not enough; an outdated version is refused by name.
    const half = await login({ phone, code, consents: [consentsInForce()[0]] });
    expect(half.json().errors.map((e: { message: string }) => e.message)).toEqual([
      'must include {"document":"privacy","version":"2026-11-01"}',
    ]);
    const old = await login({ phone, code, consents: [{ document: 'terms', version: '2025-01-01' }] });
    expect(old.json()).toMatchObject({ code: 'CONSENT_VERSION_OUTDATED' });
    expect(old.json().errors[0].path).toBe('/body/consents/0/version');

    const ok = await login({ phone, code, consents: consentsInForce() });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().created).toBe(true);
    const mine = (await s.app.inject({ url: '/v1/me/consents', headers: bearer(ok.json().accessToken) })).json();
    expect(mine.pending).toEqual([]);
    expect(mine.accepted.map((a: { document: string; version: string }) => [a.document, a.version]).sort()).toEqual([
      ['privacy', '2026-11-01'],
      ['terms', '2026-11-01'],
    ]);
    const rows = await queryRows<{ ip: string }>(
      s.ctx.database.db,
      sql`select ip from identity_consents where customer_id = ${ok.json().customer.id}`,
    );
    expect(rows.map((r) => r.ip)).toEqual(['203.0.113.7', '203.0.113.7']);
  });

  test('a customer who agreed logs in without sending consents; one who agreed to an older version is asked again', async () => {
    const phone = '+8613700137002';
    const first = await login({ phone, code: await codeFor(phone), consents: consentsInForce() });
    const customerId = first.json().customer.id;
    s.clock.advance(61_000);
    const again = await login({ phone, code: await codeFor(phone) });
    expect(again.statusCode).toBe(200);

    // As if the privacy policy had a new version since: the customer's agreement is to the old one.
    await s.ctx.database.db.execute(
      sql`update identity_consents set version = '2025-06-01' where customer_id = ${customerId} and document = 'privacy'`,
    );
    s.clock.advance(61_000);
    const code = await codeFor(phone);
    const asked = await login({ phone, code });
    expect(asked.json().errors.map((e: { message: string }) => e.message)).toEqual([
      `must include {"document":"privacy","version":"${currentLegalDocuments.privacy.version}"}`,
    ]);
    const token = again.json().accessToken;
    expect((await s.app.inject({ url: '/v1/me/consents', headers: bearer(token) })).json().pending).toEqual([
      { document: 'privacy', version: '2026-11-01' },
    ]);
    // Agreeing from the app (signed in) records it, and the next login passes.
    const given = await s.app.inject({
      method: 'POST',
      url: '/v1/me/consents',
      headers: bearer(token),
      payload: { consents: [{ document: 'privacy', version: '2026-11-01' }] },
    });
    expect([given.statusCode, given.json().pending]).toEqual([200, []]);
    expect((await login({ phone, code })).statusCode).toBe(200);
  });
});
