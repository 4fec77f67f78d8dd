import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ageOn, checkIdNumber, idCheckChar, makeIdNumber } from './id-number';
import { bearer, signInTestCustomer } from './testing';

describe('GB 11643 ID numbers', () => {
  test('the published example 11010519491231002X has check character X', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(checkIdNumber('11010519491231002x')).toEqual({
      ok: true,
      idNumber: '11010519491231002X',
      birthDate: '1949-12-31',
    });
  });

  test('any single changed digit breaks the check character', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (position, delta) => {
        const valid = makeIdNumber('440305', '19920229', '512');
        const digits = valid.split('');
        digits[position] = String((Number(digits[position]) + delta) % 10);
        const changed = digits.join('');
        const result = checkIdNumber(changed);
        expect(result.ok).toBe(false);
      }),
    );
  });

  test('format, check digit and birth date problems are told apart', () => {
    expect(checkIdNumber('12345')).toEqual({ ok: false, problem: 'format' });
    expect(checkIdNumber('110105199001011230')).toMatchObject({ ok: false });
    expect(checkIdNumber(makeIdNumber('110105', '19900230', '123'))).toEqual({ ok: false, problem: 'birth_date' });
  });

  test('age counts whole years; the day before the 18th birthday is 17', () => {
    expect(ageOn('2008-03-02', '2026-03-01')).toBe(17);
    expect(ageOn('2008-03-02', '2026-03-02')).toBe(18);
    expect(ageOn('1960-03-03', '2026-03-02')).toBe(65);
    expect(ageOn('1960-03-02', '2026-03-02')).toBe(66);
  });
});

describeDb('real-name verification', (get) => {
  let s: TestServer;
  beforeAll(async () => {
    // 2026-03-02 10:00 in Shanghai.
    s = await createTestServer(get().database, { modules, now: '2026-03-02T02:00:00Z' });
  });
  afterAll(async () => {
    await s?.close();
  });

  const verify = async (token: string, body: Record<string, string>) =>
    s.app.inject({ method: 'POST', url: '/v1/me/identity', headers: bearer(token), payload: body });

  test('a valid identity is verified, stored encrypted, and shown masked', async () => {
    const { token, customerId } = await signInTestCustomer(s);
    const idNumber = makeIdNumber('110105', '19900307', '123');
    const res = await verify(token, { name: '张三丰', idNumber });
    expect(res.statusCode).toBe(200);
    expect(res.json().identity).toMatchObject({
      status: 'verified',
      nameMasked: '张*丰',
      idNumberMasked: `110***********${idNumber.slice(-4)}`,
    });
    const me = (await s.app.inject({ url: '/v1/me', headers: bearer(token) })).json();
    expect(me.identity.status).toBe('verified');
    const [row] = await queryRows<Record<string, string>>(
      s.ctx.database.db,
      sql`select real_name_enc, id_number_enc from identity_customers where id = ${customerId}`,
    );
    expect(row?.real_name_enc).toMatch(/^pii1\./);
    expect(row?.id_number_enc).not.toContain(idNumber);
    const again = await verify(token, { name: '张三丰', idNumber });
    expect(again.json().code).toBe('IDENTITY_ALREADY_VERIFIED');
  });

  test('bad input is a 422 that names the field and the reason', async () => {
    const { token } = await signInTestCustomer(s);
    const cases: [Record<string, string>, string, string][] = [
      [{ name: '张三', idNumber: '110105199003071230' }, 'IDENTITY_ID_NUMBER_INVALID', '/body/idNumber'],
      [{ name: '张三', idNumber: '1101051990' }, 'IDENTITY_ID_NUMBER_INVALID', '/body/idNumber'],
      [
        { name: '张三', idNumber: makeIdNumber('110105', '19900230', '123') },
        'IDENTITY_ID_NUMBER_INVALID',
        '/body/idNumber',
      ],
      [
        { name: '张三', idNumber: makeIdNumber('110105', '20080303', '123') },
        'IDENTITY_AGE_OUT_OF_RANGE',
        '/body/idNumber',
      ],
      [
        { name: '张三', idNumber: makeIdNumber('110105', '19600302', '123') },
        'IDENTITY_AGE_OUT_OF_RANGE',
        '/body/idNumber',
      ],
      [{ name: '3', idNumber: makeIdNumber('110105', '19900307', '123') }, 'IDENTITY_NAME_INVALID', '/body/name'],
    ];
    for (const [body, code, path] of cases) {
      const res = await verify(token, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.json().code).toBe(code);
      expect(res.json().errors[0].path).toBe(path);
    }
  });

  test('18 today and 65 today are both accepted', async () => {
    const a = await signInTestCustomer(s);
    expect(
      (await verify(a.token, { name: '王小二', idNumber: makeIdNumber('110105', '20080302', '111') })).statusCode,
    ).toBe(200);
    const b = await signInTestCustomer(s);
    expect(
      (await verify(b.token, { name: '王老五', idNumber: makeIdNumber('110105', '19600303', '111') })).statusCode,
    ).toBe(200);
  });

  test('the sandbox provider: 不符 fails the three-element check, 假 fails liveness; both are recorded', async () => {
    const { token, customerId } = await signInTestCustomer(s);
    const mismatch = await verify(token, { name: '赵不符', idNumber: makeIdNumber('320102', '19850615', '222') });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().code).toBe('IDENTITY_MISMATCH');
    const liveness = await verify(token, { name: '钱假人', idNumber: makeIdNumber('320102', '19850615', '222') });
    expect(liveness.json().code).toBe('IDENTITY_LIVENESS_FAILED');
    const me = (await s.app.inject({ url: '/v1/me', headers: bearer(token) })).json();
    expect(me.identity).toMatchObject({ status: 'failed', nameMasked: null });
    const rows = await queryRows<{ outcome: string }>(
      s.ctx.database.db,
      sql`select outcome from identity_verifications where customer_id = ${customerId} order by created_at, id`,
    );
    expect(rows.map((r) => r.outcome)).toEqual(['mismatch', 'liveness_failed']);
    const ok = await verify(token, { name: '赵真人', idNumber: makeIdNumber('320102', '19850615', '222') });
    expect(ok.statusCode).toBe(200);
  });

  test('one ID number belongs to one verified customer', async () => {
    const idNumber = makeIdNumber('510104', '19770101', '333');
    const a = await signInTestCustomer(s);
    expect((await verify(a.token, { name: '孙悟空', idNumber })).statusCode).toBe(200);
    const b = await signInTestCustomer(s);
    const res = await verify(b.token, { name: '孙悟空', idNumber });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('IDENTITY_ID_NUMBER_IN_USE');
  });

  test('a provider outage is a 503, and nothing is stored', async () => {
    const { token } = await signInTestCustomer(s);
    const res = await verify(token, { name: '周超时', idNumber: makeIdNumber('110105', '19900307', '444') });
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('IDENTITY_PROVIDER_UNAVAILABLE');
  });
});
