// Opens the one database Zulin runs on: PGlite embedded under a data directory by default, or a
// PostgreSQL server when a URL is given. Both are driven through Drizzle with the same schema.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import {
  beginTracking,
  type ChannelListener,
  delivered,
  type Listening,
  Notifier,
  pgliteListenSource,
  postgresListenSource,
  trackSavepoint,
} from './notifications';

/** A database handle or an open transaction: anything that can run queries. */
export type Executor = PgDatabase<PgQueryResultHKT>;
export type Tx = Parameters<Parameters<Executor['transaction']>[0]>[0];

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseConfig {
  /** `postgres://…`; when absent, PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory; `memory://` keeps everything in memory (tests). */
  dataDir?: string | undefined;
  /** Pool size for PostgreSQL. */
  poolMax?: number | undefined;
  /** PGlite only: start from this dump of a data directory (tests start from a migrated template). */
  loadDataDir?: Blob | undefined;
}

export interface Database {
  readonly kind: DatabaseKind;
  readonly db: Executor;
  /** Human-readable location without credentials, for logs and status pages. */
  readonly location: string;
  /** PostgreSQL only: the pool, for sessions that must keep one connection (leader election). */
  readonly pool: pg.Pool | undefined;
  close(): Promise<void>;
  /**
   * Hears the notices written with `notifyOnCommit` on `channel`, from this process at commit and from
   * other processes through LISTEN (notifications.ts); the listening connection opens on first use.
   */
  listen(channel: string, listener: ChannelListener): Listening;
  /** PGlite only: a dump of the whole data directory (a tar), loadable with `loadDataDir`. */
  dumpDataDir?: () => Promise<Blob>;
}

export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

/** Strips the password from a connection URL so it can be shown. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.url
    ? openPostgres(config.url, config.poolMax ?? 10)
    : openPglite(config.dataDir ?? './data/pglite', config.loadDataDir);
}

async function openPglite(dataDir: string, loadDataDir: Blob | undefined): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  let client: PGlite;
  try {
    client = await PGlite.create(inMemory ? undefined : dataDir, {
      extensions: { pg_trgm },
      ...(loadDataDir ? { loadDataDir } : {}),
    });
  } catch (error) {
    throw new DatabaseOpenError(`cannot open the embedded database in ${dataDir}: ${describe(error)}`);
  }
  const db = drizzlePglite(client) as unknown as Executor;
  const notifier: Notifier = new Notifier(
    db,
    pgliteListenSource(client, () => notifier.channels()),
  );
  return {
    kind: 'pglite',
    db,
    location: inMemory ? 'memory' : dataDir,
    pool: undefined,
    listen: (channel, listener) => notifier.listen(channel, listener),
    close: async () => {
      await notifier.close();
      await client.close();
    },
    dumpDataDir: async () => client.dumpDataDir('none'),
  };
}

async function openPostgres(url: string, poolMax: number): Promise<Database> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseOpenError('DATABASE_URL is not a valid URL (expected postgres://user@host:5432/database)');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new DatabaseOpenError(`DATABASE_URL must start with postgres:// (got ${parsed.protocol}//)`);
  }
  const pool = new pg.Pool({ connectionString: url, max: poolMax, connectionTimeoutMillis: 5000 });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  try {
    const probe = await pool.connect();
    probe.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseOpenError(`cannot connect to the database at ${redactUrl(url)}: ${describe(error)}`);
  }
  const db = drizzlePg(pool) as unknown as Executor;
  const notifier: Notifier = new Notifier(
    db,
    postgresListenSource(url, () => notifier.channels()),
  );
  return {
    kind: 'postgres',
    db,
    location: redactUrl(url),
    pool,
    listen: (channel, listener) => notifier.listen(channel, listener),
    close: async () => {
      await notifier.close();
      await pool.end();
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    const message = error.message || (error instanceof AggregateError ? error.errors.map(describe).join('; ') : '');
    return code && !message.includes(code) ? `${code} ${message}`.trim() : message || String(error);
  }
  return String(error);
}

const retryableCodes = new Set(['40001', '40P01']);
const maxTransactionAttempts = 5;

/**
 * Runs `fn` in one transaction. On PostgreSQL a serialization failure or a deadlock is retried a
 * bounded number of times, so `fn` must not have effects outside the database. Given an open
 * transaction, `fn` runs in a savepoint of it: it is then part of the caller's command, and only
 * the outermost transaction retries (a failed transaction cannot be retried from inside). What the
 * transaction announced with `notifyOnCommit` reaches this process's listeners once it has committed,
 * before this returns (a rolled-back savepoint's notices are dropped with it).
 */
export async function transaction<T>(database: Database | Executor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = 'db' in database ? database.db : database;
  if (isTransaction(db)) {
    return db.transaction(async (inner) => {
      const forget = trackSavepoint(inner, db);
      try {
        return await fn(inner);
      } catch (error) {
        forget();
        throw error;
      }
    });
  }
  for (let attempt = 1; ; attempt++) {
    try {
      const [result, open] = await db.transaction(async (tx) => {
        const tracked = beginTracking(tx, db);
        return [await fn(tx), tracked] as const;
      });
      // Committed: what the transaction announced with notifyOnCommit reaches this process's listeners.
      delivered(open);
      return result;
    } catch (error) {
      const code =
        (error as { code?: string; cause?: { code?: string } }).code ??
        (error as { cause?: { code?: string } }).cause?.code;
      if (!code || !retryableCodes.has(code) || attempt >= maxTransactionAttempts) throw error;
    }
  }
}

/** Whether `db` is an open transaction (drizzle's transactions can roll back; a database cannot). */
export function isTransaction(db: Executor): boolean {
  return typeof (db as { rollback?: unknown }).rollback === 'function';
}

/** Runs raw SQL and returns its rows, the same on both drivers. */
export async function queryRows<T = Record<string, unknown>>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function ping(db: Executor): Promise<void> {
  await db.execute(sql`select 1`);
}
