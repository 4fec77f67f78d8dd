// The audit detail as recorded (JSON, customer ids included) only for staff with `audit.raw` (#18);
// a reader without it gets the labelled fields, customers by their masked label, never an id.
import { transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type AuditEntry, recordAudit, withoutRawDetail } from './audit';
import { makeIdNumber } from './id-number';
import { permissionsOf, roles } from './permissions';
import { bearer, signInTestCustomer, signInTestStaff } from './testing';

describe('who may read the audit detail as recorded', () => {
  test('admin and auditor hold audit.raw; no other role does, customer service included', () => {
    const holders = roles.filter((role) => permissionsOf(role).has('audit.raw'));
    expect(holders).toEqual(['admin', 'auditor']);
    expect(permissionsOf('support').has('audit.raw')).toBe(false);
  });

  test('every role that reads the log and lacks audit.raw would get the labels only', () => {
    // Today the log's readers (audit.read) are exactly the holders of audit.raw: a role given
    // audit.read later without audit.raw falls under withoutRawDetail, pinned below.
    for (const role of roles) {
      if (permissionsOf(role).has('audit.read')) expect(permissionsOf(role).has('audit.raw')).toBe(true);
    }
  });
});

describe('withoutRawDetail', () => {
  const entry: AuditEntry = {
    id: 'aud_1',
    at: '2026-12-06T16:30:00.000Z',
    actor: { kind: 'staff', id: 'stf_1', name: 'finance' },
    action: 'billing.bill_issued',
    targetType: 'bill',
    targetId: 'bill_1',
    detailNames: { cus_named: '陈*春 136****1234' },
    ip: null,
    detail: {
      customerId: 'cus_named',
      to: { customerId: 'cus_unnamed', list: ['cus_named', 'x'] },
      amountMinor: 5900,
      note: 'cus_ in a sentence stays',
    },
  };

  test('replaces every customer id by its masked label, at any depth, and drops the id map', () => {
    const shown = withoutRawDetail(entry);
    expect(shown.detail).toEqual({
      customerId: '陈*春 136****1234',
      to: { customerId: 'cus_…', list: ['陈*春 136****1234', 'x'] },
      amountMinor: 5900,
      note: 'cus_ in a sentence stays',
    });
    expect(shown.detailNames).toBeUndefined();
    expect(JSON.stringify(shown)).not.toMatch(/cus_named|cus_unnamed/);
    // The entry's own fields are untouched.
    expect(shown).toMatchObject({ id: 'aud_1', action: 'billing.bill_issued', targetId: 'bill_1' });
  });

  test('an entry without customers in its detail reads the same', () => {
    const plain = { ...entry, detailNames: {}, detail: { reason: 'damaged', count: 2 } };
    expect(withoutRawDetail(plain).detail).toEqual({ reason: 'damaged', count: 2 });
  });
});

describeDb('the audit log answers the raw detail by permission', (get) => {
  let s: TestServer;
  let customer: { customerId: string; token: string };
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    customer = await signInTestCustomer(s, '+8613655557788');
    const verified = await s.app.inject({
      method: 'POST',
      url: '/v1/me/identity',
      headers: bearer(customer.token),
      payload: { name: '陈小春', idNumber: makeIdNumber('330106', '19930815', '471') },
    });
    expect(verified.statusCode).toBe(200);
    await transaction(s.ctx.database, (tx) =>
      recordAudit(tx, {
        actor: { kind: 'system' },
        action: 'billing.bill_issued',
        targetType: 'bill',
        targetId: 'bill_raw_detail',
        detail: { customerId: customer.customerId, amountMinor: 5900 },
        at: s.clock.now(),
      }),
    );
  });
  afterAll(async () => {
    await s?.close();
  });

  const read = (token: string) =>
    s.app.inject({ url: '/v1/admin/audit-log?targetId=bill_raw_detail', headers: bearer(token) });

  test('admin and auditor (audit.raw) get the detail as recorded, with the customer id', async () => {
    for (const role of ['admin', 'auditor'] as const) {
      const staff = await signInTestStaff(s, role);
      const res = await read(staff.token);
      expect(res.statusCode).toBe(200);
      const [entry] = res.json().data;
      expect(entry.detail).toEqual({ customerId: customer.customerId, amountMinor: 5900 });
      expect(entry.detailNames).toEqual({ [customer.customerId]: expect.stringMatching(/^陈\*春 136\*{4}7788$/) });
    }
  });

  test('customer service (no audit.read) does not read the log at all', async () => {
    const support = await signInTestStaff(s, 'support');
    const res = await read(support.token);
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain(customer.customerId);
  });

  test('the roles list names audit.raw for the console role editor', async () => {
    const admin = await signInTestStaff(s, 'admin');
    const res = await s.app.inject({ url: '/v1/admin/roles', headers: bearer(admin.token) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.permissions).toContain('audit.raw');
    const auditor = body.data.find((r: { role: string }) => r.role === 'auditor');
    expect(auditor.permissions).toContain('audit.raw');
    const support = body.data.find((r: { role: string }) => r.role === 'support');
    expect(support.permissions).not.toContain('audit.raw');
  });
});
