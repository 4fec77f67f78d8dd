// The search's one statement: what it answers for each product-level sort on both databases, and
// (PostgreSQL) that the listing by popularity walks its index instead of sorting every product.
import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, test } from 'vitest';
import { catalogPlans, catalogProducts, catalogSkus } from './schema';
import { searchProducts, searchStatement } from './search-products';
import { searchDocument } from './search-text';

describeDb('searchProducts', (get, kind) => {
  const now = new Date('2026-12-01T08:00:00Z');

  beforeAll(async () => {
    const db = get().database.db;
    // Six published products, popularity 10…60; ids in creation order; one SKU and plan each.
    for (let n = 1; n <= 6; n++) {
      const productId = `prd_search_${n}`;
      const product = { brand: 'apple', model: `iPhone ${n}`, series: null };
      await db.insert(catalogProducts).values({
        id: productId,
        ...product,
        status: 'published',
        popularity: n * 10,
        createdAt: now,
        updatedAt: now,
        publishedAt: now,
      });
      const sku = { storageGb: 256, colour: '黑色', condition: 'new' as const };
      await db.insert(catalogSkus).values({
        id: `sku_search_${n}`,
        productId,
        ...sku,
        marketPriceMinor: 500_000 + n,
        searchText: searchDocument({ ...product, ...sku }),
        lowestMonthlyRentMinor: 20_000 + n,
        planTerms: ['12m'],
        planCount: 1,
        createdAt: now,
        updatedAt: now,
      });
      await db.insert(catalogPlans).values({
        id: `plan_search_${n}`,
        skuId: `sku_search_${n}`,
        termUnit: 'month',
        termCount: 12,
        rentMinor: 20_000 + n,
        depositMinor: 500_000,
        buyoutAtEndMinor: 150_000,
        upfrontPeriods: 1,
        renewalRentMinor: 18_000,
        createdAt: now,
        updatedAt: now,
      });
    }
  });

  const walk = async (sort: 'popularity' | 'newest') => {
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await searchProducts(get().database.db, { sort, limit: 4, ...(cursor ? { cursor } : {}) });
      ids.push(...result.data.map((p) => p.id));
      if (result.nextCursor === null) break;
      cursor = result.nextCursor;
    }
    return ids;
  };

  test('popularity and newest list every product once, in order, across pages', async () => {
    const byPopularity = [
      'prd_search_6',
      'prd_search_5',
      'prd_search_4',
      'prd_search_3',
      'prd_search_2',
      'prd_search_1',
    ];
    expect(await walk('popularity')).toEqual(byPopularity);
    // Newest is the id order, greatest first (here the same order).
    expect(await walk('newest')).toEqual(byPopularity);
  });

  test("官方价 is the lowest retail price of the new phones; a used SKU's lower price does not lower it", async () => {
    const db = get().database.db;
    const product = { brand: 'apple', model: 'iPhone 3', series: null };
    const used = { storageGb: 128, colour: '黑色', condition: 'used_95' as const };
    await db.insert(catalogSkus).values({
      id: 'sku_search_3_used',
      productId: 'prd_search_3',
      ...used,
      marketPriceMinor: 300_000,
      searchText: searchDocument({ ...product, ...used }),
      lowestMonthlyRentMinor: 15_000,
      planTerms: ['12m'],
      planCount: 1,
      createdAt: now,
      updatedAt: now,
    });
    try {
      const all = await searchProducts(db, { sort: 'popularity', limit: 10 });
      const third = all.data.find((p) => p.id === 'prd_search_3');
      expect(third).toMatchObject({ fromMarketPriceMinor: 500_003, fromMonthlyRentMinor: 15_000 });
      // A product sold used only shows its used price: there is no new one to name.
      await db.execute(sql`update catalog_skus set condition = 'used_99' where id = 'sku_search_3'`);
      const usedOnly = await searchProducts(db, { sort: 'popularity', limit: 10 });
      expect(usedOnly.data.find((p) => p.id === 'prd_search_3')).toMatchObject({ fromMarketPriceMinor: 300_000 });
    } finally {
      await db.execute(sql`update catalog_skus set condition = 'new' where id = 'sku_search_3'`);
      await db.execute(sql`delete from catalog_skus where id = 'sku_search_3_used'`);
    }
  });

  if (kind === 'postgres') {
    // With six rows the planner would rightly read the table and sort it; turning sorts and
    // sequential scans off asks whether the index *can* give the order. Before the ORDER BY named
    // the index's NULLS LAST, it could not: PostgreSQL aggregated every product's SKUs, then sorted.
    const plan = async (query: Parameters<typeof searchStatement>[0]) =>
      transaction(get().database, async (tx) => {
        await tx.execute(sql`set local enable_sort = off`);
        await tx.execute(sql`set local enable_seqscan = off`);
        const rows = await queryRows<{ 'QUERY PLAN': string }>(tx, sql`explain ${searchStatement(query).statement}`);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });

    test('the listing by popularity walks catalog_products_popularity_idx and sorts nothing (EXPLAIN)', async () => {
      for (const query of [{}, { q: 'iphone 黑' }, { q: '苹果 256g' }]) {
        const text = await plan(query);
        expect(text, JSON.stringify(query)).toContain('catalog_products_popularity_idx');
        expect(text, JSON.stringify(query)).not.toMatch(/\bSort\b/);
      }
    });

    test('newest walks the primary key backwards and sorts nothing (EXPLAIN)', async () => {
      const text = await plan({ sort: 'newest' });
      expect(text).toMatch(/Index Scan Backward using catalog_products_pkey/);
      expect(text).not.toMatch(/\bSort\b/);
    });
  }
});
