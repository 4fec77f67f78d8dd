// Our pick-up stores (logistics_pickup_stores) and the store carrier backed by tables: the stores as
// data (read per call: a handful), its parcels in logistics_store_parcels and its S10 serial in
// logistics_counters. What the store counter's use cases (store-counter.ts) share lives here.
import type { Executor } from '@zulin/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Address } from './carrier';
import { LogisticsErrors } from './errors';
import { LogisticsLimits } from './limits';
import { logisticsCounters, logisticsPickupStores, logisticsStoreParcels } from './schema';
import { type PickupStore, type StoreParcelStore, StorePickupCarrier } from './store-pickup';

export type PickupStoreRow = typeof logisticsPickupStores.$inferSelect;

export interface PickupStoreView extends PickupStore {
  /** One line for a list: "上海市静安区南京西路 1266 号". */
  addressLine: string;
  phone: string;
}

export function pickupStoreView(row: PickupStoreRow): PickupStoreView {
  return {
    code: row.code,
    name: { 'zh-CN': row.nameZh, en: row.nameEn },
    address: row.address,
    openHour: row.openHour,
    closeHour: row.closeHour,
    addressLine: `${row.address.city}${row.address.district}${row.address.line}`,
    phone: row.address.phone,
  };
}

/** The stores open for pick-up, by code. */
export async function listPickupStores(db: Executor): Promise<PickupStoreView[]> {
  const rows = await db
    .select()
    .from(logisticsPickupStores)
    .where(eq(logisticsPickupStores.active, 1))
    .orderBy(asc(logisticsPickupStores.code))
    .limit(LogisticsLimits.pickupStoresListMax);
  return rows.map(pickupStoreView);
}

/** One open store, or 422 LOGISTICS_PICKUP_STORE_NOT_FOUND naming `path` (the checkout's field). */
export async function getPickupStore(
  db: Executor,
  code: string,
  path = '/body/pickupStoreCode',
): Promise<PickupStoreView> {
  const [row] = await db
    .select()
    .from(logisticsPickupStores)
    .where(and(eq(logisticsPickupStores.code, code), eq(logisticsPickupStores.active, 1)));
  if (row === undefined) {
    throw LogisticsErrors.LOGISTICS_PICKUP_STORE_NOT_FOUND({
      detail: `No open pick-up store ${code}.`,
      errors: [{ path, message: 'not one of our open stores' }],
    });
  }
  return pickupStoreView(row);
}

/** The store carrier's parcels in logistics_store_parcels (the executor: the database or a transaction). */
export function tableStoreParcels(db: Executor, clock: { now(): Date }): StoreParcelStore {
  return {
    async nextSerial() {
      const [row] = await db
        .insert(logisticsCounters)
        .values({ name: 'store_pickup.serial', value: 1 })
        .onConflictDoUpdate({ target: logisticsCounters.name, set: { value: sql`${logisticsCounters.value} + 1` } })
        .returning({ value: logisticsCounters.value });
      return Number(row?.value);
    },
    async get(waybillNo) {
      const [row] = await db
        .select({ parcel: logisticsStoreParcels.parcel })
        .from(logisticsStoreParcels)
        .where(eq(logisticsStoreParcels.waybillNo, waybillNo));
      return row?.parcel ?? null;
    },
    async put(parcel) {
      const now = clock.now();
      await db
        .insert(logisticsStoreParcels)
        .values({ waybillNo: parcel.waybill.waybillNo, storeCode: parcel.storeCode, parcel, updatedAt: now })
        .onConflictDoUpdate({ target: logisticsStoreParcels.waybillNo, set: { parcel, updatedAt: now } });
    },
  };
}

/** The store carrier over the tables, with every open store. */
export async function storePickupCarrier(db: Executor, clock: { now(): Date }): Promise<StorePickupCarrier> {
  return new StorePickupCarrier({ stores: await listPickupStores(db), parcels: tableStoreParcels(db, clock) });
}

const store = (
  code: string,
  nameZh: string,
  nameEn: string,
  address: Omit<Address, 'name'>,
  hours: [number, number],
): typeof logisticsPickupStores.$inferInsert => ({
  code,
  nameZh,
  nameEn,
  address: { name: `Zulin ${nameZh}`, ...address },
  openHour: hours[0],
  closeHour: hours[1],
  active: 1,
  createdAt: new Date(0),
});

/** Demo stores (idempotent, one statement). */
export const demoPickupStores = [
  store(
    'SH-JA01',
    '上海静安门店',
    'Shanghai Jing’an store',
    { phone: '+8613910000201', province: '上海市', city: '上海市', district: '静安区', line: '南京西路 1266 号 1 楼' },
    [10, 21],
  ),
  store(
    'BJ-HD01',
    '北京中关村门店',
    'Beijing Zhongguancun store',
    { phone: '+8613910000202', province: '北京市', city: '北京市', district: '海淀区', line: '中关村大街 15 号' },
    [10, 21],
  ),
  store(
    'SZ-NS01',
    '深圳南山门店',
    'Shenzhen Nanshan store',
    { phone: '+8613910000203', province: '广东省', city: '深圳市', district: '南山区', line: '科技园科苑路 8 号' },
    [9, 20],
  ),
];

export async function seedPickupStores(db: Executor, now: Date): Promise<number> {
  const inserted = await db
    .insert(logisticsPickupStores)
    .values(demoPickupStores.map((s) => ({ ...s, createdAt: now })))
    .onConflictDoNothing()
    .returning({ code: logisticsPickupStores.code });
  return inserted.length;
}
