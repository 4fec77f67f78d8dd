// The sweep `risk.mdm_commands`: hands each pending command to the MDM (outside any transaction,
// then records what it said), and fails the commands the MDM has not answered within
// `mdmCommandTimeoutMs` (`timeout`). A command the MDM cannot be reached for is tried again on the
// next run, `mdmSendAttempts` times in all, then fails (`mdm_unreachable`); one it refuses fails at
// once with its reason. The MDM dedupes by our command id, so a retry never sends a command twice.
// A lock for a released phone is never sent: its release cancels it, and one found pending anyway (a
// release before this rule) is cancelled here without asking the MDM.
import { type Database, transaction } from '@zulin/db';
import { and, asc, eq, lte } from 'drizzle-orm';
import type { MdmDeps } from './adapters';
import { answerDeviceCommand, TIMEOUT_FAILURE } from './answer-device-command';
import { cancelPendingLocks } from './enrol-on-delivery';
import { RiskLimits } from './limits';
import type { MdmSendAnswer } from './mdm';
import { riskDeviceCommands, riskDevices } from './schema';

export async function sendDeviceCommands(
  database: Database,
  deps: MdmDeps,
): Promise<{ sent: number; failed: number; timedOut: number }> {
  const pending = await database.db
    .select({
      command: riskDeviceCommands,
      providerDeviceId: riskDevices.providerDeviceId,
      releasedAt: riskDevices.releasedAt,
      reference: riskDevices.reference,
      customerId: riskDevices.customerId,
    })
    .from(riskDeviceCommands)
    .innerJoin(riskDevices, eq(riskDevices.id, riskDeviceCommands.deviceId))
    .where(eq(riskDeviceCommands.status, 'pending'))
    .orderBy(asc(riskDeviceCommands.createdAt), asc(riskDeviceCommands.id))
    .limit(RiskLimits.mdmCommandBatch);
  let sent = 0;
  let failed = 0;
  for (const { command, providerDeviceId, releasedAt, reference, customerId } of pending) {
    if (command.kind === 'lock' && releasedAt !== null) {
      await transaction(database, (tx) =>
        cancelPendingLocks(tx, deps.clock.now(), [{ id: command.deviceId, reference, customerId }]),
      );
      continue;
    }
    let answer: MdmSendAnswer | null;
    try {
      answer = await deps.guard.run((signal) =>
        deps.mdm.send({ providerDeviceId, merchantCommandId: command.id, kind: command.kind }, signal),
      );
    } catch {
      answer = null;
    }
    const outcome = await transaction(database, async (tx) => {
      const [current] = await tx
        .select()
        .from(riskDeviceCommands)
        .where(eq(riskDeviceCommands.id, command.id))
        .for('update');
      // Cancelled by the phone's release while we were asking the MDM: its answer, if it took the
      // command anyway, still counts (answer-device-command.ts).
      if (current?.status === 'cancelled') return 'cancelled' as const;
      // The MDM's acknowledgement may have come in while we were asking it.
      if (current?.status !== 'pending') return 'sent' as const;
      const attempts = current.attempts + 1;
      if (answer?.accepted) {
        await tx
          .update(riskDeviceCommands)
          .set({ status: 'sent', attempts, providerCommandId: answer.providerCommandId, sentAt: deps.clock.now() })
          .where(eq(riskDeviceCommands.id, command.id));
        return 'sent' as const;
      }
      if (answer === null && attempts < RiskLimits.mdmSendAttempts) {
        await tx.update(riskDeviceCommands).set({ attempts }).where(eq(riskDeviceCommands.id, command.id));
        return 'retry' as const;
      }
      await tx.update(riskDeviceCommands).set({ attempts }).where(eq(riskDeviceCommands.id, command.id));
      await answerDeviceCommand(tx, deps.clock, {
        commandId: command.id,
        status: 'failed',
        failure: answer === null ? 'mdm_unreachable' : answer.reason,
      });
      return 'failed' as const;
    });
    if (outcome === 'sent') sent += 1;
    if (outcome === 'failed') failed += 1;
  }
  const cutoff = new Date(deps.clock.now().getTime() - RiskLimits.mdmCommandTimeoutMs);
  const stale = await database.db
    .select({ id: riskDeviceCommands.id })
    .from(riskDeviceCommands)
    .where(and(eq(riskDeviceCommands.status, 'sent'), lte(riskDeviceCommands.sentAt, cutoff)))
    .orderBy(asc(riskDeviceCommands.sentAt))
    .limit(RiskLimits.mdmCommandBatch);
  for (const { id } of stale) {
    await transaction(database, (tx) =>
      answerDeviceCommand(tx, deps.clock, { commandId: id, status: 'failed', failure: TIMEOUT_FAILURE }),
    );
  }
  return { sent, failed, timedOut: stale.length };
}
