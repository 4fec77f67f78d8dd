// GET /v1/system/status reads the migration count at most once a second (system-module.ts): what the
// cache keeps, for how long, and that a failure is not kept.
import type { MigrationStatus } from '@zulin/db';
import { describe, expect, test } from 'vitest';
import { cachedMigrationStatus, statusMigrationsMaxAgeMs } from './system-module';

function fakeDatabase() {
  let applied = 40;
  let reads = 0;
  let fail = false;
  const read = async (): Promise<MigrationStatus> => {
    reads++;
    if (fail) throw new Error('connection refused');
    return { applied, pending: Math.max(0, 42 - applied), latest: '0041_x' };
  };
  return {
    read,
    migrate: (to: number) => {
      applied = to;
    },
    failing: (on: boolean) => {
      fail = on;
    },
    get reads() {
      return reads;
    },
  };
}

describe('the status route’s migration status', () => {
  test('is read once for every request within a second, then read again: another process’s migrations show within the second', async () => {
    const db = fakeDatabase();
    let t = 10_000;
    const status = cachedMigrationStatus(db.read, 1_000, () => t);
    expect(await status()).toEqual({ applied: 40, pending: 2, latest: '0041_x' });
    // Ten concurrent requests and one 999 ms later: no further read.
    await Promise.all(Array.from({ length: 10 }, () => status()));
    t += 999;
    expect(await status()).toMatchObject({ applied: 40, pending: 2 });
    expect(db.reads).toBe(1);
    db.migrate(42); // another process applies the two pending migrations
    t += 1; // 1,000 ms after the read
    expect(await status()).toMatchObject({ applied: 42, pending: 0 });
    expect(db.reads).toBe(2);
  });

  test('requests while the read is in flight share it', async () => {
    const db = fakeDatabase();
    const status = cachedMigrationStatus(db.read, 1_000, () => 0);
    const answers = await Promise.all([status(), status(), status()]);
    expect(answers.map((a) => a.applied)).toEqual([40, 40, 40]);
    expect(db.reads).toBe(1);
  });

  test('a failed read is not kept: the next request reads again', async () => {
    const db = fakeDatabase();
    const status = cachedMigrationStatus(db.read, 1_000, () => 0);
    db.failing(true);
    await expect(status()).rejects.toThrow('connection refused');
    db.failing(false);
    expect(await status()).toMatchObject({ applied: 40 });
    expect(db.reads).toBe(2);
  });

  test('the route keeps it for one second', () => {
    expect(statusMigrationsMaxAgeMs).toBe(1_000);
  });
});
