// Store pick-up (门店自提) as a carrier: the warehouse sends the phone to one of our stores, the store
// puts it on the shelf, and the customer collects it with a 6-digit pick-up code sent to them by
// SMS; a return works the other way (the customer drops the phone at a store). There is no outside
// courier, so there is no webhook: store staff scan each step at the counter (recordStoreScan). The
// pick-up code is the platform's one-time code (store-counter.ts checks it, with counted tries, before
// the `collected` scan is recorded); this class keeps only the parcel's story. A parcel nobody collects
// within the shelf time goes back to the warehouse (`uncollected`, the shipment `returned`).
// Waybill numbers are S10-shaped with service "ZT" (自提).
import { assert } from '@zulin/kernel';
import { beijingIso } from './beijing-time';
import type {
  Address,
  CarrierAdapter,
  CreateWaybillRequest,
  PickupBooking,
  PickupRequest,
  TrackingEvent,
  VerifiedWebhook,
  Waybill,
} from './carrier';
import { LogisticsErrors } from './errors';
import { renderLabelPdf } from './label-pdf';
import { LogisticsLimits } from './limits';
import { checkPickupWindow, checkWaybillRequest } from './parcel-checks';
import type { ShipmentState } from './shipment-states';
import { parseS10Number, s10Number } from './waybill-number';

export const storePickupCarrierCode = 'store_pickup';
export const storePickupService = 'ZT';

export interface PickupStore {
  code: string;
  name: { 'zh-CN': string; en: string };
  address: Address;
  /** Opening hours, Beijing time: collections and drop-offs are booked in these hours. */
  openHour: number;
  closeHour: number;
}

export interface StoreParcel {
  waybill: Waybill;
  storeCode: string;
  events: TrackingEvent[];
  cancelledAt: string | null;
}

export interface StoreParcelStore {
  nextSerial(): Promise<number>;
  get(waybillNo: string): Promise<StoreParcel | null>;
  put(parcel: StoreParcel): Promise<void>;
}

/** What store staff scan at the counter, and the shipment state each one means. */
export const storeScans = {
  sent_to_store: { state: 'in_transit', zh: '已从仓库发往门店', en: 'Sent from the warehouse to the store' },
  ready_at_store: {
    state: 'out_for_delivery',
    zh: '已到店，请凭取件码到店自提',
    en: 'Ready to collect at the store with your pick-up code',
  },
  collected: { state: 'delivered', zh: '已凭取件码取件', en: 'Collected with the pick-up code' },
  uncollected: {
    state: 'returned',
    zh: '超过保管期未取件，已退回仓库',
    en: 'Not collected within the shelf time; sent back to the warehouse',
  },
  dropped_off: { state: 'picked_up', zh: '客户已到店交还手机', en: 'Dropped off at the store by the customer' },
  sent_to_warehouse: { state: 'in_transit', zh: '已从门店发往仓库', en: 'Sent from the store to the warehouse' },
  received_at_warehouse: { state: 'delivered', zh: '仓库已签收', en: 'Received at the warehouse' },
} as const satisfies Record<string, { state: ShipmentState; zh: string; en: string }>;
export type StoreScan = keyof typeof storeScans;

/** The scans of a parcel, in order (each step lists what may come next): to the customer through a store, or back. */
const scanSequence: Readonly<Record<'outbound' | 'return', readonly (readonly StoreScan[])[]>> = {
  outbound: [['sent_to_store'], ['ready_at_store'], ['collected', 'uncollected']],
  return: [['dropped_off'], ['sent_to_warehouse'], ['received_at_warehouse']],
};

/** The scan a parcel expects next (the first of the choices), or null when its story is over. */
export function nextStoreScans(parcel: StoreParcel): readonly StoreScan[] {
  if (parcel.cancelledAt !== null) return [];
  return scanSequence[parcel.waybill.direction][parcel.events.length] ?? [];
}

/** Our own store pick-up as people read it (carrier-names.ts names shipments by it). */
export const storePickupCarrierName = { 'zh-CN': '门店自提', en: 'Store pick-up' } as const;

export class StorePickupCarrier implements CarrierAdapter {
  readonly code = storePickupCarrierCode;
  readonly name = storePickupCarrierName;
  readonly #stores: readonly PickupStore[];
  readonly #parcels: StoreParcelStore;

  constructor(options: { stores: readonly PickupStore[]; parcels: StoreParcelStore }) {
    this.#stores = options.stores;
    this.#parcels = options.parcels;
  }

  /** The store is named by `pickupPointCode`; the customer is the recipient (outbound) or the sender (return). */
  async createWaybill(request: CreateWaybillRequest): Promise<Waybill> {
    const store = this.#store(request.pickupPointCode ?? '');
    checkWaybillRequest(request);
    const waybillNo = s10Number({ service: storePickupService, serial: await this.#parcels.nextSerial() });
    const waybill: Waybill = {
      carrier: this.code,
      waybillNo,
      orderRef: request.orderRef,
      direction: request.direction,
      sender: request.sender,
      recipient: request.recipient,
      parcel: request.parcel,
      remark: request.remark ?? '',
      createdAt: beijingIso(request.now),
      sortCode: store.code,
    };
    await this.#parcels.put({ waybill, storeCode: store.code, events: [], cancelledAt: null });
    return waybill;
  }

  async labelPdf(waybillNo: string): Promise<Buffer> {
    const { waybill, storeCode } = await this.#parcel(waybillNo);
    const store = this.#store(storeCode);
    return renderLabelPdf({
      carrierName: this.name,
      serviceName: store.name,
      waybillNo,
      sortCode: `${store.code} 货架 Shelf`,
      recipient: waybill.recipient,
      sender: waybill.sender,
      parcel: waybill.parcel,
      remark: waybill.remark,
      orderRef: waybill.orderRef,
      printedAt: new Date(waybill.createdAt),
      notice: {
        'zh-CN': `凭取件码到店自提：${store.name['zh-CN']}，营业时间 ${store.openHour}:00–${store.closeHour}:00`,
        en: `Collect with the pick-up code at ${store.name.en}, open ${store.openHour}:00–${store.closeHour}:00`,
      },
    });
  }

  /** For a return: an hour at the store when the customer will bring the phone. */
  async bookPickup(request: PickupRequest): Promise<PickupBooking> {
    const parcel = await this.#parcel(request.waybillNo);
    const store = this.#store(parcel.storeCode);
    if (parcel.cancelledAt !== null || parcel.events.length > 0) {
      throw LogisticsErrors.LOGISTICS_CANCEL_TOO_LATE({ detail: 'The parcel is already on its way or cancelled.' });
    }
    const start = checkPickupWindow({ ...request, openHour: store.openHour, closeHour: store.closeHour });
    return {
      bookingId: `DO${parcel.waybill.waybillNo.slice(2, 11)}`,
      waybillNo: parcel.waybill.waybillNo,
      windowStart: beijingIso(start),
      windowEnd: beijingIso(new Date(start.getTime() + 3_600_000)),
      agent: `${store.name['zh-CN']} / ${store.name.en}`,
    };
  }

  async cancel(waybillNo: string, now: Date): Promise<void> {
    const parcel = await this.#parcel(waybillNo);
    if (parcel.cancelledAt !== null) return;
    if (parcel.events.length > 0) {
      throw LogisticsErrors.LOGISTICS_CANCEL_TOO_LATE({ detail: 'The parcel is already on its way.' });
    }
    await this.#parcels.put({ ...parcel, cancelledAt: beijingIso(now) });
  }

  async track(waybillNo: string): Promise<TrackingEvent[]> {
    return (await this.#parcel(waybillNo)).events;
  }

  async verifyWebhook(): Promise<VerifiedWebhook> {
    throw LogisticsErrors.LOGISTICS_CARRIER_UNSUPPORTED({
      detail: 'Stores report their scans at the counter, not by webhook.',
    });
  }

  /**
   * A counter scan by store or warehouse staff. A `collected` scan is recorded only after the caller
   * spent the customer's pick-up code (store-counter.ts).
   */
  async recordStoreScan(options: {
    waybillNo: string;
    scan: StoreScan;
    now: Date;
    staff: string;
  }): Promise<TrackingEvent> {
    const parcel = await this.#parcel(options.waybillNo);
    if (parcel.cancelledAt !== null)
      throw LogisticsErrors.LOGISTICS_CANCEL_TOO_LATE({ detail: 'The waybill was cancelled.' });
    const expected = nextStoreScans(parcel);
    if (!expected.includes(options.scan)) {
      throw LogisticsErrors.LOGISTICS_SHIPMENT_TRANSITION_NOT_ALLOWED({
        detail: `Expected the scan "${expected.join('" or "') || 'none'}" next, not "${options.scan}".`,
      });
    }
    assert(parcel.events.length < LogisticsLimits.eventsPerShipmentMax, 'a parcel keeps a bounded number of scans');
    const store = this.#store(parcel.storeCode);
    const scan = storeScans[options.scan];
    const event: TrackingEvent = {
      eventId: `${parcel.waybill.waybillNo}-${String(parcel.events.length + 1).padStart(2, '0')}`,
      carrier: this.code,
      waybillNo: parcel.waybill.waybillNo,
      state: scan.state,
      carrierCode: options.scan,
      occurredAt: beijingIso(options.now),
      location: store.name['zh-CN'],
      description: { 'zh-CN': `【${store.name['zh-CN']}】${scan.zh}`, en: `${store.name.en}: ${scan.en}` },
    };
    if (scan.state === 'delivered') event.signedBy = options.scan === 'collected' ? '本人（取件码）' : options.staff;
    await this.#parcels.put({ ...parcel, events: [...parcel.events, event] });
    return event;
  }

  /** The parcel as the carrier keeps it (404 LOGISTICS_WAYBILL_NOT_FOUND). */
  async parcel(waybillNo: string): Promise<StoreParcel> {
    return this.#parcel(waybillNo);
  }

  #store(code: string): PickupStore {
    const store = this.#stores.find((s) => s.code === code);
    if (store === undefined) {
      throw LogisticsErrors.LOGISTICS_ADDRESS_INVALID({
        detail: `No pick-up store ${code}.`,
        errors: [{ path: '/body/pickupPointCode', message: 'not one of our stores' }],
      });
    }
    return store;
  }

  async #parcel(waybillNo: string): Promise<StoreParcel> {
    const parcel = await this.#parcels.get(parseS10Number(waybillNo, storePickupService));
    if (parcel === null) throw LogisticsErrors.LOGISTICS_WAYBILL_NOT_FOUND({ detail: `No parcel ${waybillNo}.` });
    return parcel;
  }
}
