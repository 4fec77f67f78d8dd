// The checkout's coupons (docs/marketing.md, "At checkout"): each code the customer sends is one of
// their coupons (its id), checked on the business day against its owner, state, validity, the
// first-order rule, the threshold and stacking (at most one non-stackable coupon per order), and
// priced on the bases the rental quote gives. Placing the order calls it with `lock` in its
// transaction, so the coupons it then uses cannot be used by another order meanwhile.
import type { Executor } from '@zulin/db';
import type { AppError, BusinessDate } from '@zulin/kernel';
import { and, eq, inArray } from 'drizzle-orm';
import { type CouponBases, couponDiscountMinor, meetsThreshold } from './coupon-discount';
import { termsOf } from './coupon-templates';
import { couponStateOn } from './customer-coupons';
import { MarketingErrors } from './errors';
import { MarketingLimits } from './limits';
import { type CouponTarget, couponTemplates, customerCoupons } from './schema';

export interface PricedCoupon {
  /** The customer coupon's id: the code the checkout sends. */
  code: string;
  name: string;
  target: CouponTarget;
  amountMinor: number;
}

export async function priceCoupons(
  db: Executor,
  options: {
    customerId: string | null;
    codes: readonly string[];
    today: BusinessDate;
    /** The customer has no other order that counts (rental decides: docs/rental.md). */
    firstOrder: boolean;
    bases: CouponBases;
    lock?: boolean;
  },
): Promise<PricedCoupon[]> {
  const { codes } = options;
  if (codes.length === 0) return [];
  const at = (i: number, error: (o: { errors: { path: string; message: string }[] }) => AppError, message: string) =>
    error({ errors: [{ path: `/body/couponCodes/${i}`, message }] });
  if (codes.length > MarketingLimits.couponsPerOrderMax) {
    throw at(MarketingLimits.couponsPerOrderMax, MarketingErrors.MARKETING_COUPON_NOT_STACKABLE, 'too many coupons');
  }
  const customerId = options.customerId;
  const query = db
    .select({ coupon: customerCoupons, template: couponTemplates })
    .from(customerCoupons)
    .innerJoin(couponTemplates, eq(couponTemplates.id, customerCoupons.templateId))
    .where(and(inArray(customerCoupons.id, [...codes]), eq(customerCoupons.customerId, customerId ?? '')));
  const rows = options.lock === true ? await query.for('update', { of: customerCoupons }) : await query;
  const byId = new Map(rows.map((r) => [r.coupon.id, r]));
  const priced: PricedCoupon[] = [];
  let nonStackable = 0;
  for (const [i, code] of codes.entries()) {
    const row = byId.get(code);
    if (customerId === null || row === undefined)
      throw at(i, MarketingErrors.MARKETING_COUPON_NOT_FOUND, `unknown coupon ${code}`);
    if (codes.indexOf(code) !== i) throw at(i, MarketingErrors.MARKETING_COUPON_USED, 'sent twice');
    const { reason } = couponStateOn(row.coupon, row.template, options.today);
    if (reason === 'used') throw at(i, MarketingErrors.MARKETING_COUPON_USED, 'already used');
    if (reason === 'disabled') throw at(i, MarketingErrors.MARKETING_COUPON_DISABLED, 'withdrawn');
    if (reason === 'expired')
      throw at(i, MarketingErrors.MARKETING_COUPON_EXPIRED, `valid to ${row.template.validToDate}`);
    if (reason === 'not_started') {
      throw at(i, MarketingErrors.MARKETING_COUPON_NOT_STARTED, `valid from ${row.template.validFromDate}`);
    }
    if (row.template.firstOrderOnly && !options.firstOrder) {
      throw at(i, MarketingErrors.MARKETING_COUPON_NOT_FIRST_ORDER, 'for a first order only');
    }
    const terms = termsOf(row.template);
    if (!meetsThreshold(terms, options.bases)) {
      throw at(i, MarketingErrors.MARKETING_COUPON_THRESHOLD_NOT_MET, `needs ${terms.thresholdMinor} 分`);
    }
    if (!row.template.stackable) {
      nonStackable += 1;
      if (nonStackable > 1)
        throw at(i, MarketingErrors.MARKETING_COUPON_NOT_STACKABLE, 'one non-stackable coupon per order');
    }
    priced.push({
      code,
      name: row.template.name,
      target: terms.target,
      amountMinor: couponDiscountMinor(terms, options.bases),
    });
  }
  return priced;
}
