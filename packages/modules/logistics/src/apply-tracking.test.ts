// Tracking applied to a stored shipment, as the inbox handler does: a jump ahead is taken, a duplicate
// ignored, a late scan kept without moving the state, and the rental's moments (first scan, signature)
// published exactly once each.
import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { applyCarrierEvents } from './apply-tracking';
import { cancelShipment } from './cancel-shipment';
import type { TrackingEvent, Waybill } from './carrier';
import { logisticsModule } from './module';
import { recordShipment } from './record-shipment';

const address = {
  name: '张三',
  phone: '+8613800138000',
  province: '北京市',
  city: '北京市',
  district: '东城区',
  line: '东四 1 号',
};

const scan = (n: number, state: TrackingEvent['state'], at: string, code: string): TrackingEvent => ({
  eventId: `ZS000000014CN-0${n}`,
  carrier: 'sandbox_express',
  waybillNo: 'ZS000000014CN',
  state,
  carrierCode: code,
  occurredAt: at,
  location: '北京市',
  description: { 'zh-CN': code, en: code },
});

describeDb('applying a carrier’s tracking to a shipment', (get) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules: [logisticsModule], now: '2027-01-30T02:00:00Z' });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('a jump ahead is taken, a duplicate ignored, a late scan kept; scanned and delivered published once', async () => {
    const waybill: Waybill = {
      carrier: 'sandbox_express',
      waybillNo: 'ZS000000014CN',
      orderRef: 'rord_test',
      direction: 'outbound',
      sender: address,
      recipient: address,
      parcel: { weightGrams: 500, declaredValueMinor: 799_900, contents: '手机 ×1' },
      remark: '',
      createdAt: '2027-01-30T10:00:00+08:00',
      sortCode: '010-11',
    };
    const now = s.clock.now();
    const shipment = await transaction(s.ctx.database, (tx) =>
      recordShipment(tx, {
        waybill,
        summary: {
          recipientName: '张*',
          recipientPhone: '138****8000',
          city: '北京市',
          contents: '手机 ×1',
          imei: null,
          unitId: null,
          customerId: null,
        },
        createdBy: null,
        now,
      }),
    );
    const apply = (events: TrackingEvent[]) =>
      transaction(s.ctx.database, (tx) => applyCarrierEvents(tx, { carrier: 'sandbox_express', events, now }));
    // Collected, then (scans skipped) signed for: taken.
    expect(
      await apply([
        scan(1, 'picked_up', '2027-01-30T11:20:00+08:00', 'COLLECTED'),
        scan(5, 'delivered', '2027-01-31T10:05:00+08:00', 'SIGNED'),
      ]),
    ).toEqual({ applied: 2, unchanged: 0, unknown: 0 });
    // The same push again, a late departure scan, and a waybill we never issued.
    expect(
      await apply([
        scan(1, 'picked_up', '2027-01-30T11:20:00+08:00', 'COLLECTED'),
        scan(2, 'in_transit', '2027-01-30T14:20:00+08:00', 'DEPARTED'),
        { ...scan(9, 'picked_up', '2027-01-30T11:20:00+08:00', 'COLLECTED'), waybillNo: 'ZS000000028CN' },
      ]),
    ).toEqual({ applied: 0, unchanged: 2, unknown: 1 });
    const [row] = await queryRows<{ state: string; n: number; first_scan_at: string; delivered_at: string }>(
      s.ctx.database.db,
      sql`select state, jsonb_array_length(events)::int as n, first_scan_at::text, delivered_at::text
          from logistics_shipments where id = ${shipment.id}`,
    );
    expect(row).toMatchObject({ state: 'delivered', n: 3 });
    expect(new Date(row?.first_scan_at ?? '').toISOString()).toBe('2027-01-30T03:20:00.000Z');
    expect(new Date(row?.delivered_at ?? '').toISOString()).toBe('2027-01-31T02:05:00.000Z');
    const published = await queryRows<{ type: string }>(
      s.ctx.database.db,
      sql`select type from outbox where aggregate_id = ${shipment.id} order by seq`,
    );
    expect(published.map((e) => e.type)).toEqual([
      'logistics.shipment_created',
      'logistics.shipment_scanned',
      'logistics.shipment_delivered',
    ]);
  });

  test('a withdrawn waybill’s scans are kept but start nothing', async () => {
    const now = s.clock.now();
    const waybill: Waybill = {
      carrier: 'sandbox_express',
      waybillNo: 'ZS000000031CN',
      orderRef: 'rord_withdrawn',
      direction: 'return',
      sender: address,
      recipient: address,
      parcel: { weightGrams: 500, declaredValueMinor: 799_900, contents: '手机 ×1' },
      remark: '',
      createdAt: '2027-01-30T10:00:00+08:00',
      sortCode: '010-11',
    };
    const summary = {
      recipientName: '张*',
      recipientPhone: '138****8000',
      city: '北京市',
      contents: '手机 ×1',
      imei: null,
      unitId: null,
      customerId: null,
    };
    const shipment = await transaction(s.ctx.database, async (tx) => {
      const row = await recordShipment(tx, { waybill, summary, createdBy: null, now });
      return cancelShipment(tx, { shipmentId: row.id, now });
    });
    expect(shipment.state).toBe('cancelled');
    const collected = { ...scan(1, 'picked_up', '2027-01-30T11:20:00+08:00', 'COLLECTED'), waybillNo: 'ZS000000031CN' };
    const report = await transaction(s.ctx.database, (tx) =>
      applyCarrierEvents(tx, { carrier: 'sandbox_express', events: [collected], now }),
    );
    expect(report).toEqual({ applied: 0, unchanged: 1, unknown: 0 });
    const published = await queryRows<{ type: string }>(
      s.ctx.database.db,
      sql`select type from outbox where aggregate_id = ${shipment.id} order by seq`,
    );
    expect(published.map((e) => e.type)).toEqual(['logistics.shipment_created']);
  });
});
