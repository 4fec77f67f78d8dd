// Staff close a fault that needs neither a repair nor a swap (no fault found, fixed by advice over the
// phone): the phone never left the customer, so there are no days to credit. Order `resolve_fault`
// (the after-sale lock released); a note saying why is required.
import type { Executor } from '@zulin/db';
import type { StaffPrincipal } from '@zulin/identity';
import type { RentalDeps } from './deps';
import { RentalErrors } from './errors';
import { assertFaultStep, changeFault, type FaultRow, loadFaultForUpdate } from './faults';
import { RentalLimits } from './limits';
import { loadOrderForUpdate, moveOrder } from './order-store';

export async function resolveFaultWithoutRepair(
  tx: Executor,
  deps: RentalDeps,
  options: { orderId: string; faultId: string; staff: StaffPrincipal; note: string },
): Promise<FaultRow> {
  const note = options.note.trim();
  if (note.length < 2 || note.length > RentalLimits.faultDescriptionLengthMax) {
    throw RentalErrors.RENTAL_FAULT_INVALID({
      errors: [{ path: '/body/note', message: `2–${RentalLimits.faultDescriptionLengthMax} characters` }],
    });
  }
  const order = await loadOrderForUpdate(tx, options.orderId);
  const fault = await loadFaultForUpdate(tx, options);
  assertFaultStep(fault, 'resolved');
  if (fault.status === 'repairing' || fault.status === 'swapping') {
    throw RentalErrors.RENTAL_FAULT_STEP_NOT_ALLOWED({
      detail: 'A repair or swap under way ends when the phone is signed for.',
    });
  }
  const now = deps.clock.now();
  await moveOrder(tx, {
    order,
    action: 'resolve_fault',
    by: { actor: 'staff', audit: options.staff },
    now,
    facts: { fault_ticket_open: true },
    detail: { faultId: fault.id, note },
  });
  return changeFault(tx, {
    fault,
    set: { status: 'resolved', resolution: 'no_fault', note, resolvedAt: now },
    actor: options.staff,
    action: 'resolved',
    now,
  });
}
