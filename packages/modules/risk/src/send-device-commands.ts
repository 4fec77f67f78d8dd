// The sweep `risk.mdm_commands`: hands each pending command to the MDM (outside any transaction,
// then records what it said), and fails the commands the MDM has not answered within
// `mdmCommandTimeoutMs` (`timeout`). A command the MDM cannot be reached for is tried again on the
// next run, `mdmSendAttempts` times in all, then fails (`mdm_unreachable`); one it refuses fails at
// once with its reason. The MDM dedupes by our command id, so a retry never sends a command twice.
import { type Database, transaction } from '@zulin/db';
import { and, asc, eq, lte } from 'drizzle-orm';
import type { MdmDeps } from './adapters';
import { answerDeviceCommand, TIMEOUT_FAILURE } from './answer-device-command';
import { RiskLimits } from './limits';
import type { MdmSendAnswer } from './mdm';
import { riskDeviceCommands, riskDevices } from './schema';

export async function sendDeviceCommands(
  database: Database,
  deps: MdmDeps,
): Promise<{ sent: number; failed: number; timedOut: number }> {
  const pending = await database.db
    .select({ command: riskDeviceCommands, providerDeviceId: riskDevices.providerDeviceId })
    .from(riskDeviceCommands)
    .innerJoin(riskDevices, eq(riskDevices.id, riskDeviceCommands.deviceId))
    .where(eq(riskDeviceCommands.status, 'pending'))
    .orderBy(asc(riskDeviceCommands.createdAt), asc(riskDeviceCommands.id))
    .limit(RiskLimits.mdmCommandBatch);
  let sent = 0;
  let failed = 0;
  for (const { command, providerDeviceId } of pending) {
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
