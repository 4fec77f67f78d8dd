// Test scaffolding only: in-memory stores for the sandbox courier and the store pick-up carrier, and
// an in-memory replay guard. The server backs these interfaces with tables in phase 2; nothing here
// is for production use (it forgets everything on restart and is not shared between processes).
import type { ReplayGuard } from './carrier';
import type { SandboxCarrierStore, SandboxParcel } from './sandbox-carrier';
import type { StoreParcel, StoreParcelStore } from './store-pickup';

class MemoryParcels<P extends { waybill: { waybillNo: string } }> {
  readonly #parcels = new Map<string, P>();
  #serial = 0;

  async nextSerial(): Promise<number> {
    this.#serial += 1;
    return this.#serial;
  }

  async get(waybillNo: string): Promise<P | null> {
    const parcel = this.#parcels.get(waybillNo);
    return parcel === undefined ? null : structuredClone(parcel);
  }

  async put(parcel: P): Promise<void> {
    this.#parcels.set(parcel.waybill.waybillNo, structuredClone(parcel));
  }
}

export function memorySandboxStore(): SandboxCarrierStore {
  return new MemoryParcels<SandboxParcel>();
}

export function memoryStoreParcels(): StoreParcelStore {
  return new MemoryParcels<StoreParcel>();
}

/** Remembers delivery ids until they expire; `clock` decides what has expired. */
export function memoryReplayGuard(clock: { now(): Date }): ReplayGuard {
  const seen = new Map<string, number>();
  return {
    async firstSeen(carrier, deliveryId, expiresAt) {
      const nowMs = clock.now().getTime();
      for (const [key, expiresMs] of seen) if (expiresMs <= nowMs) seen.delete(key);
      const key = `${carrier}:${deliveryId}`;
      if (seen.has(key)) return false;
      seen.set(key, expiresAt.getTime());
      return true;
    },
  };
}
