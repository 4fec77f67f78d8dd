// Staff ask for a phone to be locked or unlocked, with a reason. The command is recorded (pending),
// audited and announced in the caller's transaction; the sweep `risk.mdm_commands` hands it to the
// MDM after commit (an outside system is never called inside a transaction). One open command per
// device; the lock state changes only when the MDM acknowledges. An unlock names the lock it
// reverses, so the history reads as pairs.
import { type Executor, emitEvent } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { type Clock, newId } from '@zulin/kernel';
import { and, desc, eq } from 'drizzle-orm';
import { type DeviceCommandRow, loadDevice, openCommandOf } from './devices';
import { RiskErrors } from './errors';
import type { DeviceCommandKind } from './kinds';
import { riskDeviceCommands } from './schema';

export async function requestDeviceCommand(
  tx: Executor,
  clock: Clock,
  staff: StaffPrincipal,
  options: { deviceId: string; kind: DeviceCommandKind; reason: string },
): Promise<DeviceCommandRow> {
  const device = await loadDevice(tx, options.deviceId, { lock: true });
  if (options.kind === 'lock' && device.releasedAt !== null) throw RiskErrors.RISK_DEVICE_RELEASED();
  if (await openCommandOf(tx, device.id)) throw RiskErrors.RISK_DEVICE_COMMAND_OPEN();
  const wanted = options.kind === 'lock' ? 'locked' : 'unlocked';
  if (device.lockState === wanted) {
    throw RiskErrors.RISK_DEVICE_LOCK_STATE({ detail: `The device is already ${wanted}.` });
  }
  const reverses =
    options.kind === 'unlock'
      ? ((
          await tx
            .select({ id: riskDeviceCommands.id })
            .from(riskDeviceCommands)
            .where(
              and(
                eq(riskDeviceCommands.deviceId, device.id),
                eq(riskDeviceCommands.kind, 'lock'),
                eq(riskDeviceCommands.status, 'acknowledged'),
              ),
            )
            .orderBy(desc(riskDeviceCommands.answeredAt))
            .limit(1)
        )[0]?.id ?? null)
      : null;
  const now = clock.now();
  const [row] = await tx
    .insert(riskDeviceCommands)
    .values({
      id: newId('rcmd', clock),
      deviceId: device.id,
      kind: options.kind,
      status: 'pending',
      reason: options.reason,
      reverses,
      requestedBy: staff.staffId,
      createdAt: now,
    })
    .returning();
  const command = row as DeviceCommandRow;
  await emitEvent(tx, now, {
    type: 'risk.device_command_requested',
    aggregateType: 'risk_device',
    aggregateId: device.id,
    payload: {
      commandId: command.id,
      deviceId: device.id,
      customerId: device.customerId,
      reference: device.reference,
      kind: options.kind,
      reason: options.reason,
      requestedBy: staff.staffId,
    },
  });
  await recordAudit(tx, {
    actor: staff,
    action: `risk.device_${options.kind}_requested`,
    targetType: 'risk_device',
    targetId: device.id,
    detail: { commandId: command.id, reason: options.reason, reverses },
    at: now,
  });
  return command;
}
