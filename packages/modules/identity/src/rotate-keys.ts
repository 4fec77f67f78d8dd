// `zulin keys rotate`: adds a data key to the ring (it encrypts every new value at once) and
// re-encrypts every encrypted column under it, in batches of short transactions, while the
// service keeps running: old keys stay in the ring, so every value is readable at every moment.
// It is resumable (rows already under the active key are skipped) and idempotent.
//
// Other modules declare their encrypted columns with `declareEncryptedColumn` (bank cards,
// addresses); the rotation walks them too.
import { type Database, queryRows, transaction } from '@zulin/db';
import { assert } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { IdentityLimits } from './limits';
import { activeKeyVersion, createDataKey, reencryptPii } from './pii';

export interface EncryptedColumn {
  table: string;
  /** A unique, sortable key column of the table. */
  idColumn: string;
  column: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const columns: EncryptedColumn[] = [
  { table: 'identity_customers', idColumn: 'id', column: 'phone_enc' },
  { table: 'identity_customers', idColumn: 'id', column: 'real_name_enc' },
  { table: 'identity_customers', idColumn: 'id', column: 'id_number_enc' },
  { table: 'identity_sms_messages', idColumn: 'id', column: 'phone_enc' },
  { table: 'identity_sms_messages', idColumn: 'id', column: 'text_enc' },
  { table: 'identity_staff', idColumn: 'id', column: 'totp_secret_enc' },
];

/** Registers a column holding `encryptPii` ciphertexts so that key rotation re-encrypts it. */
export function declareEncryptedColumn(column: EncryptedColumn): void {
  for (const name of [column.table, column.idColumn, column.column])
    assert(IDENTIFIER.test(name), `bad identifier ${name}`);
  const known = columns.some((c) => c.table === column.table && c.column === column.column);
  if (!known) columns.push(column);
}

export function encryptedColumns(): readonly EncryptedColumn[] {
  return columns;
}

export interface RotationReport {
  activeVersion: number;
  created: boolean;
  reencrypted: Record<string, number>;
  remaining: number;
}

async function pendingCount(database: Database, c: EncryptedColumn, version: number): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from ${sql.identifier(c.table)}
        where ${sql.identifier(c.column)} is not null and not starts_with(${sql.identifier(c.column)}, ${`pii1.${version}.`})`,
  );
  return rows[0]?.n ?? 0;
}

async function reencryptBatch(
  database: Database,
  masterKey: Buffer,
  c: EncryptedColumn,
  version: number,
  batchSize: number,
) {
  return transaction(database, async (tx) => {
    const id = sql.identifier(c.idColumn);
    const col = sql.identifier(c.column);
    const rows = await queryRows<{ id: string; value: string }>(
      tx,
      sql`select ${id}::text as id, ${col} as value from ${sql.identifier(c.table)}
          where ${col} is not null and not starts_with(${col}, ${`pii1.${version}.`})
          order by ${id} limit ${batchSize} for update`,
    );
    for (const row of rows) {
      const next = await reencryptPii(tx, masterKey, row.value, version);
      await tx.execute(sql`update ${sql.identifier(c.table)} set ${col} = ${next} where ${id}::text = ${row.id}`);
    }
    return rows.length;
  });
}

export async function rotateKeys(
  database: Database,
  options: {
    masterKey: Buffer;
    now: Date;
    createKey: boolean;
    batchSize?: number;
    onProgress?: (message: string) => void;
  },
): Promise<RotationReport> {
  const batchSize = options.batchSize ?? IdentityLimits.keyRotationBatchSize;
  const existing = await activeKeyVersion(database.db);
  const created = options.createKey || existing === null;
  const version = created ? await createDataKey(database.db, options.masterKey, options.now) : (existing as number);
  const reencrypted: Record<string, number> = {};
  let remaining = 0;
  for (const c of columns) {
    const name = `${c.table}.${c.column}`;
    const pending = await pendingCount(database, c, version);
    // Rows written meanwhile use the new key already, so the work is bounded by what was pending.
    const batchesMax = Math.ceil(pending / batchSize) + 1;
    let done = 0;
    for (let batch = 0; batch < batchesMax; batch++) {
      const n = await reencryptBatch(database, options.masterKey, c, version, batchSize);
      done += n;
      if (n < batchSize) break;
      options.onProgress?.(`${name}: ${done}/${pending}`);
    }
    reencrypted[name] = done;
    remaining += await pendingCount(database, c, version);
  }
  return { activeVersion: version, created, reencrypted, remaining };
}
