// The public catalog's read cache: the serialised answers (body and ETag) of the search, the product
// page and a SKU's plans, kept in this process so that a repeated read costs no database round trip.
//
// Never stale (docs/catalog-inventory.md, "Public caching and the read cache"):
// * every catalog change announces itself in its transaction (`catalogChanged`, called by `audit`,
//   which every catalog write passes through): this process's caches are cleared when the COMMIT has
//   answered, before the command's response is sent; other processes on the same database clear
//   theirs when PostgreSQL delivers the NOTIFY, which it does only on commit (a rollback announces
//   nothing);
// * an answer read while a change committed is not kept (the generation moved on while it was read);
// * while the listening connection is lost or not yet up, nothing is kept or served from the cache
//   (every read goes to the database), and the cache starts empty when it is back;
// * an entry older than `readCacheTtlMs` is read again anyway: a belt for writes made outside the
//   catalog's use cases (SQL by hand, a migration run beside live servers).
//
// What varies an answer is its route and its query alone: public reads do not depend on the caller,
// the language, the clock, stock or another module's data. The installment offers of a SKU are not
// cached: the public list hides offers above the rate cap, an operator setting saved outside the
// catalog's audited use cases.
import type { Database, Executor, Listening } from '@zulin/db';
import { notifyOnCommit } from '@zulin/db';
import { CatalogLimits } from './limits';
import type { SearchProductsQuery } from './search-products';
import { queryTokens } from './search-text';

/** The channel every catalog change is announced on (PostgreSQL NOTIFY, and in-process at commit). */
export const catalogChangedChannel = 'zulin_catalog_changed';

/** Announces a change of the catalog when `tx` commits (see the header). */
export async function catalogChanged(tx: Executor): Promise<void> {
  await notifyOnCommit(tx, catalogChangedChannel);
}

/** A public answer as it is sent: the serialised body and its weak ETag. */
export interface CachedAnswer {
  body: string;
  etag: string;
}

export interface ReadCacheStats {
  /** Answers served from the cache. */
  hits: number;
  /** Answers read from the database and kept. */
  misses: number;
  /** Misses that joined the same read already under way instead of reading again. */
  shared: number;
  /** Answers read from the database while the cache could not be trusted (not listening). */
  bypasses: number;
  /** Times the cache was cleared by a change (or by the listening connection coming or going). */
  invalidations: number;
  /** Entries dropped to stay within the bounds. */
  evictions: number;
}

interface Entry {
  answer: CachedAnswer;
  bytes: number;
  expiresAt: number;
}

export interface ReadCacheOptions {
  entriesMax?: number;
  bytesMax?: number;
  ttlMs?: number;
  /** Milliseconds from any origin, only compared with each other. */
  now?: () => number;
}

/** A bounded LRU of serialised answers, cleared at every change, trusted only while listening. */
export class CatalogReadCache {
  readonly stats: ReadCacheStats = {
    hits: 0,
    misses: 0,
    shared: 0,
    bypasses: 0,
    invalidations: 0,
    evictions: 0,
  };
  readonly #entries = new Map<string, Entry>();
  readonly #loading = new Map<string, { generation: number; answer: Promise<CachedAnswer> }>();
  readonly #entriesMax: number;
  readonly #bytesMax: number;
  readonly #ttlMs: number;
  readonly #now: () => number;
  #bytes = 0;
  #generation = 0;
  #listening = false;

  constructor(options: ReadCacheOptions = {}) {
    this.#entriesMax = options.entriesMax ?? CatalogLimits.readCacheEntriesMax;
    this.#bytesMax = options.bytesMax ?? CatalogLimits.readCacheBytesMax;
    this.#ttlMs = options.ttlMs ?? CatalogLimits.readCacheTtlMs;
    this.#now = options.now ?? (() => performance.now());
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.#entries.size, bytes: this.#bytes };
  }

  /** Whether answers are kept and served now (the listening connection is up). */
  get listening(): boolean {
    return this.#listening;
  }

  /**
   * The answer under `key`: from the cache, or read by `load` (and kept, unless a change came while
   * it was read). Concurrent misses of one key share one read. An error is not kept.
   */
  async read(key: string, load: () => Promise<CachedAnswer>): Promise<CachedAnswer> {
    if (!this.#listening) {
      this.stats.bypasses++;
      return load();
    }
    const entry = this.#entries.get(key);
    if (entry !== undefined) {
      if (entry.expiresAt > this.#now()) {
        this.stats.hits++;
        // Most recently used last.
        this.#entries.delete(key);
        this.#entries.set(key, entry);
        return entry.answer;
      }
      this.#remove(key, entry);
    }
    const generation = this.#generation;
    const loading = this.#loading.get(key);
    if (loading !== undefined && loading.generation === generation) {
      this.stats.shared++;
      return loading.answer;
    }
    this.stats.misses++;
    const answer = load();
    this.#loading.set(key, { generation, answer });
    try {
      const loaded = await answer;
      if (this.#generation === generation && this.#listening) this.#keep(key, loaded);
      return loaded;
    } finally {
      if (this.#loading.get(key)?.answer === answer) this.#loading.delete(key);
    }
  }

  /** A change of the catalog: everything kept is dropped, and reads under way are not kept. */
  invalidate(): void {
    this.#generation++;
    this.stats.invalidations++;
    this.#entries.clear();
    this.#loading.clear();
    this.#bytes = 0;
  }

  /** The listening connection is up or lost: either way, what was kept may have missed a change. */
  setListening(listening: boolean): void {
    this.#listening = listening;
    this.invalidate();
  }

  #keep(key: string, answer: CachedAnswer): void {
    const bytes = 2 * (key.length + answer.body.length + answer.etag.length) + 64;
    if (bytes > this.#bytesMax) return;
    const previous = this.#entries.get(key);
    if (previous !== undefined) this.#remove(key, previous);
    this.#entries.set(key, { answer, bytes, expiresAt: this.#now() + this.#ttlMs });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#entries.size <= this.#entriesMax && this.#bytes <= this.#bytesMax) break;
      this.#remove(oldest, entry);
      this.stats.evictions++;
    }
  }

  #remove(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }
}

const caches = new WeakMap<object, CatalogReadCache>();

/**
 * The cache of one app (its context): listening on the database's catalog channel from now on, until
 * `close`.
 */
export function openCatalogReadCache(
  context: { database: Database },
  options?: ReadCacheOptions,
): { cache: CatalogReadCache; close(): void } {
  const cache = new CatalogReadCache(options);
  const listening: Listening = context.database.listen(catalogChangedChannel, {
    notify: () => cache.invalidate(),
    state: (up) => cache.setListening(up),
  });
  caches.set(context, cache);
  return {
    cache,
    close() {
      listening.stop();
      cache.setListening(false);
      if (caches.get(context) === cache) caches.delete(context);
    },
  };
}

/** The read cache the catalog's routes of this app use (its figures: tests, status pages). */
export function catalogReadCacheOf(context: object): CatalogReadCache | undefined {
  return caches.get(context);
}

/**
 * The cache key of a public search: the fields that decide its answer, normalised as the search reads
 * them (the words as tokens, the default sort), in a fixed order; unknown query parameters play no part.
 */
export function searchKey(query: SearchProductsQuery): string {
  return JSON.stringify([
    'search',
    queryTokens(query.q ?? ''),
    query.brand ?? null,
    query.storageGb ?? null,
    query.condition ?? null,
    query.term ?? null,
    query.minRentMinor ?? null,
    query.maxRentMinor ?? null,
    query.minPriceMinor ?? null,
    query.maxPriceMinor ?? null,
    query.sort ?? 'popularity',
    query.limit ?? null,
    query.cursor ?? null,
  ]);
}
