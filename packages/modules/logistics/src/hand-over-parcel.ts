// Handing a parcel over at the counter (门店取件): staff type the customer's 6-digit pick-up code.
// Before the command, `claimPickupTry` counts the try in its own transaction (platform one-time codes:
// kept whatever the command does), so five wrong codes lock the code (LOGISTICS_PICKUP_CODE_LOCKED,
// the counter re-issues one); no live code — expired with the shelf time, or never issued — is
// LOGISTICS_PICKUP_CODE_EXPIRED. In the command, `handOverParcel` spends the code and records the
// `collected` scan, applied to the shipment as a courier's signature (`logistics.shipment_delivered`:
// the rental's delivery, rent from the next day). A wrong code is LOGISTICS_PICKUP_CODE_INVALID with
// the tries left.
import type { Database, Executor } from '@zulin/db';
import { type CodeTry, claimCodeTry, spendCode } from '@zulin/platform';
import { eq } from 'drizzle-orm';
import { LogisticsErrors } from './errors';
import { LogisticsLimits } from './limits';
import { logisticsStoreParcels } from './schema';
import {
  applyCounterScan,
  getStoreParcel,
  loadStoreParcelForUpdate,
  pickupCodePolicy,
  pickupCodeSecret,
  pickupCodeSubject,
  type StoreCounterDeps,
  type StoreParcelView,
} from './store-parcels';
import { nextStoreScans } from './store-pickup';

export interface PickupTry {
  codeTry: CodeTry;
  triesLeft: number;
}

export async function claimPickupTry(
  database: Database,
  deps: Pick<StoreCounterDeps, 'clock'>,
  options: { waybillNo: string },
): Promise<PickupTry> {
  const outcome = await claimCodeTry(database, {
    policy: pickupCodePolicy,
    subject: pickupCodeSubject(options.waybillNo),
    now: deps.clock.now(),
  });
  if (outcome.kind === 'exhausted') {
    throw LogisticsErrors.LOGISTICS_PICKUP_CODE_LOCKED({
      detail: `${LogisticsLimits.pickupCodeTriesMax} wrong codes: issue a new pick-up code to the customer.`,
    });
  }
  if (outcome.kind === 'none') {
    throw LogisticsErrors.LOGISTICS_PICKUP_CODE_EXPIRED({
      detail: 'The parcel has no live pick-up code (not arrived, expired, or already used).',
    });
  }
  return { codeTry: outcome, triesLeft: outcome.triesLeft };
}

export async function handOverParcel(
  tx: Executor,
  deps: StoreCounterDeps,
  options: { waybillNo: string; code: string; attempt: PickupTry; staffId: string },
): Promise<StoreParcelView> {
  const now = deps.clock.now();
  const row = await loadStoreParcelForUpdate(tx, options.waybillNo);
  if (!nextStoreScans(row.parcel).includes('collected') || row.shelfUntil === null || row.shelfUntil <= now) {
    throw LogisticsErrors.LOGISTICS_STORE_PARCEL_NOT_WAITING({
      detail: 'The parcel is not on the shelf (not arrived, collected, or sent back after its shelf time).',
    });
  }
  const spent = await spendCode(tx, {
    secret: pickupCodeSecret(deps.masterKey),
    policy: pickupCodePolicy,
    subject: pickupCodeSubject(row.waybillNo),
    codeTry: options.attempt.codeTry,
    code: options.code,
    binding: row.waybillNo,
    now,
  });
  if (!spent) {
    if (options.attempt.triesLeft <= 0) {
      throw LogisticsErrors.LOGISTICS_PICKUP_CODE_LOCKED({
        detail: `${LogisticsLimits.pickupCodeTriesMax} wrong codes: issue a new pick-up code to the customer.`,
      });
    }
    throw LogisticsErrors.LOGISTICS_PICKUP_CODE_INVALID({
      detail: `Wrong pick-up code; ${options.attempt.triesLeft} tries left.`,
      errors: [{ path: '/body/code', message: 'wrong code', code: 'PICKUP_CODE_INVALID' }],
    });
  }
  await applyCounterScan(tx, deps, { waybillNo: row.waybillNo, scan: 'collected', staff: options.staffId, now });
  await tx
    .update(logisticsStoreParcels)
    .set({ finished: 1, updatedAt: now })
    .where(eq(logisticsStoreParcels.waybillNo, row.waybillNo));
  return getStoreParcel(tx, row.waybillNo);
}
