// Redeeming a code (POST /v1/coupons/redeem): the customer gets one coupon of the template the
// code names, within its validity, stock and per-customer limit.
import type { Executor } from '@zulin/db';
import type { BusinessDate, Clock } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { type CustomerCouponRow, issueCoupon } from './customer-coupons';
import { MarketingErrors } from './errors';
import { couponTemplates } from './schema';

export async function redeemCoupon(
  tx: Executor,
  deps: { clock: Clock },
  options: { customerId: string; code: string; today: BusinessDate },
): Promise<CustomerCouponRow> {
  const code = options.code.trim().toUpperCase();
  const [template] = await tx.select().from(couponTemplates).where(eq(couponTemplates.code, code));
  if (template === undefined) {
    throw MarketingErrors.MARKETING_COUPON_NOT_FOUND({ errors: [{ path: '/body/code', message: 'no such code' }] });
  }
  return issueCoupon(tx, deps, {
    template,
    customerId: options.customerId,
    source: 'code',
    grantedBy: null,
    today: options.today,
  });
}
