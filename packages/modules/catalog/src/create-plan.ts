// Adds a rental plan to a SKU. Defaults: deposit = the SKU's market price, one period up front,
// renewal at the same rent.
import type { Executor } from '@zulin/db';
import { newId } from '@zulin/kernel';
import { and, count, eq } from 'drizzle-orm';
import { type Actor, audit } from './audit';
import { CatalogErrors } from './errors';
import { CatalogLimits } from './limits';
import { checkPlanFields } from './plan-rules';
import { refreshPlanSummary } from './plan-summary';
import { catalogPlans, type PlanAddOn, type TermUnit } from './schema';
import { isUniqueViolation, loadSku, type PlanView, planView } from './views';

export interface PlanInput {
  skuId: string;
  termUnit: TermUnit;
  termCount: number;
  rentMinor: number;
  depositMinor?: number;
  buyoutAtEndMinor: number;
  upfrontPeriods?: number;
  addOns?: PlanAddOn[];
  renewalRentMinor?: number;
}

export async function createPlan(
  tx: Executor,
  options: { input: PlanInput; actor: Actor; now: Date },
): Promise<PlanView> {
  const { input, actor, now } = options;
  try {
    // The SKU row lock serialises plan changes of one SKU, so its summary is never stale.
    const sku = await loadSku(tx, input.skuId, true);
    const fields = {
      termUnit: input.termUnit,
      termCount: input.termCount,
      rentMinor: input.rentMinor,
      depositMinor: input.depositMinor ?? sku.marketPriceMinor,
      buyoutAtEndMinor: input.buyoutAtEndMinor,
      upfrontPeriods: input.upfrontPeriods ?? 1,
      addOns: input.addOns ?? [],
      renewalRentMinor: input.renewalRentMinor ?? input.rentMinor,
    };
    checkPlanFields(fields, sku.marketPriceMinor).throwIfAny();
    const active = and(eq(catalogPlans.skuId, sku.id), eq(catalogPlans.active, true));
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(catalogPlans).where(active);
    if (n >= CatalogLimits.plansPerSkuMax) {
      throw CatalogErrors.CATALOG_PLAN_TERM_EXISTS({
        detail: `A SKU has at most ${CatalogLimits.plansPerSkuMax} plans.`,
      });
    }
    const [same] = await tx
      .select({ id: catalogPlans.id })
      .from(catalogPlans)
      .where(and(active, eq(catalogPlans.termUnit, fields.termUnit), eq(catalogPlans.termCount, fields.termCount)));
    if (same) throw planTermExists();
    const [row] = await tx
      .insert(catalogPlans)
      .values({ id: newId('plan'), skuId: sku.id, ...fields, currency: sku.currency, createdAt: now, updatedAt: now })
      .returning();
    if (!row) throw new Error('insert returns the row');
    await refreshPlanSummary(tx, sku.id, now);
    await audit(tx, {
      actor,
      action: 'catalog.plan_created',
      targetType: 'plan',
      targetId: row.id,
      detail: { skuId: sku.id, ...fields },
      at: now,
    });
    return planView(row);
  } catch (error) {
    if (isUniqueViolation(error, 'catalog_plans_sku_term_uq')) throw planTermExists();
    throw error;
  }
}

export function planTermExists() {
  return CatalogErrors.CATALOG_PLAN_TERM_EXISTS({});
}
