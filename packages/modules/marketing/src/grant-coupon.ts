// Staff grant a coupon of a template to a customer (console 优惠券), within its stock and
// per-customer limit, only to a customer who exists; audited.
import type { Executor } from '@zulin/db';
import { customerIsActive, recordAudit, type StaffPrincipal } from '@zulin/identity';
import type { BusinessDate, Clock } from '@zulin/kernel';
import { loadTemplate } from './coupon-templates';
import { type CustomerCouponRow, issueCoupon } from './customer-coupons';
import { MarketingErrors } from './errors';

export async function grantCoupon(
  tx: Executor,
  deps: { clock: Clock },
  options: { staff: StaffPrincipal; templateId: string; customerId: string; today: BusinessDate },
): Promise<CustomerCouponRow> {
  const template = await loadTemplate(tx, options.templateId);
  // A coupon only for a customer who exists: an orphan would hold stock no one can ever use.
  if (!(await customerIsActive(tx, options.customerId))) {
    throw MarketingErrors.MARKETING_CUSTOMER_NOT_FOUND({
      errors: [{ path: '/body/customerId', message: 'no active customer with this id' }],
    });
  }
  const coupon = await issueCoupon(tx, deps, {
    template,
    customerId: options.customerId,
    source: 'grant',
    grantedBy: options.staff.staffId,
    today: options.today,
  });
  await recordAudit(tx, {
    actor: options.staff,
    action: 'marketing.coupon_granted',
    targetType: 'customer_coupon',
    targetId: coupon.id,
    detail: { templateId: template.id, customerId: options.customerId },
    at: deps.clock.now(),
  });
  return coupon;
}
