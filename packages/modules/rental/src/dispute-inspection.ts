// A customer disputes the graded inspection of their returned phone (DOMAIN §5): within the dispute
// window (`disputeWindowDays`, 7 by default, counted from the day of the inspection: graded on the
// 1st, the 8th is the last day), once. The dispute is recorded on the inspection, audited, and
// `rental.inspection_disputed` asks support to open a case for a person (support's subscriber opens
// a complaint ticket on the order, in the same delivery). A person records how it ended
// (resolve-inspection-dispute.ts: upheld, or adjusted with a credit waived and given back).
import { type Executor, emitEvent } from '@zulin/db';
import { recordAudit } from '@zulin/identity';
import { assert, compareDates, today } from '@zulin/kernel';
import { and, eq } from 'drizzle-orm';
import type { RentalDeps } from './deps';
import { RentalErrors } from './errors';
import { type InspectionRow, inspectionOfOrder } from './inspections';
import { loadOrderForUpdate } from './order-store';
import { rentalInspections } from './schema';

export async function disputeInspection(
  tx: Executor,
  deps: RentalDeps,
  options: { orderId: string; customerId: string; reason: string },
): Promise<InspectionRow> {
  const order = await loadOrderForUpdate(tx, options.orderId, { customerId: options.customerId });
  const inspection = await inspectionOfOrder(tx, order.id);
  if (inspection === undefined) throw RentalErrors.RENTAL_INSPECTION_NOT_FOUND();
  if (inspection.state !== 'settled') throw RentalErrors.RENTAL_INSPECTION_NOT_SETTLED();
  if (inspection.disputedAt !== null) throw RentalErrors.RENTAL_INSPECTION_ALREADY_DISPUTED();
  const todayDate = today(deps.clock, deps.timeZone);
  if (compareDates(todayDate, inspection.disputeUntil) > 0) {
    throw RentalErrors.RENTAL_DISPUTE_WINDOW_PASSED({
      detail: `Disputes were accepted until ${inspection.disputeUntil}.`,
    });
  }
  const reason = options.reason.trim();
  if (reason.length === 0) {
    throw RentalErrors.RENTAL_INSPECTION_INVALID({
      detail: 'Say what is wrong with the inspection.',
      errors: [{ path: '/body/reason', message: 'required' }],
    });
  }
  const now = deps.clock.now();
  const [updated] = await tx
    .update(rentalInspections)
    .set({ disputedAt: now, disputeReason: reason })
    .where(and(eq(rentalInspections.id, inspection.id), eq(rentalInspections.state, 'settled')))
    .returning();
  assert(updated !== undefined, 'the locked order’s inspection is updated');
  await recordAudit(tx, {
    actor: { kind: 'customer', customerId: order.customerId },
    action: 'rental.inspection_disputed',
    targetType: 'rental_order',
    targetId: order.id,
    detail: { inspectionId: inspection.id, grade: inspection.grade, chargeMinor: inspection.chargeMinor },
    at: now,
  });
  await emitEvent(tx, now, {
    type: 'rental.inspection_disputed',
    aggregateType: 'rental_order',
    aggregateId: order.id,
    payload: {
      orderId: order.id,
      customerId: order.customerId,
      inspectionId: inspection.id,
      grade: inspection.grade,
      chargeMinor: inspection.chargeMinor,
      reason,
    },
  });
  return updated;
}
