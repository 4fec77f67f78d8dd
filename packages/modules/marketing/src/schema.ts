// The tables the marketing module owns; no other module reads or writes them: coupon templates
// (what a coupon takes off and under which rules, docs/marketing.md) and customer coupons (one
// coupon a customer holds, redeemed with a code or granted by staff, used by one order at most).
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export type CouponKind = 'threshold' | 'percent' | 'fixed' | 'free_days';
export type CouponTarget = 'rent' | 'first_payment';
export type CouponTemplateStatus = 'active' | 'disabled';
export type CustomerCouponStatus = 'available' | 'used';
export type CouponSource = 'code' | 'grant';

export const couponTemplates = pgTable(
  'marketing_coupon_templates',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').$type<CouponKind>().notNull(),
    /** threshold / fixed: the amount taken off, in 分. */
    amountMinor: integer('amount_minor').notNull().default(0),
    /** percent: the share of the target taken off, in basis points. */
    percentBps: integer('percent_bps').notNull().default(0),
    /** free_days: rent days given free. */
    freeDays: integer('free_days').notNull().default(0),
    /** The target must reach this (分) for the coupon to apply; 0 = no threshold. */
    thresholdMinor: integer('threshold_minor').notNull().default(0),
    /** The most the coupon takes off (分); null = its target is the only cap. */
    capMinor: integer('cap_minor'),
    target: text('target').$type<CouponTarget>().notNull(),
    /** First and last business day (Asia/Shanghai) the coupon can be used, inclusive. */
    validFromDate: text('valid_from_date').notNull(),
    validToDate: text('valid_to_date').notNull(),
    firstOrderOnly: boolean('first_order_only').notNull().default(false),
    /** How many coupons of this template one customer may hold. */
    perCustomerLimit: integer('per_customer_limit').notNull().default(1),
    /** How many coupons may be issued in all; null = no limit. */
    totalStock: integer('total_stock'),
    issuedCount: integer('issued_count').notNull().default(0),
    stackable: boolean('stackable').notNull().default(false),
    /** The code customers redeem (upper case); null = granted by staff only. */
    code: text('code'),
    status: text('status').$type<CouponTemplateStatus>().notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('marketing_coupon_templates_code_key').on(t.code),
    check(
      'marketing_coupon_templates_stock_check',
      sql`${t.totalStock} is null or ${t.issuedCount} <= ${t.totalStock}`,
    ),
  ],
);

export const customerCoupons = pgTable(
  'marketing_customer_coupons',
  {
    id: text('id').primaryKey(),
    templateId: text('template_id')
      .notNull()
      .references(() => couponTemplates.id),
    customerId: text('customer_id').notNull(),
    status: text('status').$type<CustomerCouponStatus>().notNull(),
    source: text('source').$type<CouponSource>().notNull(),
    /** The staff member who granted it (source = grant). */
    grantedBy: text('granted_by'),
    /** The order that uses it while status = used. */
    orderId: text('order_id'),
    usedAt: instant('used_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('marketing_customer_coupons_customer_idx').on(t.customerId, t.createdAt),
    index('marketing_customer_coupons_order_idx').on(t.orderId),
  ],
);
