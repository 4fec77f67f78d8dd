import { emitEvent, queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { Limits, newId } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ServerModule } from './context';
import { sandboxWebhookSecret } from './platform/module';
import { signBody } from './platform/signature';
import { createTestServer, type TestServer } from './testing';

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
      async (request, reply) => {
        const body = request.body as { title: string; amountMinor: number };
        const id = newId('note');
        await transaction(ctx.database, async (tx) => {
          await tx.execute(
            sql`insert into test_notes (id, title, amount_minor) values (${id}, ${body.title}, ${body.amountMinor})`,
          );
          await emitEvent(tx, ctx.clock.now(), {
            type: 'notes.note_created',
            aggregateType: 'note',
            aggregateId: id,
            payload: {},
          });
        });
        return reply.status(201).send({ id, ...body });
      },
    );
    app.get('/v1/test/boom', { config: { auth: 'public' } }, async () => {
      throw new Error('relation "secret_table" does not exist at select * from secret_table');
    });
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
    s = await createTestServer(database, { extraModules: [notesModule] });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('liveness and readiness answer, with migrations current', async () => {
    expect((await s.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await s.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', checks: { database: 'ok', migrations: 'ok' } });
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

  test('metrics report request latency by route pattern', async () => {
    await s.app.inject('/v1/system/status');
    const text = (await s.app.inject('/metrics')).body;
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/v1\/system\/status",status_code="200"\} \d+/,
    );
  });
});
