// Disabling a coupon template: no more coupons are issued from it and its coupons not yet used can
// no longer be used (a coupon already used by an order stays with that order).
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import type { Clock } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { type CouponTemplateRow, loadTemplate } from './coupon-templates';
import { couponTemplates } from './schema';

export async function disableCouponTemplate(
  tx: Executor,
  deps: { clock: Clock },
  options: { staff: StaffPrincipal; templateId: string },
): Promise<CouponTemplateRow> {
  const now = deps.clock.now();
  const row = await loadTemplate(tx, options.templateId);
  if (row.status === 'disabled') return row;
  const [updated] = await tx
    .update(couponTemplates)
    .set({ status: 'disabled', updatedAt: now })
    .where(eq(couponTemplates.id, row.id))
    .returning();
  await recordAudit(tx, {
    actor: options.staff,
    action: 'marketing.coupon_template_disabled',
    targetType: 'coupon_template',
    targetId: row.id,
    at: now,
  });
  return updated ?? row;
}
