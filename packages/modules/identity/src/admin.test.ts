import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { recordAudit } from './audit';
import { makeIdNumber } from './id-number';
import { bearer, randomTestPhone, signInTestCustomer, signInTestStaff } from './testing';

describeDb('customers for staff, the audited reveal, the audit log', (get) => {
  let s: TestServer;
  let support: { staffId: string; token: string };
  let collector: { staffId: string; token: string };
  let auditor: { staffId: string; token: string };
  let customer: { customerId: string; token: string };
  const phone = '+8613655551234';
  const idNumber = makeIdNumber('330106', '19930815', '468');
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    support = await signInTestStaff(s, 'support');
    collector = await signInTestStaff(s, 'collector');
    auditor = await signInTestStaff(s, 'auditor');
    customer = await signInTestCustomer(s, phone);
    await s.app.inject({
      method: 'PATCH',
      url: '/v1/me',
      headers: bearer(customer.token),
      payload: { nickname: '杭州小陈' },
    });
    const verified = await s.app.inject({
      method: 'POST',
      url: '/v1/me/identity',
      headers: bearer(customer.token),
      payload: { name: '陈小春', idNumber },
    });
    expect(verified.statusCode).toBe(200);
  });
  afterAll(async () => {
    await s?.close();
  });

  test('exact phone search by blind index, answered masked', async () => {
    const res = await s.app.inject({
      url: `/v1/admin/customers?phone=${encodeURIComponent(phone)}`,
      headers: bearer(support.token),
    });
    expect(res.statusCode).toBe(200);
    const [found] = res.json().data;
    expect(found).toMatchObject({
      id: customer.customerId,
      phoneMasked: '136****1234',
      identity: { status: 'verified', nameMasked: '陈*春', idNumberMasked: `330***********${idNumber.slice(-4)}` },
    });
    expect(JSON.stringify(res.json())).not.toContain(idNumber);
  });

  test('q finds by phone, ID number, customer id or nickname', async () => {
    for (const q of ['13655551234', idNumber, customer.customerId, '小陈']) {
      const res = await s.app.inject({
        url: `/v1/admin/customers?q=${encodeURIComponent(q)}`,
        headers: bearer(support.token),
      });
      expect(
        res.json().data.map((c: { id: string }) => c.id),
        q,
      ).toEqual([customer.customerId]);
    }
  });

  test('reveal needs customers.reveal_pii, answers the clear data and audits it with who and from where', async () => {
    const denied = await s.app.inject({
      method: 'POST',
      url: `/v1/admin/customers/${customer.customerId}/reveal`,
      headers: bearer(support.token),
      payload: { reason: 'curious' },
    });
    expect(denied.statusCode).toBe(403);
    const res = await s.app.inject({
      method: 'POST',
      url: `/v1/admin/customers/${customer.customerId}/reveal`,
      headers: bearer(collector.token),
      payload: { reason: 'overdue call, case 42' },
      remoteAddress: '10.30.0.9',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: customer.customerId, phone, realName: '陈小春', idNumber });
    const log = (
      await s.app.inject({
        url: `/v1/admin/audit-log?action=customers.pii_revealed&targetId=${customer.customerId}`,
        headers: bearer(auditor.token),
      })
    ).json();
    expect(log.data).toHaveLength(1);
    expect(log.data[0]).toMatchObject({
      actor: { kind: 'staff', id: collector.staffId },
      targetType: 'customer',
      ip: '10.30.0.9',
      detail: { reason: 'overdue call, case 42', phoneMasked: '136****1234' },
    });
    // The customer is named as staff may read them: the masked real name, resolved when listed.
    expect(log.data[0].targetName).toBe('陈*春');
    const verified = (
      await s.app.inject({
        url: `/v1/admin/audit-log?action=identity.real_name_verified&targetId=${customer.customerId}`,
        headers: bearer(auditor.token),
      })
    ).json();
    expect(verified.data).toHaveLength(1);
    expect(verified.data[0]).toMatchObject({
      actor: { kind: 'customer', id: customer.customerId, name: '陈*春' },
      targetName: '陈*春',
    });
    // A customer not verified yet (no real name) keeps null: the console shows the id.
    const unverified = await signInTestCustomer(s, randomTestPhone());
    await s.app.inject({
      method: 'POST',
      url: `/v1/admin/customers/${unverified.customerId}/reveal`,
      headers: bearer(collector.token),
      payload: { reason: 'overdue call, case 43' },
    });
    const unnamed = (
      await s.app.inject({
        url: `/v1/admin/audit-log?action=customers.pii_revealed&targetId=${unverified.customerId}`,
        headers: bearer(auditor.token),
      })
    ).json();
    expect(unnamed.data[0]).toMatchObject({ targetId: unverified.customerId, targetName: null });
    // Customers the detail names (at any depth) come with their masked label, for the console to
    // show instead of the id; an id that is no customer is left out.
    await transaction(s.ctx.database, (tx) =>
      recordAudit(tx, {
        actor: { kind: 'system' },
        action: 'billing.bill_issued',
        targetType: 'bill',
        targetId: 'bill_detail_names',
        detail: { customerId: customer.customerId, to: { customerId: unverified.customerId }, other: 'cus_nobody' },
        at: s.clock.now(),
      }),
    );
    const named = (
      await s.app.inject({ url: '/v1/admin/audit-log?targetId=bill_detail_names', headers: bearer(auditor.token) })
    ).json();
    expect(named.data[0].detailNames).toEqual({
      [customer.customerId]: '陈*春 136****1234',
      [unverified.customerId]: expect.stringMatching(/^1\d{2}\*{4}\d{4}$/),
    });

    const unknown = await s.app.inject({
      method: 'POST',
      url: '/v1/admin/customers/cus_unknown/reveal',
      headers: bearer(collector.token),
      payload: { reason: 'test' },
    });
    expect(unknown.statusCode).toBe(404);
  });

  test('the audit log filters by actor, action prefix and dates, and pages with a cursor', async () => {
    const admin = await signInTestStaff(s, 'admin');
    for (let i = 0; i < 5; i++) {
      await s.app.inject({
        method: 'POST',
        url: '/v1/admin/staff',
        headers: bearer(admin.token),
        payload: { username: `page.${i}`, role: 'support', password: 'long enough pw' },
      });
      s.clock.advance(1000);
    }
    const first = (
      await s.app.inject({
        url: `/v1/admin/audit-log?actorId=${admin.staffId}&action=staff.&limit=3`,
        headers: bearer(auditor.token),
      })
    ).json();
    expect(first.data).toHaveLength(3);
    expect(first.data.every((e: { action: string }) => e.action === 'staff.created')).toBe(true);
    const second = (
      await s.app.inject({
        url: `/v1/admin/audit-log?actorId=${admin.staffId}&action=staff.&limit=3&cursor=${first.nextCursor}`,
        headers: bearer(auditor.token),
      })
    ).json();
    expect(second.data).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const targets = [...first.data, ...second.data].map((e: { detail: { username: string } }) => e.detail.username);
    expect(targets).toEqual(['page.4', 'page.3', 'page.2', 'page.1', 'page.0']);
    const future = (
      await s.app.inject({ url: '/v1/admin/audit-log?from=2030-01-01T00:00:00Z', headers: bearer(auditor.token) })
    ).json();
    expect(future.data).toEqual([]);
    // The safety net recorded each changing request by staff, with its route.
    const requests = (
      await s.app.inject({
        url: `/v1/admin/audit-log?actorId=${admin.staffId}&action=http.staff_request`,
        headers: bearer(auditor.token),
      })
    ).json();
    expect(requests.data[0]).toMatchObject({ targetId: 'POST /v1/admin/staff', detail: { status: 201 } });
  });

  test('a staff change is in the audit log by the time its answer arrives', async () => {
    // The safety net records before the answer is sent: a reader who acts on the answer (the
    // console's audit page, a test listing the log) finds the entry, under any load.
    const admin = await signInTestStaff(s, 'admin');
    for (let i = 0; i < 3; i++) {
      const created = await s.app.inject({
        method: 'POST',
        url: '/v1/admin/staff',
        headers: bearer(admin.token),
        payload: { username: `answered.${i}`, role: 'support', password: 'long enough pw' },
      });
      expect(created.statusCode).toBe(201);
      const rows = await queryRows<{ n: number }>(
        s.ctx.database.db,
        sql`select count(*)::int as n from identity_audit_log
            where action = 'http.staff_request' and actor_id = ${admin.staffId}`,
      );
      expect(rows[0]?.n).toBe(i + 1);
    }
  });

  test('excludeAction leaves out what it matches (exact or prefix), the same rule as action', async () => {
    const admin = await signInTestStaff(s, 'admin');
    for (let i = 0; i < 2; i++) {
      const created = await s.app.inject({
        method: 'POST',
        url: '/v1/admin/staff',
        headers: bearer(admin.token),
        payload: { username: `excl.${i}`, role: 'support', password: 'long enough pw' },
      });
      expect(created.statusCode).toBe(201);
      s.clock.advance(1000);
    }
    const list = async (query: string): Promise<string[]> => {
      const response = await s.app.inject({
        url: `/v1/admin/audit-log?actorId=${admin.staffId}&limit=100${query}`,
        headers: bearer(auditor.token),
      });
      expect(response.statusCode).toBe(200);
      return response.json().data.map((e: { action: string }) => e.action);
    };
    const all = await list('');
    // Two staff.created rows and two http.staff_request rows (one per POST) by this admin.
    expect(all.filter((a) => a === 'staff.created')).toHaveLength(2);
    expect(all.filter((a) => a === 'http.staff_request')).toHaveLength(2);
    const withoutHttp = await list('&excludeAction=http.');
    expect(withoutHttp).toEqual(all.filter((a) => !a.startsWith('http.')));
    expect(withoutHttp.filter((a) => a === 'staff.created')).toHaveLength(2);
    expect(await list('&excludeAction=http*')).toEqual(withoutHttp);
    expect(await list('&excludeAction=http.staff_request')).toEqual(withoutHttp);
    // Exact means exact: a code's prefix without the dot leaves out nothing.
    expect(await list('&excludeAction=http')).toEqual(all);
    expect(await list('&excludeAction=staff.')).toEqual(all.filter((a) => !a.startsWith('staff.')));
    // Combined with action: every staff action except the creations.
    expect(await list('&action=staff.&excludeAction=staff.created')).toEqual([]);
    const tooLong = await s.app.inject({
      url: `/v1/admin/audit-log?excludeAction=${'x'.repeat(101)}`,
      headers: bearer(auditor.token),
    });
    expect(tooLong.statusCode).toBe(422);
  });

  test('the audit log is append-only: the database refuses UPDATE and DELETE', async () => {
    const db = s.ctx.database.db;
    await expect(db.execute(sql`update identity_audit_log set action = 'x.y'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from identity_audit_log`)).rejects.toThrow();
    await expect(db.execute(sql`truncate identity_audit_log`)).rejects.toThrow();
    const rows = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from identity_audit_log`);
    expect(rows[0]?.n).toBeGreaterThan(0);
  });

  test('the auditor may read the log but not reveal data or manage staff', async () => {
    const reveal = await s.app.inject({
      method: 'POST',
      url: `/v1/admin/customers/${customer.customerId}/reveal`,
      headers: bearer(auditor.token),
      payload: { reason: 'audit' },
    });
    expect(reveal.statusCode).toBe(403);
    expect((await s.app.inject({ url: '/v1/admin/staff', headers: bearer(auditor.token) })).statusCode).toBe(403);
  });
});
