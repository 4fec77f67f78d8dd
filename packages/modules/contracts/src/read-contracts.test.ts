import { transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import type { Role } from '@zulin/identity';
import { bearer, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { draftContract } from './draft-contract';

const rentalTerms = { productName: 'iPhone 16 128GB', months: 12, rentMinor: 29_900, depositMinor: 100_000 };

describeDb('contracts: who may read what, cursor paging and filters', (get) => {
  let s: TestServer;
  let alice: { customerId: string; token: string };
  let bob: { customerId: string; token: string };
  const aliceIds: string[] = [];
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    alice = await signInTestCustomer(s);
    bob = await signInTestCustomer(s);
    // Five drafts for Alice (one a second apart, newest last), one for Bob.
    for (let i = 0; i < 5; i++) {
      s.clock.advance(1_000);
      const drafted = await transaction(s.ctx.database, (tx) =>
        draftContract(
          tx,
          { clock: s.clock },
          {
            customerId: alice.customerId,
            subject: { kind: 'rental', id: `rent_page_${i}` },
            template: 'rental',
            locale: 'zh-CN',
            terms: rentalTerms,
          },
        ),
      );
      aliceIds.push(drafted.contractId);
    }
    await transaction(s.ctx.database, (tx) =>
      draftContract(
        tx,
        { clock: s.clock },
        {
          customerId: bob.customerId,
          subject: { kind: 'rental', id: 'rent_page_bob' },
          template: 'rental',
          locale: 'en',
          terms: rentalTerms,
        },
      ),
    );
  });
  afterAll(async () => {
    await s?.close();
  });

  test('a customer pages through only their own contracts, newest first, two at a time', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `limit=2&cursor=${cursor}` : 'limit=2';
      const res = await s.app.inject({ url: `/v1/contracts?${query}`, headers: bearer(alice.token) });
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as { data: { id: string; customerId: string }[]; nextCursor: string | null };
      expect(page.data.length).toBeLessThanOrEqual(2);
      for (const c of page.data) expect(c.customerId).toBe(alice.customerId);
      seen.push(...page.data.map((c) => c.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...aliceIds].reverse());
    const bobs = await s.app.inject({ url: '/v1/contracts', headers: bearer(bob.token) });
    expect(bobs.json().data).toHaveLength(1);
  });

  test('a hand-made cursor is a 422 on /query/cursor; a status filter keeps only that state', async () => {
    const bad = await s.app.inject({ url: '/v1/contracts?cursor=WyJ4Il0', headers: bearer(alice.token) });
    expect(bad.statusCode).toBe(422);
    expect(JSON.stringify(bad.json())).toContain('/query/cursor');
    const signed = await s.app.inject({ url: '/v1/contracts?status=signed', headers: bearer(alice.token) });
    expect(signed.json()).toEqual({ data: [], nextCursor: null });
    const drafts = await s.app.inject({ url: '/v1/contracts?status=draft', headers: bearer(alice.token) });
    expect(drafts.json().data).toHaveLength(5);
    const unknown = await s.app.inject({ url: '/v1/contracts?status=void', headers: bearer(alice.token) });
    expect(unknown.statusCode).toBe(422);
  });

  test('staff filter by customer and state, and find a contract by its order id', async () => {
    const staff = await signInTestStaff(s, 'support');
    const byCustomer = await s.app.inject({
      url: `/v1/admin/contracts?customerId=${alice.customerId}&status=draft&limit=3`,
      headers: bearer(staff.token),
    });
    expect(byCustomer.statusCode, byCustomer.body).toBe(200);
    expect(byCustomer.json().data.map((c: { id: string }) => c.id)).toEqual([...aliceIds].reverse().slice(0, 3));
    // Staff see the customer by masked phone (alice has not verified her name), not only by id.
    expect(byCustomer.json().data[0].customerLabel).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const next = await s.app.inject({
      url: `/v1/admin/contracts?customerId=${alice.customerId}&status=draft&limit=3&cursor=${byCustomer.json().nextCursor}`,
      headers: bearer(staff.token),
    });
    expect(next.json()).toMatchObject({ nextCursor: null });
    expect(next.json().data.map((c: { id: string }) => c.id)).toEqual([aliceIds[1], aliceIds[0]]);
    const byOrder = await s.app.inject({ url: '/v1/admin/contracts?q=rent_page_bob', headers: bearer(staff.token) });
    expect(byOrder.json().data).toHaveLength(1);
    expect(byOrder.json().data[0].customerId).toBe(bob.customerId);

    const detail = await s.app.inject({ url: `/v1/admin/contracts/${aliceIds[0]}`, headers: bearer(staff.token) });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().contract.id).toBe(aliceIds[0]);
    expect(detail.json().evidence.map((e: { kind: string }) => e.kind)).toEqual(['contract.drafted']);
  });

  test('contracts.read reads contracts and roots; only contracts.manage exports a proof bundle', async () => {
    const id = aliceIds[0] as string;
    const expected: Record<Role, { read: number; bundle: number }> = {
      admin: { read: 200, bundle: 200 },
      operator: { read: 200, bundle: 403 },
      risk_reviewer: { read: 200, bundle: 403 },
      finance: { read: 200, bundle: 200 },
      collector: { read: 200, bundle: 403 },
      support: { read: 200, bundle: 200 },
      auditor: { read: 200, bundle: 403 },
      warehouse: { read: 403, bundle: 403 },
      marketing: { read: 403, bundle: 403 },
    };
    const readUrls = [
      '/v1/admin/contracts',
      `/v1/admin/contracts/${id}`,
      `/v1/admin/contracts/${id}/pdf`,
      '/v1/admin/evidence/roots',
      '/v1/admin/evidence/verification',
    ];
    for (const [role, want] of Object.entries(expected) as [Role, { read: number; bundle: number }][]) {
      const staff = await signInTestStaff(s, role);
      for (const url of readUrls) {
        const res = await s.app.inject({ url, headers: bearer(staff.token) });
        expect([role, url, res.statusCode]).toEqual([role, url, want.read]);
      }
      const bundle = await s.app.inject({
        url: `/v1/admin/contracts/${id}/proof-bundle`,
        headers: bearer(staff.token),
      });
      expect([role, bundle.statusCode]).toEqual([role, want.bundle]);
    }
    // A customer is not staff, and anonymous callers are not anyone.
    const asCustomer = await s.app.inject({ url: '/v1/admin/contracts', headers: bearer(alice.token) });
    expect([401, 403]).toContain(asCustomer.statusCode);
    const anonymous = await s.app.inject({ url: '/v1/contracts' });
    expect(anonymous.statusCode).toBe(401);
  });

  test('the verification answers the chain and the roots intact', async () => {
    const staff = await signInTestStaff(s, 'auditor');
    const res = await s.app.inject({ url: '/v1/admin/evidence/verification', headers: bearer(staff.token) });
    expect(res.json()).toMatchObject({ chain: { broken: null }, roots: { broken: null } });
    expect(res.json().chain.entries).toBeGreaterThanOrEqual(6);
  });
});
