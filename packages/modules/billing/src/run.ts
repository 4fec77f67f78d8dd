// Runs a billing use case in one transaction: the routes' only way to the database.
import { type Database, type Executor, transaction } from '@zulin/db';

export function inTransaction<T>(database: Database, fn: (tx: Executor) => Promise<T>): Promise<T> {
  return transaction(database, fn);
}
