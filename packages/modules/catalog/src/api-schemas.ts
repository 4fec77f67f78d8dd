// The TypeBox schemas of the catalog API: request bodies and the response shapes of views.ts.

import { Instant, Nullable } from '@zulin/platform';
import { Type } from 'typebox';
import { CatalogLimits } from './limits';
import { rateCapSchema } from './rate-cap-settings';

const Minor = (description: string, minimum = 0) =>
  Type.Integer({ minimum, maximum: CatalogLimits.amountMinorMax, description: `${description} (分)` });

export const ConditionSchema = Type.Union([Type.Literal('new'), Type.Literal('used_99'), Type.Literal('used_95')], {
  description: 'new = 全新, used_99 = 99新, used_95 = 95新',
});
export const ProductStatusSchema = Type.Union([
  Type.Literal('draft'),
  Type.Literal('published'),
  Type.Literal('unpublished'),
]);
const TermUnitSchema = Type.Union([Type.Literal('day'), Type.Literal('month')]);
const MethodSchema = Type.Union([Type.Literal('equal_installment'), Type.Literal('equal_principal')], {
  description: 'equal_installment = 等额本息, equal_principal = 等额本金',
});
const AddOnSchema = Type.Object(
  {
    code: Type.Union([Type.Literal('screen_insurance'), Type.Literal('accident_cover')], {
      description: 'screen_insurance = 碎屏险, accident_cover = 意外保障',
    }),
    priceMinor: Minor('Price of the add-on', 1),
    per: Type.Union([Type.Literal('period'), Type.Literal('once')], { description: 'Charged every period or once' }),
  },
  { additionalProperties: false },
);

export const ImageSchema = Type.Object({
  file: Type.String(),
  url: Type.String({ description: 'Public URL, cacheable forever' }),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  colour: Type.Optional(
    Nullable(Type.String({ description: 'The SKU colour the image shows; the product page shows it when picked' })),
  ),
});

export const ProductSchema = Type.Object(
  {
    id: Type.String(),
    brand: Type.String({ description: 'Brand key: apple, huawei, xiaomi, honor, samsung, oppo, vivo, …' }),
    brandName: Type.String(),
    brandNameZh: Type.String(),
    model: Type.String(),
    series: Nullable(Type.String()),
    description: Type.String(),
    images: Type.Array(ImageSchema),
    status: ProductStatusSchema,
    popularity: Type.Integer(),
    createdAt: Instant,
    updatedAt: Instant,
    publishedAt: Nullable(Instant),
  },
  { title: 'Product' },
);

export const SkuSchema = Type.Object(
  {
    id: Type.String(),
    productId: Type.String(),
    storageGb: Type.Integer(),
    storageLabel: Type.String({ description: '"256GB", "1TB"' }),
    colour: Type.String(),
    condition: ConditionSchema,
    conditionLabel: Type.String({ description: '全新 / 99新 / 95新' }),
    marketPriceMinor: Type.Integer({ description: 'Retail value (分)' }),
    currency: Type.String(),
    active: Type.Boolean(),
    lowestMonthlyRentMinor: Nullable(Type.Integer()),
    planTerms: Type.Array(Type.String(), { description: 'Terms of the active plans, e.g. ["7d", "12m"]' }),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { title: 'Sku' },
);

export const ProductDetailSchema = Type.Object(
  { ...ProductSchema.properties, skus: Type.Array(SkuSchema) },
  { title: 'ProductDetail' },
);

export const PlanSchema = Type.Object(
  {
    id: Type.String(),
    skuId: Type.String(),
    termUnit: TermUnitSchema,
    termCount: Type.Integer(),
    term: Type.String({ description: '"12m", "7d"' }),
    rentMinor: Type.Integer({ description: 'Rent per period (分)' }),
    depositMinor: Type.Integer(),
    buyoutAtEndMinor: Type.Integer({ description: 'Price to keep the phone at the end of the term (分)' }),
    upfrontPeriods: Type.Integer(),
    addOns: Type.Array(AddOnSchema),
    renewalRentMinor: Type.Integer(),
    currency: Type.String(),
    active: Type.Boolean(),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { title: 'RentalPlan' },
);

export const OfferSchema = Type.Object(
  {
    id: Type.String(),
    aprSimpleBps: Type.Integer({
      description: 'the annualised rate (IRR of the cash flows, fees included), shown first and largest',
    }),
    aprCompoundBps: Type.Integer(),
    skuId: Type.String(),
    termMonths: Type.Integer(),
    annualRateBps: Type.Integer(),
    feeRateBpsPerPeriod: Type.Integer(),
    downPaymentBps: Type.Integer(),
    method: MethodSchema,
    interestFree: Type.Boolean(),
    active: Type.Boolean(),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { title: 'InstallmentOffer' },
);

export const ProductCardSchema = Type.Object(
  {
    id: Type.String(),
    brand: Type.String(),
    brandName: Type.String(),
    brandNameZh: Type.String(),
    model: Type.String(),
    series: Nullable(Type.String()),
    imageUrl: Nullable(Type.String()),
    popularity: Type.Integer(),
    publishedAt: Nullable(Instant),
    fromMonthlyRentMinor: Nullable(Type.Integer({ description: 'Lowest monthly rent over the matching SKUs (分)' })),
    fromMarketPriceMinor: Type.Integer({ description: 'Lowest market price over the matching SKUs (分)' }),
    currency: Type.String(),
    matchingSkuCount: Type.Integer(),
    storageOptionsGb: Type.Array(Type.Integer()),
    conditions: Type.Array(ConditionSchema),
  },
  { title: 'ProductCard' },
);

export const pageOf = <T extends Parameters<typeof Type.Array>[0]>(item: T, title: string) =>
  Type.Object({ data: Type.Array(item), nextCursor: Nullable(Type.String()) }, { title });

const Text = (maxLength: number = CatalogLimits.textLengthMax) => Type.String({ minLength: 1, maxLength });

export const ProductBody = Type.Object(
  {
    brand: Text(40),
    model: Text(100),
    series: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    description: Type.Optional(Type.String({ maxLength: CatalogLimits.descriptionLengthMax })),
  },
  { additionalProperties: false },
);

export const ProductPatchBody = Type.Partial(ProductBody, { additionalProperties: false });

export const SkuBody = Type.Object(
  {
    productId: Type.String(),
    storageGb: Type.Integer({ description: '32, 64, 128, 256, 512, 1024 or 2048' }),
    colour: Text(30),
    condition: ConditionSchema,
    marketPriceMinor: Minor('Retail value', 1),
    currency: Type.Optional(Type.Literal('CNY')),
  },
  { additionalProperties: false },
);

/** Staff tagging an image with one of the product's SKU colours; null clears the tag. */
export const ImageColourBody = Type.Object(
  {
    colour: Nullable(
      Type.String({ minLength: 1, maxLength: 30, description: 'One of the product’s SKU colours; null: every colour' }),
    ),
  },
  { additionalProperties: false },
);

export const SkuPatchBody = Type.Object(
  {
    storageGb: Type.Optional(Type.Integer()),
    colour: Type.Optional(Text(30)),
    condition: Type.Optional(ConditionSchema),
    marketPriceMinor: Type.Optional(Minor('Retail value', 1)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const planFields = {
  rentMinor: Minor('Rent per period', 1),
  depositMinor: Type.Optional(Minor('Deposit; defaults to the market price')),
  buyoutAtEndMinor: Minor('Price to keep the phone at the end'),
  upfrontPeriods: Type.Optional(Type.Integer({ minimum: 1, description: 'Periods paid at checkout; default 1' })),
  addOns: Type.Optional(Type.Array(AddOnSchema, { maxItems: 2 })),
  renewalRentMinor: Type.Optional(Minor('Rent per period on renewal; defaults to rentMinor', 1)),
};

export const PlanBody = Type.Object(
  {
    skuId: Type.String(),
    termUnit: TermUnitSchema,
    termCount: Type.Integer({ description: 'day: 7, 15, 30; month: 3, 6, 12, 24' }),
    ...planFields,
  },
  { additionalProperties: false },
);

export const PlanPatchBody = Type.Object(
  {
    rentMinor: Type.Optional(planFields.rentMinor),
    depositMinor: planFields.depositMinor,
    buyoutAtEndMinor: Type.Optional(planFields.buyoutAtEndMinor),
    upfrontPeriods: planFields.upfrontPeriods,
    addOns: planFields.addOns,
    renewalRentMinor: planFields.renewalRentMinor,
    active: Type.Optional(Type.Boolean({ description: 'false retires the plan' })),
  },
  { additionalProperties: false },
);

const offerFields = {
  annualRateBps: Type.Integer({ minimum: 0, maximum: 10_000, description: 'Annual rate; 0 = interest-free' }),
  feeRateBpsPerPeriod: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 10_000, description: 'Service fee per period on the principal' }),
  ),
  downPaymentBps: Type.Optional(Type.Integer({ minimum: 0, maximum: 9_000, description: 'Down payment share' })),
  method: MethodSchema,
};

export const OfferBody = Type.Object(
  { skuId: Type.String(), termMonths: Type.Integer({ description: '3, 6, 12 or 24' }), ...offerFields },
  { additionalProperties: false },
);

export const OfferPatchBody = Type.Object(
  {
    annualRateBps: Type.Optional(offerFields.annualRateBps),
    feeRateBpsPerPeriod: offerFields.feeRateBpsPerPeriod,
    downPaymentBps: offerFields.downPaymentBps,
    method: Type.Optional(MethodSchema),
    active: Type.Optional(Type.Boolean({ description: 'false retires the offer' })),
  },
  { additionalProperties: false },
);

/** The rate cap in force, beside the offers it bounds. */
export const RateCapInForceSchema = Type.Object(
  {
    lprBps: Type.Integer({ description: 'the one-year LPR in basis points' }),
    capMultiple: Type.Integer(),
    capBps: Type.Integer({ description: 'capMultiple × lprBps: no offer’s aprSimpleBps may be above it' }),
  },
  { title: 'InstallmentRateCapInForce' },
);

/** `GET`/`PUT /v1/admin/installment-rate-cap`. */
const RateCapChangeFields = {
  id: Type.String(),
  lprBps: Type.Integer(),
  capMultiple: Type.Integer(),
  capBps: Type.Integer(),
  effectiveFrom: Type.String({ format: 'date' }),
  setBy: Type.String(),
  setByName: Nullable(Type.String()),
  setAt: Instant,
};

export const RateCapViewSchema = Type.Object(
  {
    rateCap: rateCapSchema,
    capBps: Type.Integer({ description: 'capMultiple × lprBps: the cap on every offer’s annualised rate' }),
    offersAboveCap: Type.Object({
      total: Type.Integer({ description: 'active offers whose annualised rate is above the cap' }),
      data: Type.Array(
        Type.Object({
          offerId: Type.String(),
          skuId: Type.String(),
          productId: Type.String(),
          skuName: Type.String(),
          termMonths: Type.Integer(),
          aprSimpleBps: Type.Integer(),
        }),
        {
          description: `the first ${CatalogLimits.offersAboveCapListed}: not shown to customers, not orderable until edited or retired`,
        },
      ),
    }),
    defaults: rateCapSchema,
    updatedBy: Nullable(Type.String()),
    updatedByName: Nullable(Type.String()),
    updatedAt: Nullable(Instant),
    effectiveFrom: Nullable(
      Type.String({ format: 'date', description: 'the day the cap in force took effect; null: the default' }),
    ),
    scheduled: Type.Array(
      Type.Object({
        ...RateCapChangeFields,
        offersAboveCapTotal: Type.Integer({ description: 'active offers that would be above it today' }),
      }),
      { description: 'changes saved for a later day, soonest first' },
    ),
    history: Type.Array(Type.Object(RateCapChangeFields), {
      description: `the last ${CatalogLimits.rateCapHistoryListed} changes, by the day they take effect, newest first`,
    }),
  },
  { title: 'InstallmentRateCap' },
);

export const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, description: 'Page size (default 20, at most 100)' })),
  cursor: Type.Optional(Type.String({ maxLength: 1024, description: 'nextCursor of the previous page' })),
};
