// The customer signs for the working phone — the repaired one (same IMEI) or the replacement (a new
// IMEI on the same order) — and the fault is resolved: the unit shipped → on_rent (a swap's new phone
// becomes the order's unit), the order `complete_repair` / `complete_swap` (fact
// replacement_delivered; the after-sale lock released), and the days without a working phone, from
// the report to this signature both included, priced by fault-credit.ts on the order's schedule
// (DOMAIN §5: no rent for those days) — a day an earlier fault of the order was credited for counts once. The credit is taken off the next rent bills by the rent tick
// (rent-tick.ts). One transaction.
import type { Executor } from '@zulin/db';
import type { StaffPrincipal } from '@zulin/identity';
import { moveOrderUnit } from '@zulin/inventory';
import { businessDateOf, compareDates, today } from '@zulin/kernel';
import { and, asc, eq, isNotNull, ne } from 'drizzle-orm';
import type { RentalDeps } from './deps';
import { RentalErrors } from './errors';
import { additionalFaultCredits, rentedFaultInterval } from './fault-credit';
import { payOutFaultCredit } from './fault-credit-payout';
import { changeFault, type FaultRow, loadFaultForUpdate } from './faults';
import { RentalLimits } from './limits';
import { loadOrderForUpdate, moveOrder, type OrderMover } from './order-store';
import { scheduleOf } from './rent-schedule';
import { rentalFaults } from './schema';

export async function completeFault(
  tx: Executor,
  deps: RentalDeps,
  options: { orderId: string; faultId: string; signedAt: Date; by: OrderMover & { staff?: StaffPrincipal } },
): Promise<FaultRow> {
  const order = await loadOrderForUpdate(tx, options.orderId);
  const fault = await loadFaultForUpdate(tx, options);
  const swap = fault.status === 'swapping';
  if ((!swap && fault.status !== 'repairing') || fault.outboundShippedAt === null) {
    throw RentalErrors.RENTAL_FAULT_STEP_NOT_ALLOWED({
      detail: 'A fault is completed when the repaired or replacement phone, once shipped, is signed for.',
    });
  }
  const now = deps.clock.now();
  const workingPhoneOn = businessDateOf(options.signedAt, deps.timeZone);
  if (
    compareDates(workingPhoneOn, fault.reportedOn) < 0 ||
    compareDates(workingPhoneOn, today(deps.clock, deps.timeZone)) > 0
  ) {
    throw RentalErrors.RENTAL_FAULT_INVALID({
      errors: [{ path: '/body/signedAt', message: `between the report (${fault.reportedOn}) and today` }],
    });
  }
  const unitId = swap ? fault.replacementUnitId : fault.faultyUnitId;
  if (unitId === null) throw new Error(`swap ${fault.id} has no replacement unit`);
  // The order's earlier faults with days credited: a day they cover is not credited again (the day a
  // phone is signed for and the next fault reported is the same day).
  const earlier = await tx
    .select()
    .from(rentalFaults)
    .where(
      and(
        eq(rentalFaults.orderId, order.id),
        eq(rentalFaults.status, 'resolved'),
        isNotNull(rentalFaults.workingPhoneOn),
        ne(rentalFaults.id, fault.id),
      ),
    )
    .orderBy(asc(rentalFaults.reportedOn))
    .limit(RentalLimits.faultIntervalsMax - 1);
  // Days before the rent start (a fault reported on the day of delivery) cost no rent: counted from the start.
  const interval = (f: { reportedOn: string; workingPhoneOn: string }) =>
    rentedFaultInterval({ ...f, rentStartDate: order.rentStartDate });
  const own = interval({ reportedOn: fault.reportedOn, workingPhoneOn });
  const { credits, totalCreditMinor, faultDays } =
    own === null
      ? { credits: [], totalCreditMinor: 0, faultDays: 0 }
      : additionalFaultCredits({
          schedule: scheduleOf(order),
          earlier: earlier.flatMap((e) => {
            const counted = interval({ reportedOn: e.reportedOn, workingPhoneOn: e.workingPhoneOn ?? e.reportedOn });
            return counted === null
              ? []
              : [
                  {
                    interval: counted,
                    credits: e.credits.map((c) => ({ period: Number(c.period), creditMinor: Number(c.creditMinor) })),
                  },
                ];
          }),
          fault: own,
        });
  await moveOrder(tx, {
    order,
    action: swap ? 'complete_swap' : 'complete_repair',
    by: options.by,
    now,
    facts: { replacement_delivered: true },
    set: { unitId },
    detail: {
      faultId: fault.id,
      imei: swap ? fault.replacementImei : fault.faultyImei,
      ...(swap ? { previousImei: fault.faultyImei } : {}),
      workingPhoneOn,
      faultDays,
      creditMinor: totalCreditMinor,
    },
  });
  await moveOrderUnit(tx, {
    unitId,
    orderRef: order.id,
    step: 'deliver',
    now,
    ...(options.by.staff !== undefined ? { actor: options.by.staff } : {}),
    reason: { code: 'fault_delivered', params: { faultId: fault.id, date: workingPhoneOn } },
  });
  const resolved = await changeFault(tx, {
    fault,
    set: {
      status: 'resolved',
      // The outcome is set when it is one: a repair or swap under way has none yet.
      resolution: swap ? 'swapped' : 'repaired',
      workingPhoneOn,
      faultDays,
      creditMinor: totalCreditMinor,
      credits: credits.map((c) => ({ ...c })),
      resolvedAt: now,
    },
    actor: options.by.audit,
    action: 'resolved',
    now,
    detail: { workingPhoneOn, faultDays, creditMinor: totalCreditMinor, credits },
  });
  // No rent bill left to take the credit off (a day plan, the last period billed): paid to the wallet.
  if ((await payOutFaultCredit(tx, deps, order)) === 0) return resolved;
  return loadFaultForUpdate(tx, options);
}
