// Change notices between the processes that share one database, and inside one: a writer calls
// `notifyOnCommit(tx, channel, payload)` in its transaction, and every `database.listen(channel, …)`
// hears of it once the transaction has committed — and never when it rolls back.
//
// * In the writing process (the same `Database`), listeners hear it synchronously when the
//   outermost transaction's COMMIT has answered, before the command's HTTP response is sent: a
//   request that follows the response sees the change. (A call outside a transaction ran its
//   statements already, so it is heard at once.)
// * In other processes, through PostgreSQL's NOTIFY, which the database delivers only on commit:
//   each `Database` LISTENs on a connection of its own (PGlite: its one connection, with its own
//   `listen`). Its own notices come back that way too and are skipped (each carries its origin).
// * A listener is told when the listening connection is up (`state(true)`) and when it is lost or
//   not yet there (`state(false)`): notices of other processes may be missed meanwhile, so what a
//   listener keeps on their account (a cache) must not be trusted until it is back. A lost
//   connection is opened again, with a growing pause (up to `reconnectMaxMs`).
import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Executor } from './database';

export interface ChannelListener {
  /** A committed notice on the channel (`payload` as the writer gave it). */
  notify(payload: string): void;
  /** The listening connection is up (true), or lost or not yet established (false). */
  state(listening: boolean): void;
}

export interface Listening {
  /** Whether notices of other processes reach this listener now. */
  readonly listening: boolean;
  stop(): void;
}

/** Channel names are plain identifiers (they are written into LISTEN). */
const channelPattern = /^[a-z_][a-z0-9_]{0,62}$/;

const reconnectFirstMs = 200;
const reconnectMaxMs = 5_000;
/**
 * A connection that dies without a word (a network partition: no reset reaches us) is found by a
 * statement every `heartbeatMs` that must answer within `heartbeatTimeoutMs`.
 */
const heartbeatMs = 15_000;
const heartbeatTimeoutMs = 5_000;

/** How the listening connections name themselves in `pg_stat_activity`. */
export const listenApplicationName = 'zulin-listen';

/** What `transaction()` keeps for each open transaction (savepoints share their outermost one's). */
interface OpenTransaction {
  root: Executor;
  /** Notices to deliver locally at commit, `channel\u0000payload`, each once. */
  notices: Set<string>;
}

const openTransactions = new WeakMap<Executor, OpenTransaction>();
const notifiers = new WeakMap<Executor, Notifier>();

/** Called by `transaction()`: `tx` is a new outermost transaction on `root`. */
export function beginTracking(tx: Executor, root: Executor): OpenTransaction {
  const open: OpenTransaction = { root, notices: new Set() };
  openTransactions.set(tx, open);
  return open;
}

/**
 * Called by `transaction()`: `inner` is a savepoint of `outer`. Answers the function that forgets the
 * notices the savepoint added, for when it rolls back (PostgreSQL drops its NOTIFYs too).
 */
export function trackSavepoint(inner: Executor, outer: Executor): () => void {
  const open = openTransactions.get(outer);
  if (!open) return () => {};
  openTransactions.set(inner, open);
  const before = open.notices.size;
  return () => {
    for (const notice of [...open.notices].slice(before)) open.notices.delete(notice);
  };
}

/** Called by `transaction()` once the outermost transaction has committed. */
export function delivered(open: OpenTransaction): void {
  const notifier = notifiers.get(open.root);
  if (!notifier) return;
  for (const notice of open.notices) {
    const at = notice.indexOf('\u0000');
    notifier.deliverLocal(notice.slice(0, at), notice.slice(at + 1));
  }
}

/**
 * Announces a change on `channel` when `tx` commits: NOTIFY in the transaction (other processes) and
 * this process's listeners at commit. Once per transaction, channel and payload.
 */
export async function notifyOnCommit(tx: Executor, channel: string, payload = ''): Promise<void> {
  if (!channelPattern.test(channel)) throw new Error(`not a channel name: ${channel}`);
  const open = openTransactions.get(tx);
  const notice = `${channel}\u0000${payload}`;
  if (open?.notices.has(notice)) return;
  const notifier = notifiers.get(open?.root ?? tx);
  const origin = notifier?.origin ?? '-';
  await tx.execute(sql`select pg_notify(${channel}, ${`${origin} ${payload}`})`);
  if (open) {
    open.notices.add(notice);
    return;
  }
  if (typeof (tx as { rollback?: unknown }).rollback === 'function') {
    // A transaction not opened by `transaction()`: its commit cannot be seen from here.
    throw new Error('notifyOnCommit needs a transaction opened with transaction() from @zulin/db');
  }
  // Not in a transaction: the statement has committed already.
  notifier?.deliverLocal(channel, payload);
}

/** Where a Notifier listens: a dedicated PostgreSQL connection, or PGlite's own. */
interface ListenSource {
  /** Starts listening to `channels` (more may be added with `add`); calls back on every event. */
  start(events: { notice(channel: string, raw: string): void; up(): void; down(): void }): void;
  add(channel: string): Promise<void>;
  isUp(): boolean;
  close(): Promise<void>;
}

/** The notices and listeners of one `Database`. */
export class Notifier {
  readonly origin = randomBytes(6).toString('hex');
  readonly #listeners = new Map<string, Set<ChannelListener>>();
  readonly #source: ListenSource;
  #started = false;
  #closed = false;

  constructor(root: Executor, source: ListenSource) {
    this.#source = source;
    notifiers.set(root, this);
  }

  listen(channel: string, listener: ChannelListener): Listening {
    if (!channelPattern.test(channel)) throw new Error(`not a channel name: ${channel}`);
    if (this.#closed) throw new Error('the database is closed');
    let set = this.#listeners.get(channel);
    const isNew = set === undefined;
    if (!set) {
      set = new Set();
      this.#listeners.set(channel, set);
    }
    set.add(listener);
    listener.state(false);
    if (!this.#started) {
      this.#started = true;
      this.#source.start({
        notice: (ch, raw) => this.#deliverRemote(ch, raw),
        up: () => this.#eachListener((l) => l.state(true)),
        down: () => this.#eachListener((l) => l.state(false)),
      });
    } else if (isNew) {
      this.#source.add(channel).then(
        () => this.#source.isUp() && listener.state(true),
        () => {},
      );
    } else if (this.#source.isUp()) {
      listener.state(true);
    }
    const source = this.#source;
    const listeners = set;
    return {
      get listening() {
        return source.isUp() && listeners.has(listener);
      },
      stop: () => {
        listeners.delete(listener);
      },
    };
  }

  deliverLocal(channel: string, payload: string): void {
    for (const listener of this.#listeners.get(channel) ?? []) {
      // After a commit: a listener's failure must not turn the committed command into an error.
      try {
        listener.notify(payload);
      } catch {}
    }
  }

  #deliverRemote(channel: string, raw: string): void {
    const at = raw.indexOf(' ');
    const origin = at < 0 ? raw : raw.slice(0, at);
    // Our own commits were delivered locally already.
    if (origin === this.origin) return;
    this.deliverLocal(channel, at < 0 ? '' : raw.slice(at + 1));
  }

  #eachListener(fn: (listener: ChannelListener) => void): void {
    for (const set of this.#listeners.values()) for (const listener of set) fn(listener);
  }

  channels(): string[] {
    return [...this.#listeners.keys()];
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#eachListener((l) => l.state(false));
    this.#listeners.clear();
    await this.#source.close();
  }
}

/** PostgreSQL: one connection of its own, outside the pool, opened again when it is lost. */
export function postgresListenSource(url: string, channels: () => string[]): ListenSource {
  let client: pg.Client | undefined;
  let up = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let pause = reconnectFirstMs;
  let events: Parameters<ListenSource['start']>[0] | undefined;

  const connect = async () => {
    timer = undefined;
    if (closed || !events) return;
    const on = events;
    const current = new pg.Client({
      connectionString: url,
      application_name: listenApplicationName,
      connectionTimeoutMillis: 5_000,
      query_timeout: heartbeatTimeoutMs,
      keepAlive: true,
    });
    client = current;
    let lost = false;
    let heartbeat: NodeJS.Timeout | undefined;
    const lose = () => {
      if (lost) return;
      lost = true;
      if (heartbeat) clearInterval(heartbeat);
      if (client === current) client = undefined;
      current.end().catch(() => {});
      if (up) {
        up = false;
        on.down();
      }
      if (!closed) {
        timer = setTimeout(connect, pause);
        timer.unref();
        pause = Math.min(pause * 2, reconnectMaxMs);
      }
    };
    current.on('error', lose);
    current.on('end', lose);
    current.on('notification', (message) => on.notice(message.channel, message.payload ?? ''));
    try {
      await current.connect();
      for (const channel of channels()) await current.query(`listen ${channel}`);
    } catch {
      lose();
      return;
    }
    if (lost || closed) return;
    heartbeat = setInterval(() => current.query('select 1').catch(lose), heartbeatMs);
    heartbeat.unref();
    pause = reconnectFirstMs;
    up = true;
    on.up();
  };

  return {
    start(handlers) {
      events = handlers;
      void connect();
    },
    async add(channel) {
      // A connection still opening queues the statement; one opened later listens to every channel.
      await client?.query(`listen ${channel}`);
    },
    isUp: () => up,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      up = false;
      const current = client;
      client = undefined;
      // Its 'end' runs `lose`, which stops the heartbeat and opens nothing more (closed).
      await current?.end().catch(() => {});
    },
  };
}

/** PGlite: its one connection, which lives as long as the database. */
export function pgliteListenSource(client: PGlite, channels: () => string[]): ListenSource {
  let up = false;
  let events: Parameters<ListenSource['start']>[0] | undefined;
  const listenTo = async (channel: string) => {
    await client.listen(channel, (payload) => events?.notice(channel, payload));
  };
  return {
    start(handlers) {
      events = handlers;
      void Promise.all(channels().map(listenTo)).then(
        () => {
          up = true;
          handlers.up();
        },
        () => {},
      );
    },
    async add(channel) {
      await listenTo(channel);
    },
    isUp: () => up,
    async close() {
      up = false;
    },
  };
}
