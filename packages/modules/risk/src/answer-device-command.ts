// The MDM's answer to a command, recorded once: acknowledged (the phone did it: the device's lock
// state follows) or failed with the reason (device_offline, timeout, a refusal). A late
// acknowledgement of a command we had given up on (timeout) still counts, because the phone did
// lock or unlock; any other repeat changes nothing. Emits risk.device_command_answered.
import { type Executor, emitEvent } from '@zulin/db';
import { recordAudit } from '@zulin/identity';
import type { Clock } from '@zulin/kernel';
import { eq } from 'drizzle-orm';
import { type DeviceCommandRow, loadDevice } from './devices';
import { riskDeviceCommands, riskDevices } from './schema';

export const TIMEOUT_FAILURE = 'timeout';

export async function answerDeviceCommand(
  tx: Executor,
  clock: Clock,
  answer: {
    commandId: string;
    status: 'acknowledged' | 'failed';
    failure?: string;
    providerCommandId?: string;
    /** When the answer comes from the MDM: the device it names, which must be the command's. */
    deviceId?: string;
  },
): Promise<DeviceCommandRow | null> {
  const [command] = await tx
    .select()
    .from(riskDeviceCommands)
    .where(eq(riskDeviceCommands.id, answer.commandId))
    .for('update');
  if (command === undefined) return null;
  if (answer.deviceId !== undefined && answer.deviceId !== command.deviceId) return null;
  const open = command.status === 'pending' || command.status === 'sent';
  // The phone did it: a command we had given up on (timeout) or called off (its phone released while
  // the sweep was handing it over) is acknowledged after all, and the lock state follows.
  const lateAcknowledgement =
    answer.status === 'acknowledged' &&
    ((command.status === 'failed' && command.failure === TIMEOUT_FAILURE) || command.status === 'cancelled');
  if (!open && !lateAcknowledgement) return command;
  const now = clock.now();
  const [row] = await tx
    .update(riskDeviceCommands)
    .set({
      status: answer.status,
      failure: answer.status === 'failed' ? (answer.failure ?? 'failed') : null,
      providerCommandId: command.providerCommandId ?? answer.providerCommandId ?? null,
      answeredAt: now,
    })
    .where(eq(riskDeviceCommands.id, command.id))
    .returning();
  const device = await loadDevice(tx, command.deviceId, { lock: true });
  if (answer.status === 'acknowledged') {
    await tx
      .update(riskDevices)
      .set({ lockState: command.kind === 'lock' ? 'locked' : 'unlocked' })
      .where(eq(riskDevices.id, device.id));
  }
  await emitCommandAnswered(tx, now, {
    device,
    command,
    status: answer.status,
    failure: answer.status === 'failed' ? (answer.failure ?? 'failed') : null,
  });
  await recordAudit(tx, {
    actor: { kind: 'system' },
    action: `risk.device_${command.kind}_${answer.status}`,
    targetType: 'risk_device',
    targetId: device.id,
    detail: { commandId: command.id, failure: answer.failure ?? null },
    at: now,
  });
  return row as DeviceCommandRow;
}

/** risk.device_command_answered: how a command ended (answered by the MDM, or cancelled before it was sent). */
export async function emitCommandAnswered(
  tx: Executor,
  now: Date,
  answered: {
    device: { id: string; customerId: string; reference: string | null };
    command: { id: string; kind: 'lock' | 'unlock' };
    status: 'acknowledged' | 'failed' | 'cancelled';
    failure: string | null;
  },
): Promise<void> {
  const { device, command } = answered;
  await emitEvent(tx, now, {
    type: 'risk.device_command_answered',
    aggregateType: 'risk_device',
    aggregateId: device.id,
    payload: {
      commandId: command.id,
      deviceId: device.id,
      customerId: device.customerId,
      reference: device.reference,
      kind: command.kind,
      status: answered.status,
      failure: answered.failure,
    },
  });
}
