// The public catalog's read cache (read-cache.ts): a repeated read costs no query and answers the same
// bytes, tag and headers; every kind of catalog change shows at the next read in the same process; a
// rolled-back change shows nothing; another server on the same PostgreSQL database hears the change
// after commit; and while the listening connection is lost, reads go to the database.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { type Database, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { bearer, signInTestStaff } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CachedAnswer, CatalogReadCache, catalogReadCacheOf, searchKey } from './read-cache';
import { seedCatalog } from './seed';
import { publishPhoneByApi } from './testing';
import { updatePlan } from './update-plan';

const answer = (body: string): CachedAnswer => ({ body, etag: `W/"${body}"` });

async function until(what: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await what())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('CatalogReadCache', () => {
  function listeningCache(options: ConstructorParameters<typeof CatalogReadCache>[0] = {}) {
    const cache = new CatalogReadCache(options);
    cache.setListening(true);
    return cache;
  }

  test('a repeat is a hit; the least recently used entry goes first when a bound is reached', async () => {
    const cache = listeningCache({ entriesMax: 2 });
    let loads = 0;
    const load = (body: string) => async () => {
      loads++;
      return answer(body);
    };
    expect(await cache.read('a', load('A'))).toEqual(answer('A'));
    expect(await cache.read('a', load('changed'))).toEqual(answer('A'));
    await cache.read('b', load('B'));
    await cache.read('a', load('A')); // a is now the most recently used
    await cache.read('c', load('C')); // b goes
    expect(loads).toBe(3);
    await cache.read('a', load('A'));
    await cache.read('b', load('B'));
    expect(loads).toBe(4);
    expect(cache.stats).toMatchObject({ hits: 3, misses: 4, evictions: 2 });
    expect(cache.size.entries).toBe(2);

    const small = listeningCache({ bytesMax: 1_000 });
    await small.read('big', load('x'.repeat(600))); // larger than the whole cache: not kept
    expect(small.size.entries).toBe(0);
    await small.read('one', load('y'.repeat(200)));
    await small.read('two', load('z'.repeat(200)));
    expect(small.size.entries).toBe(1);
    expect(small.size.bytes).toBeLessThanOrEqual(1_000);
  });

  test('an entry is trusted for the TTL at most', async () => {
    let now = 0;
    const cache = listeningCache({ ttlMs: 60_000, now: () => now });
    await cache.read('a', async () => answer('old'));
    now = 59_999;
    expect((await cache.read('a', async () => answer('new'))).body).toBe('old');
    now = 60_000;
    expect((await cache.read('a', async () => answer('new'))).body).toBe('new');
  });

  test('an answer read while a change came is not kept; concurrent misses share one read', async () => {
    const cache = listeningCache();
    let finish: (value: CachedAnswer) => void = () => {};
    const reading = cache.read('a', () => new Promise((resolve) => (finish = resolve)));
    let loads = 0;
    const joined = cache.read('a', async () => {
      loads++;
      return answer('second read');
    });
    cache.invalidate();
    finish(answer('read before the change'));
    expect((await reading).body).toBe('read before the change');
    expect((await joined).body).toBe('read before the change');
    expect(loads).toBe(0);
    expect(cache.stats.shared).toBe(1);
    expect((await cache.read('a', async () => answer('after'))).body).toBe('after');
    // After the change, a read does not join one that started before it.
    let slow: (value: CachedAnswer) => void = () => {};
    const before = cache.read('b', () => new Promise((resolve) => (slow = resolve)));
    cache.invalidate();
    expect((await cache.read('b', async () => answer('fresh'))).body).toBe('fresh');
    slow(answer('stale'));
    await before;
    expect((await cache.read('b', async () => answer('third'))).body).toBe('fresh');
  });

  test('an error is not kept', async () => {
    const cache = listeningCache();
    await expect(cache.read('a', () => Promise.reject(new Error('404')))).rejects.toThrow('404');
    expect((await cache.read('a', async () => answer('found'))).body).toBe('found');
  });

  test('while not listening every read goes to the database and nothing is kept; back, it starts empty', async () => {
    const cache = listeningCache();
    await cache.read('a', async () => answer('kept'));
    cache.setListening(false);
    expect((await cache.read('a', async () => answer('read 1'))).body).toBe('read 1');
    expect((await cache.read('a', async () => answer('read 2'))).body).toBe('read 2');
    expect(cache.stats.bypasses).toBe(2);
    cache.setListening(true);
    expect(cache.size.entries).toBe(0);
    expect((await cache.read('a', async () => answer('read 3'))).body).toBe('read 3');
    expect((await cache.read('a', async () => answer('read 4'))).body).toBe('read 3');
  });

  test('a search is keyed by what decides its answer', () => {
    expect(searchKey({ q: 'iPhone  Pro', sort: 'popularity' })).toBe(searchKey({ q: 'iphone pro' }));
    expect(searchKey({ q: 'iphone pro' })).not.toBe(searchKey({ q: 'iphone' }));
    expect(searchKey({ q: 'iphone', limit: 5 })).not.toBe(searchKey({ q: 'iphone', limit: 6 }));
    expect(searchKey({ q: 'iphone', sort: 'rent_asc' })).not.toBe(searchKey({ q: 'iphone' }));
  });
});

/** Counts the statements the database is sent (the pool's checkouts; PGlite's queries). */
function countQueries(database: Database): { readonly count: number; stop(): void } {
  let count = 0;
  const pool = database.pool;
  if (pool) {
    const counted = () => count++;
    pool.on('acquire', counted);
    return {
      get count() {
        return count;
      },
      stop: () => pool.off('acquire', counted),
    };
  }
  const client = (database.db as unknown as { $client: PGlite }).$client;
  const originals = { query: client.query, exec: client.exec, transaction: client.transaction };
  for (const name of ['query', 'exec', 'transaction'] as const) {
    const original = originals[name] as (...args: unknown[]) => unknown;
    (client as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      count++;
      return original.apply(client, args);
    };
  }
  return {
    get count() {
      return count;
    },
    stop: () => Object.assign(client, originals),
  };
}

describeDb('catalog read cache', (get, kind) => {
  let server: TestServer;
  let staff: { authorization: string };
  let dataDir: string;
  const cache = (s: TestServer = server) => {
    const found = catalogReadCacheOf(s.ctx);
    if (!found) throw new Error('the catalog routes keep a read cache');
    return found;
  };

  beforeAll(async () => {
    server = await createTestServer(get().database, { modules });
    dataDir = await mkdtemp(join(tmpdir(), 'zulin-read-cache-'));
    server.ctx.config.dataDir = dataDir;
    staff = bearer((await signInTestStaff(server, 'operator')).token);
    await until(() => cache().listening);
  });
  afterAll(async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const send = (method: 'POST' | 'PATCH', url: string, payload: unknown) =>
    server.app.inject({ method, url, payload: payload as object, headers: staff });
  const read = (url: string, headers: Record<string, string> = {}, on: TestServer = server) =>
    on.app.inject({ method: 'GET', url, headers });
  const listing = '/v1/products?limit=100';

  interface Card {
    id: string;
    model: string;
    popularity: number;
    fromMonthlyRentMinor: number | null;
    storageOptionsGb: number[];
  }
  async function cards(on: TestServer = server): Promise<Card[]> {
    const response = await read(listing, {}, on);
    expect(response.statusCode).toBe(200);
    return response.json().data;
  }
  const card = async (productId: string, on: TestServer = server) => (await cards(on)).find((c) => c.id === productId);

  const publishedPhone = (model: string, rentMinor: number) => publishPhoneByApi(server, staff, { model, rentMinor });

  test('a repeated listing, search, product page or plans is answered from the cache: no query, the same bytes, tag, headers and 304', async () => {
    const { productId, skuId } = await publishedPhone('Cached Phone', 32_900);
    for (const url of [
      listing,
      '/v1/products?q=cached%20phone',
      `/v1/products/${productId}`,
      `/v1/skus/${skuId}/plans`,
    ]) {
      const first = await read(url);
      expect(first.statusCode, url).toBe(200);
      const stats = { ...cache().stats };
      const queries = countQueries(get().database);
      const again = await read(url);
      const notModified = await read(url, { 'if-none-match': String(first.headers.etag) });
      queries.stop();
      expect(queries.count, url).toBe(0);
      expect(cache().stats.hits - stats.hits, url).toBe(2);
      expect(cache().stats.misses, url).toBe(stats.misses);
      expect(again.body, url).toBe(first.body);
      expect(again.headers.etag, url).toBe(first.headers.etag);
      expect(again.headers['cache-control'], url).toBe('public, no-cache');
      expect(again.headers['content-type'], url).toBe('application/json; charset=utf-8');
      expect(notModified.statusCode, url).toBe(304);
      expect(notModified.body, url).toBe('');
      expect(notModified.headers.etag, url).toBe(first.headers.etag);
    }
    // The same words written otherwise, and a parameter the search does not know: the same entry.
    const stats = { ...cache().stats };
    expect((await read('/v1/products?q=CACHED%20%20Phone&utm=1')).statusCode).toBe(200);
    expect(cache().stats.hits).toBe(stats.hits + 1);
  });

  test('every kind of catalog change shows at the very next read in the same process', async () => {
    const { productId, skuId, planId } = await publishedPhone('Change Phone', 30_000);
    const page = `/v1/products/${productId}`;
    const plans = `/v1/skus/${skuId}/plans`;
    const warm = async () => {
      for (const url of [listing, page, plans]) await read(url);
    };

    // A plan's price.
    await warm();
    expect((await send('PATCH', `/v1/admin/plans/${planId}`, { rentMinor: 25_000 })).statusCode).toBe(200);
    expect((await card(productId))?.fromMonthlyRentMinor).toBe(25_000);
    expect((await read(plans)).json().data[0].rentMinor).toBe(25_000);

    // A new SKU in a new colour and storage, with its plan.
    await warm();
    const sku = await send('POST', '/v1/admin/skus', {
      productId,
      storageGb: 512,
      colour: '沙漠金',
      condition: 'new',
      marketPriceMinor: 899_900,
    });
    expect(sku.statusCode).toBe(201);
    expect((await read(page)).json().skus.map((s: { colour: string }) => s.colour)).toContain('沙漠金');
    await warm();
    const plan = await send('POST', '/v1/admin/plans', {
      skuId: sku.json().id,
      termUnit: 'month',
      termCount: 12,
      rentMinor: 35_000,
      buyoutAtEndMinor: 200_000,
    });
    expect(plan.statusCode).toBe(201);
    expect((await card(productId))?.storageOptionsGb).toEqual([256, 512]);

    // The product's own fields.
    await warm();
    expect((await send('PATCH', `/v1/admin/products/${productId}`, { model: 'Renamed Phone' })).statusCode).toBe(200);
    expect((await card(productId))?.model).toBe('Renamed Phone');
    expect((await read(page)).json().model).toBe('Renamed Phone');

    // Unpublish, publish.
    await warm();
    expect((await send('POST', `/v1/admin/products/${productId}/unpublish`, {})).statusCode).toBe(200);
    expect(await card(productId)).toBeUndefined();
    expect((await read(page)).statusCode).toBe(404);
    expect((await read(plans)).statusCode).toBe(404);
    await read(listing);
    expect((await send('POST', `/v1/admin/products/${productId}/publish`, {})).statusCode).toBe(200);
    expect(await card(productId)).toBeDefined();
    expect((await read(page)).statusCode).toBe(200);

    // Popularity, written by the demo seed in bulk (not audited row by row).
    await warm();
    const invalidations = cache().stats.invalidations;
    const seeded = await seedCatalog(server.ctx.database.db, { dataDir, now: server.clock.now() });
    expect(seeded.created).toBeGreaterThan(0);
    expect(cache().stats.invalidations).toBeGreaterThan(invalidations);
    const [top] = await cards();
    expect(top?.popularity).toBeGreaterThan(0);
    expect(top?.model).not.toBe('Renamed Phone');
  }, 60_000);

  test('a rolled-back change announces nothing, and what it wrote is never served', async () => {
    const { productId, planId } = await publishedPhone('Rollback Phone', 28_000);
    await cards();
    const invalidations = cache().stats.invalidations;
    await expect(
      transaction(get().database, async (tx) => {
        await updatePlan(tx, {
          planId,
          patch: { rentMinor: 1_000 },
          actor: { kind: 'system' },
          now: server.clock.now(),
        });
        // PostgreSQL: a read while the change is open sees what was committed (PGlite, one
        // connection, would wait for this transaction).
        if (kind === 'postgres') expect((await card(productId))?.fromMonthlyRentMinor).toBe(28_000);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const stats = { ...cache().stats };
    expect((await card(productId))?.fromMonthlyRentMinor).toBe(28_000);
    expect(cache().stats.hits).toBe(stats.hits + 1);
    expect(cache().stats.invalidations).toBe(invalidations);
  });

  test.runIf(kind === 'postgres')(
    'a second server on the same database hears the first one’s change after its commit',
    async () => {
      const other = await createTestServer(await get().openAnother(), { modules });
      try {
        await until(() => cache(other).listening);
        const { productId, planId } = await publishedPhone('Two Servers Phone', 31_000);
        // The second server keeps the listing (once the notices of the first one's writes have come:
        // each clears it, though it read after their commits).
        expect((await card(productId, other))?.fromMonthlyRentMinor).toBe(31_000);
        await until(async () => {
          const hits = cache(other).stats.hits;
          await card(productId, other);
          return cache(other).stats.hits === hits + 1;
        });
        const stats = { ...cache(other).stats };
        expect((await card(productId, other))?.fromMonthlyRentMinor).toBe(31_000);
        expect(cache(other).stats.hits).toBe(stats.hits + 1);
        // The first server changes the price; the second hears it through NOTIFY, within a bound.
        expect((await send('PATCH', `/v1/admin/plans/${planId}`, { rentMinor: 27_000 })).statusCode).toBe(200);
        await until(async () => (await card(productId, other))?.fromMonthlyRentMinor === 27_000, 5_000);
        expect(cache(other).stats.invalidations).toBeGreaterThan(stats.invalidations);
      } finally {
        await other.close();
      }
    },
  );

  test.runIf(kind === 'postgres')(
    'while the listening connection is lost, reads go to the database; the cache is used again once it is back',
    async () => {
      await cards();
      await cards();
      await get().database.db.execute(
        sql`select pg_terminate_backend(pid) from pg_stat_activity
             where datname = current_database() and application_name = 'zulin-listen'`,
      );
      await until(() => !cache().listening);
      const stats = { ...cache().stats };
      const queries = countQueries(get().database);
      await cards();
      await cards();
      queries.stop();
      expect(queries.count).toBeGreaterThanOrEqual(2);
      expect(cache().stats.bypasses).toBe(stats.bypasses + 2);
      expect(cache().stats.hits).toBe(stats.hits);
      await until(() => cache().listening);
      const back = { ...cache().stats };
      await cards();
      await cards();
      expect(cache().stats.misses).toBe(back.misses + 1);
      expect(cache().stats.hits).toBe(back.hits + 1);
    },
  );
});
