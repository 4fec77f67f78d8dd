// Leader election: on PostgreSQL, the process that holds a session-level advisory lock runs the
// scheduled ticks, so several server processes may run side by side. The lock lives as long as
// the connection that took it, so a crashed leader frees it and another process takes over.
// PGlite is opened by one process only, which is therefore always the leader.
import type pg from 'pg';
import type { Database } from './database';

const leaderLockKey = 7_240_417_002;

export class LeaderElection {
  readonly #database: Database;
  #client: pg.PoolClient | undefined;
  #leader = false;

  constructor(database: Database) {
    this.#database = database;
  }

  get isLeader(): boolean {
    return this.#leader;
  }

  /** Tries to become (or stay) the leader; cheap to call on every worker pass. */
  async acquire(): Promise<boolean> {
    if (this.#database.kind === 'pglite') {
      this.#leader = true;
      return true;
    }
    if (this.#leader) return true;
    const pool = this.#database.pool;
    if (!pool) return false;
    const client = await pool.connect();
    try {
      const result = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [
        leaderLockKey,
      ]);
      if (result.rows[0]?.locked) {
        this.#client = client;
        this.#leader = true;
        client.on('error', () => this.#lose());
        return true;
      }
      client.release();
      return false;
    } catch (error) {
      client.release(true);
      throw error;
    }
  }

  #lose(): void {
    this.#leader = false;
    this.#client?.release(true);
    this.#client = undefined;
  }

  async release(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    this.#leader = false;
    if (!client) return;
    try {
      await client.query('select pg_advisory_unlock($1)', [leaderLockKey]);
      client.release();
    } catch {
      client.release(true);
    }
  }
}
