// The sandbox MDM: plays a real MDM with state of its own (its tables, never ours): it enrols phones
// by IMEI, queues commands, and tells us what happened by posting signed messages to our webhook,
// late and sometimes not at all, as real ones do. Test phones by the IMEI's 14th digit (the last
// before the check digit): 9 — the phone is offline (commands expire after 5 min, `device_offline`);
// 8 — the MDM takes commands and never answers (our own timeout fails them); any other — online:
// the phone acknowledges at the sandbox's next run. The sandbox routes move a phone and switch it
// on or off (docs/risk.md, "MDM sandbox").
import { type Database, type Executor, transaction } from '@zulin/db';
import { type Clock, newId } from '@zulin/kernel';
import { signBody } from '@zulin/platform';
import { and, asc, eq, lte } from 'drizzle-orm';
import { RiskErrors } from './errors';
import { RiskLimits } from './limits';
import type { MdmAdapter, MdmMessage } from './mdm';
import { riskMdmSandboxCommands, riskMdmSandboxDevices, riskMdmSandboxMessages } from './schema';

export const SANDBOX_OFFLINE_DIGIT = '9';
export const SANDBOX_SILENT_DIGIT = '8';
const behaviourOf = (imei: string) =>
  imei[13] === SANDBOX_OFFLINE_DIGIT ? 'offline' : imei[13] === SANDBOX_SILENT_DIGIT ? 'silent' : 'online';

const providerIdOf = (imei: string) => `mdmdev_${imei}`;

export function sandboxMdm(database: Database, clock: Clock): MdmAdapter {
  return {
    name: 'sandbox',
    async enrol(imei) {
      await database.db
        .insert(riskMdmSandboxDevices)
        .values({
          providerDeviceId: providerIdOf(imei),
          imei,
          online: behaviourOf(imei) !== 'offline',
          locked: false,
          enrolledAt: clock.now(),
        })
        .onConflictDoNothing();
      return { providerDeviceId: providerIdOf(imei) };
    },
    async send(command) {
      const [device] = await database.db
        .select()
        .from(riskMdmSandboxDevices)
        .where(eq(riskMdmSandboxDevices.providerDeviceId, command.providerDeviceId));
      if (device === undefined) return { accepted: false, reason: 'unknown_device' };
      await database.db
        .insert(riskMdmSandboxCommands)
        .values({
          providerCommandId: newId('mdmcmd', clock),
          providerDeviceId: command.providerDeviceId,
          merchantCommandId: command.merchantCommandId,
          kind: command.kind,
          status: 'queued',
          createdAt: clock.now(),
        })
        .onConflictDoNothing();
      const [queued] = await database.db
        .select({ providerCommandId: riskMdmSandboxCommands.providerCommandId })
        .from(riskMdmSandboxCommands)
        .where(eq(riskMdmSandboxCommands.merchantCommandId, command.merchantCommandId));
      return { accepted: true, providerCommandId: (queued as { providerCommandId: string }).providerCommandId };
    },
  };
}

async function queueMessage(tx: Executor, clock: Clock, message: MdmMessage): Promise<void> {
  await tx.insert(riskMdmSandboxMessages).values({
    id: message.id,
    body: JSON.stringify(message),
    status: 'pending',
    attempts: 0,
    dueAt: clock.now(),
    createdAt: clock.now(),
  });
}

/**
 * The sandbox phone does something: goes on- or offline, or reports where it is (a signed
 * `device.location` message, posted at the sandbox's next run).
 */
export async function actAsSandboxDevice(
  tx: Executor,
  clock: Clock,
  options: {
    imei: string;
    online?: boolean | undefined;
    location?: { lat: number; lng: number; accuracyM: number } | undefined;
  },
): Promise<{ imei: string; online: boolean; locked: boolean; messageId: string | null }> {
  {
    const [device] = await tx
      .select()
      .from(riskMdmSandboxDevices)
      .where(eq(riskMdmSandboxDevices.imei, options.imei))
      .for('update');
    if (device === undefined) throw RiskErrors.RISK_DEVICE_NOT_FOUND({ detail: 'The sandbox MDM has no such IMEI.' });
    const online = options.online ?? device.online;
    if (online !== device.online) {
      await tx
        .update(riskMdmSandboxDevices)
        .set({ online })
        .where(eq(riskMdmSandboxDevices.providerDeviceId, device.providerDeviceId));
    }
    let messageId: string | null = null;
    if (options.location !== undefined) {
      if (!online) throw RiskErrors.RISK_SANDBOX_DEVICE_OFFLINE();
      messageId = newId('mdmmsg', clock);
      await queueMessage(tx, clock, {
        id: messageId,
        type: 'device.location',
        deviceId: device.providerDeviceId,
        occurredAt: clock.now().toISOString(),
        location: options.location,
      });
    }
    return { imei: device.imei, online, locked: device.locked, messageId };
  }
}

/**
 * The phones pick up their queued commands: online ones do them and acknowledge, offline ones let
 * them expire (`device_offline`), silent ones never answer. Returns what it did.
 */
export async function runSandboxPhones(
  database: Database,
  clock: Clock,
): Promise<{ acknowledged: number; expired: number }> {
  return transaction(database, async (tx) => {
    const now = clock.now();
    const queued = await tx
      .select({ command: riskMdmSandboxCommands, device: riskMdmSandboxDevices })
      .from(riskMdmSandboxCommands)
      .innerJoin(
        riskMdmSandboxDevices,
        eq(riskMdmSandboxDevices.providerDeviceId, riskMdmSandboxCommands.providerDeviceId),
      )
      .where(eq(riskMdmSandboxCommands.status, 'queued'))
      .orderBy(asc(riskMdmSandboxCommands.createdAt), asc(riskMdmSandboxCommands.providerCommandId))
      .limit(RiskLimits.mdmSandboxBatch)
      .for('update', { of: riskMdmSandboxCommands });
    let acknowledged = 0;
    let expired = 0;
    for (const { command, device } of queued) {
      const behaviour = behaviourOf(device.imei);
      const common = {
        deviceId: device.providerDeviceId,
        commandId: command.providerCommandId,
        merchantCommandId: command.merchantCommandId,
        occurredAt: now.toISOString(),
      };
      if (device.online && behaviour !== 'silent') {
        await tx
          .update(riskMdmSandboxDevices)
          .set({ locked: command.kind === 'lock' })
          .where(eq(riskMdmSandboxDevices.providerDeviceId, device.providerDeviceId));
        await tx
          .update(riskMdmSandboxCommands)
          .set({ status: 'done' })
          .where(eq(riskMdmSandboxCommands.providerCommandId, command.providerCommandId));
        await queueMessage(tx, clock, { id: newId('mdmmsg', clock), type: 'command.acknowledged', ...common });
        acknowledged += 1;
      } else if (now.getTime() - command.createdAt.getTime() >= RiskLimits.mdmSandboxOfflineExpiryMs) {
        await tx
          .update(riskMdmSandboxCommands)
          .set({ status: 'expired' })
          .where(eq(riskMdmSandboxCommands.providerCommandId, command.providerCommandId));
        // A silent MDM drops the command without a word; an offline phone's expiry is reported.
        if (behaviour !== 'silent') {
          await queueMessage(tx, clock, {
            id: newId('mdmmsg', clock),
            type: 'command.failed',
            reason: 'device_offline',
            ...common,
          });
        }
        expired += 1;
      }
    }
    return { acknowledged, expired };
  });
}

/** Posts a signed message to our webhook: `fetch` in a running server, `app.inject` in tests. */
export type MdmPoster = (request: { headers: Record<string, string>; body: string }) => Promise<{ status: number }>;

/**
 * Posts the due messages, each signed at the moment of sending; a message not answered with a 2xx
 * is tried again later, and given up after `mdmSandboxAttempts`. The posts happen outside any
 * transaction; each result is recorded after.
 */
export async function deliverSandboxMdmMessages(
  database: Database,
  deps: { clock: Clock; secret: Buffer; post: MdmPoster },
): Promise<{ delivered: number; failed: number }> {
  const due = await database.db
    .select()
    .from(riskMdmSandboxMessages)
    .where(and(eq(riskMdmSandboxMessages.status, 'pending'), lte(riskMdmSandboxMessages.dueAt, deps.clock.now())))
    .orderBy(asc(riskMdmSandboxMessages.dueAt), asc(riskMdmSandboxMessages.id))
    .limit(RiskLimits.mdmSandboxBatch);
  let delivered = 0;
  let failed = 0;
  for (const message of due) {
    const t = Math.floor(deps.clock.now().getTime() / 1000);
    let status = 0;
    try {
      ({ status } = await deps.post({
        headers: { 'content-type': 'application/json', 'zulin-signature': signBody(deps.secret, message.body, t) },
        body: message.body,
      }));
    } catch {
      status = 0;
    }
    const ok = status >= 200 && status < 300;
    const attempts = message.attempts + 1;
    await database.db
      .update(riskMdmSandboxMessages)
      .set({
        attempts,
        lastStatus: status,
        status: ok ? 'delivered' : attempts >= RiskLimits.mdmSandboxAttempts ? 'abandoned' : 'pending',
        dueAt: new Date(deps.clock.now().getTime() + RiskLimits.mdmSandboxRetryMs * attempts),
      })
      .where(eq(riskMdmSandboxMessages.id, message.id));
    if (ok) delivered += 1;
    else failed += 1;
  }
  return { delivered, failed };
}
