// The repaired phone goes back to the customer (a repair: the same IMEI). It must have been received
// (receive-faulty-unit.ts put it in `repair`); inventory repair → in_stock, then allocated to the
// order again by its IMEI (allocateUnitByImei: in stock, the order's SKU) and shipped (reserved →
// shipped). The waybill is kept on the fault; the customer's signature completes it (complete-fault.ts).
import type { Executor } from '@zulin/db';
import type { StaffPrincipal } from '@zulin/identity';
import { allocateUnitByImei, changeUnitState, moveOrderUnit } from '@zulin/inventory';
import type { RentalDeps } from './deps';
import { RentalErrors } from './errors';
import { changeFault, type FaultRow, loadFaultForUpdate } from './faults';
import { loadOrderForUpdate } from './order-store';

export async function shipRepairedPhone(
  tx: Executor,
  deps: RentalDeps,
  options: { orderId: string; faultId: string; staff: StaffPrincipal; outboundWaybillNo?: string | undefined },
): Promise<FaultRow> {
  const order = await loadOrderForUpdate(tx, options.orderId);
  const fault = await loadFaultForUpdate(tx, options);
  if (fault.status !== 'repairing' || fault.faultyReceivedAt === null || fault.outboundShippedAt !== null) {
    throw RentalErrors.RENTAL_FAULT_STEP_NOT_ALLOWED({
      detail: 'A repaired phone ships once, after it was received for repair.',
    });
  }
  if (fault.faultyImei === null) throw new Error(`fault ${fault.id} has no IMEI`);
  const now = deps.clock.now();
  await changeUnitState(tx, {
    unitId: fault.faultyUnitId,
    to: 'in_stock',
    expectedFrom: 'repair',
    reason: { code: 'fault_repaired', params: { faultId: fault.id } },
    actor: options.staff,
    now,
  });
  await allocateUnitByImei(tx, {
    imei: fault.faultyImei,
    skuId: order.skuId,
    orderRef: order.id,
    now,
    actor: options.staff,
  });
  await moveOrderUnit(tx, {
    unitId: fault.faultyUnitId,
    orderRef: order.id,
    step: 'ship',
    now,
    actor: options.staff,
    reason: { code: 'fault_repaired_shipped', params: { faultId: fault.id } },
  });
  return changeFault(tx, {
    fault,
    set: { outboundShippedAt: now, outboundWaybillNo: options.outboundWaybillNo ?? null },
    actor: options.staff,
    action: 'repaired_shipped',
    now,
    detail: { imei: fault.faultyImei },
  });
}
