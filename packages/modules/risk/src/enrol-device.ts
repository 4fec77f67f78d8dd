// Enrolling a rented phone with the MDM, in two steps (docs/modules.md, "Outside systems"): the MDM
// is asked first, outside any transaction (enrolment is idempotent by IMEI there), then its answer
// is recorded in the command's transaction with the audit entry.
import type { Executor } from '@zulin/db';
import { customerIsActive, recordAudit, type StaffPrincipal } from '@zulin/identity';
import { newId } from '@zulin/kernel';
import type { MdmDeps } from './adapters';
import type { DeviceRow } from './devices';
import { RiskErrors } from './errors';
import { imeiValid } from './mdm';
import { riskDevices } from './schema';

export interface EnrolDeviceInput {
  imei: string;
  customerId: string;
  reference?: string | null | undefined;
}

export function checkImei(imei: string): void {
  if (!imeiValid(imei)) {
    throw RiskErrors.RISK_IMEI_INVALID({ errors: [{ path: '/body/imei', message: '15 digits, Luhn check digit' }] });
  }
}

/** Asks the MDM to enrol the phone; answers its device id. No transaction may be open. */
export async function enrolAtMdm(deps: MdmDeps, imei: string): Promise<{ providerDeviceId: string }> {
  checkImei(imei);
  return deps.guard.run((signal) => deps.mdm.enrol(imei, signal));
}

/** Records the enrolment the MDM confirmed. */
export async function recordEnrolment(
  tx: Executor,
  deps: Pick<MdmDeps, 'clock'>,
  actor: StaffPrincipal | { kind: 'system' },
  input: EnrolDeviceInput & { providerDeviceId: string },
): Promise<DeviceRow> {
  checkImei(input.imei);
  if (!(await customerIsActive(tx, input.customerId))) throw RiskErrors.RISK_CUSTOMER_NOT_FOUND();
  const now = deps.clock.now();
  const [row] = await tx
    .insert(riskDevices)
    .values({
      id: newId('rdev', deps.clock),
      imei: input.imei,
      customerId: input.customerId,
      reference: input.reference ?? null,
      providerDeviceId: input.providerDeviceId,
      lockState: 'unlocked',
      enrolledBy: actor.kind === 'system' ? 'system' : actor.staffId,
      enrolledAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (row === undefined) throw RiskErrors.RISK_DEVICE_ALREADY_ENROLLED();
  await recordAudit(tx, {
    actor,
    action: 'risk.device_enrolled',
    targetType: 'risk_device',
    targetId: row.id,
    detail: { imeiTac: input.imei.slice(0, 8), customerId: input.customerId, reference: input.reference ?? null },
    at: now,
  });
  return row;
}
