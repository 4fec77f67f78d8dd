// A rented phone is monitored from its delivery until it comes back, is settled or is bought out.
// The rental journey tells risk both ends in its own transactions (its subscriber on
// `rental.order_transitioned`): `requestEnrolment` on delivery records what to enrol (one per order),
// and the sweep `risk.mdm_enrolments` asks the MDM after commit (an outside system is never called
// inside a transaction; enrolment is idempotent by IMEI there), then records the device as the
// system. `releaseDevice` ends the monitoring: a pending enrolment is called off, the device keeps its
// history but takes no more lock commands (a lock still waiting for the sweep is cancelled in the same
// transaction; an unlock still goes, so a phone locked when bought out is freed) nor location reports
// (apply-mdm-message.ts), and frees its IMEI for the phone's next rental.
import { type Database, type Executor, transaction } from '@zulin/db';
import { customerIsActive, recordAudit } from '@zulin/identity';
import { assert, type Clock, newId } from '@zulin/kernel';
import { and, asc, eq, inArray, isNull, ne, type SQL } from 'drizzle-orm';
import type { MdmDeps } from './adapters';
import { emitCommandAnswered } from './answer-device-command';
import { enrolAtMdm, recordEnrolment } from './enrol-device';
import type { EnrolmentStatus } from './kinds';
import { RiskLimits } from './limits';
import { imeiValid } from './mdm';
import { riskDeviceCommands, riskDeviceEnrolments, riskDevices } from './schema';

export type EnrolmentRow = typeof riskDeviceEnrolments.$inferSelect;

/** The failure of a lock command called off because its phone was released first. */
export const RELEASED_FAILURE = 'device_released';

/**
 * Records that the order's phone is to be enrolled (on delivery, and for the new phone of a fault
 * swap); a repeat for the same order and IMEI changes nothing. With `again` (a swap, which may bring
 * back a phone the order had before), a finished request for that order and IMEI is opened again —
 * unless the phone is monitored for the order right now, so a repeat still changes nothing.
 */
export async function requestEnrolment(
  tx: Executor,
  clock: Clock,
  input: { reference: string; imei: string; customerId: string; again?: boolean },
): Promise<'requested' | 'already_requested' | 'invalid_imei'> {
  const now = clock.now();
  // A unit with an IMEI the MDM would refuse is recorded as failed at once, for staff to see.
  const valid = imeiValid(input.imei);
  const [row] = await tx
    .insert(riskDeviceEnrolments)
    .values({
      id: newId('renr', clock),
      reference: input.reference,
      imei: input.imei,
      customerId: input.customerId,
      status: valid ? 'pending' : 'failed',
      failure: valid ? null : 'invalid_imei',
      requestedAt: now,
      doneAt: valid ? null : now,
    })
    .onConflictDoNothing()
    .returning({ id: riskDeviceEnrolments.id });
  if (row === undefined) return input.again === true && valid ? requestAgain(tx, now, input) : 'already_requested';
  return valid ? 'requested' : 'invalid_imei';
}

async function requestAgain(
  tx: Executor,
  now: Date,
  input: { reference: string; imei: string; customerId: string },
): Promise<'requested' | 'already_requested'> {
  const [monitored] = await tx
    .select({ id: riskDevices.id })
    .from(riskDevices)
    .where(
      and(eq(riskDevices.reference, input.reference), eq(riskDevices.imei, input.imei), isNull(riskDevices.releasedAt)),
    )
    .limit(1);
  if (monitored !== undefined) return 'already_requested';
  const [reopened] = await tx
    .update(riskDeviceEnrolments)
    .set({
      status: 'pending',
      customerId: input.customerId,
      attempts: 0,
      failure: null,
      deviceId: null,
      requestedAt: now,
      doneAt: null,
    })
    .where(
      and(
        eq(riskDeviceEnrolments.reference, input.reference),
        eq(riskDeviceEnrolments.imei, input.imei),
        ne(riskDeviceEnrolments.status, 'pending'),
      ),
    )
    .returning({ id: riskDeviceEnrolments.id });
  return reopened === undefined ? 'already_requested' : 'requested';
}

/**
 * Ends the monitoring of the order's phones (returned, settled, bought out), or of one of them by
 * its IMEI (the faulty phone of a swap). Idempotent.
 */
export async function releaseDevice(
  tx: Executor,
  clock: Clock,
  input: { reference: string; reason: string; imei?: string | undefined },
): Promise<{ released: number; cancelled: number; commandsCancelled: number }> {
  const now = clock.now();
  const cancelled = await tx
    .update(riskDeviceEnrolments)
    .set({ status: 'cancelled', doneAt: now })
    .where(
      and(
        eq(riskDeviceEnrolments.reference, input.reference),
        input.imei === undefined ? undefined : eq(riskDeviceEnrolments.imei, input.imei),
        eq(riskDeviceEnrolments.status, 'pending'),
      ),
    )
    .returning({ id: riskDeviceEnrolments.id });
  const { released, commandsCancelled } = await endMonitoring(
    tx,
    now,
    and(
      eq(riskDevices.reference, input.reference),
      input.imei === undefined ? undefined : eq(riskDevices.imei, input.imei),
      isNull(riskDevices.releasedAt),
    ),
    input.reason,
  );
  return { released, cancelled: cancelled.length, commandsCancelled };
}

/**
 * Releases the devices `which` selects: each audited `risk.device_released`, and its locks the sweep
 * has not handed to the MDM yet called off (`cancelled`, `device_released`, audited), so a released
 * phone is never locked by them. A lock already sent cannot be recalled (the adapter has no cancel);
 * its answer still counts. Pending unlocks still go.
 */
async function endMonitoring(
  tx: Executor,
  now: Date,
  which: SQL | undefined,
  reason: string,
): Promise<{ released: number; commandsCancelled: number }> {
  const released = await tx
    .update(riskDevices)
    .set({ releasedAt: now, releaseReason: reason })
    .where(which)
    .returning({ id: riskDevices.id, customerId: riskDevices.customerId, reference: riskDevices.reference });
  if (released.length === 0) return { released: 0, commandsCancelled: 0 };
  const commandsCancelled = await cancelPendingLocks(tx, now, released);
  for (const device of released) {
    await recordAudit(tx, {
      actor: { kind: 'system' },
      action: 'risk.device_released',
      targetType: 'risk_device',
      targetId: device.id,
      detail: { reference: device.reference, reason, customerId: device.customerId },
      at: now,
    });
  }
  return { released: released.length, commandsCancelled };
}

/** Calls off the pending (not yet sent) locks of released devices, each audited. Answers how many. */
export async function cancelPendingLocks(
  tx: Executor,
  now: Date,
  devices: readonly { id: string; reference: string | null; customerId: string }[],
): Promise<number> {
  if (devices.length === 0) return 0;
  const cancelled = await tx
    .update(riskDeviceCommands)
    .set({ status: 'cancelled', failure: RELEASED_FAILURE, answeredAt: now })
    .where(
      and(
        inArray(
          riskDeviceCommands.deviceId,
          devices.map((d) => d.id),
        ),
        eq(riskDeviceCommands.kind, 'lock'),
        eq(riskDeviceCommands.status, 'pending'),
      ),
    )
    .returning({ id: riskDeviceCommands.id, deviceId: riskDeviceCommands.deviceId });
  const deviceOf = new Map(devices.map((d) => [d.id, d]));
  for (const command of cancelled) {
    const device = deviceOf.get(command.deviceId);
    assert(device !== undefined, 'a cancelled command of a device released here');
    await emitCommandAnswered(tx, now, {
      device,
      command: { id: command.id, kind: 'lock' },
      status: 'cancelled',
      failure: RELEASED_FAILURE,
    });
    await recordAudit(tx, {
      actor: { kind: 'system' },
      action: 'risk.device_lock_cancelled',
      targetType: 'risk_device',
      targetId: command.deviceId,
      detail: {
        commandId: command.id,
        failure: RELEASED_FAILURE,
        reference: device.reference,
      },
      at: now,
    });
  }
  return cancelled.length;
}

/** The sweep `risk.mdm_enrolments`: enrols the phones asked for, oldest first. */
export async function enrolRequestedDevices(
  database: Database,
  deps: MdmDeps,
): Promise<{ enrolled: number; failed: number; retry: number }> {
  const pending = await database.db
    .select()
    .from(riskDeviceEnrolments)
    .where(eq(riskDeviceEnrolments.status, 'pending'))
    .orderBy(asc(riskDeviceEnrolments.requestedAt), asc(riskDeviceEnrolments.id))
    .limit(RiskLimits.mdmEnrolmentBatch);
  const counts = { enrolled: 0, failed: 0, retry: 0 };
  for (const request of pending) {
    let providerDeviceId: string | null = null;
    let failure = 'mdm_unreachable';
    try {
      ({ providerDeviceId } = await enrolAtMdm(deps, request.imei));
    } catch (error) {
      failure = error instanceof Error && 'code' in error ? String(error.code) : 'mdm_unreachable';
    }
    const outcome = await transaction(database, async (tx): Promise<EnrolmentStatus | 'retry'> => {
      const [current] = await tx
        .select()
        .from(riskDeviceEnrolments)
        .where(eq(riskDeviceEnrolments.id, request.id))
        .for('update');
      // Released (or done by another run) while we were asking the MDM.
      if (current?.status !== 'pending') return 'retry';
      const attempts = current.attempts + 1;
      const now = deps.clock.now();
      if (providerDeviceId === null) {
        const givenUp = attempts >= RiskLimits.mdmEnrolAttempts;
        await tx
          .update(riskDeviceEnrolments)
          .set({ attempts, failure, ...(givenUp ? { status: 'failed' as const, doneAt: now } : {}) })
          .where(eq(riskDeviceEnrolments.id, request.id));
        if (givenUp) {
          await recordAudit(tx, {
            actor: { kind: 'system' },
            action: 'risk.device_enrolment_failed',
            targetType: 'risk_device_enrolment',
            targetId: request.id,
            detail: { reference: request.reference, failure, attempts },
            at: now,
          });
        }
        return givenUp ? 'failed' : 'retry';
      }
      if (!(await customerIsActive(tx, request.customerId))) {
        await tx
          .update(riskDeviceEnrolments)
          .set({ attempts, status: 'failed', failure: 'customer_inactive', doneAt: now })
          .where(eq(riskDeviceEnrolments.id, request.id));
        return 'failed';
      }
      // The phone still monitored for an earlier rental whose release never came: that one ends.
      await endMonitoring(
        tx,
        now,
        and(eq(riskDevices.imei, request.imei), isNull(riskDevices.releasedAt)),
        'enrolled_again',
      );
      const device = await recordEnrolment(
        tx,
        deps,
        { kind: 'system' },
        { imei: request.imei, customerId: request.customerId, reference: request.reference, providerDeviceId },
      );
      await tx
        .update(riskDeviceEnrolments)
        .set({ attempts, status: 'enrolled', deviceId: device.id, failure: null, doneAt: now })
        .where(eq(riskDeviceEnrolments.id, request.id));
      return 'enrolled';
    });
    if (outcome === 'enrolled') counts.enrolled += 1;
    else if (outcome === 'failed') counts.failed += 1;
    else if (providerDeviceId === null) counts.retry += 1;
  }
  return counts;
}
