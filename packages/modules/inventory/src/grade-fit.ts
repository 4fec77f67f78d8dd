// The rule that files a phone under the right SKU (docs/catalog-inventory.md, "Grade and condition"):
// a unit's grade fits one catalog condition — `new` ↔ `new` (全新), `A` ↔ `used_99` (99新),
// `B` ↔ `used_95` (95新) — and C and D fit none (C is refurbished and graded again first; D is beyond
// repair). Back in stock, a unit goes under the SKU whose condition fits its grade; a reservation
// takes only a unit whose grade fits the SKU ordered.
import type { Condition } from '@zulin/catalog';
import type { UnitGrade } from './schema';

/** The catalog's conditions, in the order the catalog lists them. */
export const skuConditions = ['new', 'used_99', 'used_95'] as const satisfies readonly Condition[];

const conditionByGrade: Readonly<Record<UnitGrade, Condition | null>> = Object.freeze({
  new: 'new',
  A: 'used_99',
  B: 'used_95',
  C: null,
  D: null,
});

/** The condition a grade fits, or null: C and D fit no sellable condition. */
export function conditionOfGrade(grade: UnitGrade): Condition | null {
  return conditionByGrade[grade];
}

/** The grades that fit a condition (one each today; a list, so that the query reads as the rule). */
export function gradesFitting(condition: Condition): UnitGrade[] {
  return (Object.keys(conditionByGrade) as UnitGrade[]).filter((grade) => conditionByGrade[grade] === condition);
}

export function gradeFits(grade: UnitGrade, condition: Condition): boolean {
  return conditionByGrade[grade] === condition;
}
