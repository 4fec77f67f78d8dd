import { execFileSync } from 'node:child_process';
import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeIdNumber } from './id-number';
import { maskBankCard, maskIdNumber, maskName, maskPhone } from './mask';
import { blindIndex, decryptPii, encryptPii, isPiiCiphertext, piiKeyVersion } from './pii';
import { encryptedColumns, rotateKeys } from './rotate-keys';
import { bearer, signInTestCustomer, signInTestStaff } from './testing';

describe('masks', () => {
  test('phone, ID number, names, bank cards', () => {
    expect(maskPhone('+8613812345678')).toBe('138****5678');
    expect(maskIdNumber('110105199001011234')).toBe('110***********1234');
    expect(maskName('张三丰')).toBe('张*丰');
    expect(maskName('张三')).toBe('*三');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskBankCard('6222021234567890123')).toBe('622202*********0123');
  });
});

describeDb('personal data encryption', (get, kind) => {
  let s: TestServer;
  const key = () => s.ctx.config.masterKey;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('encrypt → decrypt gives the text back; the ciphertext differs each time and names its key', async () => {
    const db = s.ctx.database.db;
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 60 }), async (text) => {
        const a = await encryptPii(db, key(), text);
        const b = await encryptPii(db, key(), text);
        expect(isPiiCiphertext(a)).toBe(true);
        if (text.length > 0) expect(a).not.toBe(b);
        expect(await decryptPii(db, key(), a)).toBe(text);
      }),
      { numRuns: 50 },
    );
  });

  test('a tampered ciphertext does not decrypt', async () => {
    const db = s.ctx.database.db;
    const c = await encryptPii(db, key(), '110105199001011234');
    const parts = c.split('.');
    const ct = Buffer.from(parts[3] ?? '', 'base64url');
    ct[0] = (ct[0] ?? 0) ^ 1;
    parts[3] = ct.toString('base64url');
    await expect(decryptPii(db, key(), parts.join('.'))).rejects.toThrow();
  });

  test('the blind index finds equal values whatever their spacing, and differs by kind and by key', () => {
    expect(blindIndex(key(), 'phone', '+86 138-1234-5678')).toBe(blindIndex(key(), 'phone', '+8613812345678'));
    expect(blindIndex(key(), 'phone', '+8613812345678')).not.toBe(blindIndex(key(), 'id_number', '+8613812345678'));
    expect(blindIndex(Buffer.alloc(32, 1), 'phone', '+8613812345678')).not.toBe(
      blindIndex(key(), 'phone', '+8613812345678'),
    );
  });

  test('key rotation re-encrypts every column under the new key and every record stays readable', async () => {
    const db = s.ctx.database.db;
    const customers = [];
    for (let i = 0; i < 7; i++) customers.push(await signInTestCustomer(s, `+86135000000${10 + i}`));
    const staff = await signInTestStaff(s, 'admin');
    const before = new Map<string, string>();
    for (const c of customers) {
      before.set(c.customerId, (await s.app.inject({ url: '/v1/me', headers: bearer(c.token) })).json().phoneMasked);
    }
    // Small batches, so that several batch transactions run.
    const first = await rotateKeys(s.ctx.database, {
      masterKey: key(),
      now: s.clock.now(),
      createKey: true,
      batchSize: 3,
    });
    expect(first.remaining).toBe(0);
    expect(first.reencrypted['identity_customers.phone_enc']).toBeGreaterThanOrEqual(7);
    for (const c of encryptedColumns()) {
      const rows = await queryRows<{ v: string }>(
        db,
        sql`select ${sql.identifier(c.column)} as v from ${sql.identifier(c.table)} where ${sql.identifier(c.column)} is not null`,
      );
      for (const row of rows) {
        expect(piiKeyVersion(row.v)).toBe(first.activeVersion);
        await decryptPii(db, key(), row.v);
      }
    }
    for (const c of customers) {
      const me = (await s.app.inject({ url: '/v1/me', headers: bearer(c.token) })).json();
      expect(me.phoneMasked).toBe(before.get(c.customerId));
    }
    // Staff TOTP secrets were re-encrypted too, and the customer is still found by phone.
    const found = (
      await s.app.inject({ url: '/v1/admin/customers?phone=%2B8613500000010', headers: bearer(staff.token) })
    ).json();
    expect(found.data).toHaveLength(1);
    // Resuming finds nothing left; a second rotation works the same way.
    const resumed = await rotateKeys(s.ctx.database, { masterKey: key(), now: s.clock.now(), createKey: false });
    expect(Object.values(resumed.reencrypted).every((n) => n === 0)).toBe(true);
    const second = await rotateKeys(s.ctx.database, { masterKey: key(), now: s.clock.now(), createKey: true });
    expect(second.activeVersion).toBe(first.activeVersion + 1);
    expect(second.remaining).toBe(0);
  });

  test.runIf(kind === 'postgres')(
    'a pg_dump of the database in use holds no clear name, ID number or phone',
    async () => {
      const phone = '+8613912345678';
      const name = '司马相如';
      const idNumber = makeIdNumber('110105', '19880412', '357');
      const { token } = await signInTestCustomer(s, phone);
      const verified = await s.app.inject({
        method: 'POST',
        url: '/v1/me/identity',
        headers: bearer(token),
        payload: { name, idNumber },
      });
      expect(verified.statusCode).toBe(200);
      const sms = await s.app.inject({
        method: 'POST',
        url: '/v1/auth/sms-codes',
        payload: { phone: '+8613912345679' },
        remoteAddress: '10.77.0.1',
      });
      expect(sms.statusCode).toBe(202);
      const admin = await signInTestStaff(s, 'admin');
      const revealed = await s.app.inject({
        method: 'POST',
        url: `/v1/admin/customers/${verified.json().id}/reveal`,
        // The clear answer must not be kept for Idempotency-Key replay either.
        headers: { ...bearer(admin.token), 'idempotency-key': 'reveal-once' },
        payload: { reason: 'dump test' },
      });
      expect(revealed.json()).toMatchObject({ phone, realName: name, idNumber });

      const [{ db: dbName } = { db: '' }] = await queryRows<{ db: string }>(
        s.ctx.database.db,
        sql`select current_database() as db`,
      );
      const url = new URL(process.env.TEST_DATABASE_URL ?? '');
      url.pathname = `/${dbName}`;
      const dump = execFileSync('/usr/bin/pg_dump', ['--data-only', '--no-owner', url.toString()], {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      });
      expect(dump).toContain('identity_customers');
      for (const clear of [
        phone,
        phone.slice(3),
        '+8613912345679',
        '13912345679',
        name,
        idNumber,
        idNumber.slice(6, 14) + idNumber.slice(14),
      ]) {
        expect(dump.includes(clear), `dump contains ${clear}`).toBe(false);
      }
    },
  );
});
