// The server's backing of the carriers' memories (phase 2): the sandbox courier's parcels and serial
// counter in tables (logistics_sandbox_parcels, logistics_counters), and the webhook replay guard in
// logistics_webhook_nonces. Each takes an executor: the database for a carrier call made outside a
// transaction, or a transaction.
import type { Executor } from '@zulin/db';
import { eq, lt, sql } from 'drizzle-orm';
import type { ReplayGuard } from './carrier';
import type { SandboxCarrierStore, SandboxParcel } from './sandbox-carrier';
import { logisticsCounters, logisticsSandboxParcels, logisticsWebhookNonces } from './schema';

export function sandboxCarrierStore(db: Executor, clock: { now(): Date }): SandboxCarrierStore {
  return {
    async nextSerial() {
      const [row] = await db
        .insert(logisticsCounters)
        .values({ name: 'sandbox_express.serial', value: 1 })
        .onConflictDoUpdate({ target: logisticsCounters.name, set: { value: sql`${logisticsCounters.value} + 1` } })
        .returning({ value: logisticsCounters.value });
      return Number(row?.value);
    },
    async get(waybillNo) {
      const [row] = await db
        .select({ parcel: logisticsSandboxParcels.parcel })
        .from(logisticsSandboxParcels)
        .where(eq(logisticsSandboxParcels.waybillNo, waybillNo));
      return row?.parcel ?? null;
    },
    async put(parcel: SandboxParcel) {
      const now = clock.now();
      await db
        .insert(logisticsSandboxParcels)
        .values({ waybillNo: parcel.waybill.waybillNo, parcel, updatedAt: now })
        .onConflictDoUpdate({ target: logisticsSandboxParcels.waybillNo, set: { parcel, updatedAt: now } });
    },
  };
}

/** Remembers each delivery id (nonce) until it expires; the insert decides, so two racing copies cannot both pass. */
export function tableReplayGuard(db: Executor, clock: { now(): Date }): ReplayGuard {
  return {
    async firstSeen(carrier, deliveryId, expiresAt) {
      await db.delete(logisticsWebhookNonces).where(lt(logisticsWebhookNonces.expiresAt, clock.now()));
      const inserted = await db
        .insert(logisticsWebhookNonces)
        .values({ carrier, nonce: deliveryId, expiresAt })
        .onConflictDoNothing()
        .returning({ nonce: logisticsWebhookNonces.nonce });
      return inserted.length === 1;
    },
  };
}
