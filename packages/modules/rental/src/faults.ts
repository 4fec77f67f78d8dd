// What the fault use cases share (report-fault.ts, fault-steps.ts, complete-fault.ts): the row, the
// locked load, the state change of a fault with its audit entry and event, and the view.
import { type Executor, emitEvent } from '@zulin/db';
import { type AuditActor, recordAudit } from '@zulin/identity';
import { getUnit } from '@zulin/inventory';
import type { BusinessDate } from '@zulin/kernel';
import { and, desc, eq } from 'drizzle-orm';
import { RentalErrors } from './errors';
import { RentalLimits } from './limits';
import { type FaultStatus, rentalFaults } from './schema';

export { faultStatuses } from './schema';

export type FaultRow = typeof rentalFaults.$inferSelect;

/** The step each fault state allows next (resolved is final). */
export const faultSteps: Readonly<Record<FaultStatus, readonly FaultStatus[]>> = Object.freeze({
  reported: ['diagnosing', 'repairing', 'swapping', 'resolved'],
  diagnosing: ['repairing', 'swapping', 'resolved'],
  repairing: ['resolved'],
  swapping: ['resolved'],
  resolved: [],
});

export async function loadFaultForUpdate(
  tx: Executor,
  options: { orderId: string; faultId: string },
): Promise<FaultRow> {
  const [row] = await faultQuery(tx, options).for('update');
  if (row === undefined) throw RentalErrors.RENTAL_FAULT_NOT_FOUND();
  return row;
}

/** A fault of the order, read without a lock (screens, photos); none is RENTAL_FAULT_NOT_FOUND. */
export async function loadFault(db: Executor, options: { orderId: string; faultId: string }): Promise<FaultRow> {
  const [row] = await faultQuery(db, options);
  if (row === undefined) throw RentalErrors.RENTAL_FAULT_NOT_FOUND();
  return row;
}

function faultQuery(db: Executor, options: { orderId: string; faultId: string }) {
  return db
    .select()
    .from(rentalFaults)
    .where(and(eq(rentalFaults.id, options.faultId), eq(rentalFaults.orderId, options.orderId)));
}

export function assertFaultStep(fault: FaultRow, to: FaultStatus): void {
  if (!faultSteps[fault.status].includes(to)) {
    throw RentalErrors.RENTAL_FAULT_STEP_NOT_ALLOWED({
      detail: `A fault that is ${fault.status} cannot move to ${to}.`,
    });
  }
}

/** Writes the fault's change (under its row lock), its audit entry and `rental.fault_changed`. */
export async function changeFault(
  tx: Executor,
  options: {
    fault: FaultRow;
    set: Partial<Omit<FaultRow, 'id' | 'orderId' | 'customerId' | 'createdAt'>>;
    actor: AuditActor;
    action: string;
    now: Date;
    detail?: Record<string, unknown>;
  },
): Promise<FaultRow> {
  const { fault, now } = options;
  const [updated] = await tx.update(rentalFaults).set(options.set).where(eq(rentalFaults.id, fault.id)).returning();
  if (updated === undefined) throw RentalErrors.RENTAL_FAULT_NOT_FOUND();
  await recordAudit(tx, {
    actor: options.actor,
    action: `rental.fault_${options.action}`,
    targetType: 'rental_order',
    targetId: fault.orderId,
    detail: { faultId: fault.id, from: fault.status, to: updated.status, ...options.detail },
    at: now,
  });
  await emitEvent(tx, now, {
    type: 'rental.fault_changed',
    aggregateType: 'rental_order',
    aggregateId: fault.orderId,
    payload: {
      faultId: fault.id,
      orderId: fault.orderId,
      customerId: fault.customerId,
      from: fault.status,
      to: updated.status,
      resolution: updated.resolution,
      faultyImei: updated.faultyImei,
      replacementImei: updated.replacementImei,
      faultDays: updated.faultDays,
      creditMinor: updated.creditMinor,
    },
  });
  return updated;
}

export async function unitImei(db: Executor, unitId: string, today: BusinessDate): Promise<string> {
  return (await getUnit(db, { unitId, today })).imei;
}

export interface FaultView {
  id: string;
  orderId: string;
  status: FaultStatus;
  description: string;
  photos: string[];
  reportedOn: string;
  resolution: FaultRow['resolution'];
  faultyImei: string | null;
  replacementImei: string | null;
  faultyReceivedAt: string | null;
  outboundShippedAt: string | null;
  outboundWaybillNo: string | null;
  workingPhoneOn: string | null;
  faultDays: number;
  creditMinor: number;
  creditedMinor: number;
  note: string | null;
  createdAt: string;
  resolvedAt: string | null;
}

export function presentFault(row: FaultRow): FaultView {
  return {
    id: row.id,
    orderId: row.orderId,
    status: row.status,
    description: row.description,
    photos: row.photos.map((p) => p.file),
    reportedOn: row.reportedOn,
    resolution: row.resolution,
    faultyImei: row.faultyImei,
    replacementImei: row.replacementImei,
    faultyReceivedAt: row.faultyReceivedAt?.toISOString() ?? null,
    outboundShippedAt: row.outboundShippedAt?.toISOString() ?? null,
    outboundWaybillNo: row.outboundWaybillNo,
    workingPhoneOn: row.workingPhoneOn,
    faultDays: row.faultDays,
    creditMinor: row.creditMinor,
    creditedMinor: row.creditedMinor,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  };
}

/** An order's faults, newest first. */
export async function listOrderFaults(db: Executor, orderId: string): Promise<FaultView[]> {
  const rows = await db
    .select()
    .from(rentalFaults)
    .where(eq(rentalFaults.orderId, orderId))
    .orderBy(desc(rentalFaults.createdAt), desc(rentalFaults.id))
    .limit(RentalLimits.faultsPerOrderListMax);
  return rows.map(presentFault);
}
