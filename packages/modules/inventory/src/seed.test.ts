import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Condition, catalogModule, searchProducts } from '@zulin/catalog';
import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { gradeFits } from './grade-fit';
import { imeiProblem } from './imei';
import { inventoryModule } from './module';
import type { UnitGrade } from './schema';

describeDb('demo data', (get) => {
  let server: TestServer;
  let dataDir: string;
  beforeAll(async () => {
    server = await createTestServer(get().database, { modules });
    dataDir = await mkdtemp(join(tmpdir(), 'zulin-seed-'));
    server.ctx.config.dataDir = dataDir;
  });
  afterAll(async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('a believable catalog and 300+ units in two warehouses, seeded once', async () => {
    const db = server.ctx.database.db;
    const catalog = await catalogModule.seed?.(server.ctx);
    const inventory = await inventoryModule.seed?.(server.ctx);
    expect(catalog?.created).toBeGreaterThan(300);
    expect(inventory?.created).toBeGreaterThan(300);

    const [counts] = await queryRows<{ products: number; brands: number; units: number; warehouses: number }>(
      db,
      sql`select (select count(*)::int from catalog_products where status = 'published') as products,
                 (select count(distinct brand)::int from catalog_products) as brands,
                 (select count(*)::int from inventory_units) as units,
                 (select count(distinct warehouse_id)::int from inventory_units) as warehouses`,
    );
    expect(counts).toMatchObject({ brands: 7, warehouses: 2 });
    expect(counts?.products).toBeGreaterThanOrEqual(30);
    expect(counts?.units).toBeGreaterThanOrEqual(300);
    const imeis = await queryRows<{ imei: string }>(db, sql`select imei from inventory_units`);
    expect(imeis.every((u) => imeiProblem(u.imei) === null)).toBe(true);
    // Every demo phone's grade fits its SKU's condition (new ↔ 全新, A ↔ 99新, B ↔ 95新): a 全新 order
    // gets a new phone, and no seeded phone is one a reservation would pass over.
    const filed = await queryRows<{ grade: UnitGrade; condition: Condition; n: number }>(
      db,
      sql`select u.grade, s.condition, count(*)::int as n from inventory_units u join catalog_skus s on s.id = u.sku_id
          group by u.grade, s.condition order by s.condition, u.grade`,
    );
    expect(filed.map((f) => `${f.grade}→${f.condition}`)).toEqual(['new→new', 'A→used_99']);
    expect(filed.filter((f) => !gradeFits(f.grade, f.condition))).toEqual([]);
    expect((await readdir(join(dataDir, 'uploads', 'images'))).length).toBeGreaterThanOrEqual(60);

    const apple256 = await searchProducts(db, { q: '苹果 256G', limit: 50 });
    expect(apple256.data.length).toBeGreaterThanOrEqual(6);
    expect(apple256.data.every((p) => p.brand === 'apple')).toBe(true);
    // A 12-month rent of 3.5–5 % of the price a month.
    const [plan] = await queryRows<{ rent: number; price: number }>(
      db,
      sql`select p.rent_minor::int as rent, s.market_price_minor::int as price from catalog_plans p join catalog_skus s on s.id = p.sku_id
          where p.term_unit = 'month' and p.term_count = 12 limit 1`,
    );
    expect((plan?.rent ?? 0) / (plan?.price ?? 1)).toBeGreaterThanOrEqual(0.035);
    expect((plan?.rent ?? 0) / (plan?.price ?? 1)).toBeLessThanOrEqual(0.05);

    expect((await catalogModule.seed?.(server.ctx))?.created).toBe(0);
    expect((await inventoryModule.seed?.(server.ctx))?.created).toBe(0);
  });
});
