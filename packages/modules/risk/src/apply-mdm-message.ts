// The inbox handler of the `mdm` webhook channel: a verified message, applied once in the worker's
// transaction. Location reports go to the geofence; command answers to their command (found by our
// own command id, which the MDM echoes). A message about a device we never enrolled is ignored
// (logged by the caller), since the MDM may serve other merchants' phones. A location report about a
// released phone (the rental ended; the MDM is not told to un-enrol) is acknowledged like any
// message — the webhook's 200 stops the MDM's retries — but not stored, nor checked against the
// regions. Command answers about it still apply: an unlock may go to a released phone.
import type { Executor } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import { answerDeviceCommand } from './answer-device-command';
import { deviceByProviderId } from './devices';
import { e6, parseMdmMessage } from './mdm';
import { recordDeviceLocation } from './record-device-location';

export async function applyMdmMessage(
  tx: Executor,
  deps: { clock: Clock; timeZone: string },
  body: string,
): Promise<'applied' | 'unknown_device' | 'released_device' | 'duplicate'> {
  const message = parseMdmMessage(body);
  const device = await deviceByProviderId(tx, message.deviceId);
  if (device === undefined) return 'unknown_device';
  if (message.type === 'device.location') {
    if (device.releasedAt !== null) return 'released_device';
    const result = await recordDeviceLocation(tx, deps, device, {
      messageId: message.id,
      latE6: e6(message.location.lat),
      lngE6: e6(message.location.lng),
      accuracyM: message.location.accuracyM,
      reportedAt: new Date(message.occurredAt),
    });
    return result.recorded ? 'applied' : 'duplicate';
  }
  const answered = await answerDeviceCommand(tx, deps.clock, {
    commandId: message.merchantCommandId,
    status: message.type === 'command.acknowledged' ? 'acknowledged' : 'failed',
    providerCommandId: message.commandId,
    deviceId: device.id,
    ...(message.type === 'command.failed' ? { failure: message.reason } : {}),
  });
  return answered === null ? 'unknown_device' : 'applied';
}
