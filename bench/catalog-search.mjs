// catalog-search: GET /v1/products?q=… on a catalog of 10,000 SKUs (PostgreSQL). Creates a
// dedicated database, migrates it, loads 1,000 products × 10 SKUs (each with a 12-month plan and
// the search document the catalog module builds), starts the server on it and measures a few
// Chinese and English queries with autocannon: req/s, p50, p99. The database is dropped at the end.
//
//   node bench/catalog-search.mjs [--connections N]
//
// Environment: BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 10), BENCH_SKUS (default
// 10000), BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/test).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { register } from 'tsx/esm/api';
import {
  assertLoopback,
  defaultPgUrl,
  envInt,
  formatTable,
  freePort,
  guardRatios,
  installSignalHandlers,
  isShuttingDown,
  machineNote,
  onCleanup,
  psql,
  repoRoot,
  runAnchor,
  runAutocannon,
  sleep,
  withDatabase,
} from './lib.mjs';

// The catalog's search document is TypeScript; tsx lets this script use the module's own builder.
register();
const { searchDocument } = await import('@zulin/catalog');

const queries = ['苹果 256G', 'iphone pro', '华为', '小米 ultra 512', 'galaxy 黑', ''];
const warmupSeconds = 2;

const brandModels = {
  apple: [
    'iPhone 17 Pro Max',
    'iPhone 17 Pro',
    'iPhone Air',
    'iPhone 17',
    'iPhone 16 Pro',
    'iPhone 16',
    'iPhone 16e',
    'iPhone 15',
  ],
  huawei: ['Mate 80 Pro', 'Mate 70 Pro', 'Mate X6', 'Pura 80 Ultra', 'Pura 80 Pro', 'Pura X', 'nova 14'],
  xiaomi: ['小米 17 Pro', '小米 17', '小米 15 Ultra', 'MIX Flip 2', 'Redmi K80 Pro', 'Redmi Turbo 4 Pro'],
  oppo: ['Find X9 Pro', 'Find X8 Ultra', 'Find N5', 'Reno 14 Pro'],
  vivo: ['X300 Pro', 'X200 Ultra', 'X Fold5', 'iQOO 13', 'S30'],
  honor: ['Magic8 Pro', 'Magic7 Pro', 'Magic V5', 'Honor 400'],
  samsung: ['Galaxy S25 Ultra', 'Galaxy S25', 'Galaxy Z Fold7', 'Galaxy Z Flip7'],
};
const colours = ['黑色', '白色', '蓝色', '钛灰', '金色'];
const storages = [128, 256, 512, 1024];
const conditions = ['new', 'used_99', 'used_95'];

function id(prefix, n) {
  // Ids in the kernel's shape (prefix_ + 26 Crockford characters), ordered by n.
  return `${prefix}_01K${String(n).padStart(23, '0')}`;
}

/** 1,000 products × 10 SKUs: every brand's models in numbered editions, e.g. "iPhone 17 Pro 12". */
function* catalogRows(skuCount) {
  const models = Object.entries(brandModels).flatMap(([brand, list]) => list.map((model) => ({ brand, model })));
  const skusPerProduct = 10;
  for (let p = 0; p < Math.ceil(skuCount / skusPerProduct); p++) {
    const base = models[p % models.length];
    const edition = Math.floor(p / models.length);
    const product = {
      id: id('prd', p),
      brand: base.brand,
      model: edition === 0 ? base.model : `${base.model} ${edition}`,
      series: null,
    };
    const skus = [];
    for (let s = 0; s < skusPerProduct && p * skusPerProduct + s < skuCount; s++) {
      const storageGb = storages[s % storages.length];
      const colour = colours[(s + p) % colours.length];
      const condition = conditions[Math.floor(s / storages.length) % conditions.length];
      const marketPriceMinor = (2000 + ((p * 37) % 80) * 100 + storageGb) * 100;
      skus.push({
        id: id('sku', p * skusPerProduct + s),
        storageGb,
        colour,
        condition,
        marketPriceMinor,
        rentMinor: Math.round((marketPriceMinor * 0.04) / 100) * 100,
        searchText: searchDocument({ ...product, storageGb, colour, condition }),
      });
    }
    yield { product, skus };
  }
}

async function loadCatalog(url, skuCount) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    const now = new Date().toISOString();
    let batch = { products: [], skus: [] };
    const flush = async () => {
      if (batch.products.length > 0) {
        await client.query(
          `insert into catalog_products (id, brand, model, series, description, status, popularity, created_at, updated_at, published_at)
           select x.id, x.brand, x.model, null, '', 'published', x.popularity, $2, $2, $2
             from jsonb_to_recordset($1::jsonb) as x(id text, brand text, model text, popularity int)`,
          [JSON.stringify(batch.products), now],
        );
      }
      if (batch.skus.length > 0) {
        await client.query(
          `insert into catalog_skus (id, product_id, storage_gb, colour, condition, market_price_minor, search_text,
                                     lowest_monthly_rent_minor, plan_terms, plan_count, created_at, updated_at)
           select x.id, x.product_id, x.storage_gb, x.colour, x.condition, x.market_price_minor, x.search_text,
                  x.rent_minor, '{12m}', 1, $2, $2
             from jsonb_to_recordset($1::jsonb)
               as x(id text, product_id text, storage_gb int, colour text, condition text, market_price_minor bigint, search_text text, rent_minor bigint)`,
          [JSON.stringify(batch.skus), now],
        );
        await client.query(
          `insert into catalog_plans (id, sku_id, term_unit, term_count, rent_minor, deposit_minor, buyout_at_end_minor,
                                      upfront_periods, renewal_rent_minor, created_at, updated_at)
           select 'plan' || substr(x.id, 4), x.id, 'month', 12, x.rent_minor, x.market_price_minor, x.market_price_minor / 2, 1, x.rent_minor, $2, $2
             from jsonb_to_recordset($1::jsonb) as x(id text, market_price_minor bigint, rent_minor bigint)`,
          [JSON.stringify(batch.skus), now],
        );
      }
      batch = { products: [], skus: [] };
    };
    let n = 0;
    for (const { product, skus } of catalogRows(skuCount)) {
      batch.products.push({
        id: product.id,
        brand: product.brand,
        model: product.model,
        popularity: (n * 7919) % 1000,
      });
      for (const sku of skus) {
        batch.skus.push({
          id: sku.id,
          product_id: product.id,
          storage_gb: sku.storageGb,
          colour: sku.colour,
          condition: sku.condition,
          market_price_minor: sku.marketPriceMinor,
          search_text: sku.searchText,
          rent_minor: sku.rentMinor,
        });
      }
      n++;
      if (batch.skus.length >= 2000) await flush();
    }
    await flush();
    await client.query('commit');
    await client.query('analyze');
    const { rows } = await client.query('select count(*)::int as n from catalog_skus');
    return rows[0].n;
  } finally {
    await client.end();
  }
}

async function runZulin(args, env, { timeoutMs }) {
  const child = spawn(process.execPath, [join(repoRoot, 'apps/server/bin/zulin.mjs'), ...args], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await Promise.race([
    new Promise((resolve) => child.once('exit', (c) => resolve(c))),
    sleep(timeoutMs).then(() => {
      child.kill('SIGKILL');
      return 'timeout';
    }),
  ]);
  if (code !== 0) throw new Error(`zulin ${args.join(' ')} failed (${code}):\n${output.slice(-4000)}`);
}

// A load test comes from one address, so the per-address rate limit is turned off for the run
// (ZULIN_RATE_LIMIT_PER_MINUTE=0); everything else is `zulin serve` as a user runs it.
async function startServerOn(databaseUrl, dataDir) {
  const port = await freePort();
  const args = [join(repoRoot, 'apps/server/bin/zulin.mjs'), 'serve', '--no-worker'];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ZULIN_DATA_DIR: dataDir,
      ZULIN_RATE_LIMIT_PER_MINUTE: '0',
    },
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-8000)));
  let exited = false;
  const gone = new Promise((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    await Promise.race([gone, sleep(10_000)]);
    if (!exited) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error(`the server exited before it was ready:\n${stderr}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server was not ready within 120 s:\n${stderr}`);
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) break;
    } catch {}
    await sleep(250);
  }
  return { baseUrl, stop };
}

async function main() {
  installSignalHandlers();
  const { values } = parseArgs({
    options: { connections: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log('Usage: node bench/catalog-search.mjs [--connections N]   (BENCH_SECONDS, BENCH_SKUS, BENCH_PG_URL)');
    return 0;
  }
  const seconds = envInt('BENCH_SECONDS', 10);
  const skuCount = envInt('BENCH_SKUS', 10_000);
  const connections = values.connections ? Number(values.connections) : envInt('BENCH_CONNECTIONS', 10);
  const pgUrl = process.env.BENCH_PG_URL || defaultPgUrl;
  assertLoopback(pgUrl.replace(/^postgres(ql)?:/, 'http:'));

  console.log(`catalog-search · ${new Date().toISOString()} · ${machineNote()}`);
  console.log(`pgbench anchor: ${seconds} s TPC-B and ${seconds} s select-only…`);
  const anchor = await runAnchor({ seconds, pgUrl });
  console.log(`pgbench select-only ${anchor.select_tps.toFixed(1)} tps · TPC-B ${anchor.tpcb_tps.toFixed(1)} tps`);
  const dbName = `zulin_catbench_${randomBytes(6).toString('hex')}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'zulin-catbench-'));
  let server;
  const cleanup = async () => {
    await server?.stop();
    await psql(pgUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch((e) =>
      console.error(`could not drop ${dbName}: ${e.message}`),
    );
    await rm(dataDir, { recursive: true, force: true });
  };
  const unregister = onCleanup(cleanup);
  try {
    await psql(pgUrl, `CREATE DATABASE ${dbName}`);
    const databaseUrl = withDatabase(pgUrl, dbName);
    const env = { ...process.env, DATABASE_URL: databaseUrl, ZULIN_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    await runZulin(['migrate'], env, { timeoutMs: 120_000 });
    const started = Date.now();
    const loaded = await loadCatalog(databaseUrl, skuCount);
    console.log(`loaded ${loaded} SKUs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (isShuttingDown()) return 130;
    server = await startServerOn(databaseUrl, dataDir);
    console.log('server: zulin serve --no-worker (all modules, rate limit off)');

    const rows = [];
    for (const q of queries) {
      if (isShuttingDown()) break;
      const url = `${server.baseUrl}/v1/products?${q ? `q=${encodeURIComponent(q)}&` : ''}limit=20`;
      const probe = await fetch(url);
      const body = await probe.json();
      if (probe.status !== 200) throw new Error(`GET ${url} answered ${probe.status}: ${JSON.stringify(body)}`);
      await runAutocannon({ url, connections, durationSeconds: warmupSeconds });
      const result = await runAutocannon({ url, connections, durationSeconds: seconds });
      rows.push({
        query: q === '' ? '(none, by popularity)' : q,
        results: `${body.data.length}${body.nextCursor ? '+' : ''}`,
        'req/s': Math.round(result.rps),
        '÷ select tps': Math.round((result.rps / anchor.select_tps) * 1000) / 1000,
        'p50 ms': result.p50,
        'p99 ms': result.p99,
        'max ms': result.max,
        errors: result.errors + result.timeouts + result.non2xx,
      });
    }
    console.log(`\nGET /v1/products on ${loaded} SKUs, PostgreSQL, ${connections} connections, ${seconds} s each:\n`);
    console.log(formatTable(rows));
    const ratios = Object.fromEntries(rows.map((r) => [`GET /v1/products ${r.query} ÷ select`, r['÷ select tps']]));
    return guardRatios('catalog-search', ratios) > 0 ? 1 : 0;
  } finally {
    await cleanup();
    unregister();
  }
}

process.exitCode = await main().catch((error) => {
  console.error(error.stack ?? String(error));
  return 1;
});
