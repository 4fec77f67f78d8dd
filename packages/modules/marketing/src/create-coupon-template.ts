// Creating a coupon template (console 优惠券): its terms checked, stored active, audited.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { type Clock, newId } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { type CouponTemplateInput, type CouponTemplateRow, checkTemplateInput } from './coupon-templates';
import { MarketingErrors } from './errors';
import { couponTemplates } from './schema';

export async function createCouponTemplate(
  tx: Executor,
  deps: { clock: Clock },
  options: { staff: StaffPrincipal; input: CouponTemplateInput },
): Promise<CouponTemplateRow> {
  const now = deps.clock.now();
  const input = checkTemplateInput(options.input);
  if (input.code !== null) {
    const [taken] = await tx
      .select({ id: couponTemplates.id })
      .from(couponTemplates)
      .where(eq(couponTemplates.code, input.code));
    if (taken !== undefined) {
      throw MarketingErrors.MARKETING_COUPON_CODE_TAKEN({ errors: [{ path: '/body/code', message: 'already used' }] });
    }
  }
  const id = newId('cpt', deps.clock);
  const [row] = await tx
    .insert(couponTemplates)
    .values({ id, ...input, status: 'active', createdBy: options.staff.staffId, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning();
  if (row === undefined) {
    throw MarketingErrors.MARKETING_COUPON_CODE_TAKEN({ errors: [{ path: '/body/code', message: 'already used' }] });
  }
  await recordAudit(tx, {
    actor: options.staff,
    action: 'marketing.coupon_template_created',
    targetType: 'coupon_template',
    targetId: id,
    detail: { name: input.name, kind: input.kind, code: input.code },
    at: now,
  });
  return row;
}
