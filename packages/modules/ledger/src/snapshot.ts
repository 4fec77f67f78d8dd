// Runs a read in one snapshot (repeatable read, read only), so sums over many rows belong to one
// moment even while transfers are being recorded.
import type { Database, Executor } from '@zulin/db';

export async function inSnapshot<T>(database: Database | Executor, fn: (tx: Executor) => Promise<T>): Promise<T> {
  const db = 'db' in database ? database.db : database;
  return db.transaction(async (tx) => fn(tx), { isolationLevel: 'repeatable read', accessMode: 'read only' });
}
