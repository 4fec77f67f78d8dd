// Change notices (notifications.ts): heard in the writing process at commit, before transaction()
// returns; in another process through LISTEN after commit; never for a rollback; and a lost listening
// connection is reported and opened again.
import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { type Database, queryRows, transaction } from './database';
import { type ChannelListener, listenApplicationName, notifyOnCommit } from './notifications';
import { describeDb } from './testing';

const channel = 'zulin_test_changed';

/** A listener that records what it hears and its connection's states. */
function recorder(): ChannelListener & { heard: string[]; states: boolean[] } {
  const heard: string[] = [];
  const states: boolean[] = [];
  return { heard, states, notify: (payload) => heard.push(payload), state: (up) => states.push(up) };
}

async function until(what: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!what()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describeDb('change notices', (get, kind) => {
  async function listening(database: Database) {
    const listener = recorder();
    const handle = database.listen(channel, listener);
    await until(() => handle.listening);
    return { listener, handle };
  }

  test('the writing process hears a notice when the transaction has committed, once, before transaction() returns', async () => {
    const { database } = get();
    const { listener, handle } = await listening(database);
    let heardInside = -1;
    await transaction(database, async (tx) => {
      await notifyOnCommit(tx, channel, 'p1');
      await notifyOnCommit(tx, channel, 'p1'); // the same notice twice: once
      await transaction(tx, async (savepoint) => notifyOnCommit(savepoint, channel, 'p2'));
      heardInside = listener.heard.length;
    });
    expect(heardInside).toBe(0);
    expect(listener.heard).toEqual(['p1', 'p2']);
    // Its own NOTIFY comes back through LISTEN too, and is not delivered a second time.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(listener.heard).toEqual(['p1', 'p2']);
    handle.stop();
  });

  test('a rolled-back transaction or savepoint announces nothing', async () => {
    const { database } = get();
    const { listener, handle } = await listening(database);
    await expect(
      transaction(database, async (tx) => {
        await notifyOnCommit(tx, channel, 'never');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await transaction(database, async (tx) => {
      await transaction(tx, async (savepoint) => {
        await notifyOnCommit(savepoint, channel, 'dropped');
        throw new Error('savepoint rolled back');
      }).catch(() => {});
      await notifyOnCommit(tx, channel, 'kept');
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(listener.heard).toEqual(['kept']);
    handle.stop();
  });

  test('outside a transaction the notice is heard at once', async () => {
    const { database } = get();
    const { listener, handle } = await listening(database);
    await notifyOnCommit(database.db, channel, 'now');
    expect(listener.heard).toEqual(['now']);
    handle.stop();
  });

  test.runIf(kind === 'postgres')('another process hears the notice after the commit, not before', async () => {
    const { database } = get();
    const other = await get().openAnother();
    const { listener, handle } = await listening(other);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const writing = transaction(database, async (tx) => {
      await notifyOnCommit(tx, channel, 'from-a');
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(listener.heard).toEqual([]);
    release();
    await writing;
    await until(() => listener.heard.length > 0);
    expect(listener.heard).toEqual(['from-a']);
    handle.stop();
  });

  test.runIf(kind === 'postgres')(
    'a lost listening connection is reported, opened again and heard through',
    async () => {
      const { database } = get();
      const other = await get().openAnother();
      const { listener, handle } = await listening(other);
      const pids = await queryRows<{ pid: number }>(
        database.db,
        sql`select pid from pg_stat_activity where datname = current_database() and application_name = ${listenApplicationName}`,
      );
      expect(pids.length).toBeGreaterThan(0);
      for (const { pid } of pids) await database.db.execute(sql`select pg_terminate_backend(${pid})`);
      await until(() => !handle.listening);
      expect(listener.states).toContain(false);
      await until(() => handle.listening);
      expect(listener.states.at(-1)).toBe(true);
      await transaction(database, async (tx) => notifyOnCommit(tx, channel, 'after'));
      await until(() => listener.heard.includes('after'));
      handle.stop();
    },
  );
});
