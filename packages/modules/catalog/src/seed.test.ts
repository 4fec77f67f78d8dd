// The demo catalog, as a fresh database gets it: the counts and sums below are those the seed wrote
// before its offers were checked once instead of per SKU (measured on the earlier seed), so a change
// to how the seed writes cannot change what it writes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { seedCatalog } from './seed';

describeDb('demo catalog seed', (get) => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'zulin-catalog-seed-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  test('writes the same catalog as before, counts and money sums alike, and nothing on a second run', async () => {
    const db = get().database.db;
    const now = new Date('2026-03-02T02:00:00Z');
    const first = await seedCatalog(db, { dataDir, now });
    expect(first.created).toBe(38 + 342 + 2052 + 1368);
    const [figures] = await queryRows<Record<string, number>>(
      db,
      sql`select
        (select count(*)::int from catalog_products) as products,
        (select count(*)::int from catalog_products where status = 'published') as published,
        (select sum(popularity)::int from catalog_products) as popularity,
        (select count(*)::int from catalog_skus) as skus,
        (select sum(market_price_minor)::bigint::text from catalog_skus) as "skuPriceMinor",
        (select sum(lowest_monthly_rent_minor)::bigint::text from catalog_skus) as "lowestRentMinor",
        (select count(*)::int from catalog_plans) as plans,
        (select sum(rent_minor)::bigint::text from catalog_plans) as "planRentMinor",
        (select sum(buyout_at_end_minor)::bigint::text from catalog_plans) as "planBuyoutMinor",
        (select count(*)::int from catalog_installment_offers) as offers,
        (select sum(annual_rate_bps + fee_rate_bps_per_period + down_payment_bps)::int from catalog_installment_offers) as "offerBps"`,
    );
    expect(figures).toEqual({
      products: 38,
      published: 38,
      popularity: 23_519,
      skus: 342,
      skuPriceMinor: '232047900', // ¥2,320,479.00 of market prices
      lowestRentMinor: '7890200',
      plans: 2052,
      planRentMinor: '42114600',
      planBuyoutMinor: '1069820700',
      offers: 1368,
      offerBps: 1_241_460,
    });
    // Each demo image shows one of the product's colours, as its SKUs spell it (the product page
    // turns to the picked colour's image): every image has a colour some SKU of the product sells.
    const [images] = await queryRows<{ images: number; coloured: number; matching: number }>(
      db,
      sql`select count(*)::int as images,
            count(*) filter (where i->>'colour' is not null)::int as coloured,
            count(*) filter (where exists (select 1 from catalog_skus s
                                           where s.product_id = p.id and s.colour = i->>'colour'))::int as matching
          from catalog_products p, jsonb_array_elements(p.images) i`,
    );
    expect(images?.images).toBeGreaterThan(38);
    expect(images).toEqual({ images: images?.images, coloured: images?.images, matching: images?.images });
    expect((await seedCatalog(db, { dataDir, now })).created).toBe(0);
  }, 300_000);
});
