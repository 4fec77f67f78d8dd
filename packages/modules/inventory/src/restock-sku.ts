// Which SKU a unit goes under when it comes back in stock (docs/catalog-inventory.md, "Grade and
// condition"): the SKU of the same product, storage and colour whose condition fits its grade
// (grade-fit.ts). Its own SKU when that fits; a sibling when one does; otherwise a refusal — a grade
// that fits no condition on sale (C, D), or a condition the catalog has no SKU of for this phone.
// The console reads the plan before staff confirm; `applyTransition` files the unit by it.
import { type Condition, conditionLabels, findSkuOfCondition, readSkuVariants } from '@zulin/catalog';
import type { Executor } from '@zulin/db';
import { InventoryErrors } from './errors';
import { conditionOfGrade } from './grade-fit';
import type { UnitGrade } from './schema';

export const restockRefusals = ['INVENTORY_GRADE_NOT_SELLABLE', 'INVENTORY_NO_SKU_FOR_GRADE'] as const;
export type RestockRefusal = (typeof restockRefusals)[number];

export interface RestockPlan {
  unitId: string;
  grade: UnitGrade;
  /** The condition the grade fits; null for C and D. */
  condition: Condition | null;
  fromSkuId: string;
  fromSkuName: string | null;
  fromCondition: Condition | null;
  /** The SKU the unit goes under; null when refused. */
  toSkuId: string | null;
  toSkuName: string | null;
  /** Whether the SKU it goes under is on sale (an inactive one takes the phone but rents nothing). */
  toSkuActive: boolean | null;
  /** The unit moves to another SKU (a sibling of its own). */
  changesSku: boolean;
  refusal: RestockRefusal | null;
}

/** The plan for a unit of `skuId` and `grade` coming back in stock; reads only. */
export async function planRestock(
  db: Executor,
  unit: { id: string; skuId: string; grade: UnitGrade },
): Promise<RestockPlan> {
  const own = (await readSkuVariants(db, [unit.skuId])).get(unit.skuId);
  const condition = conditionOfGrade(unit.grade);
  const base = {
    unitId: unit.id,
    grade: unit.grade,
    condition,
    fromSkuId: unit.skuId,
    fromSkuName: own?.skuName ?? null,
    fromCondition: own?.condition ?? null,
  };
  const refused = (refusal: RestockRefusal): RestockPlan => ({
    ...base,
    toSkuId: null,
    toSkuName: null,
    toSkuActive: null,
    changesSku: false,
    refusal,
  });
  if (condition === null) return refused('INVENTORY_GRADE_NOT_SELLABLE');
  const target =
    own !== undefined && own.condition === condition
      ? own
      : await findSkuOfCondition(db, { skuId: unit.skuId, condition });
  if (target === null) return refused('INVENTORY_NO_SKU_FOR_GRADE');
  return {
    ...base,
    toSkuId: target.skuId,
    toSkuName: target.skuName,
    toSkuActive: target.active,
    changesSku: target.skuId !== unit.skuId,
    refusal: null,
  };
}

/** The 409 of a refused plan, its detail naming the grade and what to do. */
export function restockRefusalError(plan: RestockPlan) {
  if (plan.refusal === 'INVENTORY_GRADE_NOT_SELLABLE') {
    return InventoryErrors.INVENTORY_GRADE_NOT_SELLABLE({
      detail:
        plan.grade === 'D'
          ? 'The unit is graded D (beyond repair): retire it.'
          : `The unit is graded ${plan.grade}, which fits no condition on sale: refurbish it and grade it again (A or B).`,
    });
  }
  const wanted = plan.condition ?? 'new';
  return InventoryErrors.INVENTORY_NO_SKU_FOR_GRADE({
    detail: `The unit is graded ${plan.grade}, which fits the condition ${wanted} (${conditionLabels[wanted].zh}); ${
      plan.fromSkuName ?? plan.fromSkuId
    } has no SKU in that condition: create it in the catalog (same product, storage and colour, condition ${wanted}).`,
  });
}
