// Demo catalog for `zulin seed`: the phones of seed-data.ts, each with SKUs (storages × colours,
// new and 99新), rental plans, installment offers and a generated product image per colour.
// Idempotent: a product that exists (same brand and model) is left as it is.
import { type Executor, transaction } from '@zulin/db';
import { newId } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { attachImage } from './add-product-image';
import { publishProduct } from './change-product-status';
import { assertUnderCap } from './create-installment-offer';
import { createProduct } from './create-product';
import { storeImageFile } from './images';
import { checkOfferFields, type OfferFields } from './offer-rules';
import { checkPlanFields, type PlanFields } from './plan-rules';
import { readRateCap } from './rate-cap-settings';
import { catalogChanged } from './read-cache';
import { catalogInstallmentOffers, catalogPlans, catalogProducts, catalogSkus } from './schema';
import { brandOf, searchDocument } from './search-text';
import { type SeedPhone, seedPhones, storagePriceYuan } from './seed-data';
import { checkSkuFields } from './sku-rules';
import { termKey } from './views';

const actor = { kind: 'system' as const };

export async function seedCatalog(db: Executor, options: { dataDir: string; now: Date }): Promise<{ created: number }> {
  const existing = await db
    .select({ brand: catalogProducts.brand, model: catalogProducts.model })
    .from(catalogProducts);
  const missing = [...seedPhones.entries()].filter(
    ([, phone]) => !existing.some((p) => p.brand === phone.brand && p.model === phone.model),
  );
  if (missing.length === 0) return { created: 0 };
  // The same rule checks as the use case runs on every offer; every SKU gets these same four
  // offers, so each is checked once (the annualised rate is a search: checking it per SKU was
  // half of a first start's seed time).
  const cap = await readRateCap(db, { at: options.now });
  for (const offer of demoOffers) {
    checkOfferFields(offer).throwIfAny('demo offer');
    assertUnderCap(offer, cap);
  }
  // One transaction for the whole catalog; SKUs, plans and offers of every phone go in as one
  // statement per table (the demo has hundreds of SKUs and thousands of plans).
  return transaction(db, async (tx) => {
    const rows: DemoRows = { skus: [], plans: [], offers: [] };
    const products: { id: string; index: number }[] = [];
    for (const [index, phone] of missing) products.push({ id: await seedPhone(tx, phone, rows, options), index });
    await tx.insert(catalogSkus).values(rows.skus);
    await tx.insert(catalogPlans).values(rows.plans);
    await tx.insert(catalogInstallmentOffers).values(rows.offers);
    for (const product of products) {
      await publishProduct(tx, { productId: product.id, actor, now: options.now });
      const phone = seedPhones[product.index];
      // A believable spread of popularity: flagships of the big brands first.
      const popularity = 1000 - product.index * 23 + ((phone?.priceYuan ?? 0) % 97);
      await tx.update(catalogProducts).set({ popularity }).where(eq(catalogProducts.id, product.id));
    }
    // The bulk rows and the popularity are not audited one by one: the read caches learn of them here.
    await catalogChanged(tx);
    return { created: products.length + rows.skus.length + rows.plans.length + rows.offers.length };
  });
}

interface DemoRows {
  skus: (typeof catalogSkus.$inferInsert)[];
  plans: (typeof catalogPlans.$inferInsert)[];
  offers: (typeof catalogInstallmentOffers.$inferInsert)[];
}

/** Creates the phone's product and images, and adds its SKUs, plans and offers to `rows`. */
async function seedPhone(
  db: Executor,
  phone: SeedPhone,
  rows: DemoRows,
  options: { dataDir: string; now: Date },
): Promise<string> {
  const { now } = options;
  const product = await createProduct(db, {
    input: { brand: phone.brand, model: phone.model, series: phone.series, description: phone.description },
    actor,
    now,
  });
  for (const [colour, hex] of phone.colours) {
    const svg = phoneSvg(`${brandOf(phone.brand).name} ${phone.model}`, colour, hex);
    const image = await storeImageFile(options.dataDir, Buffer.from(svg, 'utf8'), {
      contentType: 'image/svg+xml',
      extension: 'svg',
    });
    // Each demo image shows one colour: the product page follows the colour the customer picks.
    await attachImage(db, { productId: product.id, image: { ...image, colour }, actor, now });
  }
  // The same rule checks as the use cases run on every demo SKU, plan and offer.
  const base = phone.storagesGb[0] ?? 256;
  for (const storageGb of phone.storagesGb) {
    for (const [colour] of phone.colours) {
      for (const condition of ['new', 'used_99'] as const) {
        const newPriceYuan = storagePriceYuan(phone.priceYuan, base, storageGb);
        const priceYuan = condition === 'new' ? newPriceYuan : Math.round((newPriceYuan * 0.82) / 10) * 10;
        const fields = { storageGb, colour, condition, marketPriceMinor: priceYuan * 100, currency: 'CNY' };
        checkSkuFields(fields).throwIfAny('demo SKU');
        const skuId = newId('sku');
        const plans = demoPlans(fields.marketPriceMinor);
        const monthly = plans.filter((p) => p.termUnit === 'month').map((p) => p.rentMinor);
        rows.skus.push({
          id: skuId,
          productId: product.id,
          ...fields,
          searchText: searchDocument({ ...product, series: product.series, ...fields }),
          lowestMonthlyRentMinor: Math.min(...monthly),
          planTerms: plans.map((p) => termKey(p.termUnit, p.termCount)).sort(),
          planCount: plans.length,
          createdAt: now,
          updatedAt: now,
        });
        for (const plan of plans) {
          checkPlanFields(plan, fields.marketPriceMinor).throwIfAny('demo plan');
          rows.plans.push({ id: newId('plan'), skuId, ...plan, createdAt: now, updatedAt: now });
        }
        for (const offer of demoOffers) {
          rows.offers.push({ id: newId('iof'), skuId, ...offer, createdAt: now, updatedAt: now });
        }
      }
    }
  }
  return product.id;
}

// Monthly rent as a share of the market price, by term: shorter terms cost more per month.
const monthlyRentShare: Record<number, number> = { 3: 0.055, 6: 0.046, 12: 0.04, 24: 0.034 };
const yuan = (x: number) => Math.max(100, Math.round(x / 100) * 100);

export function demoPlans(priceMinor: number): PlanFields[] {
  const plans: PlanFields[] = [];
  for (const termCount of [3, 6, 12, 24]) {
    const rentMinor = yuan(priceMinor * (monthlyRentShare[termCount] ?? 0.04));
    // Keeping the phone at the end costs what is left after 80 % of the rent paid counts towards
    // it, and never less than 15 % of the price.
    const buyoutAtEndMinor = yuan(Math.max(priceMinor * 0.15, priceMinor - rentMinor * termCount * 0.8));
    plans.push({
      termUnit: 'month',
      termCount,
      rentMinor,
      depositMinor: priceMinor,
      buyoutAtEndMinor,
      upfrontPeriods: 1,
      renewalRentMinor: yuan(rentMinor * 0.9),
      addOns: [
        { code: 'screen_insurance', priceMinor: yuan(priceMinor * 0.002), per: 'period' },
        { code: 'accident_cover', priceMinor: yuan(priceMinor * 0.015), per: 'once' },
      ],
    });
  }
  for (const termCount of [7, 30]) {
    // Short rentals (trips, events): a daily rent, all paid up front.
    const rentMinor = yuan(priceMinor * (termCount === 7 ? 0.004 : 0.0025));
    plans.push({
      termUnit: 'day',
      termCount,
      rentMinor,
      depositMinor: priceMinor,
      buyoutAtEndMinor: priceMinor,
      upfrontPeriods: termCount,
      renewalRentMinor: rentMinor,
      addOns: [],
    });
  }
  return plans;
}

const demoOffers: OfferFields[] = [
  { termMonths: 3, annualRateBps: 0, feeRateBpsPerPeriod: 0, method: 'equal_installment', downPaymentBps: 0 },
  { termMonths: 6, annualRateBps: 0, feeRateBpsPerPeriod: 0, method: 'equal_installment', downPaymentBps: 0 },
  { termMonths: 12, annualRateBps: 600, feeRateBpsPerPeriod: 0, method: 'equal_installment', downPaymentBps: 1000 },
  { termMonths: 24, annualRateBps: 0, feeRateBpsPerPeriod: 30, method: 'equal_principal', downPaymentBps: 2000 },
];

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A clean phone silhouette in the product colour with its name: 600 × 800, no external assets. */
export function phoneSvg(name: string, colour: string, hex: string): string {
  const light = /^#([a-f0-9]{2})([a-f0-9]{2})([a-f0-9]{2})$/i.exec(hex);
  const luminance = light
    ? (Number.parseInt(light[1] ?? '0', 16) * 299 +
        Number.parseInt(light[2] ?? '0', 16) * 587 +
        Number.parseInt(light[3] ?? '0', 16) * 114) /
      1000
    : 0;
  const ink = luminance > 150 ? '#333333' : '#f5f5f5';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800" viewBox="0 0 600 800">
  <rect width="600" height="800" fill="#f6f7f9"/>
  <rect x="170" y="90" width="260" height="540" rx="44" fill="${hex}" stroke="#c9ccd1" stroke-width="3"/>
  <rect x="196" y="116" width="96" height="120" rx="26" fill="${ink}" opacity="0.14"/>
  <circle cx="226" cy="148" r="18" fill="#2b2b2b" stroke="${ink}" stroke-opacity="0.4" stroke-width="3"/>
  <circle cx="264" cy="148" r="18" fill="#2b2b2b" stroke="${ink}" stroke-opacity="0.4" stroke-width="3"/>
  <circle cx="226" cy="204" r="18" fill="#2b2b2b" stroke="${ink}" stroke-opacity="0.4" stroke-width="3"/>
  <circle cx="266" cy="204" r="6" fill="#fff6d5"/>
  <text x="300" y="440" font-family="-apple-system, 'PingFang SC', 'Noto Sans SC', sans-serif" font-size="22" fill="${ink}" text-anchor="middle" opacity="0.75">${escapeXml(colour)}</text>
  <text x="300" y="700" font-family="-apple-system, 'PingFang SC', 'Noto Sans SC', sans-serif" font-size="34" font-weight="600" fill="#1f2329" text-anchor="middle">${escapeXml(name)}</text>
</svg>
`;
}
