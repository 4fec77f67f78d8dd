// The counter issues a new pick-up code for a parcel on the shelf (the customer lost it, or five wrong
// codes locked the old one): the newest code is the only one that counts, the shelf time stays.
import type { Executor } from '@zulin/db';
import { LogisticsErrors } from './errors';
import { getPickupStore } from './pickup-stores';
import {
  getStoreParcel,
  issuePickupCode,
  loadStoreParcelForUpdate,
  type StoreCounterDeps,
  type StoreParcelView,
} from './store-parcels';
import { nextStoreScans } from './store-pickup';

export async function reissuePickupCode(
  tx: Executor,
  deps: StoreCounterDeps,
  options: { waybillNo: string },
): Promise<StoreParcelView> {
  const now = deps.clock.now();
  const row = await loadStoreParcelForUpdate(tx, options.waybillNo);
  if (!nextStoreScans(row.parcel).includes('collected') || row.shelfUntil === null || row.shelfUntil <= now) {
    throw LogisticsErrors.LOGISTICS_STORE_PARCEL_NOT_WAITING({
      detail: 'Only a parcel waiting on the shelf within its shelf time gets a pick-up code.',
    });
  }
  const store = await getPickupStore(tx, row.storeCode, '/params/waybillNo');
  await issuePickupCode(tx, deps, { row, store, shelfUntil: row.shelfUntil, now });
  return getStoreParcel(tx, row.waybillNo);
}
