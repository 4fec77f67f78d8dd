import { describeDb } from '@zulin/db/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';

describeDb('wallet and ledger in the OpenAPI document', (get) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('every wallet, dispute and ledger route is documented with a summary, a tag and a success schema', async () => {
    const doc = (await s.app.inject('/openapi.json')).json() as {
      paths: Record<string, Record<string, { summary?: string; tags?: string[]; responses?: Record<string, unknown> }>>;
    };
    const ours = Object.entries(doc.paths).filter(([p]) =>
      /^\/v1\/(wallet|bank-cards|bill-splits|points|disputes|admin\/(ledger|disputes|wallet))/.test(p),
    );
    expect(ours.length).toBeGreaterThanOrEqual(30);
    for (const [path, methods] of ours) {
      for (const [method, op] of Object.entries(methods)) {
        expect(op.summary, `${method} ${path}`).toBeTruthy();
        expect(op.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
        const statuses = Object.keys(op.responses ?? {});
        if (!path.includes('/statements/'))
          expect(
            statuses.some((c) => c.startsWith('2')),
            `${method} ${path}`,
          ).toBe(true);
      }
    }
  });
});
