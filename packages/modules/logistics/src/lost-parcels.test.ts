// Lost outbound parcels in logistics: the sweep flags a parcel silent for N business days (Asia/Shanghai)
// exactly on day N and not on day N−1 — two scans 20 minutes apart on either side of Beijing midnight
// become silent a day apart —, a carrier's `lost` exception flags it at once, a later scan clears the
// flag, staff confirm it `lost` (terminal), and the one-live-outbound-parcel index refuses a second
// parcel until the first is lost.
import { queryRows, transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { FixedClock } from '@zulin/kernel';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { applyCarrierEvents } from './apply-tracking';
import type { TrackingEvent, Waybill } from './carrier';
import { confirmShipmentLost } from './confirm-shipment-lost';
import { flagSilentParcels, silentSince } from './flag-silent-parcels';
import { LogisticsLimits } from './limits';
import { logisticsModule } from './module';
import { recordShipment } from './record-shipment';
import { loadShipment } from './shipments';

const address = {
  name: '张三',
  phone: '+8613800138000',
  province: '北京市',
  city: '北京市',
  district: '东城区',
  line: '东四 1 号',
};

const waybill = (n: number, orderRef: string): Waybill => ({
  carrier: 'sandbox_express',
  waybillNo: `ZS00000${String(n).padStart(4, '0')}CN`,
  orderRef,
  direction: 'outbound',
  sender: address,
  recipient: address,
  parcel: { weightGrams: 500, declaredValueMinor: 799_900, contents: '手机 ×1' },
  remark: '',
  createdAt: '2027-01-10T10:00:00+08:00',
  sortCode: '010-11',
});

const scan = (
  w: Waybill,
  n: number,
  state: TrackingEvent['state'],
  at: string,
  more: Partial<TrackingEvent> = {},
): TrackingEvent => ({
  eventId: `${w.waybillNo}-${n}`,
  carrier: 'sandbox_express',
  waybillNo: w.waybillNo,
  state,
  carrierCode: state.toUpperCase(),
  occurredAt: at,
  location: '北京市',
  description: { 'zh-CN': state, en: state },
  ...more,
});

describeDb('lost outbound parcels', (get) => {
  let s: TestServer;
  const db = () => s.ctx.database.db;
  const record = (w: Waybill, customerId: string | null = null) =>
    transaction(s.ctx.database, (tx) =>
      recordShipment(tx, {
        waybill: w,
        summary: {
          recipientName: '张*',
          recipientPhone: '138****8000',
          city: '北京市',
          contents: '手机 ×1',
          imei: null,
          unitId: null,
          customerId,
        },
        createdBy: null,
        now: s.clock.now(),
      }),
    );
  const apply = (events: TrackingEvent[]) =>
    transaction(s.ctx.database, (tx) =>
      applyCarrierEvents(tx, { carrier: 'sandbox_express', events, now: s.clock.now() }),
    );
  const sweepAt = (iso: string) =>
    flagSilentParcels(s.ctx.database, { clock: new FixedClock(iso), timeZone: 'Asia/Shanghai' });
  const flagOf = async (id: string) => {
    const row = await loadShipment(db(), id);
    return { state: row.state, reason: row.suspectedLostReason };
  };

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules: [logisticsModule], now: '2027-01-10T02:00:00Z' });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('silent since: a scan on day D is silent for 5 days from the start of D + 5 in Beijing', () => {
    expect(LogisticsLimits.suspectedLostAfterDays).toBe(5);
    // 2027-01-15 00:00 Beijing = 2027-01-14T16:00Z: scans before the start of 2027-01-11 Beijing count.
    expect(silentSince(new Date('2027-01-14T16:00:00Z'), 'Asia/Shanghai', 5).toISOString()).toBe(
      '2027-01-10T16:00:00.000Z',
    );
    expect(silentSince(new Date('2027-01-14T15:59:59Z'), 'Asia/Shanghai', 5).toISOString()).toBe(
      '2027-01-09T16:00:00.000Z',
    );
  });

  test('the sweep flags exactly on day N, not on day N−1; created, delivered and return parcels never', async () => {
    const late = waybill(1, 'rord_late'); // last scan 2027-01-10 23:50 Beijing
    const early = waybill(2, 'rord_early'); // last scan 2027-01-11 00:10 Beijing, 20 minutes later
    const uncollected = waybill(3, 'rord_uncollected');
    const delivered = waybill(4, 'rord_delivered');
    const back = { ...waybill(5, 'rord_back'), direction: 'return' as const };
    const [a, b, c, d, e] = [
      await record(late),
      await record(early),
      await record(uncollected),
      await record(delivered),
      await record(back),
    ];
    await apply([
      scan(late, 1, 'picked_up', '2027-01-10T20:00:00+08:00'),
      scan(late, 2, 'in_transit', '2027-01-10T23:50:00+08:00'),
      scan(early, 1, 'picked_up', '2027-01-11T00:10:00+08:00'),
      scan(delivered, 1, 'picked_up', '2027-01-10T09:00:00+08:00'),
      scan(delivered, 2, 'delivered', '2027-01-10T18:00:00+08:00', { signedBy: '本人' }),
      scan(back, 1, 'picked_up', '2027-01-09T09:00:00+08:00'),
    ]);
    // 2027-01-14 23:59:59 Beijing: day 4 for the 10th's scan — nothing.
    expect(await sweepAt('2027-01-14T15:59:59Z')).toEqual({ flagged: 0 });
    // 2027-01-15 00:00 Beijing: day 5 for the 10th's scan, day 4 for the 11th's.
    expect(await sweepAt('2027-01-14T16:00:00Z')).toEqual({ flagged: 1 });
    expect(await flagOf(a.id)).toEqual({ state: 'in_transit', reason: 'no_scan' });
    expect((await flagOf(b.id)).reason).toBeNull();
    // Again the same day: flagged once.
    expect(await sweepAt('2027-01-14T23:00:00Z')).toEqual({ flagged: 0 });
    // 2027-01-16 00:00 Beijing: the 11th's scan is 5 days old.
    expect(await sweepAt('2027-01-15T16:00:00Z')).toEqual({ flagged: 1 });
    expect((await flagOf(b.id)).reason).toBe('no_scan');
    for (const id of [c.id, d.id, e.id]) expect((await flagOf(id)).reason).toBeNull();
    // The console's list of suspected lost parcels.
    const { listShipments } = await import('./shipments');
    const listed = await listShipments(db(), { suspectedLost: true });
    expect(listed.data.map((r) => r.waybillNo).sort()).toEqual([late.waybillNo, early.waybillNo].sort());
    // A later scan clears the flag: the parcel moves again.
    await apply([scan(early, 2, 'in_transit', '2027-01-16T08:00:00+08:00')]);
    expect(await flagOf(b.id)).toEqual({ state: 'in_transit', reason: null });
  });

  test('a carrier’s lost exception flags the parcel; staff confirm it lost; the index then allows a second parcel', async () => {
    const first = waybill(11, 'rord_lost');
    const row = await record(first);
    // A second live outbound parcel of the same order is refused by the partial unique index.
    await expect(record(waybill(12, 'rord_lost'))).rejects.toThrow();
    await apply([
      scan(first, 1, 'picked_up', '2027-01-10T09:00:00+08:00'),
      scan(first, 2, 'exception', '2027-01-13T09:00:00+08:00', { exceptionReason: 'lost' }),
    ]);
    expect(await flagOf(row.id)).toEqual({ state: 'exception', reason: 'carrier_lost' });
    // A bad reason is refused and changes nothing.
    await expect(
      transaction(s.ctx.database, (tx) =>
        confirmShipmentLost(tx, {
          shipmentId: row.id,
          direction: 'outbound',
          reason: ' ',
          staffId: 'stf_x',
          now: s.clock.now(),
        }),
      ),
    ).rejects.toMatchObject({ code: 'LOGISTICS_LOST_REASON_INVALID' });
    const lost = await transaction(s.ctx.database, (tx) =>
      confirmShipmentLost(tx, {
        shipmentId: row.id,
        direction: 'outbound',
        reason: '快递公司确认遗失',
        staffId: 'stf_x',
        now: s.clock.now(),
      }),
    );
    expect(lost).toMatchObject({ state: 'lost', lostBy: 'stf_x', lostReason: '快递公司确认遗失' });
    const events = await queryRows<{ type: string }>(
      db(),
      sql`select type from outbox where aggregate_id = ${row.id} and type = 'logistics.shipment_lost'`,
    );
    expect(events).toHaveLength(1);
    // Terminal: confirming again is refused; a scan that turns up later moves nothing.
    await expect(
      transaction(s.ctx.database, (tx) =>
        confirmShipmentLost(tx, {
          shipmentId: row.id,
          direction: 'outbound',
          reason: '再次',
          staffId: 'stf_x',
          now: s.clock.now(),
        }),
      ),
    ).rejects.toMatchObject({ code: 'LOGISTICS_SHIPMENT_TRANSITION_NOT_ALLOWED' });
    expect(await apply([scan(first, 3, 'delivered', '2027-01-16T10:00:00+08:00')])).toEqual({
      applied: 0,
      unchanged: 1,
      unknown: 0,
    });
    expect((await loadShipment(db(), row.id)).state).toBe('lost');
    // 补发: the lost parcel no longer counts against the index.
    const second = await record(waybill(12, 'rord_lost'));
    expect(second.state).toBe('created');
    // Confirming a parcel never collected is refused (created → lost is not a move).
    await expect(
      transaction(s.ctx.database, (tx) =>
        confirmShipmentLost(tx, {
          shipmentId: second.id,
          direction: 'outbound',
          reason: '未揽收',
          staffId: 'stf_x',
          now: s.clock.now(),
        }),
      ),
    ).rejects.toMatchObject({ code: 'LOGISTICS_SHIPMENT_TRANSITION_NOT_ALLOWED' });
  });

  test('a return parcel is confirmed lost the same way once collected; each desk refuses the other direction', async () => {
    const back = { ...waybill(31, 'rord_return_lost'), direction: 'return' as const };
    const row = await record(back);
    const confirm = (direction: 'outbound' | 'return', reason = '快递公司确认退货包裹遗失') =>
      transaction(s.ctx.database, (tx) =>
        confirmShipmentLost(tx, { shipmentId: row.id, direction, reason, staffId: 'stf_y', now: s.clock.now() }),
      );
    // Not collected yet: created → lost is not a move.
    await expect(confirm('return')).rejects.toMatchObject({ code: 'LOGISTICS_SHIPMENT_TRANSITION_NOT_ALLOWED' });
    await apply([scan(back, 1, 'picked_up', '2027-01-20T09:00:00+08:00')]);
    // The shipping desk (outbound) refuses a return parcel, and changes nothing.
    await expect(confirm('outbound')).rejects.toMatchObject({ code: 'LOGISTICS_SHIPMENT_NOT_OUTBOUND' });
    expect((await loadShipment(db(), row.id)).state).toBe('picked_up');
    const lost = await confirm('return');
    expect(lost).toMatchObject({ state: 'lost', direction: 'return', lostBy: 'stf_y' });
    const events = await queryRows<{ payload: { direction: string; waybillNo: string } }>(
      db(),
      sql`select payload from outbox where aggregate_id = ${row.id} and type = 'logistics.shipment_lost'`,
    );
    expect(events.map((e) => e.payload)).toMatchObject([{ direction: 'return', waybillNo: row.waybillNo }]);
    // An outbound parcel is refused by the returns desk.
    const out = await record(waybill(32, 'rord_return_lost_out'));
    await apply([scan(waybill(32, 'rord_return_lost_out'), 1, 'picked_up', '2027-01-20T09:00:00+08:00')]);
    await expect(
      transaction(s.ctx.database, (tx) =>
        confirmShipmentLost(tx, {
          shipmentId: out.id,
          direction: 'return',
          reason: '快递公司确认遗失',
          staffId: 'stf_y',
          now: s.clock.now(),
        }),
      ),
    ).rejects.toMatchObject({ code: 'LOGISTICS_SHIPMENT_NOT_RETURN' });
  });

  test('flagging audits, publishes and tells the customer once per parcel, whatever reruns (sweep and carrier)', async () => {
    const silent = waybill(21, 'rord_notice_silent');
    const carrier = waybill(22, 'rord_notice_carrier');
    const a = await record(silent, 'cus_notice_1');
    const b = await record(carrier, 'cus_notice_2');
    await apply([
      scan(silent, 1, 'picked_up', '2027-02-01T09:00:00+08:00'),
      scan(carrier, 1, 'picked_up', '2027-02-01T09:00:00+08:00'),
    ]);
    const trail = async (id: string) => ({
      audit: await queryRows<{ action: string; actor_kind: string; detail: { reason: string; waybillNo: string } }>(
        db(),
        sql`select action, actor_kind, detail from identity_audit_log where target_type = 'shipment' and target_id = ${id} order by at, id`,
      ),
      events: await queryRows<{ payload: { reason: string; lastEventAt: string } }>(
        db(),
        sql`select payload from outbox where aggregate_id = ${id} and type = 'logistics.shipment_suspected_lost' order by seq`,
      ),
      notices: await queryRows<{
        customer_id: string;
        template: string;
        params: { waybillNo: string };
        in_app: boolean;
        sms_status: string;
      }>(
        db(),
        sql`select customer_id, template, params, in_app, sms_status from notification_messages where template = 'logistics.parcel_suspected_lost' and params->>'waybillNo' = ${id === a.id ? silent.waybillNo : carrier.waybillNo}`,
      ),
    });
    // The sweep on 6 February 00:00 Beijing (the 1st + 5 days): flagged, audited (system), published, told.
    // (The first test's parcel, silent since 16 January, is flagged again in the same run.)
    expect((await sweepAt('2027-02-05T16:00:00Z')).flagged).toBeGreaterThanOrEqual(2);
    expect(await flagOf(a.id)).toEqual({ state: 'picked_up', reason: 'no_scan' });
    expect(await flagOf(b.id)).toEqual({ state: 'picked_up', reason: 'no_scan' });
    // The carrier's LOST scan on the other parcel after its no_scan flag was cleared by a scan.
    await apply([scan(carrier, 2, 'in_transit', '2027-02-06T08:00:00+08:00')]);
    expect(await flagOf(b.id)).toEqual({ state: 'in_transit', reason: null });
    await apply([scan(carrier, 3, 'exception', '2027-02-06T10:00:00+08:00', { exceptionReason: 'lost' })]);
    expect(await flagOf(b.id)).toEqual({ state: 'exception', reason: 'carrier_lost' });
    // Reruns: the sweep again (nothing new), the LOST scan again (a duplicate), a second LOST scan.
    expect(await sweepAt('2027-02-06T16:00:00Z')).toEqual({ flagged: 0 });
    await apply([scan(carrier, 3, 'exception', '2027-02-06T10:00:00+08:00', { exceptionReason: 'lost' })]);
    await apply([scan(carrier, 4, 'exception', '2027-02-06T11:00:00+08:00', { exceptionReason: 'lost' })]);

    const one = await trail(a.id);
    expect(one.audit).toEqual([
      {
        action: 'logistics.parcel_flagged_lost',
        actor_kind: 'system',
        detail: expect.objectContaining({ reason: 'no_scan', waybillNo: silent.waybillNo }),
      },
    ]);
    expect(one.events.map((e) => e.payload)).toEqual([
      expect.objectContaining({ reason: 'no_scan', lastEventAt: '2027-02-01T01:00:00.000Z' }),
    ]);
    expect(one.notices).toEqual([
      {
        customer_id: 'cus_notice_1',
        template: 'logistics.parcel_suspected_lost',
        params: { waybillNo: silent.waybillNo },
        in_app: true,
        sms_status: 'requested',
      },
    ]);
    // The carrier's parcel was flagged twice (no_scan, then carrier_lost): two audits, two events, one notice.
    const two = await trail(b.id);
    // (Sorted: the sweep ran on a clock of its own, ahead of the server's.)
    expect(two.audit.map((r) => r.detail.reason).sort()).toEqual(['carrier_lost', 'no_scan']);
    expect(two.events.map((e) => e.payload.reason)).toEqual(['no_scan', 'carrier_lost']);
    expect(two.notices.map((n) => n.customer_id)).toEqual(['cus_notice_2']);
    expect(two.notices).toHaveLength(1);
  });
});
