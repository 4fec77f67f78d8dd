// The crash test (issue 9, docs/security.md): `zulin serve` as production runs it — a supervisor
// and its server process, on PostgreSQL — takes concurrent money commands, each with its own
// Idempotency-Key: customers' wallet transfers to each other and cashbacks granted by staff. The
// server process is killed with SIGKILL mid-way (the supervisor replaces it), then the whole
// process tree (restarted by the test), and every request is retried with its key until it has a
// final answer. Then: every effect happened exactly once (each wallet's balance is its seed plus
// the cashbacks and transfers whose keys were answered 2xx), the ledger reconciles (`zulin reconcile`'s check), no key is left "in progress", and the outbox is delivered.
//
// PostgreSQL only: the server runs in processes of its own, which an in-memory PGlite cannot
// serve. CI sets TEST_DATABASE_URL.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Database, openDatabase } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { randomTestPhone, signInTestCustomer, signInTestStaff } from '@zulin/identity/testing';
import { systemClock } from '@zulin/kernel';
import { type AppContext, loadConfig } from '@zulin/platform';
import { testMasterKey } from '@zulin/platform/testing';
import pg from 'pg';
import pino from 'pino';
import { expect, test } from 'vitest';
import { reconcileLedger } from './reconcile';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const zulin = join(repoRoot, 'apps', 'server', 'bin', 'zulin.mjs');

const customerCount = 6;
const seedMinor = 100_000;
/** Per crash cycle: this many transfers and cashbacks are in flight when the server is killed. */
const transfersPerCycle = 48;
const cashbacksPerCycle = 12;
const concurrency = 12;

interface MoneyRequest {
  kind: 'transfer' | 'cashback';
  key: string;
  token: string;
  from?: string;
  to: string;
  amountMinor: number;
  path: string;
  body: string;
  /** The final answer, once it is neither a lost connection, a 5xx nor "in progress". */
  final?: { status: number; body: string };
  attempts: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The server processes `pid` started (the supervisor's cluster children). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeDb('crash test', (_get, kind) => {
  test.skipIf(kind !== 'postgres')(
    'kill -9 mid-way through concurrent money commands: each key takes effect once, the ledger reconciles, the outbox drains (PostgreSQL only: the server runs in processes of its own)',
    async () => {
      const adminUrl = process.env.TEST_DATABASE_URL ?? '';
      const name = `zulin_crash_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const databaseUrl = url.toString();
      const dataDir = await mkdtemp(join(tmpdir(), 'zulin-crash-'));
      const port = await freePort();
      const env = {
        ...process.env,
        NODE_ENV: 'development',
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        ZULIN_DATA_DIR: dataDir,
        ZULIN_MASTER_KEY: testMasterKey,
        ZULIN_SANDBOX: 'true',
        ZULIN_RATE_LIMIT_PER_MINUTE: '0',
        LOG_LEVEL: 'warn',
      };
      const base = `http://127.0.0.1:${port}`;
      let server: ChildProcess | undefined;
      const output: string[] = [];
      let database: Database | undefined;
      const check = new pg.Client({ connectionString: databaseUrl });

      const start = async (): Promise<ChildProcess> => {
        const child = spawn(process.execPath, [zulin, 'serve'], {
          cwd: repoRoot,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
        child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
        await waitReady();
        return child;
      };
      const waitReady = async (): Promise<void> => {
        for (let i = 0; i < 600; i++) {
          try {
            const res = await fetch(`${base}/readyz`);
            if (res.status === 200) return;
          } catch {
            // not listening yet
          }
          await sleep(250);
        }
        throw new Error(`the server did not get ready:\n${output.join('').slice(-3000)}`);
      };

      try {
        server = await start();
        database = await openDatabase({ url: databaseUrl, poolMax: 2 });
        const ctx: AppContext = {
          config: loadConfig({ ZULIN_MASTER_KEY: testMasterKey, DATABASE_URL: databaseUrl, ZULIN_DATA_DIR: dataDir }),
          database,
          clock: systemClock,
          logger: pino({ level: 'silent' }),
          runtime: { workerEnabled: false, isLeader: () => false },
        };
        // The identity helpers need only the context; this test talks to the server over HTTP.
        const serverLike = { ctx, app: undefined as never };
        const staff = await signInTestStaff(serverLike, 'admin');
        const customers: { phone: string; customerId: string; token: string }[] = [];
        for (let i = 0; i < customerCount; i++) {
          const phone = randomTestPhone();
          customers.push({ phone, ...(await signInTestCustomer(serverLike, phone)) });
        }

        const post = async (path: string, token: string, key: string, body: string) => {
          const res = await fetch(`${base}${path}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'idempotency-key': key, 'content-type': 'application/json' },
            body,
          });
          return { status: res.status, body: await res.text() };
        };
        // Each customer starts with the same balance (a cashback each, before any crash).
        for (const c of customers) {
          const res = await post(
            '/v1/admin/wallet/cashbacks',
            staff.token,
            `seed-${c.customerId}`,
            JSON.stringify({
              customerId: c.customerId,
              amountMinor: seedMinor,
              reason: 'crash test',
              sourceRef: `seed-${c.customerId}`,
            }),
          );
          expect(res.status, res.body).toBeLessThan(300);
        }

        const requests: MoneyRequest[] = [];
        let n = 0;
        const batch = (): MoneyRequest[] => {
          const made: MoneyRequest[] = [];
          for (let i = 0; i < transfersPerCycle; i++) {
            n += 1;
            const fromIndex = n % customerCount;
            const from = customers[fromIndex];
            const to = customers[(fromIndex + 1 + (n % (customerCount - 1))) % customerCount];
            if (!from || !to) throw new Error('no customer');
            const amountMinor = 1 + ((n * 37) % 300);
            made.push({
              kind: 'transfer',
              key: `transfer-${randomUUID()}`,
              token: from.token,
              from: from.customerId,
              to: to.customerId,
              amountMinor,
              path: '/v1/wallet/transfers',
              body: JSON.stringify({ toPhone: to.phone, amountMinor, note: `crash ${n}` }),
              attempts: 0,
            });
          }
          for (let i = 0; i < cashbacksPerCycle; i++) {
            n += 1;
            const to = customers[n % customerCount];
            if (!to) throw new Error('no customer');
            const amountMinor = 1 + ((n * 53) % 500);
            const ref = `crash-${randomUUID()}`;
            // Interleaved with the transfers.
            made.splice((i * 5) % made.length, 0, {
              kind: 'cashback',
              key: ref,
              token: staff.token,
              to: to.customerId,
              amountMinor,
              path: '/v1/admin/wallet/cashbacks',
              body: JSON.stringify({ customerId: to.customerId, amountMinor, reason: 'crash test', sourceRef: ref }),
              attempts: 0,
            });
          }
          requests.push(...made);
          return made;
        };

        /**
         * Sends each request not yet answered for good, `concurrency` at a time, and calls
         * `onAnswered` with the number of answers so far (the moment to crash the server).
         */
        const drive = async (list: MoneyRequest[], onAnswered?: (answered: number) => void) => {
          let next = 0;
          let answered = 0;
          const lane = async () => {
            while (next < list.length) {
              const r = list[next++] as MoneyRequest;
              if (r.final) continue;
              r.attempts += 1;
              try {
                const res = await post(r.path, r.token, r.key, r.body);
                const inProgress = res.status === 409 && res.body.includes('IDEMPOTENCY_REQUEST_IN_PROGRESS');
                if (res.status < 500 && !inProgress) r.final = res;
                answered += 1;
                onAnswered?.(answered);
              } catch {
                // The connection died with the server: retried later with the same key.
              }
            }
          };
          await Promise.all(Array.from({ length: concurrency }, lane));
        };

        // Cycles 1 and 2: the server process dies under load; the supervisor replaces it.
        for (let cycle = 1; cycle <= 2; cycle++) {
          const list = batch();
          const supervisorPid = server.pid ?? 0;
          const workers = childrenOf(supervisorPid);
          expect(workers.length, 'the supervisor runs a server process').toBe(1);
          let killed = false;
          await drive(list, (answered) => {
            if (killed || answered < list.length / 3) return;
            killed = true;
            for (const pid of workers) process.kill(pid, 'SIGKILL');
          });
          expect(killed).toBe(true);
          await waitReady();
          const ready = (await (await fetch(`${base}/readyz`)).json()) as { supervisor: { restarts: number } };
          expect(ready.supervisor.restarts).toBe(cycle);
        }
        // Cycle 3: the whole tree dies, supervisor and server; the operator starts it again.
        {
          const list = batch();
          const tree = [server.pid ?? 0, ...childrenOf(server.pid ?? 0)];
          let killed = false;
          await drive(list, (answered) => {
            if (killed || answered < list.length / 2) return;
            killed = true;
            for (const pid of tree) process.kill(pid, 'SIGKILL');
          });
          expect(killed).toBe(true);
          server = await start();
        }

        // Every request retried with its key until it has its final answer. A claim left by a
        // killed process is taken over once it is older than any request may run (60 s).
        for (let round = 0; requests.some((r) => !r.final); round++) {
          if (round > 200) throw new Error('requests without a final answer after 200 rounds');
          await drive(requests.filter((r) => !r.final));
          if (requests.some((r) => !r.final)) await sleep(2000);
        }

        const done = requests.filter((r) => (r.final?.status ?? 0) < 300);
        const refused = requests.filter((r) => (r.final?.status ?? 0) >= 300);
        console.log(
          `crash test: ${requests.length} money requests, ${done.length} took effect, ${refused.length} refused ` +
            `(${[...new Set(refused.map((r) => `${r.final?.status} ${r.final?.body.slice(0, 80)}`))].join('; ')}), ` +
            `${requests.reduce((s, r) => s + r.attempts, 0)} attempts`,
        );
        // Refusals are business answers (none is expected here: every wallet holds enough).
        expect(refused.map((r) => `${r.kind} ${r.final?.status} ${r.final?.body.slice(0, 200)}`)).toEqual([]);

        // Each wallet: its seed, plus what was credited, minus what was sent, each key once.
        await check.connect();
        for (const c of customers) {
          const expected =
            seedMinor +
            done.filter((r) => r.to === c.customerId).reduce((s, r) => s + r.amountMinor, 0) -
            done.filter((r) => r.from === c.customerId).reduce((s, r) => s + r.amountMinor, 0);
          const res = await fetch(`${base}/v1/wallet`, { headers: { authorization: `Bearer ${c.token}` } });
          const wallet = (await res.json()) as { postedMinor: number; availableMinor: number };
          expect(wallet.postedMinor, c.customerId).toBe(expected);
          expect(wallet.availableMinor, c.customerId).toBe(expected);
        }
        // One answer per key, none left in progress.
        const stuck = await check.query(`select count(*)::int as n from idempotency_keys where state <> 'completed'`);
        expect(stuck.rows[0].n).toBe(0);

        // The ledger verifies (what `zulin reconcile` runs, in one repeatable-read snapshot).
        const verification = await reconcileLedger(database);
        expect(verification.problems).toEqual([]);
        expect(verification.ok).toBe(true);

        // The outbox drains: nothing pending once the worker has had time, nothing given up on. The
        // time is what a loaded CI machine needs (hundreds of evidence entries, each under the chain's
        // lock), so it is judged by progress: the count must fall within every 90 s, for 6 min at most.
        let pending = -1;
        let lowest = Number.POSITIVE_INFINITY;
        let lastProgressMs = Date.now();
        const drainStartMs = Date.now();
        while (pending !== 0 && Date.now() - lastProgressMs < 90_000 && Date.now() - drainStartMs < 360_000) {
          const rows = await check.query(`select count(*)::int as n from outbox_deliveries where status = 'pending'`);
          pending = rows.rows[0].n;
          if (pending < lowest) {
            lowest = pending;
            lastProgressMs = Date.now();
          }
          if (pending !== 0) await sleep(1000);
        }
        const stillPending = await check.query(
          `select subscriber, attempts, last_error, next_attempt_at from outbox_deliveries where status <> 'delivered' order by event_seq limit 20`,
        );
        expect(pending, `outbox deliveries still pending: ${JSON.stringify(stillPending.rows)}`).toBe(0);
        const dead = await check.query(`select count(*)::int as n from outbox_deliveries where status = 'dead'`);
        expect(dead.rows[0].n, 'outbox deliveries given up').toBe(0);
      } finally {
        await check.end().catch(() => {});
        await database?.close();
        if (server?.pid) {
          for (const pid of childrenOf(server.pid)) process.kill(pid, 'SIGKILL');
          server.kill('SIGKILL');
        }
        await rm(dataDir, { recursive: true, force: true });
        const dropper = new pg.Client({ connectionString: adminUrl });
        await dropper.connect();
        await dropper.query(`drop database if exists ${name} with (force)`);
        await dropper.end();
      }
    },
    // Three server starts and the 60 s takeover of the claims the killed processes held.
    900_000,
  );
});
