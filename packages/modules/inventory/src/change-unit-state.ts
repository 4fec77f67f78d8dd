// A state change made by staff from the console (to repair, refurbishing, lost, retired, back in
// stock…). Order-flow states (reserved, shipped, on_rent, sold) belong to the order modules.
import type { Executor } from '@zulin/db';
import { KernelErrors } from '@zulin/kernel';
import type { Actor } from './audit';
import type { UnitState } from './schema';
import type { UnitReason } from './unit-reasons';
import { manualTargets, transitionUnit } from './unit-transitions';

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
  await transitionUnit(tx, options);
}
