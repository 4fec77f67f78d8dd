// The fuzzer (issue 9, docs/security.md): malformed bodies, queries and paths, generated with
// fast-check from each operation of `/openapi.json` — wrong types, NUL and other control
// characters, huge strings, huge, negative, fractional and 1e308 numbers, nulls, extra and
// prototype-named fields, deep nesting, broken JSON, odd content types, odd path values — sent
// anonymous, as a customer and as an administrator (so that validation past access is reached),
// in process and, for every fourth request, over a real socket. No answer may be a 5xx or carry
// a stack trace, SQL or a file path of ours.
//
// Seeded and reproducible: the seed is printed; FUZZ_SEED=<n> FUZZ_RUNS=<runs per operation>
// npx vitest run apps/server/src/fuzz.test.ts replays a run (each failure names its seed).
import { roles } from '@zulin/identity';
import * as signIn from '@zulin/identity/testing';
import { Limits } from '@zulin/kernel';
import fc from 'fast-check';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  type Answer,
  anonymous,
  type Caller,
  counterValues,
  describeSuite,
  isStaffRoute,
  newCustomer,
  newStaff,
  type Operation,
  operationsOf,
  type SuiteServer,
  send,
  startSuiteServer,
} from './suite-server';

const defaultSeed = 20_260_309;
const defaultRunsPerOperation = 24;
const seed = Number(process.env.FUZZ_SEED ?? defaultSeed);
const runsPerOperation = Number(process.env.FUZZ_RUNS ?? defaultRunsPerOperation);
const setupTimeoutMs = 300_000;
// The run grows with the routes (24 cases × every operation, ~5,000 requests at 200 operations).
const fuzzTimeoutMs = 600_000;

// --- What comes back must not show ------------------------------------------------------------

const leaks: { name: string; pattern: RegExp }[] = [
  { name: 'stack trace', pattern: /\bat (?:async )?[\w$.<>[\] ]*\(?[^\s()]+:\d+:\d+\)?/ },
  { name: 'SQL', pattern: /\bselect\b[^"]{0,200}\bfrom\b|\binsert into\b|\bsyntax error\b|\bviolates\b/i },
  { name: 'internal path', pattern: /node_modules|\/(?:packages|apps)\/[\w-]+\/src\/|[\w-]+\.(?:ts|mjs|js):\d+/ },
];

// --- Nasty values -----------------------------------------------------------------------------

const deep = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};

/** A value no field wants, of every type. Strings that could look like a leak when echoed are avoided. */
const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    0,
    -1,
    -0.5,
    1.5,
    1e308,
    -1e308,
    2 ** 53,
    2 ** 63,
    -(2 ** 63),
    Number.MAX_SAFE_INTEGER + 2,
    4_294_967_296,
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\u0007\u001b[31m',
    '\u007f',
    '\ud800',
    '\u202eabc',
    "' or '1'='1",
    '"; drop table x; --',
    '../../etc/passwd',
    '%00',
    '{{7*7}}',
    '<script>alert(1)</script>',
    '1e308',
    'NaN',
    '-1',
    '2026-02-30',
    '9999-99-99T99:99:99Z',
    '+86 138 0013 8000',
    'cus_doesnotexist',
    '9'.repeat(400),
    [],
    {},
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom('x'.repeat(100_000), '中'.repeat(30_000), deep(3000)),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 8 }), fc.constant(null)), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.integer(), fc.string({ maxLength: 8 })), { maxKeys: 4 }),
);

/** Strings for a query or path value, sent percent-encoded (or, for `raw`, as they are). */
const nastyText: fc.Arbitrary<{ text: string; raw?: boolean }> = fc.oneof(
  nasty.map((v) => ({ text: typeof v === 'string' ? v : (JSON.stringify(v) ?? '') })),
  fc.constantFrom(
    { text: '%00', raw: true },
    { text: '%E0%A4%A', raw: true },
    { text: '%', raw: true },
    { text: '..', raw: true },
    { text: '%2e%2e', raw: true },
    { text: '%2F', raw: true },
    { text: 'a'.repeat(5000), raw: true },
  ),
);

function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  // `__proto__` and friends become own keys, as JSON.parse makes them.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function validBody(op: Operation): unknown {
  const body = op.routeSchema?.body;
  if (body === undefined) return undefined;
  try {
    return Value.Create(body as never);
  } catch {
    return {};
  }
}

interface FuzzCase {
  caller: 'anonymous' | 'customer' | 'admin' | 'role';
  path: string;
  query: string;
  body?: string;
  contentType?: string;
  idempotencyKey?: string;
  socket: boolean;
}

/**
 * Over a socket unless node's client cannot send it: a header value outside visible ASCII, or a
 * body over the limit (refused with 413 while still being written, then the connection closes).
 */
function viaSocket(c: FuzzCase): boolean {
  return (
    c.socket &&
    (c.body?.length ?? 0) <= Limits.bodyLimitBytes &&
    (c.idempotencyKey === undefined || /^[\x20-\x7e]*$/.test(c.idempotencyKey))
  );
}

function encodePart(part: { text: string; raw?: boolean }): string {
  if (part.raw) return part.text;
  // A lone surrogate has no UTF-8 form: it is sent as the bytes a careless encoder would write.
  return encodeURIComponent(part.text.replace(/[\ud800-\udfff]/g, '\u0000S\u0000')).replace(/%00S%00/g, '%ED%A0%80');
}

/** Cases for one operation: each breaks one or more of its body, query, path and headers. */
function casesOf(op: Operation): fc.Arbitrary<FuzzCase> {
  const valid = validBody(op);
  const keys = typeof valid === 'object' && valid !== null && !Array.isArray(valid) ? Object.keys(valid) : [];
  const fieldNames = fc.oneof(
    ...(keys.length > 0 ? [fc.constantFrom(...keys)] : []),
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'id', 'customerId', 'amountMinor'),
    fc.string({ maxLength: 12 }),
  );
  const bodyMutation: fc.Arbitrary<{ body?: string; contentType?: string }> = fc.oneof(
    // One or more fields set to a value they do not want, the others as valid as we can make them.
    fc.array(fc.tuple(fieldNames, nasty), { minLength: 1, maxLength: 3 }).map((changes) => {
      const base: Record<string, unknown> = typeof valid === 'object' && valid !== null ? { ...(valid as object) } : {};
      for (const [key, value] of changes) setKey(base, key, value);
      return { body: JSON.stringify(base) };
    }),
    // A required field left out.
    fc.constantFrom(...(keys.length > 0 ? keys : ['none'])).map((key) => {
      const base: Record<string, unknown> = typeof valid === 'object' && valid !== null ? { ...(valid as object) } : {};
      delete base[key];
      return { body: JSON.stringify(base) };
    }),
    // The whole body something else.
    nasty.map((v) => ({ body: JSON.stringify(v) ?? 'null' })),
    fc.constantFrom(
      { body: 'not json' },
      { body: '{"a":' },
      { body: '{"a":1,"a":2}' },
      { body: '\u0000' },
      { body: '' },
      { body: `${'['.repeat(20_000)}${']'.repeat(20_000)}` },
      { body: JSON.stringify(valid ?? {}), contentType: 'text/plain' },
      { body: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
      { body: JSON.stringify(valid ?? {}), contentType: 'application/json; charset=latin1' },
      { body: JSON.stringify(valid ?? {}), contentType: 'application/xml' },
      { body: 'x'.repeat(3 * 1024 * 1024) },
    ),
  );
  const queryNames = op.queryParams.map((p) => p.name);
  const query = fc.array(
    fc.tuple(
      queryNames.length > 0
        ? fc.oneof(fc.constantFrom(...queryNames), fc.string({ maxLength: 8 }))
        : fc.string({ maxLength: 8 }),
      nastyText,
    ),
    { maxLength: 4 },
  );
  const pathValues = fc.array(fc.option(nastyText, { nil: undefined, freq: 2 }), {
    minLength: op.pathParams.length,
    maxLength: op.pathParams.length,
  });
  const likelyCaller: FuzzCase['caller'] =
    op.auth === 'customer' ? 'customer' : isStaffRoute(op.auth) ? 'admin' : 'anonymous';
  return fc
    .record({
      caller: fc.oneof(
        { arbitrary: fc.constant(likelyCaller), weight: 6 },
        { arbitrary: fc.constantFrom<FuzzCase['caller']>('anonymous', 'customer', 'admin', 'role'), weight: 2 },
      ),
      body:
        op.method === 'GET'
          ? fc.constant({})
          : fc.oneof({ arbitrary: bodyMutation, weight: 8 }, { arbitrary: fc.constant({}), weight: 1 }),
      query,
      pathValues,
      idempotencyKey: fc.option(fc.oneof(fc.uuid(), fc.constantFrom('', ' ', 'a\u0001b', 'k'.repeat(300), 'ключ')), {
        nil: undefined,
      }),
      socket: fc.nat(3).map((n) => n === 0),
    })
    .map(({ caller, body, query: q, pathValues: values, idempotencyKey, socket }) => {
      let path = op.path;
      for (const [i, p] of op.pathParams.entries()) {
        const v = values[i];
        path = path.replace(
          `{${p.name}}`,
          v === undefined ? (p.name === 'channel' ? 'sandbox' : 'zz_1') : encodePart(v),
        );
      }
      const queryText = q.map(([name, value]) => `${encodeURIComponent(name)}=${encodePart(value)}`).join('&');
      return {
        caller,
        path,
        query: queryText,
        ...body,
        ...(op.method === 'POST' && idempotencyKey !== undefined ? { idempotencyKey } : {}),
        socket,
      };
    });
}

// On PostgreSQL when TEST_DATABASE_URL is set (suite-server.ts, suiteBackend).
describeSuite('fuzzer', () => {
  let server: SuiteServer;
  let operations: Operation[];
  const callers = new Map<FuzzCase['caller'], Caller>();
  beforeAll(async () => {
    console.log(`fuzzer: seed ${seed}, ${runsPerOperation} runs per operation (FUZZ_SEED, FUZZ_RUNS)`);
    // No demo data: the cases name objects that do not exist anyway, and seeding is slow.
    server = await startSuiteServer({ seed: false });
    operations = await operationsOf(server);
    callers.set('anonymous', anonymous);
    callers.set('customer', await newCustomer(server, signIn));
    callers.set('admin', await newStaff(server, signIn, 'admin'));
    callers.set('role', await newStaff(server, signIn, roles[seed % roles.length] ?? 'support'));
  }, setupTimeoutMs);
  afterAll(async () => {
    await server?.close();
  });

  async function sendCase(op: Operation, c: FuzzCase): Promise<Answer> {
    const caller = callers.get(c.caller);
    const headers: Record<string, string> = {};
    if (caller?.token) headers.authorization = `Bearer ${caller.token}`;
    if (c.idempotencyKey !== undefined) headers['idempotency-key'] = c.idempotencyKey;
    if (c.body !== undefined) headers['content-type'] = c.contentType ?? 'application/json';
    const target = c.query ? `${c.path}?${c.query}` : c.path;
    if (viaSocket(c)) {
      return send(server, {
        method: op.method,
        target,
        headers,
        fresh: true,
        ...(c.body === undefined ? {} : { body: c.body }),
      });
    }
    const res = await server.app.inject({
      method: op.method as 'GET',
      url: target,
      headers,
      ...(c.body === undefined ? {} : { payload: c.body }),
    });
    return { status: res.statusCode, contentType: String(res.headers['content-type'] ?? ''), body: res.body };
  }

  function describeCase(c: FuzzCase): string {
    const body =
      c.body === undefined
        ? ''
        : ` body ${JSON.stringify(c.body.slice(0, 160))}${c.body.length > 160 ? `… (${c.body.length})` : ''}`;
    const target = `${c.path}${c.query ? `?${c.query}` : ''}`;
    return `${c.caller}${c.socket ? ' (socket)' : ''} ${target.slice(0, 200)}${body}${c.contentType ? ` [${c.contentType}]` : ''}`;
  }

  test(
    'no malformed request to any operation gets a 5xx or shows anything internal',
    async () => {
      expect(operations.length).toBeGreaterThan(50);
      const failures: string[] = [];
      let requests = 0;
      let overSocket = 0;
      const statuses = new Map<number, number>();
      for (const [i, op] of operations.entries()) {
        const opSeed = seed + i;
        const cases = fc.sample(casesOf(op), { seed: opSeed, numRuns: runsPerOperation });
        for (const [run, c] of cases.entries()) {
          let answer: Answer;
          try {
            answer = await sendCase(op, c);
          } catch (error) {
            failures.push(
              `no answer (${(error as Error).message}): ${op.method} ${op.path} (seed ${opSeed}, run ${run}): ${describeCase(c)}`,
            );
            continue;
          }
          requests += 1;
          if (viaSocket(c)) overSocket += 1;
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const where = `${op.method} ${op.path} (seed ${opSeed}, run ${run}): ${describeCase(c)} → ${answer.status} ${answer.body.slice(0, 300)}`;
          if (answer.status >= 500) failures.push(`5xx: ${where}`);
          for (const leak of leaks) {
            if (leak.pattern.test(answer.body)) failures.push(`${leak.name} in the answer: ${where}`);
          }
        }
      }
      console.log(
        `fuzzer: seed ${seed}: ${requests} requests (${overSocket} over a socket) to ${operations.length} operations; statuses ${JSON.stringify(Object.fromEntries(statuses))}; ${failures.length} failures`,
      );
      expect(failures.slice(0, 40)).toEqual([]);
      expect(overSocket).toBeGreaterThan(0);
      // Still serving, and nothing failed an assertion on the way.
      expect((await send(server, { method: 'GET', target: '/healthz' })).status).toBe(200);
      expect(await counterValues(server, 'zulin_assertion_failures_total')).toEqual([]);
    },
    fuzzTimeoutMs,
  );
});
