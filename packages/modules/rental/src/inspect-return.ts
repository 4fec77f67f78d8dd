// Grading a returned phone (DOMAIN §5, issue #14): the inspector grades the phone of an order in
// `inspecting` A–D, with findings from the damage price list (grade C) and photos. In the command's
// transaction the charge is priced by settle-inspection.ts (never another formula) and split over
// what is left of the deposit hold — capture what it covers, bill the rest, release what is left —
// and the inspection is recorded `settling` with that plan. The channel is not called here (never
// inside a transaction): capture-deposit.ts carries the plan out right after the command commits,
// and its sweep finishes any the channel left undecided. The phone's unit takes the grade in
// inventory in the same transaction (A–C as graded, D beyond repair; `unitGraded` in the audit entry),
// and stays `inspecting` for the warehouse to move on.
import { type Executor, emitEvent } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { gradeOrderUnit } from '@zulin/inventory';
import { addDays, assert, newId, today } from '@zulin/kernel';
import { checkAllowed, openAfterSaleOf } from './after-sales';
import type { RentalDeps } from './deps';
import { RentalErrors } from './errors';
import { type InspectionRow, inspectionOfOrder, priceReturn } from './inspections';
import { loadOrderForUpdate } from './order-store';
import { rentalTimers } from './rental-settings';
import { type InspectionPhoto, rentalInspections } from './schema';
import type { InspectionFinding, InspectionGrade } from './settle-inspection';

export interface InspectReturnOptions {
  orderId: string;
  grade: InspectionGrade;
  findings: InspectionFinding[];
  photos: InspectionPhoto[];
  note?: string | undefined;
  staff: StaffPrincipal;
}

export async function inspectReturn(
  tx: Executor,
  deps: RentalDeps,
  options: InspectReturnOptions,
): Promise<InspectionRow> {
  const order = await loadOrderForUpdate(tx, options.orderId);
  if ((await inspectionOfOrder(tx, order.id)) !== undefined) throw RentalErrors.RENTAL_ALREADY_INSPECTED();
  // The machine says whether this order may be settled now (every fact assumed): `inspecting`, a return open.
  checkAllowed(order, 'settle', 'staff');
  const inspectedOn = today(deps.clock, deps.timeZone);
  const priced = await priceReturn(tx, order, { grade: options.grade, findings: options.findings, inspectedOn });
  const { value: timers } = await rentalTimers.read(tx);
  const returnAction = await openAfterSaleOf(tx, order.id, 'return');
  const now = deps.clock.now();
  const [row] = await tx
    .insert(rentalInspections)
    .values({
      id: newId('rins', deps.clock),
      orderId: order.id,
      customerId: order.customerId,
      afterSaleId: returnAction?.id ?? null,
      state: 'settling',
      grade: options.grade,
      findings: options.findings.map((f) => ({ code: f.code, quantity: f.quantity ?? 1 })),
      lines: priced.lines.map((l) => ({ ...l })),
      formula: priced.formula,
      note: options.note ?? null,
      photos: options.photos,
      chargeMinor: priced.chargeMinor,
      residualValueMinor: priced.residualValueMinor,
      depositHeldMinor: priced.depositHeldMinor,
      plannedCaptureMinor: priced.settlement.captureMinor,
      inspectedBy: options.staff.staffId,
      inspectedOn,
      disputeUntil: addDays(inspectedOn, timers.disputeWindowDays),
      createdAt: now,
    })
    .returning();
  assert(row !== undefined, 'the inspection insert returns its row');
  const unitGraded =
    order.unitId !== null &&
    (await gradeOrderUnit(tx, {
      unitId: order.unitId,
      orderRef: order.id,
      grade: options.grade,
      now,
      actor: options.staff,
    }));
  await recordAudit(tx, {
    actor: options.staff,
    action: 'rental.inspection_graded',
    targetType: 'rental_order',
    targetId: order.id,
    detail: {
      inspectionId: row.id,
      grade: row.grade,
      findings: row.findings,
      photos: row.photos.map((p) => p.file),
      chargeMinor: row.chargeMinor,
      depositHeldMinor: row.depositHeldMinor,
      plan: priced.settlement,
      unitGraded,
    },
    at: now,
  });
  await emitEvent(tx, now, {
    type: 'rental.inspection_graded',
    aggregateType: 'rental_order',
    aggregateId: order.id,
    payload: {
      orderId: order.id,
      customerId: order.customerId,
      inspectionId: row.id,
      grade: row.grade,
      findings: row.findings.map((f) => ({ code: f.code, quantity: f.quantity })),
      // A stored photo's name is the SHA-256 of its bytes and its extension (platform's storeByContentHash).
      photos: row.photos.map((p) => ({
        sha256: p.file.split('.')[0] ?? p.file,
        contentType: p.contentType,
        sizeBytes: p.sizeBytes,
      })),
      chargeMinor: row.chargeMinor,
      depositHeldMinor: row.depositHeldMinor,
      inspectedBy: options.staff.staffId,
    },
  });
  return row;
}
