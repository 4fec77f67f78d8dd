import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createStaff } from './create-staff';
import { roles } from './permissions';
import { demoCustomers, demoStaffPassword, demoTotpSecret } from './seed';
import { bearer, signInTestStaff } from './testing';

describeDb('staff: login with password and TOTP, roles, lock-out, audit', (get) => {
  let s: TestServer;
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    await createStaff(
      s.ctx.database.db,
      { masterKey: s.ctx.config.masterKey, clock: s.clock, actor: { kind: 'system' } },
      { username: 'wang.wei', role: 'finance', password: 'correct horse battery', totpSecret: secret },
    );
  });
  afterAll(async () => {
    await s?.close();
  });

  const totpNow = () => generate({ secret, epoch: Math.floor(s.clock.now().getTime() / 1000) });
  const login = (body: Record<string, string>) =>
    s.app.inject({ method: 'POST', url: '/v1/staff/login', payload: body, remoteAddress: '10.20.0.7' });

  test('password + current TOTP → access token; /v1/staff/me shows the role and its permissions', async () => {
    const res = await login({ username: 'wang.wei', password: 'correct horse battery', totp: await totpNow() });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.accessToken).toEqual(expect.any(String));
    expect(body.staff).toMatchObject({ username: 'wang.wei', role: 'finance', status: 'active' });
    const me = (await s.app.inject({ url: '/v1/staff/me', headers: bearer(body.accessToken) })).json();
    expect(me.permissions).toContain('ledger.read');
    expect(me.permissions).not.toContain('staff.manage');
  });

  test('a TOTP code is accepted once only', async () => {
    s.clock.advance(60_000);
    const totp = await totpNow();
    expect((await login({ username: 'wang.wei', password: 'correct horse battery', totp })).statusCode).toBe(200);
    const replay = await login({ username: 'wang.wei', password: 'correct horse battery', totp });
    expect(replay.statusCode).toBe(401);
  });

  test('five failures lock the account for 15 minutes; every attempt is audited with the address', async () => {
    s.clock.advance(60_000);
    // A success resets the count (the replay in the test before was a failure).
    expect(
      (await login({ username: 'wang.wei', password: 'correct horse battery', totp: await totpNow() })).statusCode,
    ).toBe(200);
    for (let i = 0; i < 4; i++) {
      const res = await login({ username: 'wang.wei', password: 'wrong password', totp: '000000' });
      expect(res.json().code).toBe('STAFF_LOGIN_FAILED');
    }
    const fifth = await login({ username: 'wang.wei', password: 'wrong password', totp: '000000' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('STAFF_LOCKED');
    const locked = await login({ username: 'wang.wei', password: 'correct horse battery', totp: await totpNow() });
    expect(locked.json().code).toBe('STAFF_LOCKED');
    s.clock.advance(15 * 60_000 + 1000);
    expect(
      (await login({ username: 'wang.wei', password: 'correct horse battery', totp: await totpNow() })).statusCode,
    ).toBe(200);
    const rows = await queryRows<{ action: string; ip: string }>(
      s.ctx.database.db,
      sql`select action, ip from identity_audit_log where actor_name = 'wang.wei' order by seq`,
    );
    expect(rows.filter((r) => r.action === 'staff.login_failed').length).toBeGreaterThanOrEqual(7);
    expect(rows.every((r) => r.ip === '10.20.0.7')).toBe(true);
  });

  test('an admin setting a locked account to active unlocks it at once', async () => {
    s.clock.advance(60_000);
    for (let i = 0; i < 5; i++) await login({ username: 'wang.wei', password: 'wrong password', totp: '000000' });
    expect(
      (await login({ username: 'wang.wei', password: 'correct horse battery', totp: await totpNow() })).json().code,
    ).toBe('STAFF_LOCKED');
    const admin = await signInTestStaff(s, 'admin');
    const [row] = await queryRows<{ id: string }>(
      s.ctx.database.db,
      sql`select id from identity_staff where username = 'wang.wei'`,
    );
    const enabled = await s.app.inject({
      method: 'PATCH',
      url: `/v1/admin/staff/${row?.id}`,
      headers: bearer(admin.token),
      payload: { status: 'active' },
    });
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json().lockedUntil).toBeNull();
    s.clock.advance(30_000);
    expect(
      (await login({ username: 'wang.wei', password: 'correct horse battery', totp: await totpNow() })).statusCode,
    ).toBe(200);
  });

  test('login answers are never cached', async () => {
    s.clock.advance(60_000);
    const res = await login({ username: 'wang.wei', password: 'correct horse battery', totp: await totpNow() });
    expect(res.headers['cache-control']).toBe('no-store');
    const me = await s.app.inject({ url: '/v1/staff/me', headers: bearer(res.json().accessToken) });
    expect(me.headers['cache-control']).toBe('no-store');
  });

  test('an unknown username fails the same way, and is audited too', async () => {
    const res = await login({ username: 'nobody', password: 'whatever12345', totp: '123456' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('STAFF_LOGIN_FAILED');
    const rows = await queryRows(s.ctx.database.db, sql`select 1 from identity_audit_log where target_id = 'nobody'`);
    expect(rows).toHaveLength(1);
  });

  test('an admin creates, lists, changes the role of and disables staff; disabled tokens stop working', async () => {
    const admin = await signInTestStaff(s, 'admin');
    const created = await s.app.inject({
      method: 'POST',
      url: '/v1/admin/staff',
      headers: bearer(admin.token),
      payload: { username: 'li.na', role: 'support', password: 'a long password' },
    });
    expect(created.statusCode).toBe(201);
    const { staff, otpauthUrl, totpSecret } = created.json();
    expect(otpauthUrl).toBe(`otpauth://totp/Zulin:li.na?secret=${totpSecret}&issuer=Zulin`);
    const dup = await s.app.inject({
      method: 'POST',
      url: '/v1/admin/staff',
      headers: bearer(admin.token),
      payload: { username: 'li.na', role: 'support', password: 'a long password' },
    });
    expect(dup.json().code).toBe('STAFF_USERNAME_TAKEN');
    const list = (await s.app.inject({ url: '/v1/admin/staff?role=support', headers: bearer(admin.token) })).json();
    expect(list.data.map((x: { username: string }) => x.username)).toContain('li.na');

    const epoch = Math.floor(s.clock.now().getTime() / 1000);
    const session = (
      await login({
        username: 'li.na',
        password: 'a long password',
        totp: await generate({ secret: totpSecret, epoch }),
      })
    ).json();
    const promoted = await s.app.inject({
      method: 'PATCH',
      url: `/v1/admin/staff/${staff.id}`,
      headers: bearer(admin.token),
      payload: { role: 'collector' },
    });
    expect(promoted.json().role).toBe('collector');
    // The role is read on every request: the old token already carries the new permissions.
    const me = (await s.app.inject({ url: '/v1/staff/me', headers: bearer(session.accessToken) })).json();
    expect(me.permissions).toContain('collections.work');

    await s.app.inject({
      method: 'PATCH',
      url: `/v1/admin/staff/${staff.id}`,
      headers: bearer(admin.token),
      payload: { status: 'disabled' },
    });
    const after = await s.app.inject({ url: '/v1/staff/me', headers: bearer(session.accessToken) });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('AUTH_STAFF_DISABLED');
    const refresh = await s.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      payload: { refreshToken: session.refreshToken },
    });
    expect(refresh.statusCode).toBe(401);

    const self = await s.app.inject({
      method: 'PATCH',
      url: `/v1/admin/staff/${admin.staffId}`,
      headers: bearer(admin.token),
      payload: { status: 'disabled' },
    });
    expect(self.json().code).toBe('STAFF_SELF_CHANGE');

    const audit = (
      await s.app.inject({ url: `/v1/admin/audit-log?targetId=${staff.id}`, headers: bearer(admin.token) })
    ).json();
    expect(audit.data.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['staff.created', 'staff.updated', 'staff.login_succeeded']),
    );
  });

  test('roles: every role is listed with its permissions; the auditor reads everything and changes nothing', async () => {
    const admin = await signInTestStaff(s, 'admin');
    const res = (await s.app.inject({ url: '/v1/admin/roles', headers: bearer(admin.token) })).json();
    expect(res.data.map((r: { role: string }) => r.role)).toEqual([...roles]);
    const auditor = res.data.find((r: { role: string }) => r.role === 'auditor');
    expect(auditor.permissions).toContain('audit.read');
    // audit.raw reads too: the audit detail as recorded (#18).
    expect(auditor.permissions.every((p: string) => p.endsWith('.read') || p === 'audit.raw')).toBe(true);
    expect(auditor.permissions).not.toContain('customers.reveal_pii');
  });

  test('the demo seed creates one staff account per role, once, who can log in with the documented secret', async () => {
    const module = (await import('./module')).identityModule;
    const created = await module.seed?.(s.ctx);
    expect(created?.created).toBe(roles.length + demoCustomers.length);
    expect((await module.seed?.(s.ctx))?.created).toBe(0);
    s.clock.advance(60_000);
    const totp = await generate({ secret: demoTotpSecret, epoch: Math.floor(s.clock.now().getTime() / 1000) });
    const res = await login({ username: 'auditor', password: demoStaffPassword, totp });
    expect(res.statusCode).toBe(200);
    expect(res.json().staff.role).toBe('auditor');
  });
});
