// Repair (DOMAIN §5, "Faults"): the customer's phone goes back to the warehouse to be repaired and the
// same phone (same IMEI) comes back. This step (reported|diagnosing → repairing, order `start_repair`)
// sends the phone on its way back: the unit on_rent → returning (inventory, held by the order), the
// return waybill kept on the fault. Receipt (receive-faulty-unit.ts), the repaired phone shipped
// (ship-repaired-phone.ts) and its delivery (complete-fault.ts) follow.
import type { Executor } from '@zulin/db';
import type { StaffPrincipal } from '@zulin/identity';
import { moveOrderUnit } from '@zulin/inventory';
import type { RentalDeps } from './deps';
import { assertFaultStep, changeFault, type FaultRow, loadFaultForUpdate } from './faults';
import { loadOrderForUpdate, moveOrder } from './order-store';

export async function startFaultRepair(
  tx: Executor,
  deps: RentalDeps,
  options: { orderId: string; faultId: string; staff: StaffPrincipal; returnWaybillNo?: string | undefined },
): Promise<FaultRow> {
  const order = await loadOrderForUpdate(tx, options.orderId);
  const fault = await loadFaultForUpdate(tx, options);
  assertFaultStep(fault, 'repairing');
  const now = deps.clock.now();
  await moveOrder(tx, {
    order,
    action: 'start_repair',
    by: { actor: 'staff', audit: options.staff },
    now,
    facts: { fault_ticket_open: true },
    detail: { faultId: fault.id, imei: fault.faultyImei, returnWaybillNo: options.returnWaybillNo ?? null },
  });
  await moveOrderUnit(tx, {
    unitId: fault.faultyUnitId,
    orderRef: order.id,
    step: 'start_return',
    now,
    actor: options.staff,
    reason: { code: 'fault_collected', params: { faultId: fault.id } },
  });
  return changeFault(tx, {
    fault,
    set: { status: 'repairing', returnWaybillNo: options.returnWaybillNo ?? null },
    actor: options.staff,
    action: 'repairing',
    now,
  });
}
