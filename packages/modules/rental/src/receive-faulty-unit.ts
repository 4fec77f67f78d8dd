// The faulty phone arrives at the warehouse (repair or swap): inventory returning → inspecting →
// repair (the unit leaves the order: a repaired phone of a swap goes back into stock through
// inventory's own repair flow). For a repair the same phone is then shipped back
// (ship-repaired-phone.ts). The fault keeps its state; `faultyReceivedAt` is set, audited.
import type { Executor } from '@zulin/db';
import type { StaffPrincipal } from '@zulin/identity';
import { changeUnitState, moveOrderUnit } from '@zulin/inventory';
import type { RentalDeps } from './deps';
import { RentalErrors } from './errors';
import { changeFault, type FaultRow, loadFaultForUpdate } from './faults';
import { loadOrderForUpdate } from './order-store';

export async function receiveFaultyUnit(
  tx: Executor,
  deps: RentalDeps,
  options: { orderId: string; faultId: string; staff: StaffPrincipal },
): Promise<FaultRow> {
  const order = await loadOrderForUpdate(tx, options.orderId);
  const fault = await loadFaultForUpdate(tx, options);
  if (
    (fault.status !== 'repairing' && fault.status !== 'swapping' && fault.status !== 'resolved') ||
    fault.faultyReceivedAt !== null
  ) {
    throw RentalErrors.RENTAL_FAULT_STEP_NOT_ALLOWED({
      detail: 'The faulty phone is received once, after a repair or swap was started.',
    });
  }
  if (fault.resolution === 'no_fault') {
    throw RentalErrors.RENTAL_FAULT_STEP_NOT_ALLOWED({ detail: 'The phone stayed with the customer.' });
  }
  const now = deps.clock.now();
  await moveOrderUnit(tx, {
    unitId: fault.faultyUnitId,
    orderRef: order.id,
    step: 'receive_return',
    now,
    actor: options.staff,
    reason: { code: 'fault_received', params: { faultId: fault.id } },
  });
  await changeUnitState(tx, {
    unitId: fault.faultyUnitId,
    to: 'repair',
    expectedFrom: 'inspecting',
    reason: { code: 'fault_repair', params: { faultId: fault.id, description: fault.description.slice(0, 200) } },
    actor: options.staff,
    now,
  });
  return changeFault(tx, {
    fault,
    set: { faultyReceivedAt: now },
    actor: options.staff,
    action: 'faulty_received',
    now,
    detail: { imei: fault.faultyImei },
  });
}
