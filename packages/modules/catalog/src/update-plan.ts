// Edits a rental plan, or retires it (`active: false`). A plan is never deleted: orders placed on
// it keep pointing at the terms they were sold with.
import type { Executor } from '@zulin/db';
import { and, eq, ne } from 'drizzle-orm';
import { type Actor, audit } from './audit';
import { planTermExists } from './create-plan';
import { checkPlanFields } from './plan-rules';
import { refreshPlanSummary } from './plan-summary';
import { catalogPlans, type PlanAddOn } from './schema';
import { isUniqueViolation, loadPlan, loadSku, type PlanView, planView } from './views';

export interface PlanPatch {
  rentMinor?: number;
  depositMinor?: number;
  buyoutAtEndMinor?: number;
  upfrontPeriods?: number;
  addOns?: PlanAddOn[];
  renewalRentMinor?: number;
  active?: boolean;
}

export async function updatePlan(
  tx: Executor,
  options: { planId: string; patch: PlanPatch; actor: Actor; now: Date },
): Promise<PlanView> {
  const { planId, patch, actor, now } = options;
  try {
    const existing = await loadPlan(tx, planId);
    const sku = await loadSku(tx, existing.skuId, true);
    const current = await loadPlan(tx, planId);
    const fields = {
      termUnit: current.termUnit,
      termCount: current.termCount,
      rentMinor: patch.rentMinor ?? current.rentMinor,
      depositMinor: patch.depositMinor ?? current.depositMinor,
      buyoutAtEndMinor: patch.buyoutAtEndMinor ?? current.buyoutAtEndMinor,
      upfrontPeriods: patch.upfrontPeriods ?? current.upfrontPeriods,
      addOns: patch.addOns ?? current.addOns,
      renewalRentMinor: patch.renewalRentMinor ?? current.renewalRentMinor,
    };
    checkPlanFields(fields, sku.marketPriceMinor).throwIfAny();
    const active = patch.active ?? current.active;
    if (active && !current.active) {
      const [same] = await tx
        .select({ id: catalogPlans.id })
        .from(catalogPlans)
        .where(
          and(
            eq(catalogPlans.skuId, sku.id),
            eq(catalogPlans.active, true),
            eq(catalogPlans.termUnit, current.termUnit),
            eq(catalogPlans.termCount, current.termCount),
            ne(catalogPlans.id, planId),
          ),
        );
      if (same) throw planTermExists();
    }
    const [row] = await tx
      .update(catalogPlans)
      .set({ ...fields, active, updatedAt: now })
      .where(eq(catalogPlans.id, planId))
      .returning();
    if (!row) throw new Error('the plan exists');
    await refreshPlanSummary(tx, sku.id, now);
    await audit(tx, {
      actor,
      action: 'catalog.plan_updated',
      targetType: 'plan',
      targetId: planId,
      detail: { ...patch },
      at: now,
    });
    return planView(row);
  } catch (error) {
    if (isUniqueViolation(error, 'catalog_plans_sku_term_uq')) throw planTermExists();
    throw error;
  }
}
