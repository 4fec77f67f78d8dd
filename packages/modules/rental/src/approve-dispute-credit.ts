// A second staff member approves an adjustment above payments' refund approval threshold
// (resolve-inspection-dispute.ts recorded it `awaiting_approval`, nothing booked): the resolver's
// credit is planned again on the money as it is now (the customer may have paid the bill meanwhile:
// what was to be waived is then given back) and booked — the waiver, the wallet transfers, the channel
// refunds. Nobody approves their own resolution (maker–checker, as payments' refunds and the wallet's
// dispute refunds).
import { type Executor, emitEvent } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { assert, sumMinor } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import type { RentalDeps } from './deps';
import { RentalErrors } from './errors';
import { type InspectionRow, inspectionOfOrder, lockInspection } from './inspections';
import { loadOrderForUpdate } from './order-store';
import { bookCredit, disputeCreditPlan, disputeMoneyOf, notifyAdjusted } from './resolve-inspection-dispute';
import { rentalInspections } from './schema';

export async function approveDisputeCredit(
  tx: Executor,
  deps: RentalDeps,
  options: { orderId: string; staff: StaffPrincipal },
): Promise<InspectionRow> {
  const order = await loadOrderForUpdate(tx, options.orderId);
  const found = await inspectionOfOrder(tx, order.id);
  if (found === undefined) throw RentalErrors.RENTAL_INSPECTION_NOT_FOUND();
  const inspection = await lockInspection(tx, found.id);
  if (inspection.disputeRefundState !== 'awaiting_approval') throw RentalErrors.RENTAL_DISPUTE_NOT_AWAITING_APPROVAL();
  if (inspection.disputeResolvedBy === options.staff.staffId) throw RentalErrors.RENTAL_DISPUTE_SAME_STAFF();
  const plan = disputeCreditPlan(await disputeMoneyOf(tx, deps, inspection), inspection.disputeCreditMinor ?? 0);
  const legs = await bookCredit(tx, deps, {
    order,
    inspection,
    plan,
    staff: options.staff,
    note: inspection.disputeNote ?? '',
  });
  const now = deps.clock.now();
  const [updated] = await tx
    .update(rentalInspections)
    .set({
      disputeWaivedMinor: plan.waivedMinor,
      disputeRefunds: legs,
      disputeRefundState: 'done',
      disputeApprovedBy: options.staff.staffId,
      disputeApprovedAt: now,
    })
    .where(eq(rentalInspections.id, inspection.id))
    .returning();
  assert(updated !== undefined, 'the locked inspection is updated');
  const refundMinor = sumMinor(legs.map((l) => l.amountMinor));
  await recordAudit(tx, {
    actor: options.staff,
    action: 'rental.inspection_dispute_credit_approved',
    targetType: 'rental_order',
    targetId: order.id,
    at: now,
    detail: {
      inspectionId: inspection.id,
      resolvedBy: inspection.disputeResolvedBy,
      waivedMinor: plan.waivedMinor,
      refundMinor,
      legs,
    },
  });
  await emitEvent(tx, now, {
    type: 'rental.inspection_dispute_resolved',
    aggregateType: 'rental_order',
    aggregateId: order.id,
    payload: {
      orderId: order.id,
      customerId: order.customerId,
      inspectionId: inspection.id,
      outcome: 'adjusted',
      chargeMinor: inspection.chargeMinor,
      creditMinor: inspection.disputeCreditMinor ?? 0,
      waivedMinor: plan.waivedMinor,
      refundMinor,
      refundState: 'done',
      note: inspection.disputeNote ?? '',
    },
  });
  await notifyAdjusted(tx, deps, {
    order,
    inspection,
    creditMinor: inspection.disputeCreditMinor ?? 0,
    waivedMinor: plan.waivedMinor,
    refundMinor,
  });
  return updated;
}
