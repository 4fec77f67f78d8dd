// Swap (换机, DOMAIN §5): a new phone of the order's SKU, scanned by its IMEI at the desk, is allocated
// to the order (inventory's allocateUnitByImei: in stock, same SKU — else its own refusal) and shipped
// (reserved → shipped); the faulty phone is on its way back (on_rent → returning). The order keeps
// its state; its unit becomes the new phone when the customer signs for it (complete-fault.ts). The
// faulty phone's receipt (receive-faulty-unit.ts) sends it to repair in inventory. One transaction.
import type { Executor } from '@zulin/db';
import type { StaffPrincipal } from '@zulin/identity';
import { allocateUnitByImei, moveOrderUnit } from '@zulin/inventory';
import { checkAllowed } from './after-sales';
import type { RentalDeps } from './deps';
import { assertFaultStep, changeFault, type FaultRow, loadFaultForUpdate } from './faults';
import { loadOrderForUpdate, moveOrder } from './order-store';

export async function startFaultSwap(
  tx: Executor,
  deps: RentalDeps,
  options: {
    orderId: string;
    faultId: string;
    imei: string;
    staff: StaffPrincipal;
    outboundWaybillNo?: string | undefined;
    returnWaybillNo?: string | undefined;
  },
): Promise<FaultRow> {
  const order = await loadOrderForUpdate(tx, options.orderId);
  const fault = await loadFaultForUpdate(tx, options);
  assertFaultStep(fault, 'swapping');
  const now = deps.clock.now();
  // The machine before the stock: a wrong state or no open fault is said before the scan is checked.
  checkAllowed(order, 'start_swap', 'staff');
  const replacement = await allocateUnitByImei(tx, {
    imei: options.imei,
    skuId: order.skuId,
    orderRef: order.id,
    now,
    actor: options.staff,
  });
  await moveOrder(tx, {
    order,
    action: 'start_swap',
    by: { actor: 'staff', audit: options.staff },
    now,
    facts: { fault_ticket_open: true, unit_allocated: replacement.orderRef === order.id },
    detail: {
      faultId: fault.id,
      faultyImei: fault.faultyImei,
      replacementImei: replacement.imei,
      outboundWaybillNo: options.outboundWaybillNo ?? null,
    },
  });
  await moveOrderUnit(tx, {
    unitId: replacement.unitId,
    orderRef: order.id,
    step: 'ship',
    now,
    actor: options.staff,
    reason: { code: 'fault_replacement_shipped', params: { faultId: fault.id, imei: fault.faultyImei ?? '' } },
  });
  if (fault.faultyReceivedAt === null) {
    await moveOrderUnit(tx, {
      unitId: fault.faultyUnitId,
      orderRef: order.id,
      step: 'start_return',
      now,
      actor: options.staff,
      reason: { code: 'fault_swapped_out', params: { faultId: fault.id, imei: replacement.imei } },
    });
  }
  return changeFault(tx, {
    fault,
    set: {
      status: 'swapping',
      replacementUnitId: replacement.unitId,
      replacementImei: replacement.imei,
      outboundShippedAt: now,
      outboundWaybillNo: options.outboundWaybillNo ?? null,
      returnWaybillNo: options.returnWaybillNo ?? null,
    },
    actor: options.staff,
    action: 'swapping',
    now,
    detail: { replacementImei: replacement.imei },
  });
}
