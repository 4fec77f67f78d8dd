import { defineEvents, type EventPayloads, emitEvent, queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { assert, InvariantBroken, KernelErrors, Limits, newId } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { command, refuse } from './command';
import type { ServerModule } from './context';
import { invalidPathMarker, normaliseRequestTarget as normalised } from './http/hardening';
import { signBody } from './security/webhook-signature';
import { sandboxWebhookSecret } from './system-module';
import { createTestServer, type TestServer } from './testing';

// The test module's event, declared like a module's.
const NotesEvents = defineEvents({ 'notes.note_created': (p: Record<string, never>) => p });
declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof NotesEvents> {}
}

const delivered: string[] = [];

// A small module that uses the platform the way business modules will.
const notesModule: ServerModule = {
  name: 'notes',
  async routes(app, { ctx }) {
    app.post(
      '/v1/test/notes',
      {
        config: { auth: 'public' },
        schema: {
          body: Type.Object(
            { title: Type.String({ minLength: 1 }), amountMinor: Type.Integer({ minimum: 0 }) },
            { additionalProperties: false },
          ),
        },
      },
      (request, reply) =>
        command(ctx, request, reply, { status: 201 }, async (tx) => {
          const body = request.body;
          const id = newId('note');
          await tx.execute(
            sql`insert into test_notes (id, title, amount_minor) values (${id}, ${body.title}, ${body.amountMinor})`,
          );
          await emitEvent(tx, ctx.clock.now(), {
            type: 'notes.note_created',
            aggregateType: 'note',
            aggregateId: id,
            payload: {},
          });
          return { id, ...body };
        }),
    );
    app.get('/v1/test/boom', { config: { auth: 'public' } }, async () => {
      throw new Error('relation "secret_table" does not exist at select * from secret_table');
    });
    app.get('/v1/test/assert', { config: { auth: 'public' } }, async () => {
      assert(false, 'a broken assumption while serving');
    });
    app.get(
      '/v1/test/count',
      {
        config: { auth: 'public' },
        schema: { querystring: Type.Object({ n: Type.Optional(Type.Integer({ minimum: 0 })) }) },
      },
      async (request) => ({ n: request.query.n ?? null }),
    );
    app.get('/v1/test/private', { config: { auth: 'customer' } }, async () => ({ secret: true }));
    app.get(
      '/v1/test/items/:id',
      { config: { auth: 'public' }, schema: { params: Type.Object({ id: Type.String({ minLength: 1 }) }) } },
      async (request) => ({ id: request.params.id }),
    );
    // A POST that moves data outside command(): its answer can only be stored after the commit.
    app.post('/v1/test/loose', { config: { auth: 'public' } }, async (_request, reply) => {
      await ctx.database.db.execute(
        sql`insert into test_notes (id, title, amount_minor) values (${newId('note')}, 'loose', 1)`,
      );
      return reply.status(201).send({ ok: true });
    });
    app.post('/v1/test/refuse', { config: { auth: 'public' } }, (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        await tx.execute(sql`insert into test_notes (id, title, amount_minor) values (${newId('note')}, 'refused', 1)`);
        return refuse(KernelErrors.CONFLICT({ detail: 'kept what it wrote, then refused' }));
      }),
    );
  },
  subscribers: () => [
    {
      name: 'notes.test_recorder',
      eventTypes: '*',
      async handle(event) {
        delivered.push(event.type);
      },
    },
  ],
};

describeDb('HTTP API foundation', (get) => {
  let s: TestServer;
  beforeAll(async () => {
    const { database } = get();
    await database.db.execute(
      sql`create table if not exists test_notes (id text primary key, title text, amount_minor int)`,
    );
    s = await createTestServer(database, {
      modules: [],
      extraModules: [notesModule],
      env: { ZULIN_METRICS_TOKEN: 'test-metrics-token-0123456789' },
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('liveness and readiness answer, with migrations current', async () => {
    expect((await s.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await s.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ok',
      checks: { database: 'ok', migrations: 'ok', adapters: 'ok', halts: 'ok' },
      halts: [],
      unconfiguredAdapters: [],
      unusedAdapters: [],
      supervisor: { restarts: 0 },
    });
  });

  test('system status shows the business date in the operator time zone', async () => {
    s.clock.set('2026-03-01T16:30:00Z'); // 00:30 on 2 March in Shanghai
    const status = (await s.app.inject('/v1/system/status')).json();
    expect(status).toMatchObject({
      businessDate: '2026-03-02',
      timeZone: 'Asia/Shanghai',
      sandbox: true,
      database: { migrationsPending: 0 },
    });
  });

  test('every answer carries the security headers, computed once: a 200, a 404 and a 500', async () => {
    for (const [url, status] of [
      ['/healthz', 200],
      ['/v1/no-such-thing', 404],
      ['/v1/test/boom', 500],
    ] as const) {
      const res = await s.app.inject(url);
      expect(res.statusCode).toBe(status);
      expect(res.headers).toMatchObject({
        'content-security-policy':
          "default-src 'self';base-uri 'self';font-src 'self' data:;form-action 'self';frame-ancestors 'none';" +
          "img-src 'self' data: blob:;object-src 'none';script-src 'self';script-src-attr 'none';" +
          "style-src 'self' 'unsafe-inline';connect-src 'self'",
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'x-xss-protection': '0',
      });
      expect(res.headers['cross-origin-embedder-policy']).toBeUndefined();
    }
  });

  test('an unknown route answers a 404 problem document', async () => {
    const res = await s.app.inject('/v1/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      status: 404,
      code: 'ROUTE_NOT_FOUND',
      type: 'urn:zulin:problem:ROUTE_NOT_FOUND',
    });
  });

  test('a validation error lists every bad field', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/v1/test/notes', payload: { amountMinor: 1.5 } });
    expect(res.statusCode).toBe(422);
    const problem = res.json();
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/body/amountMinor', '/body/title']);
  });

  test('malformed JSON is a 400 problem, an oversized body a 413', async () => {
    const bad = await s.app.inject({
      method: 'POST',
      url: '/v1/test/notes',
      headers: { 'content-type': 'application/json' },
      payload: '{"title":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('BAD_REQUEST');
    const big = await s.app.inject({
      method: 'POST',
      url: '/v1/test/notes',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ title: 'x'.repeat(Limits.bodyLimitBytes), amountMinor: 1 }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('an internal error leaks nothing and carries the request id', async () => {
    const res = await s.app.inject({ url: '/v1/test/boom', headers: { 'x-request-id': 'trace-123' } });
    expect(res.statusCode).toBe(500);
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.body).not.toContain('secret_table');
    expect(res.json()).toMatchObject({ code: 'INTERNAL', requestId: 'trace-123' });
  });

  test('an idempotent POST replayed returns the first result and does the work once', async () => {
    const post = (payload: object, key = 'order-key-1') =>
      s.app.inject({ method: 'POST', url: '/v1/test/notes', headers: { 'idempotency-key': key }, payload });
    const first = await post({ title: '押金', amountMinor: 599900 });
    expect(first.statusCode).toBe(201);
    const replay = await post({ title: '押金', amountMinor: 599900 });
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    const rows = await queryRows(get().database.db, sql`select * from test_notes where title = '押金'`);
    expect(rows).toHaveLength(1);
    const reused = await post({ title: '押金', amountMinor: 1 });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    const badKey = await post({ title: 'x', amountMinor: 1 }, ' ');
    expect(badKey.statusCode).toBe(422);
  });

  test('a request refused by validation does not use up its key', async () => {
    const post = (payload: object) =>
      s.app.inject({ method: 'POST', url: '/v1/test/notes', headers: { 'idempotency-key': 'k-422' }, payload });
    expect((await post({})).statusCode).toBe(422);
    const corrected = await post({ title: 'fixed', amountMinor: 100 });
    expect(corrected.statusCode).toBe(201);
    expect(corrected.headers['idempotent-replayed']).toBeUndefined();
  });

  test('the worker delivers the events of committed commands', async () => {
    await s.worker.runOnce();
    delivered.length = 0;
    await s.app.inject({ method: 'POST', url: '/v1/test/notes', payload: { title: 'a', amountMinor: 1 } });
    await s.worker.runOnce();
    expect(delivered).toEqual(['notes.note_created']);
  });

  test('a signed webhook is stored once, applied by the worker, and its event delivered', async () => {
    await s.worker.runOnce();
    delivered.length = 0;
    const body = JSON.stringify({ id: 'sbx_evt_1', type: 'payment.succeeded' });
    const signature = signBody(sandboxWebhookSecret(s.ctx), body, Math.floor(s.clock.now().getTime() / 1000));
    const send = (sig: string) =>
      s.app.inject({
        method: 'POST',
        url: '/v1/webhooks/sandbox',
        headers: { 'content-type': 'application/json', 'zulin-signature': sig },
        payload: body,
      });
    expect((await send(signature)).json()).toEqual({ received: true, duplicate: false });
    expect((await send(signature)).json()).toEqual({ received: true, duplicate: true });
    const forged = await send(signature.replace(/v1=./, 'v1=0'));
    expect(forged.statusCode).toBe(401);
    expect(forged.json().code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const old = signBody(sandboxWebhookSecret(s.ctx), body, Math.floor(s.clock.now().getTime() / 1000) - 301);
    expect((await send(old)).json().code).toBe('WEBHOOK_TIMESTAMP_STALE');
    await s.worker.runOnce();
    await s.worker.runOnce();
    expect(delivered).toEqual(['platform.sandbox_event_received']);
    const unknown = await s.app.inject({ method: 'POST', url: '/v1/webhooks/nobody', payload: body });
    expect(unknown.statusCode).toBe(404);
  });

  test('the OpenAPI document describes the routes and their problem responses', async () => {
    const spec = (await s.app.inject('/openapi.json')).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(
      spec.paths['/v1/system/status'].get.responses['4XX'] ?? spec.paths['/v1/system/status'].get.responses['4xx'],
    ).toBeDefined();
    expect(spec.components.schemas.Problem.required).toEqual(['type', 'title', 'status', 'code']);
    const docs = await s.app.inject('/docs/');
    expect(docs.statusCode).toBe(200);
  });

  test('metrics report request latency by route pattern, only with the metrics token', async () => {
    await s.app.inject('/v1/system/status');
    expect((await s.app.inject('/metrics')).statusCode).toBe(401);
    expect((await s.app.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
    const text = (
      await s.app.inject({ url: '/metrics', headers: { authorization: 'Bearer test-metrics-token-0123456789' } })
    ).body;
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/v1\/system\/status",status_code="200"\} \d+/,
    );
  });

  describe('hardening', () => {
    test('access is decided on the matched route: encoded and absolute-form targets of a private route are refused', async () => {
      for (const url of ['/v1/test/private', '/%761/test/private', '/%76%31/test/private', '/v1/test/priv%61te']) {
        const res = await s.app.inject({ url });
        expect(res.statusCode, url).toBe(401);
      }
      // The absolute-form request target (GET http://host/v1/… HTTP/1.1) is its path.
      expect(normalised('http://evil.example/v1/test/private?x=1')).toBe('/v1/test/private?x=1');
    });

    test('odd paths are a 404 problem, never a 500 or a file handler', async () => {
      // light-my-request resolves dot segments itself; the router must refuse them when sent raw.
      expect(normalised('/v1/./test/private')).toBe(invalidPathMarker);
      expect(normalised('/x/../v1/test/private')).toBe(invalidPathMarker);
      for (const url of [
        '//v1/test/private',
        '/v1/test%2Fprivate',
        '/v1/%2e%2e/test/private',
        '/v1/test/private%00',
        '/v1/\\test',
        `/v1/${'a'.repeat(3000)}`,
        '/v1/%E0%A4%A',
      ]) {
        const res = await s.app.inject({ url });
        expect(res.statusCode, url).toBe(404);
        expect(res.json().code, url).toBe('ROUTE_NOT_FOUND');
      }
    });

    test('a trailing slash names no object: an empty path parameter is a 404 problem, not a validation error', async () => {
      expect((await s.app.inject('/v1/test/items/it_1')).json()).toEqual({ id: 'it_1' });
      for (const url of ['/v1/test/items/', '/v1/test/items/?x=1']) {
        const res = await s.app.inject({ url });
        expect(res.statusCode, url).toBe(404);
        expect(res.json().code, url).toBe('ROUTE_NOT_FOUND');
      }
    });

    test('a failed assertion answers 500, is counted, and the process goes on serving', async () => {
      const res = await s.app.inject('/v1/test/assert');
      expect(res.statusCode).toBe(500);
      expect(res.json().code).toBe('INTERNAL');
      expect(res.body).not.toContain('broken assumption');
      expect((await s.app.inject('/healthz')).statusCode).toBe(200);
      const metrics = (
        await s.app.inject({ url: '/metrics', headers: { authorization: 'Bearer test-metrics-token-0123456789' } })
      ).body;
      expect(metrics).toMatch(/zulin_assertion_failures_total\{route="\/v1\/test\/assert"\} 1/);
    });

    test('NUL and other control characters are refused in bodies, queries and keys; newlines pass', async () => {
      const post = (payload: object) => s.app.inject({ method: 'POST', url: '/v1/test/notes', payload });
      const nul = await post({ title: 'a\u0000b', amountMinor: 1 });
      expect(nul.statusCode).toBe(422);
      expect(nul.json().errors).toEqual([
        { path: '/body/title', message: 'must not contain control characters', code: 'control' },
      ]);
      expect((await post({ title: 'bell\u0007', amountMinor: 1 })).statusCode).toBe(422);
      expect((await post({ 'ti\u0000tle': 'x', title: 'y', amountMinor: 1 })).statusCode).toBe(422);
      expect((await post({ title: 'line one\nline two\ttab', amountMinor: 1 })).statusCode).toBe(201);
      expect((await s.app.inject('/v1/test/count?n=1%00')).statusCode).toBe(422);
    });

    test('every integer has a bound: 1e308 is a 422, not a database error', async () => {
      for (const n of ['1e308', '9007199254740992', '-1']) {
        const res = await s.app.inject(`/v1/test/count?n=${n}`);
        expect(res.statusCode, n).toBe(422);
      }
      expect((await s.app.inject('/v1/test/count?n=9007199254740991')).json()).toEqual({ n: 9007199254740991 });
      const huge = await s.app.inject({
        method: 'POST',
        url: '/v1/test/notes',
        payload: { title: 'x', amountMinor: 1e308 },
      });
      expect(huge.statusCode).toBe(422);
    });

    test('private answers are never cached; public ones may be', async () => {
      const res = await s.app.inject('/v1/test/private');
      expect(res.headers['cache-control']).toBe('no-store');
      expect((await s.app.inject('/v1/system/status')).headers['cache-control']).toBeUndefined();
    });

    test('a command that refuses keeps what it wrote and answers the error once, for its key', async () => {
      const send = () =>
        s.app.inject({
          method: 'POST',
          url: '/v1/test/refuse',
          headers: { 'idempotency-key': 'refuse-1' },
          payload: {},
        });
      const first = await send();
      expect(first.statusCode).toBe(409);
      expect(first.json().detail).toBe('kept what it wrote, then refused');
      const again = await send();
      expect(again.statusCode).toBe(409);
      expect(again.headers['idempotent-replayed']).toBe('true');
      const rows = await queryRows(get().database.db, sql`select * from test_notes where title = 'refused'`);
      expect(rows).toHaveLength(1);
    });

    test('an answer recorded in the command transaction is there even if the process dies before sending it', async () => {
      await s.app.inject({
        method: 'POST',
        url: '/v1/test/notes',
        headers: { 'idempotency-key': 'in-tx-1' },
        payload: { title: 'in-tx', amountMinor: 7 },
      });
      const [row] = await queryRows<{ state: string; response_status: number; claim_token: string | null }>(
        get().database.db,
        sql`select state, response_status, claim_token from idempotency_keys where key = 'in-tx-1'`,
      );
      expect(row).toEqual({ state: 'completed', response_status: 201, claim_token: null });
    });

    test('a POST that moves data outside command() is counted as a route bug', async () => {
      await s.app.inject({ method: 'POST', url: '/v1/test/loose', headers: { 'idempotency-key': 'loose-1' } });
      const metrics = (
        await s.app.inject({ url: '/metrics', headers: { authorization: 'Bearer test-metrics-token-0123456789' } })
      ).body;
      expect(metrics).toMatch(/zulin_idempotency_outside_transaction_total\{route="\/v1\/test\/loose"\} 1/);
    });
  });
});

describeDb('deny by default', (get) => {
  test('an app with a route that declares no access rule does not start', async () => {
    const undeclared: ServerModule = {
      name: 'undeclared',
      async routes(app) {
        app.get('/v1/test/undeclared', async () => ({}));
      },
    };
    await expect(createTestServer(get().database, { modules: [], extraModules: [undeclared] })).rejects.toThrow(
      /routes without config.auth: GET \/v1\/test\/undeclared/,
    );
  });

  test('without a guard only public routes answer', async () => {
    const guarded: ServerModule = {
      name: 'guarded',
      async routes(app) {
        app.get('/v1/test/staff-only', { config: { auth: { permission: 'ledger.read' } } }, async () => ({ ok: 1 }));
      },
    };
    const s = await createTestServer(get().database, { modules: [], extraModules: [guarded] });
    try {
      expect((await s.app.inject('/v1/test/staff-only')).statusCode).toBe(401);
    } finally {
      await s.close();
    }
  });

  test('sandbox routes and sandbox webhook channels cannot exist outside sandbox mode', async () => {
    const sandboxRoutes: ServerModule = {
      name: 'sandboxy',
      async routes(app) {
        app.get('/v1/sandbox/thing', { config: { auth: 'public' } }, async () => ({}));
      },
    };
    await expect(
      createTestServer(get().database, { modules: [], extraModules: [sandboxRoutes], env: { ZULIN_SANDBOX: 'false' } }),
    ).rejects.toThrow(/sandbox route/);
    const s = await createTestServer(get().database, { modules: [], env: { ZULIN_SANDBOX: 'false' } });
    try {
      const res = await s.app.inject({ method: 'POST', url: '/v1/webhooks/sandbox', payload: '{}' });
      expect(res.statusCode).toBe(404);
    } finally {
      await s.close();
    }
  });
});

describeDb('client addresses', (get) => {
  const ipModule: ServerModule = {
    name: 'ip',
    async routes(app) {
      app.get('/v1/test/ip', { config: { auth: 'public' } }, async (request) => ({ ip: request.ip }));
    },
  };
  const ipOf = async (s: TestServer, remoteAddress: string) =>
    (await s.app.inject({ url: '/v1/test/ip', remoteAddress, headers: { 'x-forwarded-for': '203.0.113.9' } })).json()
      .ip;

  test('X-Forwarded-For is ignored unless the peer is a proxy named in ZULIN_TRUST_PROXY', async () => {
    const plain = await createTestServer(get().database, { modules: [], extraModules: [ipModule] });
    const proxied = await createTestServer(get().database, {
      modules: [],
      extraModules: [ipModule],
      env: { ZULIN_TRUST_PROXY: '10.0.0.0/8' },
    });
    try {
      expect(await ipOf(plain, '10.0.0.5')).toBe('10.0.0.5');
      expect(await ipOf(proxied, '10.0.0.5')).toBe('203.0.113.9');
      expect(await ipOf(proxied, '192.0.2.7')).toBe('192.0.2.7');
    } finally {
      await plain.close();
      await proxied.close();
    }
  });
});

describeDb('halts', (get) => {
  test('a broken money invariant while serving records a halt of its scope, reported by /readyz; the process goes on', async () => {
    const breaking: ServerModule = {
      name: 'breaking',
      async routes(app) {
        app.post('/v1/test/break', { config: { auth: 'public', effects: 'none' } }, async () => {
          throw new InvariantBroken('ledger', 'test: the books do not add up');
        });
      },
    };
    const s = await createTestServer(get().database, { modules: [], extraModules: [breaking] });
    try {
      const res = await s.app.inject({ method: 'POST', url: '/v1/test/break' });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('books');
      const ready = await s.app.inject('/readyz');
      expect(ready.statusCode).toBe(503);
      expect(ready.json().checks.halts).toBe('failing');
      expect(ready.json().halts).toEqual([{ scope: 'ledger', since: s.clock.now().toISOString() }]);
      expect((await s.app.inject('/healthz')).statusCode).toBe(200);
    } finally {
      await s.close();
    }
  });
});
