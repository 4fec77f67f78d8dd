// Customer coupons: what several use cases share — issuing one (redeem-coupon.ts, grant-coupon.ts)
// under the template's stock and per-customer limit, a coupon's state on a business day, and the
// customer's list (GET /v1/coupons).
import { type Executor, emitEvent } from '@zulin/db';
import { assert, type BusinessDate, type Clock, newId } from '@zulin/kernel';
import { and, count, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { CouponTemplateRow } from './coupon-templates';
import { MarketingErrors } from './errors';
import { MarketingLimits } from './limits';
import { type CouponSource, couponTemplates, customerCoupons } from './schema';

export type CustomerCouponRow = typeof customerCoupons.$inferSelect;

/** Where a coupon stands for its holder on a business day (GET /v1/coupons). */
export type CouponState = 'available' | 'used' | 'expired';
/** Why a coupon cannot be used today; null = it can. */
export type CouponUnusableReason = 'used' | 'expired' | 'disabled' | 'not_started' | null;

export function couponStateOn(
  coupon: Pick<CustomerCouponRow, 'status'>,
  template: Pick<CouponTemplateRow, 'status' | 'validFromDate' | 'validToDate'>,
  day: BusinessDate,
): { state: CouponState; reason: CouponUnusableReason } {
  if (coupon.status === 'used') return { state: 'used', reason: 'used' };
  if (template.status === 'disabled') return { state: 'expired', reason: 'disabled' };
  if (day > template.validToDate) return { state: 'expired', reason: 'expired' };
  if (day < template.validFromDate) return { state: 'available', reason: 'not_started' };
  return { state: 'available', reason: null };
}

/**
 * Issues one coupon of `template` to the customer: one unit of stock is taken by a conditional
 * update (the row lock it holds makes concurrent issues of the last unit wait, and the second then
 * finds none left), then the customer's limit is checked under that lock.
 */
export async function issueCoupon(
  tx: Executor,
  deps: { clock: Clock },
  options: {
    template: CouponTemplateRow;
    customerId: string;
    source: CouponSource;
    grantedBy: string | null;
    today: BusinessDate;
  },
): Promise<CustomerCouponRow> {
  const { template, customerId } = options;
  const now = deps.clock.now();
  if (template.status === 'disabled') throw MarketingErrors.MARKETING_COUPON_DISABLED();
  if (options.today > template.validToDate) throw MarketingErrors.MARKETING_COUPON_EXPIRED();
  const [taken] = await tx
    .update(couponTemplates)
    .set({ issuedCount: sql`${couponTemplates.issuedCount} + 1` })
    .where(
      and(
        eq(couponTemplates.id, template.id),
        eq(couponTemplates.status, 'active'),
        or(isNull(couponTemplates.totalStock), lt(couponTemplates.issuedCount, couponTemplates.totalStock)),
      ),
    )
    .returning({ id: couponTemplates.id });
  if (taken === undefined) throw MarketingErrors.MARKETING_COUPON_OUT_OF_STOCK();
  const [held] = await tx
    .select({ n: count() })
    .from(customerCoupons)
    .where(and(eq(customerCoupons.templateId, template.id), eq(customerCoupons.customerId, customerId)));
  if ((held?.n ?? 0) >= template.perCustomerLimit) {
    throw MarketingErrors.MARKETING_COUPON_LIMIT_REACHED({
      detail: `At most ${template.perCustomerLimit} of this coupon per customer.`,
    });
  }
  const [row] = await tx
    .insert(customerCoupons)
    .values({
      id: newId('cpn', deps.clock),
      templateId: template.id,
      customerId,
      status: 'available',
      source: options.source,
      grantedBy: options.grantedBy,
      orderId: null,
      usedAt: null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  assert(row, 'the coupon was inserted');
  await emitEvent(tx, now, {
    type: 'marketing.coupon_issued',
    aggregateType: 'customer_coupon',
    aggregateId: row.id,
    payload: { couponId: row.id, templateId: template.id, customerId, source: options.source },
  });
  return row;
}

export interface MyCoupon {
  coupon: CustomerCouponRow;
  template: CouponTemplateRow;
  state: CouponState;
  reason: CouponUnusableReason;
}

/** The customer's coupons, newest first, each with its state on `today`. */
export async function listMyCoupons(
  db: Executor,
  options: { customerId: string; today: BusinessDate },
): Promise<MyCoupon[]> {
  const rows = await db
    .select({ coupon: customerCoupons, template: couponTemplates })
    .from(customerCoupons)
    .innerJoin(couponTemplates, eq(couponTemplates.id, customerCoupons.templateId))
    .where(eq(customerCoupons.customerId, options.customerId))
    .orderBy(desc(customerCoupons.createdAt), desc(customerCoupons.id))
    .limit(MarketingLimits.myCouponsListMax);
  return rows.map((r) => ({ ...r, ...couponStateOn(r.coupon, r.template, options.today) }));
}
