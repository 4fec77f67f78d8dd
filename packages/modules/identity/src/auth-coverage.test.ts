// Guards that hold for every route of the app, including routes that later modules add: each /v1
// route declares who may call it, admin routes declare a permission, and a customer never reaches
// another customer's objects.
import { describeDb } from '@zulin/db/testing';
import { KernelErrors, newId } from '@zulin/kernel';
import { IdParams, type ServerModule } from '@zulin/platform';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { Type } from 'typebox';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { permissionsOf } from './permissions';
import { customerIdOf } from './principal';
import { bearer, declaredRoutes, signInTestCustomer, signInTestStaff, walkCustomerObjectRoutes } from './testing';

// Routes allowed to declare no `config.auth`: none.
const undeclaredPlatformRoutes = new Set<string>();

// A module with customer-owned objects, written the way modules must: a foreign id is a 404.
const notes = new Map<string, { id: string; customerId: string; text: string }>();
const notesModule: ServerModule = {
  name: 'test-notes',
  async routes(app) {
    const own = (id: string, customerId: string) => {
      const note = notes.get(id);
      if (note === undefined || note.customerId !== customerId) throw KernelErrors.NOT_FOUND();
      return note;
    };
    app.get('/v1/test-notes/:id', { config: { auth: 'customer' }, schema: { params: IdParams } }, async (request) =>
      own(request.params.id, customerIdOf(request)),
    );
    app.post(
      '/v1/test-notes/:id/pin',
      {
        config: { auth: 'customer' },
        schema: { params: IdParams, body: Type.Object({ pinned: Type.Boolean() }, { additionalProperties: false }) },
      },
      async (request) => own(request.params.id, customerIdOf(request)),
    );
  },
};

// The same routes with the ownership check forgotten: the walk must catch it.
const leakyModule: ServerModule = {
  name: 'test-leaky',
  async routes(app) {
    app.get('/v1/test-leaky/:id', { config: { auth: 'customer' }, schema: { params: IdParams } }, async (request) => ({
      id: request.params.id,
    }));
  },
};

describeDb('auth coverage of every route', (get) => {
  let s: TestServer;
  let leaky: TestServer;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, extraModules: [notesModule] });
    leaky = await createTestServer(get().database, { modules, extraModules: [leakyModule] });
  });
  afterAll(async () => {
    await s?.close();
    await leaky?.close();
  });

  test('every /v1 route of the product declares config.auth', () => {
    const routes = declaredRoutes(s.app);
    expect(routes.length).toBeGreaterThan(20);
    const undeclared = routes
      .filter((r) => r.auth === undefined)
      .map((r) => `${r.method} ${r.url}`)
      .filter((r) => !undeclaredPlatformRoutes.has(r));
    expect(undeclared).toEqual([]);
  });

  test('every /v1/admin route declares a staff permission, every /v1/partner route a partner scope', () => {
    for (const r of declaredRoutes(s.app)) {
      if (r.url.startsWith('/v1/admin/')) {
        expect(typeof r.auth === 'object' && 'permission' in r.auth, `${r.method} ${r.url}`).toBe(true);
      }
      if (r.url.startsWith('/v1/partner/')) {
        expect(typeof r.auth === 'object' && 'partnerScope' in r.auth, `${r.method} ${r.url}`).toBe(true);
      }
    }
  });

  test('every route that needs a principal refuses an anonymous call with 401', async () => {
    for (const r of declaredRoutes(s.app)) {
      if (r.auth === undefined || r.auth === 'public') continue;
      const res = await s.app.inject({ method: r.method as 'GET', url: r.url.replace(/:(\w+)/g, 'x') });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  test("every staff route refuses a customer's token, and a role without the permission gets 403", async () => {
    const customer = await signInTestCustomer(s);
    const marketing = await signInTestStaff(s, 'marketing');
    for (const r of declaredRoutes(s.app)) {
      if (typeof r.auth !== 'object' || !('permission' in r.auth)) continue;
      const url = r.url.replace(/:(\w+)/g, 'x');
      const asCustomer = await s.app.inject({ method: r.method as 'GET', url, headers: bearer(customer.token) });
      expect(asCustomer.statusCode, `${r.method} ${r.url}`).toBe(401);
      if (permissionsOf('marketing').has(r.auth.permission)) continue;
      const asMarketing = await s.app.inject({ method: r.method as 'GET', url, headers: bearer(marketing.token) });
      expect(asMarketing.statusCode, `${r.method} ${r.url} as marketing`).toBe(403);
    }
  });

  test("a second customer gets 404 for the first customer's objects on every customer route", async () => {
    const owner = await signInTestCustomer(s);
    const intruder = await signInTestCustomer(s);
    const noteId = newId('note');
    notes.set(noteId, { id: noteId, customerId: owner.customerId, text: 'mine' });
    const mine = await s.app.inject({ url: `/v1/test-notes/${noteId}`, headers: bearer(owner.token) });
    expect(mine.statusCode).toBe(200);
    const fixtures = {
      'GET /v1/test-notes/:id': { params: { id: noteId } },
      'POST /v1/test-notes/:id/pin': { params: { id: noteId }, body: { pinned: true } },
    };
    const results = await walkCustomerObjectRoutes(s.app, intruder.token, fixtures);
    expect(results.map((r) => r.route)).toEqual(expect.arrayContaining(Object.keys(fixtures)));
    for (const result of results) {
      // Never a 2xx; 404 whenever the request itself was valid.
      expect(result.status, result.route).toBeGreaterThanOrEqual(400);
      if (result.reachedHandler) expect(result.status, result.route).toBe(404);
    }
  });

  test('the OpenAPI document describes the identity routes, with bearer security where a principal is needed', async () => {
    const res = await s.app.inject('/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.paths['/v1/auth/login'].post.summary).toEqual(expect.any(String));
    expect(doc.paths['/v1/me'].get.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/v1/auth/sms-codes'].post.security).toBeUndefined();
    expect(doc.paths['/v1/admin/customers/{id}/reveal'].post.tags).toEqual(['admin: identity']);
  });

  test('the walk catches a route that forgot the ownership check', async () => {
    const intruder = await signInTestCustomer(leaky);
    const results = await walkCustomerObjectRoutes(leaky.app, intruder.token);
    expect(results).toContainEqual({ route: 'GET /v1/test-leaky/:id', status: 200, reachedHandler: true });
  });
});
