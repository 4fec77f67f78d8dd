// Keeps the SKU's plan summary (lowest monthly rent, terms, count) in step with its active plans,
// so that search filters and sorts on the SKU row alone.
import type { Executor } from '@zulin/db';
import { and, eq } from 'drizzle-orm';
import { catalogPlans, catalogSkus } from './schema';
import { termKey } from './views';

/** A term key's length in days, a month counted as 30: only for ordering. */
export function termDays(key: string): number {
  const count = Number.parseInt(key, 10);
  return key.endsWith('m') ? count * 30 : count;
}

export async function refreshPlanSummary(tx: Executor, skuId: string, now: Date): Promise<void> {
  const plans = await tx
    .select({ termUnit: catalogPlans.termUnit, termCount: catalogPlans.termCount, rentMinor: catalogPlans.rentMinor })
    .from(catalogPlans)
    .where(and(eq(catalogPlans.skuId, skuId), eq(catalogPlans.active, true)));
  const monthly = plans.filter((p) => p.termUnit === 'month').map((p) => p.rentMinor);
  // Shortest first (7d, 30d, 3m, 6m, 12m, 24m), not as text ("12m" before "3m").
  const terms = [...new Set(plans.map((p) => termKey(p.termUnit, p.termCount)))].sort(
    (a, b) => termDays(a) - termDays(b),
  );
  await tx
    .update(catalogSkus)
    .set({
      lowestMonthlyRentMinor: monthly.length > 0 ? Math.min(...monthly) : null,
      planTerms: terms,
      planCount: plans.length,
      updatedAt: now,
    })
    .where(eq(catalogSkus.id, skuId));
}
