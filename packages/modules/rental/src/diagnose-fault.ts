// Staff take a reported fault in hand (reported → diagnosing): the order does not move; audited, with
// `rental.fault_changed` for the customer's timeline.
import type { Executor } from '@zulin/db';
import type { StaffPrincipal } from '@zulin/identity';
import type { RentalDeps } from './deps';
import { assertFaultStep, changeFault, type FaultRow, loadFaultForUpdate } from './faults';
import { loadOrderForUpdate } from './order-store';

export async function diagnoseFault(
  tx: Executor,
  deps: RentalDeps,
  options: { orderId: string; faultId: string; staff: StaffPrincipal; note?: string | undefined },
): Promise<FaultRow> {
  await loadOrderForUpdate(tx, options.orderId);
  const fault = await loadFaultForUpdate(tx, options);
  assertFaultStep(fault, 'diagnosing');
  return changeFault(tx, {
    fault,
    set: { status: 'diagnosing', ...(options.note !== undefined ? { note: options.note } : {}) },
    actor: options.staff,
    action: 'diagnosing',
    now: deps.clock.now(),
  });
}
