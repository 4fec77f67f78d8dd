// The marketing API's schemas and presenters (domain → JSON).
import { IdString, Instant, Literals, MinorAmount, Nullable } from '@zulin/platform';
import { Type } from 'typebox';
import { type CouponTemplateRow, couponKinds, couponTargets } from './coupon-templates';
import { type CustomerCouponRow, couponStateOn, type MyCoupon } from './customer-coupons';
import { MarketingLimits } from './limits';

const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
const amountMax = MarketingLimits.amountMinorMax;

/** The terms a coupon shows wherever it appears. */
const CouponTermsFields = {
  name: Type.String(),
  kind: Literals(couponKinds),
  amountMinor: Type.Integer({ description: 'threshold / fixed: taken off, 分' }),
  percentBps: Type.Integer({ description: 'percent: share taken off, basis points' }),
  freeDays: Type.Integer({ description: 'free_days: rent days given free' }),
  thresholdMinor: Type.Integer({ description: 'the target must reach this, 分 (0 = none)' }),
  capMinor: Nullable(Type.Integer({ description: 'the most taken off, 分' })),
  target: Literals(couponTargets),
  validFromDate: DateString,
  validToDate: DateString,
  firstOrderOnly: Type.Boolean(),
  stackable: Type.Boolean(),
};

export const CouponTemplateSchema = Type.Object(
  {
    id: Type.String(),
    ...CouponTermsFields,
    perCustomerLimit: Type.Integer(),
    totalStock: Nullable(Type.Integer()),
    issuedCount: Type.Integer(),
    code: Nullable(Type.String()),
    status: Literals(['active', 'disabled'] as const),
    createdBy: Type.String(),
    createdAt: Instant,
  },
  { $id: 'CouponTemplate', title: 'CouponTemplate' },
);

export const CustomerCouponSchema = Type.Object(
  {
    id: Type.String({ description: 'the code a checkout sends in couponCodes' }),
    templateId: Type.String(),
    ...CouponTermsFields,
    state: Literals(['available', 'used', 'expired'] as const),
    unusableReason: Nullable(Literals(['used', 'expired', 'disabled', 'not_started'] as const)),
    orderId: Nullable(Type.String()),
    createdAt: Instant,
  },
  { $id: 'CustomerCoupon', title: 'CustomerCoupon' },
);

export const CouponTemplateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: MarketingLimits.nameLengthMax }),
    kind: Literals(couponKinds),
    amountMinor: Type.Optional(Type.Integer({ minimum: 0, maximum: amountMax })),
    percentBps: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
    freeDays: Type.Optional(Type.Integer({ minimum: 0, maximum: MarketingLimits.freeDaysMax })),
    thresholdMinor: Type.Optional(Type.Integer({ minimum: 0, maximum: amountMax })),
    capMinor: Type.Optional(Nullable(MinorAmount('the most taken off', amountMax))),
    target: Literals(couponTargets),
    validFromDate: DateString,
    validToDate: DateString,
    firstOrderOnly: Type.Optional(Type.Boolean()),
    perCustomerLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: MarketingLimits.perCustomerLimitMax })),
    totalStock: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: MarketingLimits.totalStockMax }))),
    stackable: Type.Optional(Type.Boolean()),
    code: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: MarketingLimits.codeLengthMax }))),
  },
  { additionalProperties: false },
);

export const ExampleBases = Type.Object(
  {
    rentMinor: Type.Integer({ minimum: 0, maximum: amountMax }),
    firstPaymentMinor: Type.Integer({ minimum: 0, maximum: amountMax }),
    rentPerPeriodMinor: Type.Integer({ minimum: 0, maximum: amountMax }),
    termUnit: Literals(['month', 'day'] as const),
  },
  { additionalProperties: false },
);

export const GrantBody = Type.Object({ customerId: IdString('the customer') }, { additionalProperties: false });

export function presentTemplate(row: CouponTemplateRow) {
  return {
    id: row.id,
    ...termsFields(row),
    perCustomerLimit: row.perCustomerLimit,
    totalStock: row.totalStock,
    issuedCount: row.issuedCount,
    code: row.code,
    status: row.status,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

function termsFields(row: CouponTemplateRow) {
  return {
    name: row.name,
    kind: row.kind,
    amountMinor: row.amountMinor,
    percentBps: row.percentBps,
    freeDays: row.freeDays,
    thresholdMinor: row.thresholdMinor,
    capMinor: row.capMinor,
    target: row.target,
    validFromDate: row.validFromDate,
    validToDate: row.validToDate,
    firstOrderOnly: row.firstOrderOnly,
    stackable: row.stackable,
  };
}

export function presentMyCoupon(mine: MyCoupon) {
  return {
    id: mine.coupon.id,
    templateId: mine.template.id,
    ...termsFields(mine.template),
    state: mine.state,
    unusableReason: mine.reason,
    orderId: mine.coupon.orderId,
    createdAt: mine.coupon.createdAt.toISOString(),
  };
}

export function presentIssued(coupon: CustomerCouponRow, template: CouponTemplateRow, today: string) {
  return presentMyCoupon({ coupon, template, ...couponStateOn(coupon, template, today) });
}
