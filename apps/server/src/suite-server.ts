// What the route walker and the fuzzer share: the whole product as `zulin serve` builds it (the
// modules of @zulin/product, the web apps, one metrics registry) listening on a real socket, the
// operations of its `/openapi.json`, callers of every kind, and a client that sends request
// targets byte for byte (node's fetch would normalise `/x/../v1`, so it is not used here).
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { createTestDatabase, type TestDatabase, testBackends } from '@zulin/db/testing';
import { type Role, roles } from '@zulin/identity';
import { AdjustableClock } from '@zulin/kernel';
import { usePaymentsBaseUrl } from '@zulin/payments';
import {
  type AppContext,
  type AuthRequirement,
  buildApp,
  createMetricsRegistry,
  declaredRoutes,
  type ZulinApp,
} from '@zulin/platform';
import { testConfig } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import pino from 'pino';
import type { Registry } from 'prom-client';
import { describe } from 'vitest';
import { registerWebApps } from './http/web';

export interface SuiteServer {
  app: ZulinApp;
  ctx: AppContext;
  registry: Registry;
  database: TestDatabase;
  host: string;
  port: number;
  close(): Promise<void>;
}

/**
 * One backend per suite, to keep it bounded in time: PostgreSQL when the run has it (as in CI's
 * PostgreSQL leg, which selects these files by the mention of TEST_DATABASE_URL here and in each
 * suite), PGlite when there is no PostgreSQL at all, and none in a PGlite-only leg of a run that has
 * PostgreSQL (the suite then runs in the PostgreSQL leg instead).
 */
export function suiteBackend(): 'postgres' | 'pglite' | undefined {
  const backends = testBackends();
  if (backends.includes('postgres')) return 'postgres';
  return process.env.TEST_DATABASE_URL ? undefined : 'pglite';
}

/** `describe` on the suite's backend, or skipped with the reason when this run leaves it to another leg. */
export function describeSuite(name: string, body: () => void): void {
  const backend = suiteBackend();
  if (backend) describe(`${name} [${backend}]`, body);
  else describe.skip(`${name} [runs in the PostgreSQL leg]`, body);
}

/** The product on a fresh database, seeded with the demo data, listening on 127.0.0.1 (a free port). */
export async function startSuiteServer(
  options: { env?: Record<string, string>; seed?: boolean } = {},
): Promise<SuiteServer> {
  const database = await createTestDatabase(suiteBackend() ?? 'pglite');
  const registry = createMetricsRegistry();
  const ctx: AppContext = {
    // The rate limiter stays in the chain, with a limit a walk of thousands of requests stays under.
    config: testConfig({ ZULIN_RATE_LIMIT_PER_MINUTE: '10000000', ...options.env }),
    database: database.database,
    clock: new AdjustableClock('2026-03-02T02:00:00Z'),
    logger: pino({ level: 'silent' }),
    runtime: { workerEnabled: false, isLeader: () => false },
  };
  if (options.seed !== false) {
    for (const module of modules) {
      const started = Date.now();
      await module.seed?.(ctx);
      if (module.seed) console.log(`suite server: seeded ${module.name} in ${Date.now() - started} ms`);
    }
  }
  const app = await buildApp({ ctx, modules, registry, webApps: registerWebApps });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  // The payment channels' sandbox is this server: its calls must reach it, not the configured port
  // (failing calls would open the channels' circuit breakers and answer 503 to the walk).
  usePaymentsBaseUrl(ctx, `http://127.0.0.1:${port}`);
  return {
    app,
    ctx,
    registry,
    database,
    host: '127.0.0.1',
    port,
    async close() {
      agent.destroy();
      await app.close();
      await database.cleanup();
    },
  };
}

// --- OpenAPI ---------------------------------------------------------------------------------

type JsonSchema = Record<string, unknown>;

export interface Operation {
  method: string;
  /** `/v1/bills/{id}` as the document spells it. */
  path: string;
  operationId: string;
  pathParams: { name: string; schema: JsonSchema }[];
  queryParams: { name: string; schema: JsonSchema; required: boolean }[];
  body: JsonSchema | undefined;
  /** What the route declared (`config.auth`), from the app's own registry. */
  auth: AuthRequirement;
  /** The route's own (TypeBox) schemas, to build valid values from. */
  routeSchema: Record<string, unknown> | undefined;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}
interface OpenApiOperation {
  operationId?: string;
  parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema: JsonSchema }> };
}

/** Every operation of the served `/openapi.json`, with the access rule its route declared. */
export async function operationsOf(server: SuiteServer): Promise<Operation[]> {
  const res = await send(server, { method: 'GET', target: '/openapi.json' });
  if (res.status !== 200) throw new Error(`/openapi.json answered ${res.status}`);
  const doc = JSON.parse(res.body) as OpenApiDocument;
  const declared = declaredRoutes(server.app);
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const upper = method.toUpperCase();
      // The test clock moves the clock the whole suite shares: every request after it would carry
      // tokens a day old (401). It has tests of its own (packages/platform/src/sandbox-clock.test.ts,
      // packages/modules/rental/src/place-order.test.ts).
      if (path === '/v1/sandbox/clock') continue;
      // `{*}` is a wildcard route's rest of the path (`/v1/sandbox/payments/wechatpay/v3/*`).
      const url = path.replace(/\{\*\}/g, '*').replace(/\{([^}]+)\}/g, ':$1');
      const route = declared.find((r) => r.method === upper && r.url === url);
      if (!route) throw new Error(`${upper} ${path} is in /openapi.json but no route declared it`);
      const params = op.parameters ?? [];
      operations.push({
        method: upper,
        path,
        operationId: op.operationId ?? `${upper} ${path}`,
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
        queryParams: params
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema, required: Boolean(p.required) })),
        body: resolveRefs(op.requestBody?.content?.['application/json']?.schema, doc),
        auth: route.auth,
        routeSchema: route.schema,
      });
    }
  }
  return operations;
}

function resolveRefs(schema: JsonSchema | undefined, doc: OpenApiDocument, depth = 0): JsonSchema | undefined {
  if (schema === undefined || depth > 20) return schema;
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const name = ref.replace(/^#\/components\/schemas\//, '').replace(/#$/, '');
    const target = doc.components?.schemas?.[name];
    return target ? resolveRefs(target, doc, depth + 1) : schema;
  }
  return schema;
}

export function isPublic(auth: AuthRequirement): boolean {
  return auth === 'public';
}

/** A route for staff: any signed-in staff member, or one whose role has a permission. */
export function isStaffRoute(auth: AuthRequirement): boolean {
  return auth === 'staff' || (typeof auth === 'object' && 'permission' in auth);
}

// --- Callers ---------------------------------------------------------------------------------

export interface Caller {
  name: string;
  kind: 'anonymous' | 'customer' | 'staff';
  role?: Role;
  token?: string;
  /** Whose objects are this caller's (the customer's id), to fill path parameters with. */
  principalId?: string;
}

export const anonymous: Caller = { name: 'anonymous', kind: 'anonymous' };

/**
 * The identity module's test helpers (`@zulin/identity/testing`), which only test files may
 * import: the suites pass them in.
 */
export interface SignIn {
  signInTestCustomer(server: SuiteServer, phone?: string): Promise<{ customerId: string; token: string }>;
  signInTestStaff(server: SuiteServer, role: Role): Promise<{ staffId: string; token: string }>;
}

export async function newCustomer(server: SuiteServer, signIn: SignIn, phone?: string): Promise<Caller> {
  const c = await signIn.signInTestCustomer(server, phone);
  return { name: 'customer', kind: 'customer', token: c.token, principalId: c.customerId };
}

export async function newStaff(server: SuiteServer, signIn: SignIn, role: Role): Promise<Caller> {
  const s = await signIn.signInTestStaff(server, role);
  return { name: `staff:${role}`, kind: 'staff', role, token: s.token, principalId: s.staffId };
}

/** Anonymous, a customer (of that phone, or a new one), and one staff member of each role. */
export async function everyCaller(server: SuiteServer, signIn: SignIn, customerPhone?: string): Promise<Caller[]> {
  const callers: Caller[] = [anonymous, await newCustomer(server, signIn, customerPhone)];
  for (const role of roles) callers.push(await newStaff(server, signIn, role));
  return callers;
}

// --- Sending ---------------------------------------------------------------------------------

export interface Sent {
  method: string;
  /** The request target exactly as it goes on the wire. */
  target: string;
  headers?: Record<string, string>;
  body?: string;
  /** A connection of its own (no keep-alive reuse of one the server may be closing). */
  fresh?: boolean;
}

export interface Answer {
  status: number;
  contentType: string;
  body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/** Sends `target` as is (origin-form or absolute-form) over a pooled keep-alive connection. */
export function send(server: SuiteServer, sent: Sent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { accept: 'application/json', ...sent.headers };
    if (sent.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      headers['content-length'] = String(Buffer.byteLength(sent.body));
    }
    const req = httpRequest(
      {
        host: server.host,
        port: server.port,
        method: sent.method,
        path: sent.target,
        headers,
        agent: sent.fresh ? false : agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (sent.body !== undefined) req.write(sent.body);
    req.end();
  });
}

/**
 * Writes one HTTP/1.1 request on a fresh TCP connection, byte for byte (for the absolute-form
 * target `GET http://host/v1/… HTTP/1.1`), and reads the answer until the server closes.
 */
export function sendRaw(server: SuiteServer, sent: Sent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, server.host);
    const chunks: Buffer[] = [];
    const lines = [
      `${sent.method} ${sent.target} HTTP/1.1`,
      `Host: ${server.host}:${server.port}`,
      'Accept: application/json',
      'Connection: close',
      ...Object.entries(sent.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    ];
    if (sent.body !== undefined) {
      lines.push('Content-Type: application/json', `Content-Length: ${Buffer.byteLength(sent.body)}`);
    }
    socket.on('connect', () => socket.write(`${lines.join('\r\n')}\r\n\r\n${sent.body ?? ''}`));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      try {
        resolve(parseRawAnswer(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reject(error);
      }
    });
  });
}

function parseRawAnswer(text: string): Answer {
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd === -1) throw new Error(`no HTTP answer: ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine = '', ...headerLines] = text.slice(0, headEnd).split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers = new Map(
    headerLines.map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  let body = text.slice(headEnd + 4);
  if (headers.get('transfer-encoding') === 'chunked') {
    let out = '';
    let rest = body;
    for (;;) {
      const lineEnd = rest.indexOf('\r\n');
      const size = Number.parseInt(rest.slice(0, lineEnd), 16);
      if (!size) break;
      out += rest.slice(lineEnd + 2, lineEnd + 2 + size);
      rest = rest.slice(lineEnd + 2 + size + 2);
    }
    body = out;
  }
  return { status, contentType: headers.get('content-type') ?? '', body };
}

/** The non-zero values of a counter of the server's registry, as `label=value …: n`. */
export async function counterValues(server: SuiteServer, name: string): Promise<string[]> {
  const metric = server.registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  return values
    .filter((v) => v.value !== 0)
    .map(
      (v) =>
        `${Object.entries(v.labels)
          .map(([k, l]) => `${k}=${l}`)
          .join(' ')}: ${v.value}`,
    );
}
