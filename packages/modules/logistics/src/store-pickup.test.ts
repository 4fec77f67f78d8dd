import { isAppError } from '@zulin/kernel';
import { describe, expect, it } from 'vitest';
import type { Address } from './carrier';
import { applyTrackingEvent, firstScanAt, newShipmentTrack } from './shipment-states';
import { type PickupStore, StorePickupCarrier, type StoreScan } from './store-pickup';
import { memoryStoreParcels } from './testing';

const warehouse: Address = {
  name: '北京仓',
  phone: '+8613800138000',
  province: '北京市',
  city: '北京市',
  district: '大兴区',
  line: '科创十三街 18 号',
};
const customer: Address = {
  name: '王五',
  phone: '+8613712345678',
  province: '北京市',
  city: '北京市',
  district: '海淀区',
  line: '中关村大街 1 号',
};
const stores: PickupStore[] = [
  {
    code: 'BJ02',
    name: { 'zh-CN': '北京中关村店', en: 'Beijing Zhongguancun store' },
    address: customer,
    openHour: 10,
    closeHour: 21,
  },
];
const bj = (s: string) => new Date(`${s}+08:00`);

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return isAppError(e) ? e.code : String(e);
  }
  return 'accepted';
}

function setUp() {
  const carrier = new StorePickupCarrier({
    stores,
    parcels: memoryStoreParcels(),
  });
  const create = (direction: 'outbound' | 'return', pickupPointCode = 'BJ02') =>
    carrier.createWaybill({
      orderRef: 'ord_store',
      direction,
      sender: direction === 'outbound' ? warehouse : customer,
      recipient: direction === 'outbound' ? customer : warehouse,
      parcel: { weightGrams: 650, declaredValueMinor: 599_900, contents: '手机 ×1' },
      pickupPointCode,
      now: bj('2027-03-01T09:00:00'),
    });
  const scan = (waybillNo: string, s: StoreScan, at: string) =>
    carrier.recordStoreScan({ waybillNo, scan: s, now: bj(at), staff: 'staff_li' });
  return { carrier, create, scan };
}

describe('store pick-up as a carrier', () => {
  it('goes to the store, waits on the shelf and is collected (the code is checked by store-counter.ts)', async () => {
    const { carrier, create, scan } = setUp();
    const { waybillNo, sortCode } = await create('outbound');
    expect(waybillNo).toBe('ZT000000014CN');
    expect(sortCode).toBe('BJ02');
    await scan(waybillNo, 'sent_to_store', '2027-03-01T14:00:00');
    await scan(waybillNo, 'ready_at_store', '2027-03-02T09:30:00');
    const collected = await scan(waybillNo, 'collected', '2027-03-02T18:05:00');
    expect(collected).toMatchObject({
      state: 'delivered',
      occurredAt: '2027-03-02T18:05:00+08:00',
      location: '北京中关村店',
      signedBy: '本人（取件码）',
    });
    let track = newShipmentTrack();
    for (const e of await carrier.track(waybillNo)) track = applyTrackingEvent(track, e).track;
    expect(track.state).toBe('delivered');
    expect(await codeOf(scan(waybillNo, 'uncollected', '2027-03-09T18:05:00'))).toBe(
      'LOGISTICS_SHIPMENT_TRANSITION_NOT_ALLOWED',
    );
  });

  it('sends an uncollected parcel back: the shipment ends returned', async () => {
    const { carrier, create, scan } = setUp();
    const { waybillNo } = await create('outbound');
    expect(await codeOf(scan(waybillNo, 'uncollected', '2027-03-01T14:00:00'))).toBe(
      'LOGISTICS_SHIPMENT_TRANSITION_NOT_ALLOWED',
    );
    await scan(waybillNo, 'sent_to_store', '2027-03-01T14:00:00');
    await scan(waybillNo, 'ready_at_store', '2027-03-02T09:30:00');
    await scan(waybillNo, 'uncollected', '2027-03-09T09:30:00');
    let track = newShipmentTrack();
    for (const e of await carrier.track(waybillNo)) track = applyTrackingEvent(track, e).track;
    expect(track.state).toBe('returned');
  });

  it('takes the scans in order only', async () => {
    const { create, scan } = setUp();
    const { waybillNo } = await create('outbound');
    expect(await codeOf(scan(waybillNo, 'ready_at_store', '2027-03-01T14:00:00'))).toBe(
      'LOGISTICS_SHIPMENT_TRANSITION_NOT_ALLOWED',
    );
    expect(await codeOf(scan(waybillNo, 'dropped_off', '2027-03-01T14:00:00'))).toBe(
      'LOGISTICS_SHIPMENT_TRANSITION_NOT_ALLOWED',
    );
  });

  it('takes a return at the counter: the drop-off is the first scan, which stops the rent', async () => {
    const { carrier, create, scan } = setUp();
    const { waybillNo } = await create('return');
    const booking = await carrier.bookPickup({
      waybillNo,
      windowStart: '2027-03-05T19:00:00+08:00',
      now: bj('2027-03-05T12:00:00'),
    });
    expect(booking).toMatchObject({ windowStart: '2027-03-05T19:00:00+08:00', windowEnd: '2027-03-05T20:00:00+08:00' });
    expect(
      await codeOf(
        carrier.bookPickup({ waybillNo, windowStart: '2027-03-05T21:00:00+08:00', now: bj('2027-03-05T12:00:00') }),
      ),
    ).toBe('LOGISTICS_PICKUP_WINDOW_INVALID');
    await scan(waybillNo, 'dropped_off', '2027-03-05T19:20:00');
    await scan(waybillNo, 'sent_to_warehouse', '2027-03-06T10:00:00');
    await scan(waybillNo, 'received_at_warehouse', '2027-03-07T11:00:00');
    const events = await carrier.track(waybillNo);
    expect(events.map((e) => e.state)).toEqual(['picked_up', 'in_transit', 'delivered']);
    expect(firstScanAt(events)).toBe('2027-03-05T19:20:00+08:00');
  });

  it('cancels before the first scan only, knows its stores, and has no webhook', async () => {
    const { carrier, create, scan } = setUp();
    expect(await codeOf(create('outbound', 'SH99'))).toBe('LOGISTICS_ADDRESS_INVALID');
    const a = await create('outbound');
    await carrier.cancel(a.waybillNo, bj('2027-03-01T10:00:00'));
    expect(await codeOf(scan(a.waybillNo, 'sent_to_store', '2027-03-01T14:00:00'))).toBe('LOGISTICS_CANCEL_TOO_LATE');
    const b = await create('outbound');
    await scan(b.waybillNo, 'sent_to_store', '2027-03-01T14:00:00');
    expect(await codeOf(carrier.cancel(b.waybillNo, bj('2027-03-01T15:00:00')))).toBe('LOGISTICS_CANCEL_TOO_LATE');
    expect(await codeOf(carrier.verifyWebhook())).toBe('LOGISTICS_CARRIER_UNSUPPORTED');
  });

  it('prints a shelf slip naming the store', async () => {
    const { carrier, create } = setUp();
    const { waybillNo } = await create('outbound');
    const pdf = await carrier.labelPdf(waybillNo);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
