// The store scans a parcel from the warehouse as arrived (门店到货): the parcel goes on the shelf
// (`ready_at_store`, the shipment `out_for_delivery`; the warehouse's hand-over to the store's run,
// `sent_to_store`, is recorded first when nobody scanned it), its shelf time starts, and the customer
// gets a 6-digit pick-up code (platform one-time code) by SMS and in the app — all in one transaction.
import type { Executor } from '@zulin/db';
import { getPickupStore } from './pickup-stores';
import {
  applyCounterScan,
  getStoreParcel,
  issuePickupCode,
  loadStoreParcelForUpdate,
  type StoreCounterDeps,
  type StoreParcelView,
  shelfEnd,
} from './store-parcels';

export async function arriveAtStore(
  tx: Executor,
  deps: StoreCounterDeps,
  options: { waybillNo: string; staffId: string },
): Promise<StoreParcelView> {
  const now = deps.clock.now();
  const row = await loadStoreParcelForUpdate(tx, options.waybillNo);
  const scan = { waybillNo: row.waybillNo, staff: options.staffId, now };
  // The machine refuses a return parcel or a second arrival (LOGISTICS_SHIPMENT_TRANSITION_NOT_ALLOWED).
  if (row.parcel.waybill.direction === 'outbound' && row.parcel.events.length === 0) {
    await applyCounterScan(tx, deps, { ...scan, scan: 'sent_to_store' });
  }
  await applyCounterScan(tx, deps, { ...scan, scan: 'ready_at_store' });
  const store = await getPickupStore(tx, row.storeCode, '/params/waybillNo');
  await issuePickupCode(tx, deps, { row, store, shelfUntil: shelfEnd(now, deps.timeZone), now });
  return getStoreParcel(tx, row.waybillNo);
}
