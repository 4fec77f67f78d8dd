// A state change made by staff from the console (to repair, refurbishing, lost, retired, back in
// stock…). Order-flow states (reserved, shipped, on_rent, sold) belong to the order modules.
// Back in stock after refurbishing or repair, staff may grade the phone again (`grade`): a C phone
// refurbished to B goes in stock under the 95新 SKU (docs/catalog-inventory.md, "Grade and condition").
import type { Executor } from '@zulin/db';
import { KernelErrors } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { type Actor, audit } from './audit';
import { InventoryErrors } from './errors';
import { inventoryUnits, type UnitGrade, type UnitState } from './schema';
import type { UnitReason } from './unit-reasons';
import { applyTransition, loadUnit, manualTargets, recordUnitHistory, type UnitRow } from './unit-transitions';

/** The states after which staff may grade a phone again: work was done on it. */
const regradeFrom: readonly UnitState[] = ['refurbishing', 'repair'];

export async function changeUnitState(
  tx: Executor,
  options: {
    unitId: string;
    to: UnitState;
    /** Staff's typed text (shown as typed), or the code of an order module's system change. */
    reason: string | UnitReason;
    actor: Actor;
    now: Date;
    expectedFrom?: UnitState;
    location?: string;
    /** Back in stock after refurbishing or repair: the grade the phone now has. */
    grade?: UnitGrade;
  },
): Promise<void> {
  if (!manualTargets.includes(options.to)) {
    throw KernelErrors.VALIDATION_FAILED({
      errors: [
        {
          path: '/body/to',
          message: `staff may set ${manualTargets.join(', ')}; the rest follow orders`,
          code: 'enum',
        },
      ],
    });
  }
  let unit = await loadUnit(tx, options.unitId, true);
  if (options.grade !== undefined && options.grade !== unit.grade) {
    if (options.to !== 'in_stock' || !regradeFrom.includes(unit.state)) {
      throw KernelErrors.VALIDATION_FAILED({
        errors: [
          {
            path: '/body/grade',
            message: `a phone is graded again only when it goes back in stock from ${regradeFrom.join(' or ')}`,
            code: 'regrade_not_allowed',
          },
        ],
      });
    }
    unit = await regrade(tx, unit, { grade: options.grade, actor: options.actor, now: options.now });
  }
  await applyTransition(tx, unit, options);
}

/** A new grade on a locked unit: history row `unit_regraded`, audit `inventory.unit_graded` (before, after). */
async function regrade(tx: Executor, unit: UnitRow, options: { grade: UnitGrade; actor: Actor; now: Date }) {
  if (unit.grade === 'D') {
    throw InventoryErrors.INVENTORY_GRADE_NOT_SELLABLE({ detail: 'The unit is graded D (beyond repair): retire it.' });
  }
  const [row] = await tx
    .update(inventoryUnits)
    .set({ grade: options.grade, updatedAt: options.now })
    .where(eq(inventoryUnits.id, unit.id))
    .returning();
  if (!row) throw new Error('the locked unit exists');
  const reason = { code: 'unit_regraded', params: { previousGrade: unit.grade, grade: options.grade } } as const;
  await recordUnitHistory(tx, { unit: row, from: unit.state, actor: options.actor, reason, now: options.now });
  await audit(tx, {
    actor: options.actor,
    action: 'inventory.unit_graded',
    targetType: 'unit',
    targetId: unit.id,
    detail: { from: unit.grade, to: options.grade, reasonCode: reason.code, reasonParams: reason.params },
    at: options.now,
  });
  return row;
}
